using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Periods;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The demo province's 2025 reform (issue 17 points 1 and 2): districts closed on 01/07/2025, communes merged and
/// placed under the province, 2023–2024 read as they were; and results across a merger (the mean of the parts, or
/// weighted by population), with a small commune framework scored in 2024 (the old communes) and 2025 (the new).
/// </summary>
public sealed class DemoReformTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private static readonly Actor Seed = Actor.System("test", AuditChannel.Seed);

    private static readonly SemaphoreSlim Once = new(1, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDistricts_CloseOnTheDayOfTheReform_AndEveryOpenCommuneBelongsToTheProvince()
    {
        var units = await demo.InDbAsync(db => db.Units.AsNoTracking().ToListAsync(Ct));
        var province = units.Single(u => u.Level == UnitLevel.Province);

        Assert.All(units.Where(u => u.Level == UnitLevel.District), d => Assert.Equal(Reform, d.ClosedOn));
        var open = units.Where(u => u.Level == UnitLevel.Commune && u.ClosedOn is null).ToList();
        Assert.NotEmpty(open);
        Assert.All(open, c => Assert.Equal(province.Id, c.ParentId));

        // Each commune that was under a district has the move in its history, with both parents; so has each office
        // under a district that contributes without being scored (Bưu điện huyện), now under the province too.
        var moves = await demo.InDbAsync(db => db.UnitEvents.AsNoTracking().Where(e => e.Kind == UnitEventKind.Moved).ToListAsync(Ct));
        var districtIds = units.Where(u => u.Level == UnitLevel.District).Select(u => u.Id).ToHashSet();
        var communes = open.Select(c => c.Id).ToHashSet();
        Assert.Equal(open.Where(c => c.ActiveFrom is null).Select(c => c.Id).Order(), moves.Where(m => communes.Contains(m.UnitId)).Select(m => m.UnitId).Order());
        Assert.All(moves.Where(m => !communes.Contains(m.UnitId)), m => Assert.True(units.Single(u => u.Id == m.UnitId).NotScored));
        Assert.All(moves, m => Assert.Equal((Reform, true, province.Id), (m.EffectiveOn, districtIds.Contains(m.OldParentId!.Value), m.NewParentId)));
        var audited = await demo.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Unit && a.Input == "moved").CountAsync(Ct));
        Assert.Equal(moves.Count, audited);
    }

    [Fact]
    public async Task TheMergers_AreThreeIntoOne_AndTwoIntoOne_UnderTheProvince_AndOneCommuneIsRenamed()
    {
        var units = await demo.InDbAsync(db => db.Units.AsNoTracking().ToListAsync(Ct));
        var events = await demo.InDbAsync(db => db.UnitEvents.AsNoTracking().Where(e => e.Kind == UnitEventKind.MergedInto).ToListAsync(Ct));
        var byId = units.ToDictionary(u => u.Id);

        var sizes = events.GroupBy(e => e.RelatedUnitId!.Value).Select(g => g.Count()).Order().ToArray();
        Assert.Equal([2, 2, 3, 3], sizes);
        foreach (var (code, name, sources) in DemoReform.Mergers)
        {
            var merged = units.Single(u => u.Code == code);
            Assert.Equal((name, UnitLevel.Commune, Reform, DemoData.ProvinceCode), (merged.Name, merged.Level, merged.ActiveFrom, byId[merged.ParentId!.Value].Code));
            Assert.Equal(sources.Order(), events.Where(e => e.RelatedUnitId == merged.Id).Select(e => byId[e.UnitId].Code).Order());
            Assert.All(sources, s => Assert.Equal(Reform, units.Single(u => u.Code == s).ClosedOn));
        }

        var renamed = await demo.InScopeAsync(s => s.GetRequiredService<UnitDirectory>().AsOfAsync(DemoReform.Renamed.Code, Reform, Ct));
        Assert.Equal(("Xã Đồng Tiến", DemoData.ProvinceCode, true), (renamed.Value!.Name, renamed.Value.ParentCode, renamed.Value.Active));
    }

    [Fact]
    public async Task AUnitAsOf2024_HasTheNameAndParentOf2024_AndThe2024PeriodsKeepTheirCohorts()
    {
        var before = (await demo.InScopeAsync(s => s.GetRequiredService<UnitDirectory>().AsOfAsync(DemoReform.Renamed.Code, new DateOnly(2024, 12, 31), Ct))).Value!;
        Assert.Equal(("Thị trấn Đồng Tiến", "HUYEN-04", true), (before.Name, before.ParentCode, before.Active));

        var merged = (await demo.InScopeAsync(s => s.GetRequiredService<UnitDirectory>().AsOfAsync("XA-02-01", new DateOnly(2024, 12, 31), Ct))).Value!;
        Assert.Equal(("HUYEN-02", true), (merged.ParentCode, merged.Active));
        var after = (await demo.InScopeAsync(s => s.GetRequiredService<UnitDirectory>().AsOfAsync("XA-02-01", Reform, Ct))).Value!;
        Assert.Equal(("HUYEN-02", false), (after.ParentCode, after.Active));

        // A new unit did not exist in 2024.
        var tree = await demo.InScopeAsync(s => s.GetRequiredService<UnitDirectory>().ListAsOfAsync(new DateOnly(2024, 12, 31), Ct));
        Assert.DoesNotContain(tree, u => DemoReform.Mergers.Any(m => m.Code == u.Code));

        // The district periods of 2023 and 2024 still hold the nine districts, by the codes and names they had.
        var periods = await demo.InDbAsync(db => db.Periods.AsNoTracking().Include(p => p.Units).Include(p => p.Framework).Where(p => p.Framework!.Code == "dti-district-2023").ToListAsync(Ct));
        Assert.Equal(2, periods.Count);
        Assert.All(periods, p => Assert.Equal(DemoData.Districts.Select(d => (d.Code, d.Name)), p.Units.OrderBy(u => u.UnitCode).Select(u => (u.UnitCode, u.UnitName))));
    }

    [Fact]
    public async Task AMergedCommunes2024Value_IsTheMeanOfItsParts_MarkedWithTheUnitsItCameFrom()
    {
        var (y2024, y2025) = await CommunePeriodsAsync();

        var trends = (await TrendsAsync(s => s.PeriodAsync(Actors.Viewer, y2025, Ct))).Value!.Trends;

        Assert.Equal([2024, 2025], trends.Years.Select(y => y.Year));
        var line = trends.Units.Single(u => u.UnitCode == "XA-HOA-LAC");
        var earlier = line.Points.Single(p => p.Year == 2024);
        var merged = Assert.IsType<MergedFrom>(earlier.Merged);
        Assert.Equal(MergerRule.Mean, merged.Rule);
        Assert.Equal(["XA-02-01", "XA-02-02", "XA-02-03"], merged.Units.Select(u => u.Code));
        Assert.Equal([40m, 65m, 55m], merged.Units.Select(u => u.Total));

        // (40 + 65 + 55) / 3; main index 1: (30 + 45 + 20) / 3; main index 2: (10 + 20 + 35) / 3 — to 2 decimals.
        Assert.Equal(53.33m, earlier.Total);
        Assert.Equal([("1", 31.67m), ("2", 21.67m)], earlier.MainIndices.Select(m => (m.Code, m.Points)));

        // Ranked among the other communes of 2024 (its parts left out): XA-04-01 (70) is above it, the unreported ones below.
        Assert.Equal(2, earlier.Rank);
        Assert.Null(line.Points.Single(p => p.Year == 2025).Merged);

        // A two-into-one merger too: (50 + 30) / 2.
        var pair = trends.Units.Single(u => u.UnitCode == "XA-DONG-TAM").Points.Single(p => p.Year == 2024);
        Assert.Equal((40m, 2), (pair.Total, pair.Merged!.Units.Count));
    }

    [Fact]
    public async Task ACommuneMovedToTheProvince_KeepsIts2024Results_AsItsOwn()
    {
        var (y2024, _) = await CommunePeriodsAsync();

        var trends = (await TrendsAsync(s => s.UnitAsync(Actors.Viewer, DemoReform.Renamed.Code, Ct))).Value!;

        var level = Assert.Single(trends.Levels);
        var line = Assert.Single(level.Units);
        Assert.Equal([(2024, 70m, false), (2025, 75m, false)], line.Points.Select(p => (p.Year, p.Total, p.Merged is not null)));
        Assert.Equal(y2024, level.Years[0].PeriodId);
    }

    [Fact]
    public async Task TheWeightedRule_WeighsTheParts_ByTheirPopulationOfThatYear_WhenThePeriodSaysSo()
    {
        var (_, y2025) = await CommunePeriodsAsync();
        var weighted = await demo.InScopeAsync(async s =>
        {
            var periods = s.GetRequiredService<PeriodService>();
            var created = await periods.CreateAsync(Seed, "thu-xa", 2025, "Thử cấp xã 2025 (theo dân số)", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 20), ["XA-HOA-LAC", "XA-DONG-TAM"], Ct);
            return created.Value!.Id;
        });
        var set = await demo.InScopeAsync(s => s.GetRequiredService<PeriodService>().SetMergerRuleAsync(Actors.Admin, weighted, MergerRule.Population, Ct));
        Assert.Equal(MergerRule.Population, set.Value!.MergerRule);
        Assert.Equal(OutcomeStatus.Forbidden, (await demo.InScopeAsync(s => s.GetRequiredService<PeriodService>().SetMergerRuleAsync(Actors.Viewer, weighted, MergerRule.Mean, Ct))).Status);
        var audit = await demo.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Input == "merger_rule" && a.PeriodId == weighted, Ct));
        Assert.Equal(("mean", "population"), (audit.OldValue, audit.NewValue));

        var trends = (await TrendsAsync(s => s.PeriodAsync(Actors.Viewer, weighted, Ct))).Value!.Trends;

        // Populations 1.000, 2.000 and 7.000: (40×1.000 + 65×2.000 + 55×7.000) / 10.000 = 55,5.
        var earlier = trends.Units.Single(u => u.UnitCode == "XA-HOA-LAC").Points.Single(p => p.Year == 2024);
        Assert.Equal(MergerRule.Population, earlier.Merged!.Rule);
        Assert.Equal([1000m, 2000m, 7000m], earlier.Merged.Units.Select(u => u.Weight));
        Assert.Equal(55.5m, earlier.Total);
        Assert.Equal([("1", 26m), ("2", 29.5m)], earlier.MainIndices.Select(m => (m.Code, m.Points)));

        // A part without its population of that year: the mean, and said so.
        var pair = trends.Units.Single(u => u.UnitCode == "XA-DONG-TAM").Points.Single(p => p.Year == 2024);
        Assert.Equal((MergerRule.Mean, 40m), (pair.Merged!.Rule, pair.Total));

        // The period with the mean rule still reads the mean.
        var mean = (await TrendsAsync(s => s.PeriodAsync(Actors.Viewer, y2025, Ct))).Value!.Trends;
        Assert.Equal(53.33m, mean.Units.Single(u => u.UnitCode == "XA-HOA-LAC").Points.Single(p => p.Year == 2024).Total);
    }

    /// <summary>
    /// Once per demo database: a small commune framework ("thu-xa": 1.1 = a of 60, 2.1 = b of 40), its 2024 period
    /// over the communes of 2024 and its 2025 period over the merged communes and the renamed one, with values.
    /// </summary>
    private async Task<(int Y2024, int Y2025)> CommunePeriodsAsync()
    {
        await Once.WaitAsync(Ct);
        try
        {
            return await demo.InScopeAsync(async s =>
            {
                var db = s.GetRequiredService<OpenDtiDbContext>();
                var periods = s.GetRequiredService<PeriodService>();
                if (await db.Frameworks.AnyAsync(f => f.Code == "thu-xa", Ct))
                {
                    var ids = await db.Periods.Where(p => p.Framework!.Code == "thu-xa").OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync(Ct);
                    return (ids[0], ids[1]);
                }

                var imported = await s.GetRequiredService<FrameworkCatalog>().ImportAsync(Seed, CommuneFramework, "thu-xa.yaml", Ct);
                Assert.True(imported.Succeeded, imported.Message?.ToString());
                var y2024 = (await periods.CreateAsync(Seed, "thu-xa", 2024, "Thử cấp xã 2024", new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 20), cancellationToken: Ct)).Value!.Id;
                var y2025 = await periods.CreateAsync(
                    Seed, "thu-xa", 2025, "Thử cấp xã 2025", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 20),
                    [.. DemoReform.Mergers.Select(m => m.Code), DemoReform.Renamed.Code], Ct);
                Assert.True(y2025.Succeeded, y2025.Message?.ToString());
                await EnterAsync(s, y2024, [("XA-02-01", 30, 10), ("XA-02-02", 45, 20), ("XA-02-03", 20, 35), ("XA-04-01", 50, 20), ("XA-04-02", 30, 20), ("XA-04-03", 20, 10)]);
                await EnterAsync(s, y2025.Value!.Id, [("XA-HOA-LAC", 40, 30), ("XA-DONG-TAM", 30, 30), (DemoReform.Renamed.Code, 45, 30)]);
                var units = s.GetRequiredService<UnitDirectory>();
                foreach (var (code, population) in new[] { ("XA-02-01", 1000m), ("XA-02-02", 2000m), ("XA-02-03", 7000m), ("XA-04-02", 3000m) })
                {
                    Assert.True((await units.SetProfileAsync(Actors.Admin, code, 2024, new Dictionary<string, decimal> { ["population"] = population }, Ct)).Succeeded);
                }

                return (y2024, y2025.Value.Id);
            });
        }
        finally
        {
            Once.Release();
        }
    }

    internal static async Task EnterAsync(IServiceProvider s, int periodId, IEnumerable<(string Code, int A, int B)> values)
    {
        var periods = s.GetRequiredService<PeriodService>();
        Assert.True((await periods.SetStatusAsync(Seed, periodId, PeriodStatus.Open, Ct)).Succeeded);
        foreach (var (code, a, b) in values)
        {
            var saved = await s.GetRequiredService<ValueService>().SaveAsync(
                Seed, periodId, code, [new ValueChange("1.1", "a", a.ToString(System.Globalization.CultureInfo.InvariantCulture)), new ValueChange("2.1", "b", b.ToString(System.Globalization.CultureInfo.InvariantCulture))], AuditChannel.Seed, cancellationToken: Ct);
            Assert.True(saved.Succeeded, code + ": " + saved.Message + " " + string.Join("; ", saved.Problems.Select(p => p.Message)));
        }
    }

    private Task<Outcome<T>> TrendsAsync<T>(Func<TrendService, Task<Outcome<T>>> action) =>
        demo.InScopeAsync(s => action(s.GetRequiredService<TrendService>()));

    internal const string CommuneFramework = """
        code: thu-xa
        name: Bộ chỉ số thử cấp xã
        year: 2024
        level: commune
        total_points: 100
        profile:
          - key: population
            label: Dân số
            unit: người
            count: true
        nodes:
          - code: "1"
            kind: main_index
            name: Chỉ số chính một
            max_points: 60
            children:
              - code: "1.1"
                name: Chỉ số một
                max_points: 60
                inputs:
                  - name: a
                    label: a = điểm
                    kind: number
                rule: each(a, 1)
          - code: "2"
            kind: main_index
            name: Chỉ số chính hai
            max_points: 40
            children:
              - code: "2.1"
                name: Chỉ số hai
                max_points: 40
                inputs:
                  - name: b
                    label: b = điểm
                    kind: number
                rule: each(b, 1)
        """;
}
