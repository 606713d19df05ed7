using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// A unit's reporter opens the gap analysis from the scorecard, writes a cause in place, sends one too long and
/// finds the error at the row with what was typed kept; an evaluator reads the period's view and downloads the
/// drafted plan as Word.
/// </summary>
public sealed class GapJourneyTests : BrowserTest
{
    [Fact]
    public async Task Reporter_WritesACauseInPlace_AndAnEvaluatorReadsThePeriodAndDraftsThePlan()
    {
        var page = await SignInAsync("reporter.so-a");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A");
        await page.Locator("#gaps-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Điểm chưa đạt");

        var row = page.Locator("tr#gap-3\\.2");
        await row.GetByLabel("Nguyên nhân chưa đạt điểm của chỉ tiêu 3.2").FillAsync("Một số máy tính chưa được kết nối Internet");
        await row.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu nguyên nhân của chỉ tiêu 3.2");
        await Assertions.Expect(page.Locator("tr#gap-3\\.2 textarea")).ToHaveValueAsync("Một số máy tính chưa được kết nối Internet");
        await Assertions.Expect(page.Locator("tr#gap-3\\.2")).ToContainTextAsync("reporter.so-a");

        // Too long (the field's own limit is lifted, as a script or an old browser would): the error at the row, the text kept.
        var other = page.Locator("tr#gap-3\\.1 textarea");
        await other.EvaluateAsync("t => t.removeAttribute('maxlength')");
        await other.FillAsync(new string('x', 2001));
        await page.Locator("tr#gap-3\\.1").GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tr#gap-3\\.1 .error")).ToContainTextAsync("tối đa 2000 ký tự");
        await Assertions.Expect(page.Locator("tr#gap-3\\.1 textarea")).ToHaveValueAsync(new string('x', 2001));
        await Assertions.Expect(page.Locator("tr#gap-3\\.1 textarea")).ToBeFocusedAsync();
        await page.Locator("tr#gap-3\\.2").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "gaps-unit");

        // The reporter has no button to draft the plan; the evaluator has, and reads the period's view.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dự thảo kế hoạch nâng cao (Word)" })).ToHaveCountAsync(0);
        var evaluator = await SignInAsync("evaluator");
        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        await evaluator.Locator("#gaps-link").ClickAsync();
        await Assertions.Expect(evaluator.Locator("h1")).ToContainTextAsync("Các chỉ tiêu mất nhiều điểm nhất");
        await Assertions.Expect(evaluator.Locator("table.gaps tbody tr").First).ToBeVisibleAsync();
        await ScreenshotAsync(evaluator, "gaps-period");

        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/diem-chua-dat?unit=SO-A");
        await Assertions.Expect(evaluator.Locator("tr#gap-3\\.2 textarea")).ToHaveValueAsync("Một số máy tính chưa được kết nối Internet");
        var download = await evaluator.RunAndWaitForDownloadAsync(() => evaluator.GetByRole(AriaRole.Link, new() { Name = "Dự thảo kế hoạch nâng cao (Word)" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Cancel);
        copy.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(copy, false);
        Assert.Contains("Nguyên nhân: Một số máy tính chưa được kết nối Internet", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }
}
