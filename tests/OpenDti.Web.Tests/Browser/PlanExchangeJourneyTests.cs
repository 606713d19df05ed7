using System.Net;
using ClosedXML.Excel;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// An evaluator downloads a plan as seed 004's table from the import page, assigns an indicator in it offline,
/// uploads it, reads the preview and applies it; a unit's reporter opens the same plan's printed table.
/// </summary>
public sealed class PlanExchangeJourneyTests : BrowserTest
{
    [Fact]
    public async Task Evaluator_DownloadsSeed004sTable_AssignsALeadUnit_PreviewsAndApplies_AndTheReporterPrintsIt()
    {
        var page = await SignInAsync("evaluator");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/nhap-excel?unit=SO-A");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-plan-xlsx='004']").ClickAsync());
        Assert.StartsWith("Kế hoạch SO-A", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith("mẫu 004.xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        byte[] edited;
        using (var workbook = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync(), Cancel))))
        {
            // As in Excel: the lead unit by its name, two coordinating units on two lines, a target and a day.
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Đơn vị chủ trì tham mưu/theo dõi", sheet.Cell(6, 7).GetString());
            var row = Enumerable.Range(7, 300).First(r => sheet.Cell(r, 1).GetString() == "2.1");
            sheet.Cell(row, 7).SetValue("Sở B");
            sheet.Cell(row, 8).SetValue("Tỉnh Thử\nSở A");
            sheet.Cell(row, 5).SetValue("≥ 80%");
            sheet.Cell(row, 6).SetValue(new DateTime(2024, 12, 20));
            using var output = new MemoryStream();
            workbook.SaveAs(output);
            edited = output.ToArray();
        }

        await page.Locator("#plan-file").SetInputFilesAsync(new FilePayload
        {
            Name = "ke-hoach-so-a.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = edited,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();

        var preview = page.Locator("[data-plan-preview]");
        await Assertions.Expect(preview).ToContainTextAsync("Bảng được nhận là mẫu 004.");
        await Assertions.Expect(preview.Locator("[data-change='2.1|leadUnit']")).ToContainTextAsync("SO-B");
        await Assertions.Expect(preview.Locator("[data-change='2.1|deadline']")).ToContainTextAsync("20/12/2024");
        await Assertions.Expect(preview.Locator("[data-change='2.1|target']")).ToContainTextAsync("≥ 80%");
        await Assertions.Expect(preview.Locator("[data-change='2.1|coordinatingUnits']")).ToContainTextAsync("SO-A, TINH");

        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng" }).ClickAsync();
        await page.WaitForURLAsync("**applied=1*");
        await Assertions.Expect(page.Locator("[data-plan-applied]")).ToBeVisibleAsync();

        var reporter = await SignInAsync("reporter.so-a");
        await reporter.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=004");
        var row21 = reporter.Locator("tr", new() { Has = reporter.Locator("td", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^2\\.1$") }) });
        await Assertions.Expect(row21).ToContainTextAsync("Sở B");
        await Assertions.Expect(row21).ToContainTextAsync("20/12/2024");
        await Assertions.Expect(reporter.Locator("th", new() { HasText = "Đơn vị chủ trì tham mưu/theo dõi" })).ToBeVisibleAsync();
        var pdf = await reporter.APIRequest.GetAsync(await reporter.Locator("a", new() { HasText = "Tải PDF" }).GetAttributeAsync("href") is { } href
            ? new Uri(new Uri(reporter.Url), href).ToString()
            : throw new InvalidOperationException("no PDF link"));
        Assert.Equal((int)(DocumentTests.ChromiumPresent ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable), pdf.Status);
    }
}
