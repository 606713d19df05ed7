using System.Net.Http.Json;
using ClosedXML.Excel;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>An evaluator downloads the ranking as Excel from the period page, and the file opens with the ranking in it.</summary>
public sealed class TableDownloadTests : BrowserTest
{
    [Fact]
    public async Task Evaluator_DownloadsTheRankingAsExcel_FromThePeriodPage_AndOpensIt()
    {
        using (var reporter = await Factory.ClientAsync("reporter.so-a"))
        {
            var saved = await reporter.PutAsJsonAsync(
                $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values",
                new object[] { new { indicator = "3.2", input = "a", value = "150" }, new { indicator = "3.2", input = "b", value = 200 } },
                Cancel);
            Assert.True(saved.IsSuccessStatusCode);
        }

        var page = await SignInAsync("evaluator");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        var rankOnPage = await page.Locator("table.ranking tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Sở A", Exact = true }) }).Locator("td").First.InnerTextAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel (.xlsx)" }).ClickAsync());

        Assert.Equal("Xếp hạng Kỳ mở.xlsx", download.SuggestedFilename);
        using var workbook = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync(), Cancel)));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Xếp hạng — Kỳ mở", sheet.Cell(1, 1).GetString());
        Assert.Equal("Hạng", sheet.Cell(3, 1).GetString());
        var row = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "SO-A");
        Assert.Equal("Sở A", row.Cell(3).GetString());
        Assert.Equal(XLDataType.Number, row.Cell(1).DataType);
        Assert.Equal(rankOnPage.Trim(), row.Cell(1).GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
