using ClosedXML.Excel;
using OpenDti.Core.Text;
using OpenDti.Exchange.Plans;
using Xunit;

namespace OpenDti.Exchange.Tests.Plans;

/// <summary>
/// The plan in the seeds' tables (seed 001 Phụ lục II/III, seed 002 Phụ lục, seed 004 Phụ lục 2): the writer's
/// headings, title block, sections and print setup; the reader on OpenDti's own files and on sheets typed after
/// the seeds; and every problem located by sheet, cell and row.
/// </summary>
public sealed class PlanWorkbookTests
{
    private static readonly PlanUnitRef[] Units =
    [
        new("VP-UBND", "Văn phòng UBND tỉnh"),
        new("SO-TTTT", "Sở Thông tin và Truyền thông"),
        new("SO-KHDT", "Sở Kế hoạch và Đầu tư"),
        new("SO-TC", "Sở Tài chính"),
        new("SO-NV", "Sở Nội vụ"),
        new("PHONG-VHTT", "Phòng Văn hoá và Thông tin"),
        new("CHI-CUC-TK", "Chi cục Thống kê huyện"),
        new("BUU-DIEN-1", "Bưu điện huyện"),
        new("BUU-DIEN-2", "Bưu điện huyện"),
    ];

    private static readonly PlanNodeRef[] Nodes =
    [
        new("1", "Nhận thức số"),
        new("1.1", "Người đứng đầu tỉnh, thành phố (Bí thư hoặc Chủ tịch tỉnh, thành phố) là Trưởng ban Ban chỉ đạo chuyển đổi số của Tỉnh"),
        new("1.2", "Người đứng đầu tỉnh, thành phố (Bí thư hoặc Chủ tịch tỉnh, thành phố) chủ trì, chỉ đạo chuyển đổi số"),
        new("1.3", "Văn bản chỉ đạo chuyên đề về chuyển đổi số do người đứng đầu tỉnh, thành phố (Chủ tịch tỉnh, thành phố) ký"),
        new("6", "Hoạt động chính quyền số"),
        new("6.7", "Tỷ lệ số dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng chính thức tại tỉnh, thành phố"),
        new("6.8", "Cổng thông tin điện tử đáp ứng yêu cầu chức năng, tính năng kỹ thuật theo quy định"),
    ];

    private static PlanTableContext Context => new(Nodes, Units);

    /// <summary>A plan shaped like seed 004's Phụ lục 2: lead units, targets, deadlines as text and as a day.</summary>
    private static PlanTable Seed004Plan() => new(
        "Tỉnh Kon Tum",
        "Đánh giá DTI cấp tỉnh năm 2024",
        2024,
        "Bộ chỉ số DTI cấp tỉnh (QĐ 922/QĐ-BTTTT)",
        [
            new("1", "Nhận thức số", 0, true, 80m, null, null, null, null, [], 70m, null, PlanSection.Push, 10m, null, null, null),
            new("1.1", Nodes[1].Name, 1, false, 10m, "Có", "Trưởng ban là Bí thư/Chủ tịch Tỉnh: Điểm tối đa", null, "Sở Thông tin và Truyền thông", ["Văn phòng UBND tỉnh"], 10m, "Có", PlanSection.Maintain, 0m, "Duy trì", "Hàng năm", null),
            new("1.2", Nodes[2].Name, 1, false, 10m, null, null, null, "Văn phòng UBND tỉnh", ["Sở Thông tin và Truyền thông"], 5m, null, PlanSection.Push, 5m, "Chủ tịch UBND tỉnh tham dự các cuộc họp của UBQG", "Theo yêu cầu của Trung ương", null),
            new("1.3", Nodes[3].Name, 1, false, 10m, null, null, null, "Văn phòng UBND tỉnh", [], null, null, null, null, "≥ 80%", "31/12/2024", null),
            new("6", "Hoạt động chính quyền số", 0, true, 180m, null, null, null, null, [], null, null, null, null, null, null, null),
            new("6.7", Nodes[5].Name, 1, false, 10m, null, null, null, "Sở Kế hoạch và Đầu tư", ["Sở Thông tin và Truyền thông", "Sở Tài chính"], 3.57m, "35,72%", PlanSection.Push, 6.43m, "≥ 80%", "Quý IV/2024", null),
            new("6.8", Nodes[6].Name, 1, false, 10m, null, null, "Bộ Thông tin và Truyền thông", null, [], null, null, null, null, null, null, "=Không phải công thức"),
        ],
        new DateOnly(2024, 2, 1));

    [Theory]
    [InlineData(PlanLayout.Seed001, new[] { "Stt", "Nội dung chỉ tiêu", "Yêu cầu thực hiện", "Cơ quan hướng dẫn", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp thực hiện" })]
    [InlineData(PlanLayout.Seed002, new[] { "Tiêu chí", "Chỉ số chính/Chỉ số thành phần", "Điểm chuẩn", "Cơ quan phụ trách tiêu chí", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú" })]
    [InlineData(PlanLayout.Seed004, new[] { "STT", "Chỉ số chính/Chỉ số thành phần", "Hướng dẫn", "Kết quả năm 2023", "Mục tiêu", "Thời gian hoàn thành", "Đơn vị chủ trì tham mưu/theo dõi", "Đơn vị phối hợp" })]
    public void Writer_UsesTheSeedsHeadings_UnderATitleBlock_FrozenAndPrintedOnA4LandscapeOnePageWide(PlanLayout layout, string[] headings)
    {
        using var workbook = Open(PlanWorkbookWriter.ToBytes(PlanLayouts.Lay(Seed004Plan(), layout, Language.Vietnamese)));
        var sheet = workbook.Worksheet(1);

        Assert.Equal(headings, Enumerable.Range(1, headings.Length).Select(c => sheet.Cell(PlanWorkbookWriter.HeaderRow, c).GetString()));
        Assert.True(sheet.Cell(PlanWorkbookWriter.HeaderRow, headings.Length + 1).IsEmpty());
        var title = string.Join("\n", Enumerable.Range(1, PlanWorkbookWriter.HeaderRow - 1).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Contains(layout == PlanLayout.Seed004 ? "PHỤ LỤC 2" : "PHỤ LỤC", title, StringComparison.Ordinal);
        Assert.Contains("Tỉnh Kon Tum", title, StringComparison.Ordinal);
        Assert.Contains("Đánh giá DTI cấp tỉnh năm 2024", title, StringComparison.Ordinal);
        Assert.Contains("Bộ chỉ số DTI cấp tỉnh (QĐ 922/QĐ-BTTTT)", title, StringComparison.Ordinal);

        Assert.Equal(PlanWorkbookWriter.HeaderRow, sheet.SheetView.SplitRow);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        Assert.Equal(1, sheet.PageSetup.PagesWide);
        Assert.Equal(0, sheet.PageSetup.PagesTall);
        Assert.Equal(PlanWorkbookWriter.HeaderRow, sheet.PageSetup.FirstRowToRepeatAtTop);
        Assert.Equal(PlanWorkbookWriter.HeaderRow, sheet.PageSetup.LastRowToRepeatAtTop);
        Assert.Equal(PlanLayouts.Columns(layout, 2024, Language.Vietnamese).Select(c => c.Width), Enumerable.Range(1, headings.Length).Select(c => sheet.Column(c).Width));
        Assert.True(sheet.Cell(PlanWorkbookWriter.HeaderRow + 2, 2).Style.Alignment.WrapText);
    }

    [Fact]
    public void Seed004_WritesLastYearTargetsDeadlinesAndUnits_AndKeepsAFormulaLikeTextAsText()
    {
        using var workbook = Open(PlanWorkbookWriter.ToBytes(PlanLayouts.Lay(Seed004Plan(), PlanLayout.Seed004, Language.Vietnamese)));
        var sheet = workbook.Worksheet(1);
        var row = RowOf(sheet, "6.7");

        Assert.Equal("3,57/10 điểm (35,72%)", sheet.Cell(row, 4).GetString());
        Assert.Equal("≥ 80%", sheet.Cell(row, 5).GetString());
        Assert.Equal("Quý IV/2024", sheet.Cell(row, 6).GetString());
        Assert.Equal("Sở Kế hoạch và Đầu tư", sheet.Cell(row, 7).GetString());
        Assert.Equal("Sở Thông tin và Truyền thông; Sở Tài chính", sheet.Cell(row, 8).GetString());
        Assert.True(sheet.Cell(RowOf(sheet, "1"), 2).Style.Font.Bold);
        Assert.False(sheet.Cell(row, 2).Style.Font.Bold);

        using var seed002 = Open(PlanWorkbookWriter.ToBytes(PlanLayouts.Lay(Seed004Plan(), PlanLayout.Seed002, Language.Vietnamese)));
        var note = seed002.Worksheet(1).Cell(RowOf(seed002.Worksheet(1), "6.8"), 7);
        Assert.False(note.HasFormula);
        Assert.Equal("=Không phải công thức", note.GetString());
        Assert.Equal(10d, seed002.Worksheet(1).Cell(RowOf(seed002.Worksheet(1), "6.8"), 3).GetDouble());
    }

    [Fact]
    public void Seed001_PutsFullPointsUnderSectionII_TheRestUnderIII_AndUnknownResultsUnderIV_WithTheMainIndicesAsRomanNumerals()
    {
        using var workbook = Open(PlanWorkbookWriter.ToBytes(PlanLayouts.Lay(Seed004Plan(), PlanLayout.Seed001, Language.Vietnamese)));
        var sheet = workbook.Worksheet(1);
        var column = Enumerable.Range(PlanWorkbookWriter.HeaderRow + 1, 20).Select(r => sheet.Cell(r, 1).GetString()).TakeWhile(t => t.Length > 0).ToList();

        Assert.Equal(
            [
                "II. CÁC CHỈ TIÊU ĐÃ ĐẠT ĐIỂM TỐI ĐA NĂM 2023, CẦN TIẾP TỤC DUY TRÌ THỰC HIỆN TỐT TRONG NĂM 2024", "I", "1.1",
                "III. CÁC CHỈ TIÊU KHÔNG CÓ ĐIỂM HOẶC CHƯA ĐẠT ĐIỂM TỐI ĐA TRONG NĂM 2023, CẦN ĐẨY MẠNH TRIỂN KHAI TRONG NĂM 2024", "I", "1.2", "II", "6.7",
                "IV. CÁC CHỈ TIÊU CHƯA CÓ KẾT QUẢ NĂM 2023", "I", "1.3", "II", "6.8",
            ],
            column);
        Assert.Equal("Nhận thức số", sheet.Cell(PlanWorkbookWriter.HeaderRow + 2, 2).GetString());
        Assert.Equal("Có", sheet.Cell(PlanWorkbookWriter.HeaderRow + 3, 3).GetString());
        Assert.Equal("Bộ Thông tin và Truyền thông", sheet.Cell(RowOf(sheet, "6.8"), 4).GetString());
    }

    [Theory]
    [InlineData(PlanLayout.Seed001, PlanField.GuidingBody | PlanField.LeadUnit | PlanField.CoordinatingUnits)]
    [InlineData(PlanLayout.Seed002, PlanField.LeadUnit | PlanField.CoordinatingUnits | PlanField.Deadline | PlanField.Note)]
    [InlineData(PlanLayout.Seed004, PlanField.LeadUnit | PlanField.CoordinatingUnits | PlanField.Target | PlanField.Deadline)]
    public void EachLayout_ReadsBack_WhatItWrote(PlanLayout layout, PlanField fields)
    {
        foreach (var language in new[] { Language.Vietnamese, Language.English })
        {
            var plan = Seed004Plan();
            var read = PlanWorkbookReader.Read(new MemoryStream(PlanWorkbookWriter.ToBytes(PlanLayouts.Lay(plan, layout, language))), Context);

            Assert.Empty(read.Problems);
            Assert.Equal(layout, read.Layout);
            Assert.Equal(fields, read.Fields);
            var expected = layout == PlanLayout.Seed001 ? plan.Rows.Where(r => r.Depth > 0) : plan.Rows;
            Assert.Equal(expected.Select(r => r.Code).Order(StringComparer.Ordinal), read.Rows.Select(r => r.Indicator).Order(StringComparer.Ordinal));
            foreach (var row in read.Rows)
            {
                var written = plan.Rows.Single(r => r.Code == row.Indicator);
                Assert.Equal(written.LeadUnit is null ? null : Units.Single(u => u.Name == written.LeadUnit).Code, row.LeadUnit);
                Assert.Equal(written.CoordinatingUnits.Select(n => Units.Single(u => u.Name == n).Code), row.CoordinatingUnits);
                Assert.Equal(fields.HasFlag(PlanField.Target) ? written.Target : null, row.Target);
                Assert.Equal(fields.HasFlag(PlanField.Deadline) ? written.Deadline : null, row.Deadline);
                Assert.Equal(fields.HasFlag(PlanField.Note) ? written.Note : null, row.Note);
                Assert.Equal(fields.HasFlag(PlanField.GuidingBody) ? written.GuidingBody : null, row.GuidingBody);
                Assert.Equal(layout == PlanLayout.Seed001 ? written.Section : null, row.Section);
                Assert.Equal(fields, row.Cells.Keys.Aggregate(PlanField.None, (all, f) => all | f));
            }
        }
    }

    [Fact]
    public void Reader_TakesASheetTypedAfterSeed004_TitleRowsRepeatedHeadersDatesCommasBulletsAndOldToneMarks()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Phụ lục 2");
        sheet.Cell(1, 1).SetValue("PHỤ LỤC 2");
        sheet.Cell(2, 1).SetValue("Phân công theo dõi, thực hiện Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh");
        sheet.Cell(3, 1).SetValue("(Ban hành kèm theo Kế hoạch số 419 /KH-UBND ngày 01 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)");
        string[] header = ["STT", "Chỉ số chính/Chỉ số thành phần", "Hướng dẫn", "Kết quả năm 2023", "Mục tiêu", "Thời gian hoàn thành", "Đơn vị chủ trì tham mưu/theo dõi", "Đơn vị phối hợp"];
        Fill(sheet, 5, header);
        Fill(sheet, 6, ["1", "Nhận thức số", "", "", "", "", "", ""]);
        Fill(sheet, 7, ["1.1", Nodes[1].Name, "- Trưởng ban là Bí thư/Chủ tịch Tỉnh, thành phố: Điểm tối đa;", "Đã đạt", "Duy trì", "", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]);
        Fill(sheet, 8, header);
        Fill(sheet, 9, ["1.2", Nodes[2].Name, "", "", "Chủ tịch UBND tỉnh tham dự các cuộc họp của UBQG", "Theo yêu cầu của Trung ương", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông"]);
        Fill(sheet, 10, ["6.7", Nodes[5].Name, "", "Đã đạt 52.97%", "≥ 80%", "", "Sở Kế hoạch và Đầu tư", "Sở Tài chính, Sở Thông tin và Truyền thông"]);
        sheet.Cell(10, 6).SetValue(new DateTime(2024, 12, 31));
        Fill(sheet, 11, ["", "Cổng thông tin điện tử đáp ứng yêu cầu chức năng, tính năng kỹ thuật theo quy định", "", "", "80", "Hàng năm", "so-ttTT", "- Sở Nội vụ\n- Phòng Văn hóa và Thông tin"]);

        var read = PlanWorkbookReader.Read(Save(workbook), Context);

        Assert.Empty(read.Problems);
        Assert.Equal(PlanLayout.Seed004, read.Layout);
        Assert.Equal(["1", "1.1", "1.2", "6.7", "6.8"], read.Rows.Select(r => r.Indicator));
        var row = read.Rows.Single(r => r.Indicator == "6.7");
        Assert.Equal("SO-KHDT", row.LeadUnit);
        Assert.Equal(["SO-TC", "SO-TTTT"], row.CoordinatingUnits);
        Assert.Equal("31/12/2024", row.Deadline);
        Assert.Equal("≥ 80%", row.Target);
        Assert.Equal(10, row.Row);
        Assert.Equal("G10", row.Cells[PlanField.LeadUnit]);
        var byName = read.Rows.Single(r => r.Indicator == "6.8");
        Assert.Equal("SO-TTTT", byName.LeadUnit);
        Assert.Equal(["SO-NV", "PHONG-VHTT"], byName.CoordinatingUnits);
        Assert.Null(read.Rows.Single(r => r.Indicator == "1").LeadUnit);
    }

    [Fact]
    public void Reader_TakesASheetTypedAfterSeed001_SectionsNumbersOfOrderAndNames_SkippingItsGeneralInformationTable()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Phụ lục");
        sheet.Cell(1, 1).SetValue("PHÂN CÔNG PHỤ TRÁCH THEO DÕI, ĐÁNH GIÁ CÁC CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) CẤP HUYỆN NĂM 2023");
        sheet.Cell(2, 1).SetValue("I. THÔNG TIN CHUNG");
        Fill(sheet, 3, ["STT", "Thông tin chung", "Cơ quan chủ trì", "Cơ quan phối hợp"]);
        Fill(sheet, 4, ["4", "Số lượng dân số", "Chi Cục Thống kê huyện", ""]);
        sheet.Cell(6, 1).SetValue("II. CÁC CHỈ TIÊU ĐÃ ĐẠT ĐIỂM TỐI ĐA NĂM 2022, CẦN TIẾP TỤC DUY TRÌ THỰC HIỆN TỐT TRONG NĂM 2023");
        string[] header = ["Stt", "Nội dung chỉ tiêu", "Yêu cầu thực hiện", "Cơ quan hướng dẫn", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp thực hiện"];
        Fill(sheet, 7, header);
        Fill(sheet, 8, ["I", "Nhận thức số", "", "", "", ""]);
        Fill(sheet, 9, ["1.", Nodes[1].Name, "Có", "Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh", ""]);
        sheet.Cell(10, 1).SetValue("III. CÁC CHỈ TIÊU KHÔNG CÓ ĐIỂM HOẶC CHUA ĐẠT ĐIỂM TRONG NĂM 2022, CẦN ĐẨY MẠNH TRIỀN KHAI TRONG NĂM 2023");
        Fill(sheet, 11, header);
        Fill(sheet, 12, ["1.", Nodes[2].Name, "Có", "Văn phòng UBND tỉnh", "Phòng Văn hoá và Thông tin", "Chi cục Thống kê huyện; BUU-DIEN-2"]);

        var read = PlanWorkbookReader.Read(Save(workbook), Context);

        Assert.Empty(read.Problems);
        Assert.Equal(PlanLayout.Seed001, read.Layout);
        Assert.Collection(
            read.Rows,
            r => Assert.Equal(("1.1", PlanSection.Maintain, "VP-UBND", "Văn phòng UBND tỉnh"), (r.Indicator, r.Section!.Value, r.LeadUnit!, r.GuidingBody!)),
            r =>
            {
                Assert.Equal(("1.2", PlanSection.Push, "PHONG-VHTT"), (r.Indicator, r.Section!.Value, r.LeadUnit!));
                Assert.Equal(["CHI-CUC-TK", "BUU-DIEN-2"], r.CoordinatingUnits);
            });
    }

    [Fact]
    public void BadCells_AreEachLocatedBySheetCellAndRow_AndTheirRowsAreLeftOut()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Kế hoạch");
        Fill(sheet, 1, ["STT", "Chỉ số chính/Chỉ số thành phần", "Mục tiêu", "Thời gian hoàn thành", "Đơn vị chủ trì tham mưu/theo dõi", "Đơn vị phối hợp"]);
        Fill(sheet, 2, ["1.1", "", "", "", "Sở Không Có", ""]);
        Fill(sheet, 3, ["9.9", "Chỉ tiêu không có", "", "", "Sở Tài chính", ""]);
        Fill(sheet, 4, ["1.2", "", "", "", "- Sở Nội vụ\n- Sở Tài chính", ""]);
        Fill(sheet, 5, ["1.3", "", "", "", "Sở Tài chính", "Bưu điện huyện"]);
        Fill(sheet, 6, ["", "Một tên không có trong bộ chỉ số", "", "", "Sở Tài chính", ""]);
        Fill(sheet, 7, ["6.7", "", "", "", "Sở Tài chính", ""]);
        sheet.Cell(7, 3).FormulaA1 = "=1+1";
        Fill(sheet, 8, ["6.8", "", "", "", "Sở Tài chính", "Các sở, ban, ngành"]);
        Fill(sheet, 9, ["1", "", "", "", "Sở Tài chính", ""]);
        Fill(sheet, 10, ["", "", "Duy trì", "", "", ""]);

        var read = PlanWorkbookReader.Read(Save(workbook), Context);

        Assert.Equal(
            [
                ("E2", 2, PlanTableCodes.UnknownUnit), ("A3", 3, PlanTableCodes.UnknownIndicator), ("E4", 4, PlanTableCodes.SeveralLeads),
                ("F5", 5, PlanTableCodes.AmbiguousUnit), ("A6", 6, PlanTableCodes.UnknownIndicator), ("C7", 7, PlanTableCodes.CellUnreadable),
                ("F8", 8, PlanTableCodes.UnknownUnit), ("A10", 10, PlanTableCodes.UnknownIndicator),
            ],
            read.Problems.Select(p => (p.Cell!, p.Row!.Value, p.Code)));
        Assert.All(read.Problems, p => Assert.Equal("Kế hoạch", p.Sheet));
        Assert.Equal(["1"], read.Rows.Select(r => r.Indicator));
        Assert.Equal(9, read.Rows.Single().Row);
        Assert.Contains("Sở Không Có", read.Problems[0].Message.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Contains("BUU-DIEN-1, BUU-DIEN-2", read.Problems[3].Message.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Contains("there is no unit", read.Problems[0].Message.ToString(Language.English), StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateIndicator_IsLocatedWithTheRowItFirstAppearedOn()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Kế hoạch");
        Fill(sheet, 1, ["Tiêu chí", "Chỉ số chính/Chỉ số thành phần", "Điểm chuẩn", "Cơ quan phụ trách tiêu chí", "Cơ quan phối hợp", "Ghi chú về quy định xác định, tính điểm"]);
        Fill(sheet, 2, ["1.2", "", "5", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông", "- Bí thư/Chủ tịch tham gia …: Điểm tối đa"]);
        Fill(sheet, 3, ["1.2", "", "5", "Văn phòng UBND tỉnh", "", ""]);

        var read = PlanWorkbookReader.Read(Save(workbook), Context);

        var problem = Assert.Single(read.Problems);
        Assert.Equal((PlanTableCodes.Duplicate, "A3", "1.2"), (problem.Code, problem.Cell!, problem.Indicator!));
        Assert.Contains("dòng 2", problem.Message.ToString(Language.Vietnamese), StringComparison.Ordinal);

        // Seed 002's "Ghi chú về quy định xác định, tính điểm" is the scoring rule, not the plan's note.
        Assert.Equal(PlanField.LeadUnit | PlanField.CoordinatingUnits, read.Fields);
    }

    [Fact]
    public void AFileThatIsNoWorkbook_OrAWorkbookWithoutAPlanTable_IsOneProblem()
    {
        var garbage = PlanWorkbookReader.Read(new MemoryStream("not a workbook"u8.ToArray()), Context);
        Assert.Null(garbage.Layout);
        Assert.Equal(PlanTableCodes.Unreadable, Assert.Single(garbage.Problems).Code);

        using var workbook = new XLWorkbook();
        Fill(workbook.Worksheets.Add("Trang 1"), 1, ["Mã đơn vị", "Tên đơn vị", "Tổng điểm"]);
        var other = PlanWorkbookReader.Read(Save(workbook), Context);
        Assert.Null(other.Layout);
        Assert.Equal(PlanTableCodes.NoHeader, Assert.Single(other.Problems).Code);
        Assert.Empty(other.Rows);
    }

    [Theory]
    [InlineData("Phòng Văn hoá và Thông tin", "Phòng Văn hóa và Thông tin")]
    [InlineData("Sở Tài nguyên và Môi trường, Thuỷ lợi", "sở tài nguyên  và môi trường, thủy lợi")]
    [InlineData("- Sở Nội vụ;", "Sở Nội vụ")]
    public void NamesCompare_WithOldAndNewToneMarks_CaseSpacesAndBullets(string one, string other) =>
        Assert.Equal(PlanWorkbookReader.Key(one), PlanWorkbookReader.Key(other));

    [Fact]
    public void EveryPlanText_HasItsEnglish()
    {
        var keys = PlanText.Keys();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(PlanText.HasEnglish(key), $"{key} has no English"));
    }

    private static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    private static MemoryStream Save(XLWorkbook workbook)
    {
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static void Fill(IXLWorksheet sheet, int row, string[] cells)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c].Length > 0)
            {
                sheet.Cell(row, c + 1).SetValue(cells[c]);
                sheet.Cell(row, c + 1).DataType = XLDataType.Text;
            }
        }
    }

    private static int RowOf(IXLWorksheet sheet, string code) =>
        Enumerable.Range(PlanWorkbookWriter.HeaderRow + 1, 200).First(r => sheet.Cell(r, 1).GetString() == code);
}
