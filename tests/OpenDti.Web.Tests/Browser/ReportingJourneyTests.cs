using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>A unit's reporter fills in the DTI form in a real browser, as on the day.</summary>
public sealed class ReportingJourneyTests : BrowserTest
{
    private string FormPath(string? unit = null) => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai" + (unit is null ? string.Empty : "/" + unit);

    private static ILocator Status(IPage page, string indicator, string input) => page.Locator($"[id='st-in-{indicator}-{input}']");

    private static ILocator Points(IPage page, string indicator) => page.Locator($"fieldset[id='n-{indicator}'] [data-points-for='{indicator}']");

    [Fact]
    public async Task Reporter_FillsInAYesNoAChoiceAndARatio_FindsThemAfterAReload_WithThePoints()
    {
        var page = await SignInAsync("reporter.so-a");
        await ScreenshotAsync(page, "home-reporter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kê khai", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**" + FormPath());

        // A choice: the head of the steering committee is the deputy director.
        await page.Locator("[id='in-1.1-truong_ban']").SelectOptionAsync("cap_pho");
        await Assertions.Expect(Status(page, "1.1", "truong_ban")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(Points(page, "1.1")).ToHaveTextAsync("10,00");

        // A yes/no.
        await page.Locator("fieldset[id='n-2.1'] label.choice", new() { HasText = "Có" }).ClickAsync();
        await Assertions.Expect(Status(page, "2.1", "da_ban_hanh")).ToContainTextAsync("Đã lưu");

        // A ratio, typed the Vietnamese way.
        await page.Locator("[id='in-3.2-a']").FillAsync("1.234,5");
        await page.Locator("[id='in-3.2-b']").FillAsync("2.000");
        await page.Locator("[id='in-3.2-b']").PressAsync("Tab");
        await Assertions.Expect(Status(page, "3.2", "a")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(Status(page, "3.2", "b")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(Points(page, "3.2")).ToHaveTextAsync("12,35");
        await Assertions.Expect(page.Locator("[data-explain-for='3.2']")).ToContainTextAsync("Tỷ lệ");
        await Assertions.Expect(page.Locator("[data-answered]")).ToHaveTextAsync("4");

        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("[id='in-1.1-truong_ban']")).ToHaveValueAsync("cap_pho");
        await Assertions.Expect(page.Locator("input[name='v[2.1|da_ban_hanh]'][value='có']")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[id='in-3.2-a']")).ToHaveValueAsync("1.234,5");
        await Assertions.Expect(page.Locator("[id='in-3.2-b']")).ToHaveValueAsync("2.000");
        await Assertions.Expect(Points(page, "3.2")).ToHaveTextAsync("12,35");
        await page.Locator("fieldset[id='n-3.2']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "report-form");
    }

    [Fact]
    public async Task ABadNumber_IsSaidNextToTheInput_AndNotSaved()
    {
        var page = await SignInAsync("reporter.so-a");
        await page.GotoAsync(FormPath());

        await page.Locator("[id='in-3.2-a']").FillAsync("nhiều");
        await page.Locator("[id='in-3.2-a']").PressAsync("Tab");

        await Assertions.Expect(page.Locator("[id='err-in-3.2-a']")).ToContainTextAsync("nhiều");
        await Assertions.Expect(page.Locator("[id='in-3.2-a']")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[id='in-3.2-a']")).ToHaveValueAsync(string.Empty);
    }

    [Fact]
    public async Task TwoTabs_TheSecondIsToldOfTheConflict()
    {
        var first = await SignInAsync("reporter.so-a");
        await first.GotoAsync(FormPath());
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync(FormPath());

        await first.Locator("[id='in-1.1-truong_ban']").SelectOptionAsync("cap_pho");
        await Assertions.Expect(Status(first, "1.1", "truong_ban")).ToContainTextAsync("Đã lưu");
        await second.Locator("[id='in-1.1-truong_ban']").SelectOptionAsync("khong");

        await Assertions.Expect(second.Locator("[id='err-in-1.1-truong_ban']")).ToContainTextAsync("hãy tải lại");
        await second.ReloadAsync();
        await Assertions.Expect(second.Locator("[id='in-1.1-truong_ban']")).ToHaveValueAsync("cap_pho");
    }

    [Fact]
    public async Task AnotherUnitsReporter_CannotOpenTheForm()
    {
        var page = await SignInAsync("reporter.so-b");

        await page.GotoAsync(FormPath("SO-A"));

        await Assertions.Expect(page).ToHaveTitleAsync("Không có quyền · OpenDti");
    }

    [Fact]
    public async Task OnAPhone_TheFormFitsTheScreen()
    {
        var page = await SignInAsync("reporter.so-a", Phone);

        await page.GotoAsync(FormPath());

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the form is {width} px wide on a {Phone.Width} px screen");
        await ScreenshotAsync(page, "report-form-phone");
    }
}
