using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Every table as a spreadsheet: <c>?format=xlsx|csv</c> on the API routes and the pages' download buttons
/// give the table the page shows, with a title row, Vietnamese headers and numbers as numeric cells.
/// </summary>
public sealed class TableExportTests : WebAppTest
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private string Period(string path = "") => $"/api/periods/{Factory.OpenPeriodId}{path}";

    /// <summary>SO-A reports a few values in the open period, as its reporter, with <paramref name="reason"/>.</summary>
    private async Task ReportSoAAsync(string? reason = null)
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        var saved = await reporter.PutAsJsonAsync(
            Period("/units/SO-A/values") + (reason is null ? string.Empty : "?reason=" + Uri.EscapeDataString(reason)),
            new object[]
            {
                new { indicator = "3.2", input = "a", value = "150" },
                new { indicator = "3.2", input = "b", value = 200 },
                new { indicator = "2.1", input = "da_ban_hanh", value = true },
            },
            Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task<XLWorkbook> WorkbookAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel)));
    }

    private static IReadOnlyList<string> Headers(IXLWorksheet sheet) =>
        sheet.Row(3).CellsUsed().Select(c => c.GetString()).ToArray();

    private static IXLRow RowOf(IXLWorksheet sheet, int column, string text) =>
        sheet.RowsUsed().Single(r => r.RowNumber() > 3 && r.Cell(column).GetString() == text);

    private static int Column(IXLWorksheet sheet, string header) =>
        sheet.Row(3).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;

    [Fact]
    public async Task Results_AsXlsx_AreTheRanking_WithTitleRow_VietnameseHeaders_AndNumbers()
    {
        await ReportSoAAsync();
        using var admin = await Factory.ClientAsync("admin");
        var json = await JsonAsync(await admin.GetAsync(Period("/results"), Cancel));
        var soA = json.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "SO-A");

        using var response = await admin.GetAsync(Period("/results?format=xlsx"), Cancel);
        using var workbook = await WorkbookAsync(response);
        var sheet = workbook.Worksheet(1);

        Assert.Equal("Xếp hạng — Kỳ mở", sheet.Cell(1, 1).GetString());
        Assert.Matches(@"^Xuất ngày \d\d/\d\d/\d{4}$", sheet.Cell(2, 1).GetString());
        Assert.Equal(["Hạng", "Mã đơn vị", "Tên đơn vị", "Tổng điểm", "Tỷ lệ chỉ tiêu đã kê khai"], Headers(sheet).Take(5));
        Assert.Contains(Headers(sheet), h => h.StartsWith("1. ", StringComparison.Ordinal) && h.Contains("điểm chuẩn", StringComparison.Ordinal));
        var row = RowOf(sheet, 2, "SO-A");
        Assert.Equal("Sở A", row.Cell(3).GetString());
        Assert.Equal(XLDataType.Number, row.Cell(1).DataType);
        Assert.Equal(soA.GetProperty("rank").GetInt32(), row.Cell(1).GetDouble());
        Assert.Equal(XLDataType.Number, row.Cell(4).DataType);
        Assert.Equal((double)soA.GetProperty("total").GetDecimal(), row.Cell(4).GetDouble(), 2);
        var firstIndex = soA.GetProperty("mainIndices")[0];
        var indexColumn = Column(sheet, Headers(sheet).First(h => h.StartsWith(firstIndex.GetProperty("code").GetString() + ". ", StringComparison.Ordinal)));
        Assert.Equal((double)firstIndex.GetProperty("points").GetDecimal(), row.Cell(indexColumn).GetDouble(), 2);
        Assert.Equal(firstIndex.GetProperty("rank").GetInt32(), row.Cell(indexColumn + 1).GetDouble());

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Xep-hang-Ky-mo.xlsx", disposition.FileName?.Trim('"'));
        Assert.Equal("Xếp hạng Kỳ mở.xlsx", disposition.FileNameStar);
    }

    [Fact]
    public async Task TheRankingOfTheNextYear_CarriesLastYearsChange_InPointsAndRank()
    {
        await ReportSoAAsync();
        using var admin = await Factory.ClientAsync("admin");
        var lastYear = (await JsonAsync(await admin.GetAsync(Period("/results"), Cancel))).GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("unitCode").GetString() == "SO-A");

        using var workbook = await WorkbookAsync(await admin.GetAsync($"/api/periods/{Factory.DraftPeriodId}/results?format=xlsx", Cancel));
        var sheet = workbook.Worksheet(1);

        Assert.Contains("thay đổi so với kỳ Kỳ mở", sheet.Cell(2, 1).GetString(), StringComparison.Ordinal);
        var row = RowOf(sheet, 2, "SO-A");
        var total = (decimal)row.Cell(Column(sheet, "Tổng điểm")).GetDouble();
        var previous = lastYear.GetProperty("total").GetDecimal();
        Assert.Equal((double)previous, row.Cell(Column(sheet, "Tổng điểm năm trước")).GetDouble(), 2);
        Assert.Equal((double)(total - previous), row.Cell(Column(sheet, "Thay đổi điểm")).GetDouble(), 2);
        Assert.Equal(lastYear.GetProperty("rank").GetInt32(), row.Cell(Column(sheet, "Hạng năm trước")).GetDouble());
        var index = lastYear.GetProperty("mainIndices")[0];
        var code = index.GetProperty("code").GetString();
        var indexPoints = row.Cell(Column(sheet, Headers(sheet).First(h => h.StartsWith(code + ". ", StringComparison.Ordinal)))).GetDouble();
        Assert.Equal(indexPoints - (double)index.GetProperty("points").GetDecimal(), row.Cell(Column(sheet, code + " — thay đổi điểm")).GetDouble(), 2);
    }

    [Fact]
    public async Task Results_AsCsv_ReadBack_WithVietnameseText()
    {
        await ReportSoAAsync();
        using var admin = await Factory.ClientAsync("admin");

        using var response = await admin.GetAsync(Period("/results?format=csv"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Xếp hạng Kỳ mở.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("# Xếp hạng — Kỳ mở", lines[0]);
        Assert.StartsWith("Hạng,Mã đơn vị,Tên đơn vị,Tổng điểm,", lines[2], StringComparison.Ordinal);
        var soA = lines.Skip(3).Single(l => l.StartsWith("1,SO-A,", StringComparison.Ordinal) || l.Contains(",SO-A,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("Sở A", soA[2]);
        Assert.Matches(@"^\d+(\.\d+)?$", soA[3]);
    }

    [Fact]
    public async Task InEnglish_TheHeadersAreEnglish()
    {
        using var admin = await EnglishClientAsync("admin");

        using var workbook = await WorkbookAsync(await admin.GetAsync(Period("/results?format=xlsx"), Cancel));

        Assert.Equal("Ranking — Kỳ mở", workbook.Worksheet(1).Cell(1, 1).GetString());
        Assert.Equal(["Rank", "Unit code", "Unit", "Total points"], Headers(workbook.Worksheet(1)).Take(4));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("xlsx2")]
    [InlineData(" ")]
    public async Task AnUnknownFormat_Is400_SayingWhichThereAre(string format)
    {
        using var admin = await Factory.ClientAsync("admin");

        foreach (var path in new[] { Period("/results"), Period("/comparison"), "/api/units", "/api/accounts", "/api/audit" })
        {
            using var response = await admin.GetAsync(path + "?format=" + Uri.EscapeDataString(format), Cancel);
            if (string.IsNullOrWhiteSpace(format))
            {
                // No format is the JSON, as before.
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                continue;
            }

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("format=xlsx", await TitleAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryOtherTable_ComesWithItsHeaders()
    {
        await ReportSoAAsync();
        using var admin = await Factory.ClientAsync("admin");

        using (var card = await WorkbookAsync(await admin.GetAsync(Period("/units/SO-A/scorecard?format=xlsx"), Cancel)))
        {
            var sheet = card.Worksheet(1);
            Assert.Equal("Phiếu điểm — Sở A (SO-A) — Kỳ mở", sheet.Cell(1, 1).GetString());
            Assert.Equal(["Mã", "Tên", "Cấp trong bộ chỉ số", "Điểm đạt được", "Điểm chuẩn", "Tỷ lệ đạt", "Số đo", "Ghi chú", "Giải thích"], Headers(sheet));
            var indicator = RowOf(sheet, 1, "3.2");
            Assert.Equal(XLDataType.Number, indicator.Cell(4).DataType);
            Assert.True(indicator.Cell(5).GetDouble() > 0);
            Assert.NotEmpty(indicator.Cell(9).GetString());
        }

        using (var comparison = await WorkbookAsync(await admin.GetAsync(Period("/comparison?format=xlsx"), Cancel)))
        {
            var sheet = comparison.Worksheet(1);
            Assert.Equal(["Mã đơn vị", "Tên đơn vị", "Điểm tự đánh giá", "Điểm thẩm định", "Chênh lệch (tự đánh giá − thẩm định)", "Hạng tự đánh giá", "Hạng thẩm định"], Headers(sheet));
            Assert.Equal(XLDataType.Number, RowOf(sheet, 1, "SO-A").Cell(3).DataType);
        }

        using (var deadlines = await WorkbookAsync(await admin.GetAsync(Period("/deadlines?format=xlsx"), Cancel)))
        {
            var sheet = deadlines.Worksheet(1);
            Assert.Equal("Hạn nộp — Kỳ mở", sheet.Cell(1, 1).GetString());
            Assert.StartsWith("Ngày kết thúc kê khai 31/12/2030", sheet.Cell(2, 1).GetString(), StringComparison.Ordinal);
            var row = RowOf(sheet, 1, "SO-A");
            Assert.Equal("Sở A", row.Cell(2).GetString());
            Assert.Equal(new DateTime(2030, 12, 31), row.Cell(4).GetDateTime());
            Assert.Equal(XLDataType.Number, row.Cell(5).DataType);
        }

        using (var units = await WorkbookAsync(await admin.GetAsync("/api/units?format=xlsx", Cancel)))
        {
            var sheet = units.Worksheet(1);
            Assert.Equal(["Mã đơn vị", "Tên đơn vị", "Cấp đơn vị", "Đơn vị cấp trên", "Ngừng hoạt động từ"], Headers(sheet));
            Assert.Equal("TINH", RowOf(sheet, 1, "SO-B").Cell(4).GetString());
        }

        using (var accounts = await WorkbookAsync(await admin.GetAsync("/api/accounts?format=xlsx", Cancel)))
        {
            var sheet = accounts.Worksheet(1);
            Assert.Equal(["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Thư điện tử", "Bị khóa", "Đăng nhập lần cuối"], Headers(sheet).Take(7));
            var reporter = RowOf(sheet, 1, "reporter.so-a");
            Assert.Equal("Người kê khai của đơn vị", reporter.Cell(3).GetString());
            Assert.Equal("SO-A", reporter.Cell(4).GetString());
            Assert.Equal("Không", reporter.Cell(6).GetString());
        }

        var accountsJson = await JsonAsync(await admin.GetAsync("/api/accounts", Cancel));
        Assert.Contains(accountsJson.EnumerateArray(), a => a.GetProperty("userName").GetString() == "reporter.so-a" && a.GetProperty("unitCode").GetString() == "SO-A");
    }

    [Fact]
    public async Task TheAudit_KeepsAFormulaLikeReason_AsText()
    {
        const string reason = "=HYPERLINK(\"http://x.invalid\",\"bấm\")";
        await ReportSoAAsync(reason);
        using var admin = await Factory.ClientAsync("admin");

        using (var workbook = await WorkbookAsync(await admin.GetAsync("/api/audit?kind=value&format=xlsx", Cancel)))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Nhật ký thay đổi", sheet.Cell(1, 1).GetString());
            var cell = sheet.Cell(4, Column(sheet, "Lý do"));
            Assert.Equal(reason, cell.GetString());
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal("Số liệu", sheet.Cell(4, Column(sheet, "Loại thay đổi")).GetString());
            Assert.Equal(XLDataType.DateTime, sheet.Cell(4, Column(sheet, "Thời điểm (giờ Việt Nam)")).DataType);
        }

        var csv = await admin.GetStringAsync("/api/audit?kind=value&format=csv", Cancel);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"bấm\"\")\"\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReporter_GetsOnlyWhatTheJsonGivesThem()
    {
        await ReportSoAAsync();
        using var reporter = await Factory.ClientAsync("reporter.so-a");

        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(Period("/results?format=xlsx"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(Period("/units/SO-B/scorecard?format=csv"), Cancel)).StatusCode);
        using var comparison = await WorkbookAsync(await reporter.GetAsync(Period("/comparison?format=xlsx"), Cancel));
        var codes = comparison.Worksheet(1).RowsUsed().Where(r => r.RowNumber() > 3).Select(r => r.Cell(1).GetString()).ToArray();
        Assert.Equal(["SO-A"], codes);
    }

    [Fact]
    public async Task ThePeriodPage_HasTheDownloadButtons_ThatGiveTheSameRanking()
    {
        await ReportSoAAsync();
        using var browser = await SignedInAsync("evaluator");

        var html = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);
        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}?handler=Table&amp;format=xlsx\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}?handler=Table&amp;format=csv\"", html, StringComparison.Ordinal);

        using var workbook = await WorkbookAsync(await browser.GetAsync($"/ky-danh-gia/{Factory.OpenPeriodId}?handler=Table&format=xlsx", Cancel));
        Assert.Equal("Xếp hạng — Kỳ mở", workbook.Worksheet(1).Cell(1, 1).GetString());
        Assert.Equal("Sở A", RowOf(workbook.Worksheet(1), 2, "SO-A").Cell(3).GetString());

        using var unknown = await browser.GetAsync($"/ky-danh-gia/{Factory.OpenPeriodId}?handler=Table&format=docx", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Excel", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditPage_DownloadsWhatItsFiltersFind()
    {
        await ReportSoAAsync("Bổ sung số liệu");
        using (var admin = await Factory.ClientAsync("admin"))
        {
            var changed = await admin.PutAsync("/api/units/SO-A/profile/2024?reason=" + Uri.EscapeDataString("Quyết định 15"), Json(new Dictionary<string, decimal> { ["civil_servants"] = 42 }), Cancel);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        using var browser = await SignedInAsync("admin");
        var html = await browser.GetStringAsync("/quan-tri/nhat-ky?kind=profile", Cancel);
        Assert.Contains("/quan-tri/nhat-ky?kind=profile&amp;handler=Table&amp;format=csv", html, StringComparison.Ordinal);

        var csv = await browser.GetStringAsync("/quan-tri/nhat-ky?kind=profile&handler=Table&format=csv", Cancel);
        Assert.Contains("Quyết định 15", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Bổ sung số liệu", csv, StringComparison.Ordinal);
    }
}
