using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Plans;
using OpenDti.Application.Values;
using OpenDti.Data.Audit;
using OpenDti.Data.Plans;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A period's plan (phân công, docs/plans.md): every node of the framework with its row, saved all or
/// nothing with located problems and audited per field; last year's result from last year's published
/// period or an imported baseline, maintain or push; copying to the next period; who reads and who edits.
/// </summary>
public sealed class PlanServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestClock Clock => _province.Database.Services.GetRequiredService<TestClock>();

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Reading

    [Fact]
    public async Task Get_GivesEveryNodeOfTheFramework_InItsOrder_WithNoRowYet_AndTheOnlyMemberByDefault()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        var framework = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022", Ct));

        var plan = await GetAsync(Actors.Evaluator, period.Id, null);

        Assert.Equal(("SO-A", "Sở A", true), (plan.UnitCode, plan.UnitName, plan.CanEdit));
        Assert.Equal(framework.Value!.Nodes.Select(n => (n.Code.Value, n.MaxPoints, n.Depth)), plan.Items.Select(i => (i.Indicator, i.MaxPoints, i.Depth)));
        Assert.Contains(plan.Items, i => i.Kind == Core.Frameworks.NodeKind.MainIndex);
        Assert.All(plan.Items, i => Assert.Equal((0, false, null, null, null), (i.Version, i.Assigned, i.LeadUnit, i.LastYear, i.Classification)));
        Assert.Equal(["SO-A"], plan.Members.Select(m => m.Code));
        Assert.Contains(plan.Choices, u => u.Code == "TINH");
        Assert.Contains(plan.Choices, u => u.Code == "XA-1-1");
        Assert.False((await GetAsync(Actors.Viewer, period.Id, null)).CanEdit);
    }

    [Fact]
    public async Task Get_InAManyMemberCohort_NeedsTheUnit_ExceptForAMembersOwnUser_AndAnUnknownUnitIsNotFound()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        var soB = (await _province.UnitAsync("SO-B")).Id;

        var unnamed = await PlansAsync(p => p.GetAsync(Actors.Evaluator, period.Id, null, Ct));
        Assert.Equal(OutcomeStatus.Invalid, unnamed.Status);
        Assert.Equal(("APP-PLAN-UNIT", "unit"), (unnamed.Problems.Single().Code, unnamed.Problems.Single().Input));

        Assert.Equal("SO-B", (await GetAsync(Actors.Reporter(soB), period.Id, null)).UnitCode);
        Assert.Equal("SO-C", (await GetAsync(Actors.Evaluator, period.Id, " so-c ")).UnitCode);
        Assert.Equal(OutcomeStatus.NotFound, (await PlansAsync(p => p.GetAsync(Actors.Evaluator, period.Id, "HUYEN-1", Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await PlansAsync(p => p.GetAsync(Actors.Evaluator, period.Id + 100, "SO-A", Ct))).Status);
    }

    [Fact]
    public async Task Read_ProvinceStaffViewersAndTheMembersUsers_AndTheUnitsThePlanNames_NotOtherUnits()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        var soA = (await _province.UnitAsync("SO-A")).Id;
        var soB = (await _province.UnitAsync("SO-B")).Id;
        var soC = (await _province.UnitAsync("SO-C")).Id;
        var huyen = (await _province.UnitAsync("HUYEN-1")).Id;

        foreach (var actor in new[] { Actors.Admin, Actors.Evaluator, Actors.Viewer, Actors.Reporter(soA), Actors.Leader(soA) })
        {
            Assert.True((await PlansAsync(p => p.GetAsync(actor, period.Id, "SO-A", Ct))).Succeeded, actor.UserName);
        }

        foreach (var actor in new[] { Actors.Reporter(soB), Actors.Leader(soC), Actors.Reporter(huyen) })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await PlansAsync(p => p.GetAsync(actor, period.Id, "SO-A", Ct))).Status);
        }

        await SaveOkAsync(period.Id, "SO-A", new PlanRowChange("1.1", LeadUnit: "SO-B", CoordinatingUnits: ["SO-C"]));

        Assert.True((await PlansAsync(p => p.GetAsync(Actors.Reporter(soB), period.Id, "SO-A", Ct))).Succeeded);
        Assert.True((await PlansAsync(p => p.GetAsync(Actors.Leader(soC), period.Id, "SO-A", Ct))).Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await PlansAsync(p => p.GetAsync(Actors.Reporter(huyen), period.Id, "SO-A", Ct))).Status);
        Assert.False((await GetAsync(Actors.Reporter(soB), period.Id, "SO-A")).CanEdit);
    }

    // ---- Saving

    [Fact]
    public async Task Save_StoresEachRowAsAWhole_NamesUnitsByCode_ReadsDaysAndKeepsTexts_AndAuditsEveryChangedField()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);

        var plan = await SaveOkAsync(
            period.Id,
            null,
            new PlanRowChange("1.1", " Sở Thông tin và Truyền thông ", "so-b", ["SO-C", "TINH", "so-c", " "], "Duy trì", "31/12/2024", "Ghi chú"),
            new PlanRowChange("1.2", LeadUnit: "HUYEN-1", Deadline: "Hàng năm"),
            new PlanRowChange("1.3", Deadline: "2024-12-20"));

        var first = plan.Items.Single(i => i.Indicator == "1.1");
        Assert.Equal(
            ("Sở Thông tin và Truyền thông", "SO-B", "Sở B", "SO-C TINH", "Duy trì", new DateOnly(2024, 12, 31), (string?)null, "31/12/2024", "Ghi chú", 1, "evaluator"),
            (first.GuidingBody, first.LeadUnit!.Code, first.LeadUnit.Name, string.Join(" ", first.CoordinatingUnits.Select(u => u.Code)), first.Target, first.DueOn, first.DueText, first.Deadline, first.Note, first.Version, first.UpdatedBy));
        var second = plan.Items.Single(i => i.Indicator == "1.2");
        Assert.Equal(((DateOnly?)null, "Hàng năm", "Hàng năm"), (second.DueOn, second.DueText, second.Deadline));
        Assert.Equal(new DateOnly(2024, 12, 20), plan.Items.Single(i => i.Indicator == "1.3").DueOn);
        Assert.Equal(["1.1", "1.2", "1.3"], plan.Items.Where(i => i.Assigned).Select(i => i.Indicator));

        var audit = await AuditAsync(period.Id);
        Assert.Contains(("1.1", "guidingBody", null, "Sở Thông tin và Truyền thông"), audit);
        Assert.Contains(("1.1", "leadUnit", null, "SO-B"), audit);
        Assert.Contains(("1.1", "coordinatingUnits", null, "SO-C, TINH"), audit);
        Assert.Contains(("1.1", "deadline", null, "31/12/2024"), audit);
        Assert.Contains(("1.2", "deadline", null, "Hàng năm"), audit);
        Assert.Equal(9, audit.Count);
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        Assert.All(await _province.InDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKind.Plan).ToListAsync(Ct)), e => Assert.Equal((period.Id, unitId, "evaluator"), (e.PeriodId!.Value, e.UnitId!.Value, e.UserName)));

        // The same row again changes nothing: no version, no audit; one field changed: one entry.
        plan = await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", "Sở Thông tin và Truyền thông", "SO-B", ["TINH", "SO-C"], "Duy trì", "31/12/2024", "Ghi chú", Version: 1));
        Assert.Equal(1, plan.Items.Single(i => i.Indicator == "1.1").Version);
        Assert.Equal(9, (await AuditAsync(period.Id)).Count);
        plan = await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", "Sở Thông tin và Truyền thông", "SO-B", ["TINH"], "Duy trì", "31/12/2024", "Ghi chú", Version: 1));
        Assert.Equal(2, plan.Items.Single(i => i.Indicator == "1.1").Version);
        Assert.Equal(("1.1", "coordinatingUnits", "SO-C, TINH", "TINH"), (await AuditAsync(period.Id))[^1]);
    }

    [Fact]
    public async Task Save_RefusesTheWholeRequest_WithEachProblemLocatedByRowIndicatorAndField()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);

        var refused = await SaveAsync(
            period.Id,
            null,
            new PlanRowChange("1.1", LeadUnit: "SO-B"),
            new PlanRowChange("9.9", LeadUnit: "SO-B"),
            new PlanRowChange("1.2", LeadUnit: "SO-X"),
            new PlanRowChange("1.3", LeadUnit: "SO-B", CoordinatingUnits: ["SO-C", "so-b"]),
            new PlanRowChange("1.4", Deadline: "31/02/2026"),
            new PlanRowChange("2.1", Classification: "đẩy mạnh"),
            new PlanRowChange("2.2", Note: new string('x', PlanLimits.Long + 1)),
            new PlanRowChange("1.1", LeadUnit: "SO-C"),
            new PlanRowChange(" "),
            null,
            new PlanRowChange("2.3", Classification: "giữ nguyên", ClassificationReason: "Vì sao"),
            new PlanRowChange("3.1", CoordinatingUnits: ["SO-Z"]),
            new PlanRowChange("3.2", GuidingBody: new string('y', PlanLimits.Short + 1)),
            new PlanRowChange("3.3", Deadline: "2026-13-01"));

        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(
            [
                ("APP-PLAN-INDICATOR", 2, "9.9", "indicator"),
                ("APP-PLAN-UNIT", 3, "1.2", "leadUnit"),
                ("APP-PLAN-UNIT", 4, "1.3", "coordinatingUnits"),
                ("APP-PLAN-DEADLINE", 5, "1.4", "deadline"),
                ("APP-PLAN-REASON", 6, "2.1", "classificationReason"),
                ("APP-TOO-LONG", 7, "2.2", "note"),
                ("APP-DUPLICATE", 8, "1.1", "indicator"),
                ("APP-PLAN-INDICATOR", 9, null, "indicator"),
                ("APP-PLAN-INDICATOR", 10, null, "indicator"),
                ("APP-PLAN-CLASSIFICATION", 11, "2.3", "classification"),
                ("APP-PLAN-UNIT", 12, "3.1", "coordinatingUnits"),
                ("APP-TOO-LONG", 13, "3.2", "guidingBody"),
                ("APP-PLAN-DEADLINE", 14, "3.3", "deadline"),
            ],
            refused.Problems.Select(p => (p.Code, p.Row!.Value, p.Indicator, p.Input!)));
        Assert.Contains("SO-X", refused.Problems[1].Message.ToString(Core.Text.Language.Vietnamese), StringComparison.Ordinal);
        Assert.Contains("31/02/2026", refused.Problems[3].Message.ToString(Core.Text.Language.English), StringComparison.Ordinal);
        Assert.Equal(0, await _province.InDbAsync(db => db.PlanRows.CountAsync(Ct)));
        Assert.Empty(await AuditAsync(period.Id));
    }

    [Fact]
    public async Task Save_AStaleVersion_IsAConflict_AndSavesNothing()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", LeadUnit: "SO-B"));

        var stale = await SaveAsync(period.Id, null, new PlanRowChange("1.2", LeadUnit: "SO-C", Version: 0), new PlanRowChange("1.1", LeadUnit: "SO-C", Version: 0));

        Assert.Equal(OutcomeStatus.Conflict, stale.Status);
        Assert.Equal(("APP-VERSION", "1.1", "version", 2), (stale.Problems.Single().Code, stale.Problems.Single().Indicator, stale.Problems.Single().Input, stale.Problems.Single().Row!.Value));
        var plan = await GetAsync(Actors.Evaluator, period.Id, null);
        Assert.Equal(("SO-B", false), (plan.Items.Single(i => i.Indicator == "1.1").LeadUnit!.Code, plan.Items.Single(i => i.Indicator == "1.2").Assigned));
    }

    [Fact]
    public async Task Save_ARowWithEveryFieldEmpty_RemovesIt_AndAuditsWhatItSaid()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", LeadUnit: "SO-B", CoordinatingUnits: ["SO-C"], Target: "20"));

        var plan = await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", GuidingBody: "  ", CoordinatingUnits: []));

        Assert.False(plan.Items.Single(i => i.Indicator == "1.1").Assigned);
        Assert.Equal(0, await _province.InDbAsync(db => db.PlanRows.CountAsync(Ct)));
        Assert.Equal(0, await _province.InDbAsync(db => db.Set<PlanCoordinator>().CountAsync(Ct)));
        var audit = await AuditAsync(period.Id);
        Assert.Contains(("1.1", "leadUnit", "SO-B", null), audit);
        Assert.Contains(("1.1", "coordinatingUnits", "SO-C", null), audit);
        Assert.Contains(("1.1", "target", "20", null), audit);
    }

    [Fact]
    public async Task Save_ARowWithProgressReports_CannotBeEmptied_AndItsReportsStay()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", LeadUnit: "SO-B", Target: "20"));
        var soB = (await _province.UnitAsync("SO-B")).Id;
        await _province.InDbAsync(async db =>
        {
            var row = await db.PlanRows.SingleAsync(Ct);
            db.PlanProgress.Add(new PlanProgress { PlanRowId = row.Id, Term = ProgressTerm.Quarter1, Status = ProgressStatus.InProgress, ReportedBy = "so-b", ReportedByUnitId = soB, ReportedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });

        var refused = await SaveAsync(period.Id, null, new PlanRowChange("1.1"));

        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("APP-PLAN-HAS-PROGRESS", "1.1", 1), (problem.Code, problem.Indicator, problem.Row));
        Assert.Equal(1, await _province.InDbAsync(db => db.PlanRows.CountAsync(Ct)));
        Assert.Equal(1, await _province.InDbAsync(db => db.PlanProgress.CountAsync(Ct)));

        // Given to another unit instead, the row and its report stay.
        await SaveOkAsync(period.Id, null, new PlanRowChange("1.1", LeadUnit: "SO-C", Target: "20"));
        Assert.Equal(1, await _province.InDbAsync(db => db.PlanProgress.CountAsync(Ct)));
    }

    [Fact]
    public async Task Save_OnlyEvaluators_AndNotOnceThePeriodIsPublished()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        var soA = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in new[] { Actors.Admin, Actors.Viewer, Actors.Reporter(soA), Actors.Leader(soA) })
        {
            var refused = await PlansAsync(p => p.SaveAsync(actor, period.Id, null, [new PlanRowChange("1.1", LeadUnit: "SO-B")], Ct));
            Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        }

        await _province.FinaliseAsync(period.Id, "SO-A");
        await _province.PublishAsync(period.Id);
        var published = await SaveAsync(period.Id, null, new PlanRowChange("1.1", LeadUnit: "SO-B"));
        Assert.Equal(OutcomeStatus.Conflict, published.Status);
        Assert.False((await GetAsync(Actors.Evaluator, period.Id, null)).CanEdit);
        Assert.Equal(0, await _province.InDbAsync(db => db.PlanRows.CountAsync(Ct)));
    }

    // ---- Last year's result, maintain or push

    [Fact]
    public async Task LastYear_ComesFromLastYearsPublishedPeriod_WithMaintainOrPushAndThePointsLost_AndAnOverrideNeedsItsReason()
    {
        var lastYear = await PublishedLastYearAsync();
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);

        var plan = await GetAsync(Actors.Evaluator, period.Id, null);

        Assert.Equal(lastYear, plan.LastYearPeriodId);
        var full = plan.Items.Single(i => i.Indicator == "1.3");
        Assert.Equal((20m, BaselineSource.Published, (int?)lastYear, PlanClassification.Maintain, PlanClassification.Maintain, 0m, false),
            (full.LastYear!.Points, full.LastYear.Source, full.LastYear.PeriodId, full.DerivedClassification, full.Classification, full.PointsLost!.Value, full.ClassificationOverridden));
        var ratio = plan.Items.Single(i => i.Indicator == "3.2");
        Assert.Equal((15m, 0.75m, PlanClassification.Push, 5m), (ratio.LastYear!.Points, ratio.LastYear.Measure, ratio.Classification, ratio.PointsLost));
        var none = plan.Items.Single(i => i.Indicator == "1.1");
        Assert.Equal((0m, PlanClassification.Push, 20m), (none.LastYear!.Points, none.Classification, none.PointsLost));

        plan = await SaveOkAsync(period.Id, null, new PlanRowChange("1.3", Classification: "push", ClassificationReason: "Năm nay tiêu chí chặt hơn"));
        var overridden = plan.Items.Single(i => i.Indicator == "1.3");
        Assert.Equal((PlanClassification.Maintain, PlanClassification.Push, "Năm nay tiêu chí chặt hơn", true),
            (overridden.DerivedClassification, overridden.Classification, overridden.ClassificationReason, overridden.ClassificationOverridden));
        Assert.Contains(("1.3", "classification", null, "Push"), await AuditAsync(period.Id));

        // Back to the derived one: the reason goes with it.
        plan = await SaveOkAsync(period.Id, null, new PlanRowChange("1.3", Target: "20", ClassificationReason: "bỏ qua"));
        var derived = plan.Items.Single(i => i.Indicator == "1.3");
        Assert.Equal((PlanClassification.Maintain, (string?)null, false), (derived.Classification, derived.ClassificationReason, derived.ClassificationOverridden));
    }

    [Fact]
    public async Task LastYear_WithoutAPublishedPeriod_ComesFromTheImportedBaseline_WhichIsCheckedAsAWhole()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);

        var refused = await PlansAsync(p => p.ImportBaselineAsync(Actors.Evaluator, period.Id,
            [
                new BaselineEntry(1, "SO-A", "1.1", "20", null),
                new BaselineEntry(2, "SO-C", "1.1", "20", null),
                new BaselineEntry(3, "SO-A", "9.9", "1", null),
                new BaselineEntry(4, "SO-A", "1.2", "21", null),
                new BaselineEntry(5, "SO-A", "1.3", "mười", null),
                new BaselineEntry(6, "SO-A", "1.1", "3", null),
                new BaselineEntry(7, null, null, null, null),
            ],
            Ct));
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(
            [("APP-BASELINE-UNIT", 2), ("APP-BASELINE-INDICATOR", 3), ("APP-BASELINE-POINTS", 4), ("APP-BASELINE-POINTS", 5), ("APP-DUPLICATE", 6), ("APP-BASELINE-UNIT", 7)],
            refused.Problems.Select(p => (p.Code, p.Row!.Value)));
        Assert.Equal(0, await _province.InDbAsync(db => db.BaselineResults.CountAsync(Ct)));

        var imported = await PlansAsync(p => p.ImportBaselineAsync(Actors.Evaluator, period.Id,
            [new BaselineEntry(1, "SO-A", "1.1", "20", "Có"), new BaselineEntry(2, "so-a", "3.2", "12,5", "62,5%"), new BaselineEntry(3, "SO-B", "1.1", "0", null)],
            Ct));
        Assert.Equal(3, imported.Value);

        var plan = await GetAsync(Actors.Evaluator, period.Id, "SO-A");
        Assert.Null(plan.LastYearPeriodId);
        var full = plan.Items.Single(i => i.Indicator == "1.1");
        Assert.Equal((20m, "Có", BaselineSource.Imported, PlanClassification.Maintain), (full.LastYear!.Points, full.LastYear.MeasureText, full.LastYear.Source, full.Classification));
        var partial = plan.Items.Single(i => i.Indicator == "3.2");
        Assert.Equal((12.5m, "62,5%", PlanClassification.Push, 7.5m), (partial.LastYear!.Points, partial.LastYear.MeasureText, partial.Classification, partial.PointsLost));
        Assert.Null(plan.Items.Single(i => i.Indicator == "1.2").LastYear);
        Assert.Equal(PlanClassification.Push, (await GetAsync(Actors.Evaluator, period.Id, "SO-B")).Items.Single(i => i.Indicator == "1.1").Classification);

        // A new import replaces the previous one; only evaluators import.
        Assert.Equal(1, (await PlansAsync(p => p.ImportBaselineAsync(Actors.Evaluator, period.Id, [new BaselineEntry(1, "SO-B", "1.2", "10", null)], Ct))).Value);
        Assert.Null((await GetAsync(Actors.Evaluator, period.Id, "SO-A")).Items.Single(i => i.Indicator == "1.1").LastYear);
        Assert.Equal(OutcomeStatus.Forbidden, (await PlansAsync(p => p.ImportBaselineAsync(Actors.Admin, period.Id, [], Ct))).Status);
        Assert.Contains(await _province.InDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKind.Plan).Select(e => e.Input).ToListAsync(Ct)), i => i == "baseline");
    }

    // ---- Copying

    [Fact]
    public async Task Copy_ToTheNextPeriod_MovesDaysByAYear_SkipsNodesAndMembersTheTargetLacks_AndRefusesATargetWithAPlan()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await SaveOkAsync(period.Id, "SO-A",
            new PlanRowChange("1.1", "Bộ TT&TT", "SO-B", ["SO-C"], "Duy trì", "10/12/2024", "Ghi chú"),
            new PlanRowChange("1.2", LeadUnit: "SO-C", Deadline: "Hàng năm", Classification: "maintain", ClassificationReason: "Lý do"),
            new PlanRowChange("1.3", Classification: "push", ClassificationReason: "Chỉ có xếp loại: không có gì để sao chép"));
        await SaveOkAsync(period.Id, "SO-B", new PlanRowChange("1.1", LeadUnit: "SO-A", Deadline: "29/02/2024"));
        var soA = (await _province.UnitAsync("SO-A")).Id;

        // A node that last year's framework had and this year's has not (written directly: the service refuses it).
        await _province.InDbAsync(db =>
        {
            db.PlanRows.Add(new PlanRow { PeriodId = period.Id, UnitId = soA, Indicator = "9.9", Target = "x", Version = 1, UpdatedBy = "test" });
            return db.SaveChangesAsync(Ct);
        });
        var next = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Kỳ 2025", new DateOnly(2025, 11, 1), new DateOnly(2026, 1, 1), ["SO-A", "SO-C"], Ct));

        var copied = await PlansAsync(p => p.CopyAsync(Actors.Evaluator, next.Value!.Id, period.Id, Ct));

        Assert.Equal(2, copied.Value);
        var plan = await GetAsync(Actors.Evaluator, next.Value!.Id, "SO-A");
        var first = plan.Items.Single(i => i.Indicator == "1.1");
        Assert.Equal(("Bộ TT&TT", "SO-B", "SO-C", "Duy trì", new DateOnly(2025, 12, 10), "Ghi chú", 1),
            (first.GuidingBody, first.LeadUnit!.Code, first.CoordinatingUnits.Single().Code, first.Target, first.DueOn!.Value, first.Note, first.Version));
        var second = plan.Items.Single(i => i.Indicator == "1.2");
        Assert.Equal(("Hàng năm", (string?)null), (second.DueText, second.ClassificationReason));
        Assert.Equal(["1.1", "1.2"], plan.Items.Where(i => i.Assigned).Select(i => i.Indicator));
        Assert.DoesNotContain((await GetAsync(Actors.Evaluator, next.Value.Id, "SO-C")).Items, i => i.Assigned);

        var audit = await AuditAsync(next.Value.Id);
        Assert.Contains(("1.1", "leadUnit", null, "SO-B"), audit);
        Assert.Contains(("1.1", "deadline", null, "10/12/2025"), audit);
        Assert.Contains(("1.2", "deadline", null, "Hàng năm"), audit);
        Assert.Equal(8, audit.Count);

        var again = await PlansAsync(p => p.CopyAsync(Actors.Evaluator, next.Value.Id, period.Id, Ct));
        Assert.Equal(OutcomeStatus.Conflict, again.Status);
        Assert.Equal(2, await _province.InDbAsync(db => db.PlanRows.CountAsync(r => r.PeriodId == next.Value.Id, Ct)));
        Assert.Equal(OutcomeStatus.Invalid, (await PlansAsync(p => p.CopyAsync(Actors.Evaluator, period.Id, period.Id, Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await PlansAsync(p => p.CopyAsync(Actors.Evaluator, next.Value.Id, 999, Ct))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await PlansAsync(p => p.CopyAsync(Actors.Viewer, next.Value.Id, period.Id, Ct))).Status);
    }

    // ---- Helpers

    /// <summary>A 2023 period of SO-A, reported (1.3 at full points, 3.2 at 30 of 40 computers, 1.4 at half), finalised and published; its id.</summary>
    private async Task<int> PublishedLastYearAsync()
    {
        var created = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2023, "Kỳ 2023", new DateOnly(2023, 11, 1), new DateOnly(2024, 1, 1), ["SO-A"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        var id = created.Value!.Id;
        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, id, Data.Periods.PeriodStatus.Open, Ct))).Succeeded);
        var now = Clock.GetUtcNow();
        Clock.SetDay(new DateOnly(2023, 11, 15));
        var soA = (await _province.UnitAsync("SO-A")).Id;
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(soA),
            id,
            "SO-A",
            [new ValueChange("1.3", "da_to_chuc", "có"), new ValueChange("3.2", "a", "30"), new ValueChange("3.2", "b", "40"), new ValueChange("1.4", "co_chuyen_muc", "có"), new ValueChange("1.4", "a", "12")],
            AuditChannel.Page,
            cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());
        await _province.FinaliseAsync(id, "SO-A");
        await _province.PublishAsync(id);
        Clock.SetMoment(now);
        return id;
    }

    private Task<T> PlansAsync<T>(Func<PlanService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<PlanService>()));

    private async Task<PeriodPlan> GetAsync(Access.Actor actor, int periodId, string? unit)
    {
        var outcome = await PlansAsync(p => p.GetAsync(actor, periodId, unit, Ct));
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        return outcome.Value!;
    }

    private Task<Outcome<PeriodPlan>> SaveAsync(int periodId, string? unit, params PlanRowChange?[] rows) =>
        PlansAsync(p => p.SaveAsync(Actors.Evaluator, periodId, unit, rows, Ct));

    private async Task<PeriodPlan> SaveOkAsync(int periodId, string? unit, params PlanRowChange?[] rows)
    {
        var outcome = await SaveAsync(periodId, unit, rows);
        Assert.True(outcome.Succeeded, outcome.Message + " " + string.Join("; ", outcome.Problems.Select(p => $"{p.Indicator} {p.Input}: {p.Message}")));
        return outcome.Value!;
    }

    /// <summary>The plan's audit entries of a period, oldest first: indicator, field, old, new.</summary>
    private async Task<List<(string? Indicator, string? Field, string? Old, string? New)>> AuditAsync(int periodId) =>
        (await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.Plan && e.PeriodId == periodId && e.Indicator != null).OrderBy(e => e.Sequence).ToListAsync(Ct)))
            .Select(e => (e.Indicator, e.Input, e.OldValue, e.NewValue))
            .ToList();
}
