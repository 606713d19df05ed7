using System.Text;
using ClosedXML.Excel;
using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Tables;
using OpenDti.Exchange.Values;
using Xunit;

namespace OpenDti.Exchange.Tests;

public class TableWriterTests
{
    private static Table Sample(params IReadOnlyList<object?>[] rows) => new(
        "Xếp hạng — Kỳ đánh giá DTI 2025",
        "Xuất ngày 06/12/2026",
        "Xếp hạng",
        "Xếp hạng DTI 2025",
        [
            TableColumn.Integer("Hạng"),
            TableColumn.Text("Mã đơn vị"),
            TableColumn.Text("Tên đơn vị", 40),
            TableColumn.Decimal("Tổng điểm", 2),
            TableColumn.Percent("Tỷ lệ", 2),
            TableColumn.Date("Hạn nộp"),
            TableColumn.Moment("Thời điểm"),
        ],
        rows.Length > 0
            ? rows
            : [
                [1, "SO-A", "Sở Thông tin và Truyền thông", 1234.5m, 0.8534m, new DateOnly(2025, 3, 31), new DateTime(2025, 4, 1, 14, 5, 0)],
                [2, "001", "Sở Y tế, \"Đắk Lắk\"", 987.25m, null, null, null],
            ]);

    private static XLWorkbook Open(Table table) => new(new MemoryStream(TableXlsxWriter.ToBytes(table)));

    [Fact]
    public void Xlsx_HasTheTitleRow_TheHeaders_AndNumbersAsNumbers()
    {
        using var workbook = Open(Sample());
        var sheet = workbook.Worksheet(1);

        Assert.Equal("Xếp hạng", sheet.Name);
        Assert.Equal("Xếp hạng — Kỳ đánh giá DTI 2025", sheet.Cell(1, 1).GetString());
        Assert.Equal("Xuất ngày 06/12/2026", sheet.Cell(2, 1).GetString());
        Assert.Equal(["Hạng", "Mã đơn vị", "Tên đơn vị", "Tổng điểm", "Tỷ lệ", "Hạn nộp", "Thời điểm"], Enumerable.Range(1, 7).Select(c => sheet.Cell(3, c).GetString()));

        var total = sheet.Cell(4, 4);
        Assert.Equal(XLDataType.Number, total.DataType);
        Assert.Equal(1234.5, total.GetDouble());
        Assert.Equal("#,##0.00", total.Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, sheet.Cell(4, 1).DataType);
        Assert.Equal(1, sheet.Cell(4, 1).GetDouble());
        Assert.Equal(0.8534, sheet.Cell(4, 5).GetDouble());
        Assert.Equal("0.00%", sheet.Cell(4, 5).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.DateTime, sheet.Cell(4, 6).DataType);
        Assert.Equal(new DateTime(2025, 3, 31), sheet.Cell(4, 6).GetDateTime());
        Assert.Equal("dd/mm/yyyy", sheet.Cell(4, 6).Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2025, 4, 1, 14, 5, 0), sheet.Cell(4, 7).GetDateTime());

        // A code made of digits stays the text it is; an empty cell stays empty.
        Assert.Equal(XLDataType.Text, sheet.Cell(5, 2).DataType);
        Assert.Equal("001", sheet.Cell(5, 2).GetString());
        Assert.Equal("Sở Y tế, \"Đắk Lắk\"", sheet.Cell(5, 3).GetString());
        Assert.True(sheet.Cell(5, 5).IsEmpty());
    }

    [Fact]
    public void Xlsx_FreezesTheHeaders_FiltersThem_AndSetsWidths()
    {
        using var workbook = Open(Sample());
        var sheet = workbook.Worksheet(1);

        Assert.Equal(TableXlsxWriter.HeaderRow, sheet.SheetView.SplitRow);
        Assert.Equal(TableXlsxWriter.FrozenColumns, sheet.SheetView.SplitColumn);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal("A3:G5", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(40, sheet.Column(3).Width);
        Assert.Equal(10, sheet.Column(1).Width);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"bấm\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("=1+1")]
    public void Xlsx_NeverMakesAFormula_OfText(string text)
    {
        using var workbook = Open(Sample([1, "SO-A", text, 1m, 0m, null, null]));
        var cell = workbook.Worksheet(1).Cell(4, 3);

        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(text, cell.GetString());
        Assert.True(cell.Style.IncludeQuotePrefix);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-5", "'-5")]
    [InlineData("@A1", "'@A1")]
    [InlineData("Bình thường", "Bình thường")]
    public void Csv_QuotesATextThatLooksLikeAFormula(string text, string written)
    {
        var csv = Encoding.UTF8.GetString(TableCsvWriter.ToBytes(Sample([1, "SO-A", text, 1m, 0m, null, null])));

        Assert.Contains("\r\n1,SO-A," + written + ",1,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_StartsWithABom_AndTheTitleAsComments_ThenTheHeaders()
    {
        var bytes = TableCsvWriter.ToBytes(Sample());

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("# Xếp hạng — Kỳ đánh giá DTI 2025", lines[0]);
        Assert.Equal("# Xuất ngày 06/12/2026", lines[1]);
        Assert.Equal("Hạng,Mã đơn vị,Tên đơn vị,Tổng điểm,Tỷ lệ,Hạn nộp,Thời điểm", lines[2]);
        Assert.Equal("1,SO-A,Sở Thông tin và Truyền thông,1234.5,0.8534,2025-03-31,2025-04-01 14:05", lines[3]);
        Assert.Equal("2,001,\"Sở Y tế, \"\"Đắk Lắk\"\"\",987.25,,,", lines[4]);
    }

    [Fact]
    public void Csv_ReadsBack_WithTheCommandLinesReader()
    {
        var table = Sample();
        var text = Encoding.UTF8.GetString(TableCsvWriter.ToBytes(table));
        var diagnostics = new DiagnosticBag();

        var rows = CsvTable.Rows(new StringReader(text), table.Columns.Select(c => c.Header.ToLowerInvariant()).ToArray(), "xep-hang.csv", diagnostics).ToArray();

        Assert.False(diagnostics.HasErrors, string.Join("; ", diagnostics.Items));
        Assert.Equal(2, rows.Length);
        Assert.Equal("Sở Thông tin và Truyền thông", rows[0].Cells[2]);
        Assert.Equal("Sở Y tế, \"Đắk Lắk\"", rows[1].Cells[2]);
        Assert.Equal(1234.50m, decimal.Parse(rows[0].Cells[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, rows[0].Line);
    }

    [Fact]
    public void ACellOfAnotherType_IsAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => TableCsvWriter.ToBytes(Sample([1, "SO-A", "x", "1,5", 0m, null, null])));
        Assert.Throws<InvalidOperationException>(() => TableXlsxWriter.ToBytes(Sample([1, "SO-A"])));
    }
}
