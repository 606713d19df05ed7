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

    private BenchProvince _province = null!;
    private int _current;

    /// <summary>Units in each year's cohort.</summary>
    [Params(1000)]
    public int Units { get; set; } = 1000;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _province.Dispose();

    /// <summary>The ranking page's trend, the years kept.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Period_Kept() => InScopeAsync(async s => (await s.GetRequiredService<TrendService>().PeriodAsync(Evaluator, _current)).Value!.Trends.Units.Count);

    /// <summary>A scorecard's trend and sensitivity, the years kept.</summary>
    [Benchmark]
    public Task<int> Scorecard_Kept() => InScopeAsync(async s => (await s.GetRequiredService<TrendService>().ScorecardAsync(Evaluator, _current, BenchProvince.Code(Units / 2))).Value!.Trend.Years.Count);

    /// <summary>A unit's trends, the years kept.</summary>
    [Benchmark]
    public Task<int> Unit_Kept() => InScopeAsync(async s => (await s.GetRequiredService<TrendService>().UnitAsync(Evaluator, BenchProvince.Code(Units / 3))).Value!.Levels.Count);

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
            await Time("sensitivity only", () => bench.InScopeAsync(async s => (await s.GetRequiredService<TrendService>().SensitivityAsync(Evaluator, bench._current, BenchProvince.Code(7))).Value!.Indicators.Count));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private async Task SetupAsync()
    {
        int[] years = [2022, 2023, 2024];
        _province = await BenchProvince.CreateAsync("trends");
        await _province.AddDepartmentsAsync(Units, years, year => year);
        var random = new DemoRandom(7);
        foreach (var year in years)
        {
            var period = await _province.OpenPeriodAsync(year, "Bench " + year, Units);
            await _province.SaveValuesAsync(period, Units, random, offset: year);
            if (year < 2024)
            {
                // Ranked by their points, as if every unit had finished the review cycle.
                await _province.AsSystemAsync(async (s, system) =>
                {
                    BenchProvince.Check(await s.GetRequiredService<PeriodService>().SetUnfinishedRuleAsync(system, period, UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported));
                    return BenchProvince.Check(await s.GetRequiredService<PublicationService>().PublishAsync(system, period, null, null, requireConfirmation: false, CancellationToken.None));
                });
            }

            _current = period;
        }
    }

    private Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action) => _province.InScopeAsync(action);
}
