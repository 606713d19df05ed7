using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Reporting;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Units;
using OpenDti.Exchange.Documents;
using OpenDti.Exchange.Plans;
using Xunit;

namespace OpenDti.Application.Tests.Plans;

/// <summary>
/// The plan in the seeds' tables through the use case: export for whoever reads the plan, import by evaluators —
/// a preview old → new, then all or nothing through the plan's own checks and audit; a plan shaped like seed 004's
/// Phụ lục 2 goes out and comes back the same.
/// </summary>
public sealed class PlanExchangeServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private PeriodSummary _period = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        foreach (var (code, name) in new[] { ("VP-UBND", "Văn phòng UBND tỉnh"), ("SO-KHDT", "Sở Kế hoạch và Đầu tư"), ("SO-TTTT", "Sở Thông tin và Truyền thông"), ("SO-TC", "Sở Tài chính") })
        {
            var created = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, code, name, UnitLevel.Department, "TINH", cancellationToken: Ct));
            Assert.True(created.Succeeded, created.Message?.ToString());
        }

        var period = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-province-2022", 2024, "Đánh giá DTI cấp tỉnh năm 2024", new DateOnly(2024, 11, 1), new DateOnly(2025, 1, 15), ["TINH"], Ct));
        Assert.True(period.Succeeded, period.Message?.ToString());
        _period = period.Value!;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    /// <summary>The rows of seed 004's Phụ lục 2 this test plans: lead units, targets, deadlines as text and as a day.</summary>
    private static readonly PlanRowChange[] Seed004Rows =
    [
        new("1.2", GuidingBody: "Bộ Thông tin và Truyền thông", LeadUnit: "VP-UBND", CoordinatingUnits: ["SO-TTTT"], Target: "Chủ tịch UBND tỉnh tham dự các cuộc họp của UBQG", Deadline: "Theo yêu cầu của Trung ương"),
        new("1.5", LeadUnit: "VP-UBND", CoordinatingUnits: ["SO-TTTT", "SO-KHDT"], Target: "Đảm bảo tối thiểu 20 tin, bài", Deadline: "Hàng năm", Note: "Chuyên mục riêng"),
        new("2.3", LeadUnit: "SO-TTTT", CoordinatingUnits: ["VP-UBND"], Target: "Kế hoạch hằng năm", Deadline: "Hằng năm"),
        new("6.7", LeadUnit: "SO-KHDT", CoordinatingUnits: ["SO-TTTT", "SO-TC"], Target: "≥ 80%", Deadline: "31/12/2024"),
    ];

    [Fact]
    public async Task APlanShapedLikeSeed004_ExportedAs004_AndImportedIntoAnEmptyPlan_IsTheSamePlan()
    {
        await SaveAsync(Seed004Rows);
        var original = await PlanAsync();
        var file = await ExportAsync(Actors.Evaluator, "004");
        Assert.StartsWith("Kế hoạch TINH - Đánh giá DTI cấp tỉnh năm 2024 - mẫu 004", file.FileName, StringComparison.Ordinal);
        Assert.Equal("ke-hoach-tinh-danh-gia-dti-cap-tinh-nam-2024-mau-004.xlsx", file.AsciiFileName);

        // Everything seed 004's table carries is cleared; the guiding body (not in 004) and the note (not in 004) stay.
        await SaveAsync(Seed004Rows.Select(r => r with { LeadUnit = null, CoordinatingUnits = [], Target = null, Deadline = null }).ToArray());
        var cleared = await PlanAsync();
        Assert.All(Seed004Rows, r => Assert.Null(Item(cleared, r.Indicator).LeadUnit));

        var preview = await ImportAsync(Actors.Evaluator, file.Content, apply: false);
        Assert.Empty(preview.Problems);
        Assert.Equal(PlanLayout.Seed004, preview.Layout);
        Assert.False(preview.Applied);
        Assert.Contains(preview.Changes, c => (c.Indicator, c.Field, c.Old, c.New) == ("6.7", "leadUnit", null, "SO-KHDT"));
        Assert.Contains(preview.Changes, c => (c.Indicator, c.Field, c.Old, c.New) == ("6.7", "coordinatingUnits", null, "SO-TC, SO-TTTT"));
        Assert.Contains(preview.Changes, c => (c.Indicator, c.Field, c.Old, c.New) == ("6.7", "deadline", null, "31/12/2024"));
        Assert.Contains(preview.Changes, c => (c.Indicator, c.Field, c.Old, c.New) == ("1.2", "target", null, "Chủ tịch UBND tỉnh tham dự các cuộc họp của UBQG"));
        Assert.Equal(16, preview.Changes.Count);
        var change = preview.Changes.Single(c => c.Indicator == "6.7" && c.Field == "leadUnit");
        Assert.Equal((PlanWorkbookWriter.SheetName, "G"), (change.Sheet, change.Cell[..1]));
        Assert.Equal(Shape(cleared), Shape(await PlanAsync()));

        var applied = await ImportAsync(Actors.Evaluator, file.Content, apply: true);

        Assert.True(applied.Applied);
        Assert.Empty(applied.Problems);
        Assert.Equal(Shape(original), Shape(await PlanAsync()));
        var audit = await _province.InDbAsync(db => db.AuditEntries.Where(a => a.Kind == AuditKind.Plan && a.Indicator == "6.7").OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(AuditChannel.Import, audit[^1].Channel);

        // The same file again changes nothing.
        var again = await ImportAsync(Actors.Evaluator, file.Content, apply: true);
        Assert.Equal((0, 0, true), (again.Changes.Count, again.Problems.Count, again.Applied));
    }

    [Fact]
    public async Task BadCells_AreLocated_AndNothingIsSaved_NeitherOnPreviewNorOnApply()
    {
        await SaveAsync(Seed004Rows);
        var before = Shape(await PlanAsync());
        var auditBefore = await _province.InDbAsync(db => db.AuditEntries.CountAsync(Ct));
        var file = await ExportAsync(Actors.Evaluator, "004");
        using var workbook = new XLWorkbook(new MemoryStream(file.Content));
        var sheet = workbook.Worksheet(1);
        var rows = new[] { "1.2", "1.5", "2.3", "6.7" }.ToDictionary(c => c, c => Enumerable.Range(PlanWorkbookWriter.HeaderRow + 1, 500).First(r => sheet.Cell(r, 1).GetString() == c));
        int RowOf(string code) => rows[code];
        Text(sheet.Cell(RowOf("1.2"), 7), "Sở Không Có");
        Text(sheet.Cell(RowOf("1.5"), 6), "31/02/2024");
        Text(sheet.Cell(RowOf("6.7"), 5), "Mục tiêu mới hợp lệ");
        Text(sheet.Cell(RowOf("2.3"), 1), "9.99");
        var bad = Save(workbook);

        foreach (var apply in new[] { false, true })
        {
            var preview = await ImportAsync(Actors.Evaluator, bad, apply);

            Assert.False(preview.Applied);
            Assert.Equal(
                [
                    ($"G{RowOf("1.2")}", PlanTableCodes.UnknownUnit),
                    ($"A{RowOf("2.3")}", PlanTableCodes.UnknownIndicator),
                ],
                preview.Problems.Select(p => (p.Cell!, p.Code)));
            Assert.All(preview.Problems, p => Assert.Equal(PlanWorkbookWriter.SheetName, p.Sheet));
            Assert.Contains(preview.Changes, c => c.Indicator == "6.7" && c.Field == "target");
        }

        // Once the table's own problems are gone, the plan's checks speak, located too: a day that does not exist.
        // (ClosedXML saves a workbook opened from a stream once: the second round is opened from the first's bytes.)
        using var again = new XLWorkbook(new MemoryStream(bad));
        Text(again.Worksheet(1).Cell(RowOf("1.2"), 7), "Văn phòng UBND tỉnh");
        Text(again.Worksheet(1).Cell(RowOf("2.3"), 1), "2.3");
        var dated = Save(again);
        foreach (var apply in new[] { false, true })
        {
            var preview = await ImportAsync(Actors.Evaluator, dated, apply);

            var problem = Assert.Single(preview.Problems);
            Assert.Equal(($"F{RowOf("1.5")}", RowOf("1.5"), "1.5", "deadline", "APP-PLAN-DEADLINE"), (problem.Cell!, problem.Row!.Value, problem.Indicator!, problem.Field!, problem.Code));
            Assert.False(preview.Applied);
        }

        Assert.Equal(before, Shape(await PlanAsync()));
        Assert.Equal(auditBefore, await _province.InDbAsync(db => db.AuditEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task OnlyEvaluatorsImport_WhoeverReadsThePlanExports_AndAnUnknownLayoutIsRefused()
    {
        var tinh = (await _province.UnitAsync("TINH")).Id;
        var soA = (await _province.UnitAsync("SO-A")).Id;
        var file = await ExportAsync(Actors.Viewer, "001");

        foreach (var actor in new[] { Actors.Viewer, Actors.Admin, Actors.Reporter(tinh), Actors.Leader(tinh) })
        {
            var refused = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().ImportAsync(actor, _period.Id, null, new WorkbookUpload("ke-hoach.xlsx", new MemoryStream(file.Content)), apply: true, Ct));
            Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        }

        var stranger = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().ExportAsync(Actors.Reporter(soA), _period.Id, null, "004", Language.Vietnamese, Ct));
        Assert.Equal(OutcomeStatus.Forbidden, stranger.Status);
        var unknown = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().ExportAsync(Actors.Evaluator, _period.Id, null, "003", Language.Vietnamese, Ct));
        Assert.Equal((OutcomeStatus.Invalid, "layout"), (unknown.Status, unknown.Problems.Single().Input));
        var garbage = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().ImportAsync(Actors.Evaluator, _period.Id, null, new WorkbookUpload("x.xlsx", new MemoryStream("PK not a zip"u8.ToArray())), apply: false, Ct));
        Assert.Equal(OutcomeStatus.Invalid, garbage.Status);
    }

    [Fact]
    public async Task Seed001_SectionsFollowLastYearsPoints_AndARowUnderTheOtherSectionIsAProblem()
    {
        var imported = await _province.InScopeAsync(s => s.GetRequiredService<PlanService>().ImportBaselineAsync(
            Actors.Evaluator, _period.Id, [new BaselineEntry(1, "TINH", "1.1", "10", null), new BaselineEntry(2, "TINH", "1.2", "2", null)], Ct));
        Assert.True(imported.Succeeded, imported.Message?.ToString());
        await SaveAsync([Seed004Rows[0]]);

        var file = await ExportAsync(Actors.Evaluator, "001");
        using var workbook = new XLWorkbook(new MemoryStream(file.Content));
        var sheet = workbook.Worksheet(1);
        var texts = Enumerable.Range(PlanWorkbookWriter.HeaderRow + 1, 400).Select(r => sheet.Cell(r, 1).GetString()).ToList();
        var maintain = texts.FindIndex(t => t.StartsWith("II. ", StringComparison.Ordinal));
        var push = texts.FindIndex(t => t.StartsWith("III. ", StringComparison.Ordinal));
        Assert.InRange(texts.IndexOf("1.1"), maintain, push);
        Assert.True(texts.IndexOf("1.2") > push);

        // 1.1 (full points) written under section III: the table contradicts the plan.
        var row = PlanWorkbookWriter.HeaderRow + 1 + texts.IndexOf("1.1");
        sheet.Row(row).Delete();
        sheet.Row(PlanWorkbookWriter.HeaderRow + push).InsertRowsBelow(1);
        var moved = PlanWorkbookWriter.HeaderRow + 1 + push;
        Text(sheet.Cell(moved, 1), "1.1");
        Text(sheet.Cell(moved, 5), "Sở Tài chính");
        var preview = await ImportAsync(Actors.Evaluator, Save(workbook), apply: true);

        var problem = Assert.Single(preview.Problems);
        Assert.Equal((PlanTableCodes.SectionMismatch, "1.1", moved), (problem.Code, problem.Indicator!, problem.Row!.Value));
        Assert.Contains("duy trì", problem.Message.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Null(Item(await PlanAsync(), "1.1").LeadUnit);
    }

    [Fact]
    public async Task TheDocument_IsTheSeedsTable_OnLandscapePages()
    {
        await SaveAsync(Seed004Rows);
        var document = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().DocumentAsync(Actors.Viewer, _period.Id, null, "002", Language.Vietnamese, Ct));

        Assert.True(document.Succeeded, document.Message?.ToString());
        Assert.Equal("PHỤ LỤC", document.Value!.Kind);
        var table = Assert.Single(document.Value.Body.OfType<DocumentTable>());
        Assert.True(table.Wide);
        Assert.Equal(["Tiêu chí", "Chỉ số chính/Chỉ số thành phần", "Điểm chuẩn", "Cơ quan phụ trách tiêu chí", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"], table.Head[0].Select(c => c.Text));
        var row = table.Rows.Single(r => r[0].Text == "6.7");
        Assert.Equal(["Sở Kế hoạch và Đầu tư", "Sở Tài chính; Sở Thông tin và Truyền thông", "31/12/2024"], row.Skip(3).Take(3).Select(c => c.Text));
        var html = OfficialDocumentWriter.Html(document.Value, Language.Vietnamese);
        Assert.Contains("Cơ quan phụ trách tiêu chí", html, StringComparison.Ordinal);
    }

    private static PlanItem Item(PeriodPlan plan, string code) => plan.Items.Single(i => i.Indicator == code);

    private static string[] Shape(PeriodPlan plan) => plan.Items.Where(i => i.Assigned)
        .Select(i => $"{i.Indicator}|{i.GuidingBody}|{i.LeadUnit?.Code}|{string.Join(",", i.CoordinatingUnits.Select(u => u.Code))}|{i.Target}|{i.Deadline}|{i.DueOn}|{i.Note}|{i.Classification}")
        .ToArray();

    private async Task<PeriodPlan> PlanAsync()
    {
        var plan = await _province.InScopeAsync(s => s.GetRequiredService<PlanService>().GetAsync(Actors.Evaluator, _period.Id, null, Ct));
        Assert.True(plan.Succeeded, plan.Message?.ToString());
        return plan.Value!;
    }

    private async Task SaveAsync(IReadOnlyList<PlanRowChange> rows)
    {
        var saved = await _province.InScopeAsync(s => s.GetRequiredService<PlanService>().SaveAsync(Actors.Evaluator, _period.Id, null, rows.ToArray(), Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString() + string.Join("; ", saved.Problems.Select(p => p.Message.ToString())));
    }

    private async Task<WorkbookFile> ExportAsync(Actor actor, string layout)
    {
        var file = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().ExportAsync(actor, _period.Id, null, layout, Language.Vietnamese, Ct));
        Assert.True(file.Succeeded, file.Message?.ToString());
        return file.Value!;
    }

    private async Task<PlanImportPreview> ImportAsync(Actor actor, byte[] content, bool apply)
    {
        var preview = await _province.InScopeAsync(s => s.GetRequiredService<PlanExchangeService>().ImportAsync(actor, _period.Id, null, new WorkbookUpload("Kế hoạch.xlsx", new MemoryStream(content)), apply, Ct));
        Assert.True(preview.Succeeded, preview.Message?.ToString() + string.Join("; ", preview.Problems.Select(p => p.Message.ToString())));
        return preview.Value!;
    }

    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
