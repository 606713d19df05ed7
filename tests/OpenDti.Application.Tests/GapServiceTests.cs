using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Improvement;
using OpenDti.Application.Plans;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Gap analysis (docs/improvement.md): a unit's leaves by points lost with the scorecard's points, the measure
/// against the one giving full points, the owner from the most specific plan row and last year's points; a
/// period's indicators by points lost in all; causes written by whom the rules say, audited, refused when stale;
/// the drafted plan as .docx.
/// </summary>
public sealed class GapServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestClock Clock => _province.Database.Services.GetRequiredService<TestClock>();

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Unit_GivesEveryLeaf_ByPointsLost_WithTheScorecardsPoints_AndTheMeasureAgainstFullPoints()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await SaveAsync(period.Id, "SO-A", new ValueChange("1.3", "da_to_chuc", "có"), new ValueChange("3.2", "a", "30"), new ValueChange("3.2", "b", "40"), new ValueChange("2.1", "da_ban_hanh", "không"));
        await _province.ReportAsync(period.Id, "SO-B", 0.6m, 7);

        var gaps = await UnitAsync(Actors.Evaluator, period.Id, "SO-A");
        var card = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Evaluator, period.Id, "SO-A", cancellationToken: Ct));

        var framework = await _province.InScopeAsync(s => s.GetRequiredService<Frameworks.FrameworkCatalog>().GetAsync("dti-department-2022", Ct));
        var leafCodes = framework.Value!.Leaves.Select(l => l.Code.Value).ToHashSet(StringComparer.Ordinal);
        var leaves = card.Value!.Nodes.Where(n => leafCodes.Contains(n.Code)).ToArray();
        Assert.Equal(leaves.Select(n => n.Code).Order(StringComparer.Ordinal), gaps.Items.Select(i => i.Indicator).Order(StringComparer.Ordinal));
        Assert.All(gaps.Items, i =>
        {
            var node = leaves.Single(n => n.Code == i.Indicator);
            Assert.Equal((node.Points, node.MaxPoints, node.MaxPoints - node.Points), (i.Points, i.MaxPoints, i.PointsLost));
        });
        Assert.Equal(gaps.Items.Select(i => i.PointsLost).OrderDescending(), gaps.Items.Select(i => i.PointsLost));
        Assert.Equal((card.Value.Total, card.Value.Rank), (gaps.Total, gaps.Rank));
        Assert.Equal(gaps.MaxTotal - gaps.Total, gaps.PointsLost);

        var ratio = gaps.Items.Single(i => i.Indicator == "3.2");
        Assert.Equal((15m, 5m, 0.75m, "75%", 1m, "100%"), (ratio.Points, ratio.PointsLost, ratio.Measure!.Achieved, ratio.Measure.AchievedText, ratio.Measure.FullPoints, ratio.Measure.FullPointsText));
        var no = gaps.Items.Single(i => i.Indicator == "2.1");
        Assert.Equal((0m, "Không", "Có"), (no.Points, no.Measure!.AchievedText, no.Measure.FullPointsText));
        var full = gaps.Items.Single(i => i.Indicator == "1.3");
        Assert.Equal((0m, "Có"), (full.PointsLost, full.Measure!.AchievedText));
        var missing = gaps.Items.Single(i => i.Indicator == "1.1");
        Assert.Contains("not_reported", missing.Flags);
        Assert.Null(missing.Measure?.Achieved);
        Assert.Equal(missing.MaxPoints, missing.PointsLost);
        Assert.All(gaps.Items, i => Assert.Null(i.Owner));
    }

    [Fact]
    public async Task Unit_TakesTheOwnerFromTheMostSpecificPlanRow_AndLastYearFromThePlansBaseline_AndAPublishedPeriodFromItsPublication()
    {
        var lastYear = await PublishedLastYearAsync();
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        var planned = await _province.InScopeAsync(s => s.GetRequiredService<PlanService>().SaveAsync(
            Actors.Evaluator, period.Id, null, [new PlanRowChange("3", LeadUnit: "SO-B"), new PlanRowChange("3.2", LeadUnit: "SO-C", Target: "100%", Deadline: "31/12/2024")], Ct));
        Assert.True(planned.Succeeded, planned.Message?.ToString());

        var gaps = await UnitAsync(Actors.Evaluator, period.Id, "SO-A");

        Assert.Equal("SO-C", gaps.Items.Single(i => i.Indicator == "3.2").Owner?.Code);
        Assert.Equal("SO-B", gaps.Items.Single(i => i.Indicator == "3.1").Owner?.Code);
        Assert.Null(gaps.Items.Single(i => i.Indicator == "1.1").Owner);
        Assert.Equal((15m, 20m, 0m), (gaps.Items.Single(i => i.Indicator == "3.2").LastYear, gaps.Items.Single(i => i.Indicator == "1.3").LastYear, gaps.Items.Single(i => i.Indicator == "1.1").LastYear));

        // Last year's period is published: its gaps are its publication's.
        var published = await UnitAsync(Actors.Viewer, lastYear, "SO-A");
        var ratio = published.Items.Single(i => i.Indicator == "3.2");
        Assert.Equal((15m, 5m, "75%", "100%"), (ratio.Points, ratio.PointsLost, ratio.Measure!.AchievedText, ratio.Measure.FullPointsText));
        Assert.Equal(0m, published.Items.Single(i => i.Indicator == "1.3").PointsLost);
    }

    [Fact]
    public async Task Unit_IsReadAsTheScorecardIs_AndAnUnknownUnitOrPeriodIsNotFound()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        var soA = (await _province.UnitAsync("SO-A")).Id;
        var soB = (await _province.UnitAsync("SO-B")).Id;

        foreach (var actor in new[] { Actors.Admin, Actors.Evaluator, Actors.Viewer, Actors.Reporter(soA), Actors.Leader(soA) })
        {
            Assert.True((await GapsAsync(g => g.UnitAsync(actor, period.Id, "SO-A", cancellationToken: Ct))).Succeeded, actor.UserName);
        }

        Assert.Equal(OutcomeStatus.Forbidden, (await GapsAsync(g => g.UnitAsync(Actors.Reporter(soB), period.Id, "SO-A", cancellationToken: Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await GapsAsync(g => g.UnitAsync(Actors.Evaluator, period.Id, "HUYEN-1", cancellationToken: Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await GapsAsync(g => g.UnitAsync(Actors.Evaluator, period.Id + 100, "SO-A", cancellationToken: Ct))).Status);
        Assert.Equal((true, false, true, false), (
            (await UnitAsync(Actors.Reporter(soA), period.Id, "SO-A")).CanWriteCauses,
            (await UnitAsync(Actors.Viewer, period.Id, "SO-A")).CanWriteCauses,
            (await UnitAsync(Actors.Evaluator, period.Id, "SO-A")).CanWriteCauses,
            (await UnitAsync(Actors.Admin, period.Id, "SO-A")).CanWriteCauses));
    }

    [Fact]
    public async Task Cause_IsWrittenByTheUnitOrAnEvaluator_AuditedOldAndNew_AndAStaleVersionIsAConflict()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        var soA = (await _province.UnitAsync("SO-A")).Id;
        var soB = (await _province.UnitAsync("SO-B")).Id;

        var first = await CauseAsync(Actors.Reporter(soA), period.Id, "3.2", "Chưa trang bị đủ máy tính", 0);
        Assert.Equal((OutcomeStatus.Ok, 1, "Chưa trang bị đủ máy tính"), (first.Status, first.Value!.Version, first.Value.Text));

        var stale = await CauseAsync(Actors.Evaluator, period.Id, "3.2", "Khác", 0);
        Assert.Equal((OutcomeStatus.Conflict, "version"), (stale.Status, stale.Problems.Single().Input));

        var second = await CauseAsync(Actors.Leader(soA), period.Id, " 3.2 ", "  Máy tính cũ chưa được thay  ", 1);
        Assert.Equal((2, "Máy tính cũ chưa được thay"), (second.Value!.Version, second.Value.Text));
        var same = await CauseAsync(Actors.Evaluator, period.Id, "3.2", "Máy tính cũ chưa được thay", 2);
        Assert.Equal(2, same.Value!.Version);

        var item = (await UnitAsync(Actors.Viewer, period.Id, "SO-A")).Items.Single(i => i.Indicator == "3.2");
        Assert.Equal(("Máy tính cũ chưa được thay", 2, "leader"), (item.Cause!.Text, item.Cause.Version, item.Cause.UpdatedBy));

        foreach (var refused in new[] { Actors.Viewer, Actors.Admin, Actors.Reporter(soB), Actors.Leader(soB) })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await CauseAsync(refused, period.Id, "3.2", "x", 2)).Status);
        }

        var tooLong = await CauseAsync(Actors.Evaluator, period.Id, "3.2", new string('x', Data.Improvement.ImprovementLimits.Cause + 1), 2);
        Assert.Equal((OutcomeStatus.Invalid, "text", "3.2"), (tooLong.Status, tooLong.Problems.Single().Input, tooLong.Problems.Single().Indicator));
        Assert.Equal(OutcomeStatus.NotFound, (await CauseAsync(Actors.Evaluator, period.Id, "9.9", "x", 0)).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await CauseAsync(Actors.Evaluator, period.Id, "3", "x", 0)).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await CauseAsync(Actors.Evaluator, period.Id, "3.2", "x", -1)).Status);

        var cleared = await CauseAsync(Actors.Evaluator, period.Id, "3.2", "  ", 2);
        Assert.Equal((OutcomeStatus.Ok, (string?)null), (cleared.Status, cleared.Value!.Text));
        Assert.Null((await UnitAsync(Actors.Viewer, period.Id, "SO-A")).Items.Single(i => i.Indicator == "3.2").Cause);
        Assert.Equal(0, await _province.InDbAsync(db => db.GapCauses.CountAsync(Ct)));

        var audit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.Gap).OrderBy(e => e.Sequence)
            .Select(e => new { e.Indicator, e.Input, e.OldValue, e.NewValue, e.UnitId, e.PeriodId, e.UserName }).ToListAsync(Ct));
        Assert.Equal(
            [
                ("3.2", null, "Chưa trang bị đủ máy tính", "reporter"),
                ("3.2", "Chưa trang bị đủ máy tính", "Máy tính cũ chưa được thay", "leader"),
                ("3.2", "Máy tính cũ chưa được thay", null, "evaluator"),
            ],
            audit.Select(a => (a.Indicator!, a.OldValue, a.NewValue, a.UserName)));
        Assert.All(audit, a => Assert.Equal(("cause", (int?)soA, (int?)period.Id), (a.Input!, a.UnitId, a.PeriodId)));
    }

    [Fact]
    public async Task Period_SumsWhatEveryUnitLoses_ByIndicator_MostFirst_ForWhoReadsTheRanking()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        var codes = new[] { "SO-A", "SO-B", "SO-C" };
        for (var i = 0; i < codes.Length; i++)
        {
            await _province.ReportAsync(period.Id, codes[i], 0.3m + (0.3m * i), 11 + i);
        }

        var gaps = await GapsAsync(g => g.PeriodAsync(Actors.Viewer, period.Id, Ct));
        Assert.True(gaps.Succeeded, gaps.Message?.ToString());
        var units = new List<UnitGaps>();
        foreach (var code in await MembersAsync(period.Id))
        {
            units.Add(await UnitAsync(Actors.Evaluator, period.Id, code));
        }

        Assert.Equal(units.Count, gaps.Value!.Units);
        Assert.All(gaps.Value.Items, item =>
        {
            var each = units.Select(u => u.Items.Single(i => i.Indicator == item.Indicator)).ToArray();
            Assert.Equal(each.Sum(i => i.PointsLost), item.PointsLost);
            Assert.Equal(each.Count(i => i.PointsLost > 0), item.UnitsLosing);
            Assert.Equal(Math.Round(each.Sum(i => i.PointsLost) / units.Count, 2, MidpointRounding.AwayFromZero), item.AveragePointsLost);
            Assert.Equal(Math.Round(each.Sum(i => i.Points) / units.Count, 2, MidpointRounding.AwayFromZero), item.AveragePoints);
        });
        Assert.Equal(gaps.Value.Items.Select(i => i.PointsLost).OrderDescending(), gaps.Value.Items.Select(i => i.PointsLost));
        Assert.True(gaps.Value.Items[0].PointsLost > gaps.Value.Items[^1].PointsLost);

        var soA = (await _province.UnitAsync("SO-A")).Id;
        Assert.Equal(OutcomeStatus.Forbidden, (await GapsAsync(g => g.PeriodAsync(Actors.Reporter(soA), period.Id, Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await GapsAsync(g => g.PeriodAsync(Actors.Evaluator, period.Id + 100, Ct))).Status);
    }

    [Fact]
    public async Task DraftedPlan_IsAWordDocument_WithTheHeadingsTheResultsTableTheGapsWithCausesAndOwners_AndTheAppendix()
    {
        await PublishedLastYearAsync();
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await SaveAsync(period.Id, "SO-A", new ValueChange("3.2", "a", "10"), new ValueChange("3.2", "b", "40"));
        var planned = await _province.InScopeAsync(s => s.GetRequiredService<PlanService>().SaveAsync(
            Actors.Evaluator, period.Id, null, [new PlanRowChange("3.2", LeadUnit: "SO-C", CoordinatingUnits: ["SO-B"], Target: "100%", Deadline: "31/12/2024")], Ct));
        Assert.True(planned.Succeeded);
        Assert.True((await CauseAsync(Actors.Evaluator, period.Id, "3.2", "Máy tính chưa kết nối mạng", 0)).Succeeded);

        var file = await _province.InScopeAsync(s => s.GetRequiredService<ImprovementPlanService>().DocumentAsync(Actors.Evaluator, period.Id, null, Core.Text.Language.Vietnamese, Ct));
        Assert.True(file.Succeeded, file.Message?.ToString());
        Assert.EndsWith(".docx", file.Value!.FileName, StringComparison.Ordinal);

        using var document = WordprocessingDocument.Open(new MemoryStream(file.Value.Content), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToArray();
        Assert.Contains("KẾ HOẠCH", paragraphs);
        Assert.Contains("Nâng cao Chỉ số chuyển đổi số (DTI) năm 2024", paragraphs);
        Assert.Contains("I. MỤC ĐÍCH, YÊU CẦU", paragraphs);
        Assert.Contains("II. HIỆN TRẠNG CHỈ SỐ DTI NĂM 2024", paragraphs);
        Assert.Contains("III. ĐÁNH GIÁ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("- Tại tiêu chí „3.2. ", StringComparison.Ordinal) && p.Contains("”: đạt 5/20 điểm (kết quả đạt 25%, mức đạt điểm tối đa 100%).", StringComparison.Ordinal));
        Assert.Contains("Nguyên nhân: Máy tính chưa kết nối mạng", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("- Tiêu chí 3.2.", StringComparison.Ordinal) && p.Contains("mục tiêu: 100%", StringComparison.Ordinal) && p.Contains("31/12/2024", StringComparison.Ordinal));

        // The results table of section II: a row per main index, the total, the rank; the appendix: seed 004's columns.
        var tables = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ToArray();
        var results = tables.Single(t => t.InnerText.Contains("Điểm chuẩn chỉ số", StringComparison.Ordinal));
        var gaps = await UnitAsync(Actors.Evaluator, period.Id, "SO-A");
        var rows = results.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToArray()).ToArray();
        Assert.Equal(gaps.MainIndices.Count + 2, rows.Length);
        Assert.Equal(["1", gaps.MainIndices[0].Name, Core.Text.NumberText.Points(gaps.MainIndices[0].MaxPoints), Core.Text.NumberText.Points(gaps.MainIndices[0].Points), gaps.MainIndices[0].Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), "1/1"], rows[1]);
        Assert.Equal(["", "TỔNG", Core.Text.NumberText.Points(gaps.MaxTotal), Core.Text.NumberText.Points(gaps.Total), "", ""], rows[^1]);
        Assert.Contains(tables, t => t.InnerText.Contains("Đơn vị chủ trì tham mưu", StringComparison.Ordinal) || t.InnerText.Contains("Mục tiêu", StringComparison.Ordinal));
        var section = body.Elements<DocumentFormat.OpenXml.Wordprocessing.SectionProperties>().Single();
        Assert.Equal(DocumentFormat.OpenXml.Wordprocessing.PageOrientationValues.Landscape, section.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!.Orient!.Value);
    }

    // ---- Helpers

    private async Task<IReadOnlyList<string>> MembersAsync(int periodId) =>
        await _province.InDbAsync(db => db.PeriodUnits.Where(u => u.PeriodId == periodId).Select(u => u.UnitCode).ToListAsync(Ct));

    private async Task SaveAsync(int periodId, string code, params ValueChange[] changes)
    {
        var unit = await _province.UnitAsync(code);
        var saved = await _province.ValuesAsync(v => v.SaveAsync(Actors.Reporter(unit.Id), periodId, code, changes, AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator} {p.Input}: {p.Message}")));
    }

    /// <summary>A 2023 period of SO-A, reported (1.3 at full points, 3.2 at 30 of 40 computers), finalised and published; its id.</summary>
    private async Task<int> PublishedLastYearAsync()
    {
        var created = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2023, "Kỳ 2023", new DateOnly(2023, 11, 1), new DateOnly(2024, 1, 1), ["SO-A"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        var id = created.Value!.Id;
        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, id, Data.Periods.PeriodStatus.Open, Ct))).Succeeded);
        var now = Clock.GetUtcNow();
        Clock.SetDay(new DateOnly(2023, 11, 15));
        await SaveAsync(id, "SO-A", new ValueChange("1.3", "da_to_chuc", "có"), new ValueChange("3.2", "a", "30"), new ValueChange("3.2", "b", "40"));
        await _province.FinaliseAsync(id, "SO-A");
        await _province.PublishAsync(id);
        Clock.SetMoment(now);
        return id;
    }

    private Task<T> GapsAsync<T>(Func<GapService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<GapService>()));

    private async Task<UnitGaps> UnitAsync(Access.Actor actor, int periodId, string code)
    {
        var outcome = await GapsAsync(g => g.UnitAsync(actor, periodId, code, cancellationToken: Ct));
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        return outcome.Value!;
    }

    private Task<Outcome<GapCauseSaved>> CauseAsync(Access.Actor actor, int periodId, string indicator, string? text, int version) =>
        GapsAsync(g => g.SaveCauseAsync(actor, periodId, "SO-A", indicator, text, version, Ct));
}
