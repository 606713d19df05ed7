using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using OpenDti.Core.Text;
using OpenDti.Exchange.Documents;
using OpenDti.Exchange.Improvement;
using OpenDti.Exchange.Plans;
using OpenDti.Exchange.Tables;
using Xunit;
using WordTable = DocumentFormat.OpenXml.Wordprocessing.Table;

namespace OpenDti.Exchange.Tests.Improvement;

/// <summary>
/// The improvement files: the drafted plan as a valid Word document in the administrative layout, with seed 002's
/// results table and gap sentences; the gap analyses as workbooks; every text in English too.
/// </summary>
public sealed class ImprovementFilesTests
{
    private static ImprovementPlan Plan(PlanSheet? appendix = null) => new(
        new DocumentHeading("UBND TỈNH MẪU", "Sở Thông tin và Truyền thông", "KH-STTTT", "Tỉnh Mẫu", new DateOnly(2026, 12, 6)),
        new DocumentSignature("Giám đốc", "Nguyễn Văn A"),
        2023,
        "Tỉnh Tiền Giang",
        "Đánh giá DTI cấp tỉnh năm 2023",
        new DateOnly(2026, 12, 6),
        [new PlanStateRow("Nhận thức số", 100m, 87.5m, 40), new PlanStateRow("Thể chế số", 100m, 80m, 15)],
        627.42m,
        1000m,
        20,
        63,
        [new PlanGapGroup("Nhận thức số",
        [
            new PlanGapLine("1.3", "Văn bản chỉ đạo chuyên đề về chuyển đổi số do người đứng đầu ký", 2.5m, 10m, "25%", "100%", "các văn bản về chuyển đổi số đều do Phó Chủ tịch ký", "Văn phòng UBND tỉnh"),
            new PlanGapLine("1.2", "Bí thư/Chủ tịch tham gia tất cả các phiên họp", 0m, 5m, null, null, null, null),
        ])],
        [new PlanTaskGroup("Văn phòng UBND tỉnh", [new PlanTask("1.3", "Văn bản chỉ đạo chuyên đề", 2.5m, 10m, "Chủ tịch UBND tỉnh ký", "31/12/2023", ["Sở Thông tin và Truyền thông"])]),
         new PlanTaskGroup(null, [new PlanTask("1.2", "Bí thư/Chủ tịch tham gia", 0m, 5m, null, null, [])])],
        appendix);

    [Fact]
    public void DraftedPlan_IsValidWord_WithTheHeadingsTheResultsTableAndTheGapSentences()
    {
        var table = new PlanTable("Tỉnh Tiền Giang", "Đánh giá DTI cấp tỉnh năm 2023", 2023, "dti-province-2022",
            [new PlanTableRow("1", "Nhận thức số", 0, true, 100m, null, null, null, null, [], null, null, null, null, null, null, null),
             new PlanTableRow("1.3", "Văn bản chỉ đạo", 1, false, 10m, null, "Ký: Điểm tối đa", null, "Văn phòng UBND tỉnh", ["Sở TTTT"], 2.5m, "25%", PlanSection.Push, 7.5m, "100%", "31/12/2023", null)],
            new DateOnly(2026, 12, 6));
        var bytes = ImprovementPlanDocx.ToBytes(Plan(PlanLayouts.Lay(table, PlanLayout.Seed004, Language.Vietnamese)), Language.Vietnamese);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(string.Empty, string.Join(" | ", new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => e.Description + " @ " + e.Path?.XPath)));
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToArray();
        Assert.Equal(
            ["I. MỤC ĐÍCH, YÊU CẦU", "II. HIỆN TRẠNG CHỈ SỐ DTI NĂM 2023", "III. ĐÁNH GIÁ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. NHIỆM VỤ, GIẢI PHÁP VÀ TỔ CHỨC THỰC HIỆN"],
            paragraphs.Where(p => p.Length > 3 && p[..3] is "I. " or "II." or "III" or "IV."));
        Assert.Contains("- Tại tiêu chí „1.3. Văn bản chỉ đạo chuyên đề về chuyển đổi số do người đứng đầu ký”: đạt 2,5/10 điểm (kết quả đạt 25%, mức đạt điểm tối đa 100%).", paragraphs);
        Assert.Contains("Nguyên nhân: các văn bản về chuyển đổi số đều do Phó Chủ tịch ký", paragraphs);
        Assert.Contains("- Tại tiêu chí „1.2. Bí thư/Chủ tịch tham gia tất cả các phiên họp”: đạt 0/5 điểm.", paragraphs);
        Assert.Contains("1. Văn phòng UBND tỉnh chủ trì, phối hợp với các cơ quan, đơn vị liên quan thực hiện:", paragraphs);
        Assert.Contains("2. Các tiêu chí chưa phân công đơn vị chủ trì:", paragraphs);

        // Section II as seed 002: STT, main index, max points, points, rank per index, overall rank; the total.
        var results = body.Elements<WordTable>().Single(t => t.InnerText.Contains("Điểm chuẩn chỉ số", StringComparison.Ordinal));
        var rows = results.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToArray();
        Assert.Equal(
            [
                ["STT", "Các chỉ số chính", "Điểm chuẩn chỉ số", "Điểm đạt được", "Xếp hạng từng chỉ số", "Xếp hạng chung"],
                ["1", "Nhận thức số", "100,00", "87,50", "40", "20/63"],
                ["2", "Thể chế số", "100,00", "80,00", "15", ""],
                ["", "TỔNG", "1.000,00", "627,42", "", ""],
            ],
            rows);

        // The appendix: seed 004's columns on landscape pages; the quốc hiệu and tiêu ngữ in the heading; Times New Roman, A4.
        Assert.Contains(body.Elements<WordTable>(), t => t.InnerText.Contains("Kết quả năm 2022", StringComparison.Ordinal) && t.InnerText.Contains("Văn phòng UBND tỉnh", StringComparison.Ordinal));
        var heading = body.Elements<WordTable>().First().InnerText;
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", heading, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", heading, StringComparison.Ordinal);
        Assert.Contains("Tỉnh Mẫu, ngày 06 tháng 12 năm 2026", heading, StringComparison.Ordinal);
        var portrait = body.Descendants<SectionProperties>().First();
        Assert.Equal((11906u, 16838u), (portrait.GetFirstChild<PageSize>()!.Width!.Value, portrait.GetFirstChild<PageSize>()!.Height!.Value));
        Assert.Equal(PageOrientationValues.Landscape, body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!.Orient!.Value);
        var fonts = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<RunFonts>().Single();
        Assert.Equal(("Times New Roman", "28"), (fonts.Ascii!.Value, document.MainDocumentPart.StyleDefinitionsPart.Styles.DocDefaults.Descendants<FontSize>().Single().Val!.Value));
    }

    [Fact]
    public void DraftedPlan_WithoutAPlan_SaysSo_AndDropsCharactersXmlCannotHold_AndWritesEnglish()
    {
        var plan = Plan() with { Gaps = [new PlanGapGroup("Nhận thức số", [new PlanGapLine("1.1", "A\u0001B", 0m, 5m, null, null, "x\u0007y", null)])] };
        var bytes = ImprovementPlanDocx.ToBytes(plan, Language.Vietnamese);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(string.Empty, string.Join(" | ", new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => e.Description + " @ " + e.Path?.XPath)));
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("„1.1. AB”", text, StringComparison.Ordinal);
        Assert.Contains("Nguyên nhân: xy", text, StringComparison.Ordinal);
        Assert.Contains("Kỳ đánh giá chưa có kế hoạch phân công cho đơn vị này.", text, StringComparison.Ordinal);

        using var english = WordprocessingDocument.Open(new MemoryStream(ImprovementPlanDocx.ToBytes(Plan(), Language.English)), false);
        Assert.Contains("II. THE DTI IN 2023", english.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void GapTables_AreWorkbooks_WithTheColumnsAndFigures()
    {
        var unit = GapTables.Unit("Sở A", "Kỳ 2024", 35m, 1000m, 3, new DateOnly(2026, 12, 6),
            [new GapRow("3.2", "Tỷ lệ máy tính", 15m, 20m, 5m, "75%", "100%", "=cmd", "Sở B", 12.5m)], Language.Vietnamese);
        using var book = new XLWorkbook(new MemoryStream(TableXlsxWriter.ToBytes(unit)));
        var sheet = book.Worksheet(1);
        Assert.Equal("Điểm chưa đạt", sheet.Name);
        var header = sheet.RowsUsed().First(r => r.Cell(1).GetString() == "Chỉ tiêu");
        Assert.Equal(
            ["Chỉ tiêu", "Tên chỉ tiêu", "Điểm đạt được", "Điểm tối đa", "Điểm chưa đạt", "Kết quả đạt", "Mức đạt điểm tối đa", "Nguyên nhân", "Đơn vị chủ trì", "Điểm năm trước"],
            header.Cells(1, 10).Select(c => c.GetString()));
        var row = sheet.Row(header.RowNumber() + 1);
        Assert.Equal(("3.2", 5m, "=cmd", false, 12.5m), (row.Cell(1).GetString(), row.Cell(5).GetValue<decimal>(), row.Cell(8).GetString(), row.Cell(8).HasFormula, row.Cell(10).GetValue<decimal>()));

        var period = GapTables.Period("Kỳ 2024", 3, new DateOnly(2026, 12, 6), [new PeriodGapRow("3.2", "Tỷ lệ máy tính", 20m, 25m, 2, 8.33m, 11.67m)], Language.English);
        Assert.Equal(["Indicator", "Name", "Max points", "Points lost in all", "Units losing points", "Average points lost", "Average points"], period.Columns.Select(c => c.Header));
        period.Validate();
    }

    [Fact]
    public void EveryText_HasItsEnglish()
    {
        var keys = ImprovementText.Keys();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(ImprovementText.HasEnglish(key), $"{key} has no English"));
    }
}
