using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Periods;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The reform's changes and a period's cohort and merger rule, sent 30 at once as an outsider did against two instances
/// on one PostgreSQL (docs/performance.md, "The routes of the two-level reform and the framework editor, at scale and
/// in parallel"), on each provider (SQLite, and PostgreSQL when OPENDTI_TEST_POSTGRES is set): each change happens once,
/// with one line of history and one audit entry, the others are refused or find nothing left to do, and none fails.
/// Each request runs in a scope of its own, as requests do.
/// </summary>
public sealed class SimultaneousChangesDatabaseTests
{
    private const int Requests = 30;

    private static readonly DateOnly Day = new(2026, 12, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtyMergersOfTheSameUnits_MergeThemOnce_AndRefuseTheRest(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);

        // Each request a new code: before the units were locked, 8 of 30 merged the same two units, each into a unit of its own.
        var outcomes = await AtOnceAsync(i => province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-A", "SO-B"], $"SO-GOP-{i}", $"Sở gộp {i}", Day, null, Ct)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(OutcomeStatus.Conflict, o.Status));
        var merged = Assert.Single(await province.InDbAsync(db => db.Units.AsNoTracking().Where(u => u.Code.StartsWith("SO-GOP-")).Select(u => u.Id).ToListAsync(Ct)));
        var events = await province.InDbAsync(db => db.UnitEvents.AsNoTracking().Where(e => e.Kind == UnitEventKind.MergedInto).Select(e => e.RelatedUnitId).ToListAsync(Ct));
        Assert.Equal(new int?[] { merged, merged }, events);
        Assert.Equal(2, await province.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Unit && a.Input == "mergedinto", Ct)));
        await AssertChainHoldsAsync(province);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MergersOfDifferentUnitsIntoOneCode_MakeOneUnit_AndAreOtherwiseAConflict_NeverAnError(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);
        for (var i = 0; i < 20; i++)
        {
            var created = await province.UnitsAsync(u => u.CreateAsync(Actors.Admin, $"SO-T{i:00}", $"Sở thử {i}", UnitLevel.Department, "TINH", cancellationToken: Ct));
            Assert.True(created.Succeeded, created.Message?.ToString());
        }

        // Ten pairs, each merged twice, all into SO-MOI: the code checked free by each, then inserted by each (a 500 before).
        var outcomes = await AtOnceAsync(i => province.UnitsAsync(u => u.MergeAsync(Actors.Admin, [$"SO-T{i % 10 * 2:00}", $"SO-T{(i % 10 * 2) + 1:00}"], "SO-MOI", "Sở mới", Day, null, Ct)), 20);

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(OutcomeStatus.Conflict, o.Status));
        var merged = await province.UnitAsync("SO-MOI");
        Assert.Equal(2, await province.InDbAsync(db => db.UnitEvents.CountAsync(e => e.Kind == UnitEventKind.MergedInto && e.RelatedUnitId == merged.Id, Ct)));
        Assert.Equal(2, await province.InDbAsync(db => db.UnitEvents.CountAsync(e => e.Kind == UnitEventKind.MergedInto, Ct)));
        Assert.Equal(18, await province.InDbAsync(db => db.Units.CountAsync(u => u.Code.StartsWith("SO-T") && u.ClosedOn == null, Ct)));
        await AssertChainHoldsAsync(province);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtyClosuresAndRenames_OfOneUnit_AreEachRecordedOnce(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);

        var renamed = await AtOnceAsync(_ => province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A mới", Day, null, Ct)));
        var closed = await AtOnceAsync(_ => province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-B", Day, null, Ct)));

        Assert.All(renamed, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var rename = Assert.Single(await province.HistoryAsync("SO-A"), e => e.Kind == UnitEventKind.Renamed);
        Assert.Equal(("Sở A", "Sở A mới"), (rename.OldName, rename.NewName));
        Assert.Single(closed, o => o.Succeeded);
        Assert.All(closed.Where(o => !o.Succeeded), o => Assert.Equal(OutcomeStatus.Conflict, o.Status));
        Assert.Single(await province.HistoryAsync("SO-B"), e => e.Kind == UnitEventKind.Closed);
        Assert.Equal((1, 1), (
            await province.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Unit && a.Input == "renamed", Ct)),
            await province.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Unit && a.Input == "closed", Ct))));
        await AssertChainHoldsAsync(province);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtyCohortChanges_AddOrRemoveAUnitOnce_AndLeaveACohortThatWasSentWhole(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);
        var period = await CreatePeriodAsync(province, ["SO-A"]);

        // The same body 30 times: before, 29 of 30 answered an error (the unit added twice broke the key).
        var added = await AtOnceAsync(_ => CohortAsync(province, period, ["SO-A", "SO-B"]));
        Assert.All(added, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        Assert.Equal(1, added.Count(o => o.Value!.Added.Count == 1));
        var removed = await AtOnceAsync(_ => CohortAsync(province, period, ["SO-A"]));
        Assert.All(removed, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        Assert.Equal(1, removed.Count(o => o.Value!.Removed.Count == 1));
        var audited = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Period && a.Input == "cohort" && a.PeriodId == period)
            .OrderBy(a => a.Sequence).Select(a => (a.OldValue ?? "-") + "→" + (a.NewValue ?? "-")).ToListAsync(Ct));
        Assert.Equal(["-→SO-B", "SO-B→-"], audited);

        // Different whole cohorts at once: before, each added its unit and none removed the others' (a cohort nobody sent).
        string[][] bodies = [["SO-A", "SO-B"], ["SO-A", "SO-C"], ["SO-B", "SO-C"]];
        var sent = await AtOnceAsync(i => CohortAsync(province, period, bodies[i % bodies.Length]));
        Assert.All(sent, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var cohort = await province.InDbAsync(db => db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == period).OrderBy(u => u.UnitCode).Select(u => u.UnitCode).ToListAsync(Ct));
        Assert.Contains(bodies, b => b.SequenceEqual(cohort));
        await AssertChainHoldsAsync(province);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtyMergerRules_AreAuditedOncePerChange_WithTheRuleEachReplaced(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);
        var period = await CreatePeriodAsync(province, ["SO-A"]);

        // The same rule 30 times: before, 15 or more entries each said it went from mean to population.
        var same = await AtOnceAsync(_ => province.PeriodsAsync(p => p.SetMergerRuleAsync(Actors.Evaluator, period, MergerRule.Population, Ct)));
        Assert.All(same, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var entries = await MergerRuleEntriesAsync(province, period);
        Assert.Equal(new (string?, string?)[] { ("mean", "population") }, entries);

        var mixed = await AtOnceAsync(i => province.PeriodsAsync(p => p.SetMergerRuleAsync(Actors.Evaluator, period, i % 2 == 0 ? MergerRule.Mean : MergerRule.Population, Ct)));
        Assert.All(mixed, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        entries = await MergerRuleEntriesAsync(province, period);
        for (var i = 1; i < entries.Count; i++)
        {
            // Each change starts from the rule the change before it left.
            Assert.Equal(entries[i - 1].New, entries[i].Old);
            Assert.NotEqual(entries[i].Old, entries[i].New);
        }

        var rule = await province.InDbAsync(db => db.Periods.AsNoTracking().Where(p => p.Id == period).Select(p => p.MergerRule).SingleAsync(Ct));
        Assert.Equal(entries[^1].New, rule.ToString().ToLowerInvariant());
        await AssertChainHoldsAsync(province);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtyAppealWindows_AreAuditedOncePerChange_WithTheDaysEachReplaced(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);
        var period = await CreatePeriodAsync(province, ["SO-A", "SO-B"]);

        var same = await AtOnceAsync(_ => province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Evaluator, period, 20, Ct)));
        Assert.All(same, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var entries = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.PeriodId == period && a.Input == "appeal_days")
            .OrderBy(a => a.Sequence).Select(a => a.OldValue + "→" + a.NewValue).ToListAsync(Ct));
        Assert.Equal(["15→20"], entries);

        var mixed = await AtOnceAsync(i => province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Evaluator, period, i % 2 == 0 ? 25 : 30, Ct)));
        Assert.All(mixed, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var chain = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.PeriodId == period && a.Input == "appeal_days")
            .OrderBy(a => a.Sequence).Select(a => new { a.OldValue, a.NewValue }).ToListAsync(Ct));
        for (var i = 1; i < chain.Count; i++)
        {
            Assert.Equal(chain[i - 1].NewValue, chain[i].OldValue);
            Assert.NotEqual(chain[i].OldValue, chain[i].NewValue);
        }

        var days = await province.InDbAsync(db => db.Periods.AsNoTracking().Where(p => p.Id == period).Select(p => p.AppealDays).SingleAsync(Ct));
        Assert.Equal(chain[^1].NewValue, days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertChainHoldsAsync(province);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtyNotScoredSwitches_OfOneUnit_AreAuditedEachFromWhatItWas(string provider)
    {
        await using var province = await SmallProvince.CreateAsync(provider);

        var switched = await AtOnceAsync(i => province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "SO-A", i % 2 == 0, Ct)));

        Assert.All(switched, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var entries = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Input == "not_scored")
            .OrderBy(a => a.Sequence).Select(a => new { a.OldValue, a.NewValue }).ToListAsync(Ct));
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.NotEqual(e.OldValue, e.NewValue));
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.NewValue, pair.First.OldValue));
        var notScored = await province.InDbAsync(db => db.Units.Where(u => u.Code == "SO-A").Select(u => u.NotScored).SingleAsync(Ct));
        Assert.Equal(entries[^1].NewValue, Audit.AuditTrail.Text(notScored));
        await AssertChainHoldsAsync(province);
    }

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="request"/> at once, each on a thread of its own once all are ready.</summary>
    private static async Task<T[]> AtOnceAsync<T>(Func<int, Task<T>> request, int count = Requests)
    {
        using var start = new Barrier(count);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(
            () =>
            {
                start.SignalAndWait(Ct);
                return request(i);
            },
            Ct)));
    }

    private static Task<Outcome<CohortChange>> CohortAsync(SmallProvince province, int period, string[] units) =>
        province.InScopeAsync(s => s.GetRequiredService<CohortService>().SetAsync(Actors.Evaluator, period, units, confirmed: true, Ct));

    private static async Task<int> CreatePeriodAsync(SmallProvince province, string[] units)
    {
        var created = await province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, "dti-department-2022", 2026, "Đánh giá 2026", new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31), 15,
            UnfinishedRanking.AfterFinalised, UnfinishedPoints.Zero, units, Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        return created.Value!.Id;
    }

    private static async Task<List<(string? Old, string? New)>> MergerRuleEntriesAsync(SmallProvince province, int period)
    {
        var entries = await province.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.PeriodId == period && a.Input == "merger_rule")
            .OrderBy(a => a.Sequence).Select(a => new { a.OldValue, a.NewValue }).ToListAsync(Ct));
        return [.. entries.Select(e => (e.OldValue, e.NewValue))];
    }

    private static async Task AssertChainHoldsAsync(SmallProvince province) =>
        Assert.True((await province.InDbAsync(db => AuditChain.VerifyAsync(db, Ct))).Intact);
}
