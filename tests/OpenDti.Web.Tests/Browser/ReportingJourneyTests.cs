using System.Net.Http.Json;
using Microsoft.Playwright;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>A unit's reporter fills in the DTI form in a real browser, as on the day.</summary>
public sealed class ReportingJourneyTests : BrowserTest
{
    private string FormPath(string? unit = null) => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai" + (unit is null ? string.Empty : "/" + unit);

    private static ILocator Status(IPage page, string indicator, string input) => page.Locator($"[id='st-in-{indicator}-{input}']");

    private static ILocator Points(IPage page, string indicator) => page.Locator($"fieldset[id='n-{indicator}'] [data-points-for='{indicator}']");

    [Fact]
    public async Task Reporter_FillsInTheForm_WithEvidence_FindsItAllAfterAReload_AndTheEvaluatorSeesTheNewRank()
    {
        // Sở B has reported a little: it leads, Sở A is second.
        using (var api = await Factory.ClientAsync("reporter.so-b"))
        {
            var saved = await api.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", new[] { new { indicator = "1.1", input = "truong_ban", value = "nguoi_dung_dau" } }, Cancel);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
        }

        var evaluator = await SignInAsync("evaluator");
        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        await Assertions.Expect(RankOf(evaluator, "Sở A")).ToHaveTextAsync("2");

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
        await page.Locator("[id='in-3.2-a']").FillAsync("1.234");
        await page.Locator("[id='in-3.2-b']").FillAsync("2.000");
        await page.Locator("[id='in-3.2-b']").PressAsync("Tab");
        await Assertions.Expect(Status(page, "3.2", "a")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(Status(page, "3.2", "b")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(Points(page, "3.2")).ToHaveTextAsync("12,34");
        await Assertions.Expect(page.Locator("[data-explain-for='3.2']")).ToContainTextAsync("Tỷ lệ");
        await Assertions.Expect(page.Locator("[data-answered]")).ToHaveTextAsync("4");

        // The plan that proves 2.1, with its number, date and summary.
        await page.Locator("fieldset[id='n-2.1'] details.evidence-upload summary").ClickAsync();
        await page.Locator("[id='file-2.1']").SetInputFilesAsync(new FilePayload { Name = "Kế hoạch CĐS 2024.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
        await page.Locator("[id='number-2.1']").FillAsync("45/KH-SOA");
        await page.Locator("[id='issued-2.1']").FillAsync("20/02/2024");
        await page.Locator("[id='summary-2.1']").FillAsync("Kế hoạch chuyển đổi số năm 2024");
        await page.Locator("fieldset[id='n-2.1'] button", new() { HasText = "Tải lên" }).ClickAsync();

        // Uploaded in place (docs/review.md): the file is listed under its indicator without a reload.
        await Assertions.Expect(page.Locator("[id='ev-2.1'] .evidence-list")).ToContainTextAsync("Kế hoạch CĐS 2024.pdf");

        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("[id='in-1.1-truong_ban']")).ToHaveValueAsync("cap_pho");
        await Assertions.Expect(page.Locator("input[name='v[2.1|da_ban_hanh]'][value='có']")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[id='in-3.2-a']")).ToHaveValueAsync("1.234");
        await Assertions.Expect(page.Locator("[id='in-3.2-b']")).ToHaveValueAsync("2.000");
        await Assertions.Expect(Points(page, "3.2")).ToHaveTextAsync("12,34");
        var evidence = page.Locator("[id='ev-2.1']");
        await Assertions.Expect(evidence.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch CĐS 2024.pdf" })).ToBeVisibleAsync();
        await Assertions.Expect(evidence).ToContainTextAsync("Số hiệu: 45/KH-SOA");
        await Assertions.Expect(evidence).ToContainTextAsync("Ngày ban hành: 20/02/2024");
        await page.Locator("fieldset[id='n-2.1']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "report-form");

        // The file comes back as it was sent, under its name.
        var download = await page.RunAndWaitForDownloadAsync(() => evidence.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch CĐS 2024.pdf" }).ClickAsync());
        Assert.Equal("Kế hoạch CĐS 2024.pdf", download.SuggestedFilename);
        Assert.Equal(SampleFiles.Pdf(), await File.ReadAllBytesAsync(await download.PathAsync(), Cancel));

        // Sở A now leads.
        await evaluator.ReloadAsync();
        await Assertions.Expect(RankOf(evaluator, "Sở A")).ToHaveTextAsync("1");
        await Assertions.Expect(RankOf(evaluator, "Sở B")).ToHaveTextAsync("2");
        await ScreenshotAsync(evaluator, "period-ranking", fullPage: true);
        await evaluator.Locator("table.ranking").GetByRole(AriaRole.Link, new() { Name = "Sở A", Exact = true }).ClickAsync();
        await Assertions.Expect(evaluator.Locator("a", new() { HasText = "Kế hoạch CĐS 2024.pdf" })).ToBeVisibleAsync();
        await ScreenshotAsync(evaluator, "scorecard");
    }

    [Fact]
    public async Task AnotherUnitsReporter_CannotOpenTheFirstUnitsEvidence()
    {
        var owner = await SignInAsync("reporter.so-a");
        await owner.GotoAsync(FormPath());
        await owner.Locator("fieldset[id='n-2.1'] details.evidence-upload summary").ClickAsync();
        await owner.Locator("[id='file-2.1']").SetInputFilesAsync(new FilePayload { Name = "a.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
        await owner.Locator("fieldset[id='n-2.1'] button", new() { HasText = "Tải lên" }).ClickAsync();
        await Assertions.Expect(owner.Locator("[id='ev-2.1'] .evidence-list a")).ToHaveCountAsync(1);
        var link = await owner.Locator("[id='ev-2.1'] a").First.GetAttributeAsync("href");

        var other = await SignInAsync("reporter.so-b");
        await other.GotoAsync(FormPath("SO-A") + link);

        await Assertions.Expect(other).ToHaveTitleAsync("Không có quyền · OpenDti");
    }

    private static ILocator RankOf(IPage page, string unitName) =>
        page.Locator("table.ranking tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = unitName, Exact = true }) }).Locator("td").First;

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
