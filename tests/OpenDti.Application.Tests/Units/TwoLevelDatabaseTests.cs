using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Results;
using OpenDti.Application.Tables;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The reform's use cases on each provider (SQLite, and PostgreSQL when OPENDTI_TEST_POSTGRES is set, skipped
/// otherwise), as the web tests' database tests do: dated moves and units read as of a day, a district closed with its
/// communes moved (and refused whole), a merger previewed without a trace then done, and a period's merger rule read
/// by the trends.
/// </summary>
public sealed class TwoLevelDatabaseTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private static readonly Actor Seed = Actor.System("test", AuditChannel.Seed);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Moves_AndClosures_AreDatedAndAudited_AndAUnitReadsAsOfADay(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);
        Assert.True((await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-1-2", "Xã Hai", UnitLevel.Commune, "HUYEN-1", cancellationToken: Ct))).Succeeded);

        // Refused whole before the reform: nothing closed, nothing moved.
        var early = await province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "HUYEN-1", Reform.AddDays(-1), null, "TINH", Ct));
        Assert.Equal(OutcomeStatus.Invalid, early.Status);
        Assert.Null((await province.UnitAsync("HUYEN-1")).ClosedOn);
        Assert.DoesNotContain(await province.HistoryAsync("XA-1-1"), e => e.Kind == UnitEventKind.Moved);

        var moved = await province.UnitsAsync(u => u.MoveAsync(Actors.Admin, "XA-1-1", "TINH", Reform, "Nghị quyết 1", Ct));
        Assert.True(moved.Succeeded, moved.Message?.ToString());
        var closed = await province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "HUYEN-1", Reform, "Nghị quyết 2", "TINH", Ct));
        Assert.True(closed.Succeeded, closed.Message?.ToString());

        var tinh = (await province.UnitAsync("TINH")).Id;
        var huyen = (await province.UnitAsync("HUYEN-1")).Id;
        Assert.Equal((tinh, tinh, Reform), ((await province.UnitAsync("XA-1-1")).ParentId, (await province.UnitAsync("XA-1-2")).ParentId, (await province.UnitAsync("HUYEN-1")).ClosedOn));
        var move = Assert.Single(await province.HistoryAsync("XA-1-2"), e => e.Kind == UnitEventKind.Moved);
        Assert.Equal((Reform, huyen, tinh, "Nghị quyết 2"), (move.EffectiveOn, move.OldParentId, move.NewParentId, move.Note));
        var audited = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Unit && a.Input == "moved").OrderBy(a => a.Id).Select(a => a.OldValue + "→" + a.NewValue + "@" + a.Subject).ToListAsync(Ct));
        Assert.Equal(["HUYEN-1→TINH@2025-07-01", "HUYEN-1→TINH@2025-07-01"], audited);

        var before = await province.UnitsAsync(u => u.ListAsOfAsync(Reform.AddDays(-1), Ct));
        var after = await province.UnitsAsync(u => u.ListAsOfAsync(Reform, Ct));
        Assert.Equal(("HUYEN-1", "HUYEN-1", true), (before.Single(u => u.Code == "XA-1-1").ParentCode, before.Single(u => u.Code == "XA-1-2").ParentCode, before.Single(u => u.Code == "HUYEN-1").Active));
        Assert.Equal(("TINH", "TINH", false), (after.Single(u => u.Code == "XA-1-1").ParentCode, after.Single(u => u.Code == "XA-1-2").ParentCode, after.Single(u => u.Code == "HUYEN-1").Active));
        Assert.Equal("HUYEN-1", (await province.UnitsAsync(u => u.AsOfAsync("XA-1-1", new DateOnly(2024, 12, 31), Ct))).Value!.ParentCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMerger_PreviewedLeavesNoTrace_ThenDone_IsReadByThePeriodsMergerRule(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);
        Assert.True((await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "XA-1-2", "Xã Hai", UnitLevel.Commune, "HUYEN-1", cancellationToken: Ct))).Succeeded);
        var y2024 = await province.InScopeAsync(async s =>
        {
            Assert.True((await s.GetRequiredService<FrameworkCatalog>().ImportAsync(Seed, DemoReformTests.CommuneFramework, "thu-xa.yaml", Ct)).Succeeded);
            var created = await s.GetRequiredService<PeriodService>().CreateAsync(Seed, "thu-xa", 2024, "Thử cấp xã 2024", new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 20), ["XA-1-1", "XA-1-2"], Ct);
            Assert.True(created.Succeeded, created.Message?.ToString());
            await DemoReformTests.EnterAsync(s, created.Value!.Id, [("XA-1-1", 30, 10), ("XA-1-2", 45, 20)]);
            return created.Value.Id;
        });
        foreach (var (code, population) in new[] { ("XA-1-1", 1000m), ("XA-1-2", 3000m) })
        {
            Assert.True((await province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, code, 2024, new Dictionary<string, decimal> { ["population"] = population }, Ct))).Succeeded);
        }

        var events = await province.InDbAsync(db => db.UnitEvents.CountAsync(Ct));
        var audits = await province.InDbAsync(db => db.AuditEntries.CountAsync(Ct));
        var preview = await province.UnitsAsync(u => u.PreviewAsync(d => d.MergeAsync(Actors.Admin, ["XA-1-1", "XA-1-2"], "XA-MOI", "Xã Mới", Reform, null, Ct), Ct));
        Assert.True(preview.Succeeded, preview.Message?.ToString());
        Assert.Equal(
            [("XA-MOI", UnitEventKind.Created, "TINH"), ("XA-1-1", UnitEventKind.MergedInto, "XA-MOI"), ("XA-1-2", UnitEventKind.MergedInto, "XA-MOI")],
            preview.Value!.Steps.Select(s => (s.Code, s.Kind, s.To)));
        var period = Assert.Single(preview.Value.Periods);
        Assert.Equal(y2024, period.Id);
        Assert.Equal(["XA-1-1", "XA-1-2"], period.UnitCodes);
        Assert.Equal((events, audits, false), (
            await province.InDbAsync(db => db.UnitEvents.CountAsync(Ct)),
            await province.InDbAsync(db => db.AuditEntries.CountAsync(Ct)),
            await province.InDbAsync(db => db.Units.AnyAsync(u => u.Code == "XA-MOI", Ct))));

        // A preview is refused as the change would be, with its message.
        var refused = await province.UnitsAsync(u => u.PreviewAsync(d => d.MergeAsync(Actors.Admin, ["XA-1-1", "SO-A"], "XA-SAI", "Sai", Reform, null, Ct), Ct));
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);

        var merged = await province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["XA-1-1", "XA-1-2"], "XA-MOI", "Xã Mới", Reform, null, Ct));
        Assert.True(merged.Succeeded, merged.Message?.ToString());
        Assert.Equal((await province.UnitAsync("TINH")).Id, merged.Value!.ParentId);
        var y2025 = await province.InScopeAsync(async s =>
        {
            var created = await s.GetRequiredService<PeriodService>().CreateAsync(Seed, "thu-xa", 2025, "Thử cấp xã 2025", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 20), ["XA-MOI"], Ct);
            Assert.True(created.Succeeded, created.Message?.ToString());
            await DemoReformTests.EnterAsync(s, created.Value!.Id, [("XA-MOI", 40, 30)]);
            return created.Value.Id;
        });

        // The mean: (40 + 65) / 2; by population: (40 × 1.000 + 65 × 3.000) / 4.000.
        var mean = await province.InScopeAsync(s => s.GetRequiredService<TrendService>().PeriodAsync(Actors.Viewer, y2025, Ct));
        var earlier = mean.Value!.Trends.Units.Single(u => u.UnitCode == "XA-MOI").Points.Single(p => p.Year == 2024);
        Assert.Equal((MergerRule.Mean, 52.5m), (earlier.Merged!.Rule, earlier.Total));
        var set = await province.PeriodsAsync(p => p.SetMergerRuleAsync(Actors.Admin, y2025, MergerRule.Population, Ct));
        Assert.Equal(MergerRule.Population, set.Value!.MergerRule);
        var audit = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Input == "merger_rule" && a.PeriodId == y2025, Ct));
        Assert.Equal(("mean", "population"), (audit.OldValue, audit.NewValue));
        var weighted = await province.InScopeAsync(s => s.GetRequiredService<TrendService>().PeriodAsync(Actors.Viewer, y2025, Ct));
        var point = weighted.Value!.Trends.Units.Single(u => u.UnitCode == "XA-MOI").Points.Single(p => p.Year == 2024);
        Assert.Equal((MergerRule.Population, 58.75m), (point.Merged!.Rule, point.Total));

        // The ranking's change against last year reads the merged commune by the same rule, and its file says so.
        var overview = (await province.InScopeAsync(s => s.GetRequiredService<ResultService>().OverviewAsync(Actors.Evaluator, y2025, Ct))).Value!;
        var change = overview.Rows.Single(r => r.Result.UnitCode == "XA-MOI").Change!;
        Assert.Equal((58.75m, MergerRule.Population), (change.PreviousTotal, change.Merged!.Rule));
        Assert.Equal([("XA-1-1", 1000m), ("XA-1-2", 3000m)], change.Merged.Units.Select(u => (u.Code, u.Weight)));
        var file = TableService.Ranking(overview, Language.Vietnamese, new DateOnly(2025, 12, 1));
        var column = file.Columns.Select(c => c.Header).ToList().IndexOf("Năm trước gộp từ");
        Assert.Equal("Xã Một (XA-1-1), Xã Hai (XA-1-2) (bình quân theo dân số)", file.Rows.Single(r => Equals(r[1], "XA-MOI"))[column]);

        // Last year published, the plan's baseline and the gaps' last year are the parts' points by the rule, node by
        // node: 1.1 is (30 × 1.000 + 45 × 3.000) / 4.000, 2.1 is (10 × 1.000 + 20 × 3.000) / 4.000; by the mean 37,5 and 15.
        await province.FinaliseAsync(y2024, "XA-1-1", "XA-1-2");
        await province.PublishAsync(y2024);
        async Task<(decimal, decimal, MergerRule?, decimal?)> BaselineAsync()
        {
            var plan = await province.InScopeAsync(s => s.GetRequiredService<PlanService>().GetAsync(Actors.Evaluator, y2025, "XA-MOI", Ct));
            Assert.True(plan.Succeeded, plan.Message?.ToString());
            var gaps = await province.InScopeAsync(s => s.GetRequiredService<GapService>().UnitAsync(Actors.Evaluator, y2025, "XA-MOI", cancellationToken: Ct));
            Assert.True(gaps.Succeeded, gaps.Message?.ToString());
            Assert.Equal(plan.Value!.LastYearMerged!.Rule, gaps.Value!.LastYearMerged!.Rule);
            Assert.Equal(plan.Value.LastYearMerged.Units, gaps.Value.LastYearMerged.Units);
            return (
                plan.Value.Items.Single(i => i.Indicator == "1.1").LastYear!.Points,
                plan.Value.Items.Single(i => i.Indicator == "2.1").LastYear!.Points,
                plan.Value.LastYearMerged?.Rule,
                gaps.Value.Items.Single(i => i.Indicator == "2.1").LastYear);
        }

        Assert.Equal((41.25m, 17.5m, MergerRule.Population, 17.5m), await BaselineAsync());
        Assert.True((await province.PeriodsAsync(p => p.SetMergerRuleAsync(Actors.Admin, y2025, MergerRule.Mean, Ct))).Succeeded);
        Assert.Equal((37.5m, 15m, MergerRule.Mean, 15m), await BaselineAsync());

        // A commune that was not merged has no such mark.
        var own = await province.InScopeAsync(s => s.GetRequiredService<PlanService>().GetAsync(Actors.Evaluator, y2024, "XA-1-1", Ct));
        Assert.Null(own.Value!.LastYearMerged);
    }
}
