using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Benchmarks;

/// <summary>
/// Trends at provincial scale (issue 15): 1.000 departments over three years, 2022 and 2023 published, 2024 open,
/// on SQLite. The ranking page's trend (every unit over every year), a scorecard's (one unit, and its sensitivity)
/// and a unit's, first with nothing kept and then as every later request finds them.
/// </summary>
[MemoryDiagnoser]
public class TrendsBenchmarks
{
    private static readonly Actor Evaluator = new("evaluator", "evaluator", new HashSet<string>([Data.Identity.Roles.Evaluator]), null);

    private string _directory = string.Empty;
    private ServiceProvider _services = null!;
    private int _current;

    /// <summary>Units in each year's cohort.</summary>
    [Params(1000)]
    public int Units { get; set; } = 1000;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The ranking page's trend, the years kept.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Period_Kept() => InScopeAsync(async s => (await s.GetRequiredService<TrendService>().PeriodAsync(Evaluator, _current)).Value!.Trends.Units.Count);

    /// <summary>A scorecard's trend and sensitivity, the years kept.</summary>
    [Benchmark]
    public Task<int> Scorecard_Kept() => InScopeAsync(async s => (await s.GetRequiredService<TrendService>().ScorecardAsync(Evaluator, _current, Code(Units / 2))).Value!.Trend.Years.Count);

    /// <summary>A unit's trends, the years kept.</summary>
    [Benchmark]
    public Task<int> Unit_Kept() => InScopeAsync(async s => (await s.GetRequiredService<TrendService>().UnitAsync(Evaluator, Code(Units / 3))).Value!.Levels.Count);

    /// <summary>Seeds the province, then times each request cold (nothing kept) and warm, by stopwatch: <c>-- --trends</c>.</summary>
    public static async Task QuickAsync()
    {
        var bench = new TrendsBenchmarks();
        var seeding = Stopwatch.StartNew();
        await bench.SetupAsync();
        Console.WriteLine($"seeded {bench.Units} units x 3 years in {seeding.Elapsed.TotalSeconds:0.0} s");
        try
        {
            async Task Time(string what, Func<Task<int>> run)
            {
                var watch = Stopwatch.StartNew();
                var n = await run();
                var first = watch.Elapsed.TotalMilliseconds;
                var warm = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    watch.Restart();
                    await run();
                    warm.Add(watch.Elapsed.TotalMilliseconds);
                }

                warm.Sort();
                Console.WriteLine($"{what,-34} first {first,8:0.0} ms   then median {warm[2],8:0.0} ms   ({n})");
            }

            await Time("period trends (1.000 units x 3)", bench.Period_Kept);
            await Time("scorecard trend + sensitivity", bench.Scorecard_Kept);
            await Time("unit trends", bench.Unit_Kept);
            await Time("sensitivity only", () => bench.InScopeAsync(async s => (await s.GetRequiredService<TrendService>().SensitivityAsync(Evaluator, bench._current, Code(7))).Value!.Indicators.Count));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("opendti-trends-bench").FullName;
        _services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory))
            .AddOpenDtiApplication()
            .BuildServiceProvider();
        var system = Actor.System("bench", AuditChannel.Seed);
        var codes = Enumerable.Range(0, Units).Select(Code).ToArray();
        await InScopeAsync(async s =>
        {
            await s.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync();
            await s.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync();
            var units = s.GetRequiredService<UnitDirectory>();
            Check(await units.CreateAsync(system, "TINH", "Tỉnh", UnitLevel.Province, null));
            foreach (var (code, i) in codes.Select((c, i) => (c, i)))
            {
                Check(await units.CreateAsync(system, code, "Đơn vị " + i, UnitLevel.Department, "TINH"));
                foreach (var year in new[] { 2022, 2023, 2024 })
                {
                    Check(await units.SetProfileAsync(system, code, year, Profile(i + year)));
                }
            }

            return 0;
        });

        var framework = Check(await InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022")));
        var random = new DemoRandom(7);
        foreach (var year in new[] { 2022, 2023, 2024 })
        {
            var period = Check(await InScopeAsync(s => s.GetRequiredService<PeriodService>().CreateAsync(
                system, "dti-department-2022", year, "Bench " + year, new DateOnly(year, 1, 1), new DateOnly(2099, 12, 31), codes)));
            Check(await InScopeAsync(s => s.GetRequiredService<PeriodService>().SetStatusAsync(system, period.Id, PeriodStatus.Open)));
            for (var i = 0; i < Units; i++)
            {
                var changes = new DemoValueGenerator(random).Generate(framework.Leaves, ((i + year) % 100) / 100m, Profile(i + year));
                Check(await InScopeAsync(s => s.GetRequiredService<ValueService>().SaveAsync(system, period.Id, Code(i), changes, AuditChannel.Seed)));
            }

            if (year < 2024)
            {
                // Ranked by their points, as if every unit had finished the review cycle.
                Check(await InScopeAsync(s => s.GetRequiredService<PeriodService>().SetUnfinishedRuleAsync(system, period.Id, UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported)));
                Check(await InScopeAsync(s => s.GetRequiredService<PublicationService>().PublishAsync(system, period.Id, null, null, requireConfirmation: false, CancellationToken.None)));
            }

            _current = period.Id;
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = _services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private static string Code(int i) => "SO-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, decimal> Profile(int i) => new(StringComparer.Ordinal)
    {
        ["civil_servants"] = 40 + (i % 50),
        ["public_employees"] = 60 + (i % 70),
        ["subordinate_units"] = 4 + (i % 9),
    };

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(outcome.Message?.ToString());
}
