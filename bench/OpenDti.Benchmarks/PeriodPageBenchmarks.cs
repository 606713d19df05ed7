using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Lists;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Data.Periods;

namespace OpenDti.Benchmarks;

/// <summary>
/// What the period page (<c>/ky-danh-gia/{id}</c>) asks of the application for a cohort of 1.000 departments with
/// two published years before it (issue 16): the ranking, the latest publication, the trends, the submissions,
/// each timed by stopwatch, first with nothing kept and then as later requests find them: <c>-- --period-page</c>.
/// </summary>
public sealed class PeriodPageBenchmarks
{
    private static readonly Actor Evaluator = new("evaluator", "evaluator", new HashSet<string>([Data.Identity.Roles.Evaluator]), null);

    private BenchProvince _province = null!;
    private int _current;

    /// <summary>Units in each year's cohort.</summary>
    public int Units { get; init; } = 1000;

    /// <summary>Seeds the province, then times each part of the page and the whole page's reads, cold and warm.</summary>
    public static async Task QuickAsync(int units)
    {
        var bench = new PeriodPageBenchmarks { Units = units };
        var seeding = Stopwatch.StartNew();
        await bench.SetupAsync();
        Console.WriteLine($"seeded {bench.Units} units x 3 years in {seeding.Elapsed.TotalSeconds:0.0} s");
        try
        {
            async Task Time(string what, Func<IServiceProvider, Task<int>> run)
            {
                var watch = Stopwatch.StartNew();
                var n = await bench.InScopeAsync(run);
                var first = watch.Elapsed.TotalMilliseconds;
                var warm = new List<double>();
                for (var i = 0; i < 9; i++)
                {
                    watch.Restart();
                    await bench.InScopeAsync(run);
                    warm.Add(watch.Elapsed.TotalMilliseconds);
                }

                warm.Sort();
                Console.WriteLine($"{what,-34} first {first,8:0.0} ms   then median {warm[4],8:0.0} ms, min {warm[0],8:0.0} ms   ({n})");
            }

            var id = bench._current;
            await Time("ranking (overview, filter none)", async s => (await s.GetRequiredService<RankingFilterService>().OverviewAsync(Evaluator, id, RankingFilter.None)).Value!.Overview.Rows.Count);
            await Time("latest publication", async s => (await s.GetRequiredService<PublicationService>().LatestSummaryAsync(id)) is null ? 0 : 1);
            await Time("trends (every unit, 3 years)", async s => (await s.GetRequiredService<TrendService>().PeriodAsync(Evaluator, id)).Value!.Trends.Units.Count);
            await Time("submissions", async s => (await s.GetRequiredService<SubmissionService>().ListAsync(Evaluator, id)).Value!.Count);
            await Time("the page's reads together", async s =>
            {
                var rows = (await s.GetRequiredService<RankingFilterService>().OverviewAsync(Evaluator, id, RankingFilter.None)).Value!.Overview.Rows.Count;
                await s.GetRequiredService<PublicationService>().LatestSummaryAsync(id);
                await s.GetRequiredService<TrendService>().PeriodAsync(Evaluator, id);
                await s.GetRequiredService<SubmissionService>().ListAsync(Evaluator, id);
                return rows;
            });
        }
        finally
        {
            bench._province.Dispose();
        }
    }

    private async Task SetupAsync()
    {
        int[] years = [2022, 2023, 2024];
        _province = await BenchProvince.CreateAsync("period-page");
        await _province.AddDepartmentsAsync(Units, years, year => year);
        var random = new DemoRandom(7);
        foreach (var year in years)
        {
            var period = await _province.OpenPeriodAsync(year, "Bench " + year, Units);
            await _province.SaveValuesAsync(period, Units, random, offset: year);
            if (year < 2024)
            {
                await _province.AsSystemAsync(async (s, system) =>
                {
                    BenchProvince.Check(await s.GetRequiredService<PeriodService>().SetUnfinishedRuleAsync(system, period, UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported));
                    return BenchProvince.Check(await s.GetRequiredService<PublicationService>().PublishAsync(system, period, null, null, requireConfirmation: false, CancellationToken.None));
                });
            }
            else
            {
                // A third of the units sent their dossier, as in the middle of a period.
                for (var i = 0; i < Units; i += 3)
                {
                    var code = BenchProvince.Code(i);
                    await _province.AsSystemAsync((s, system) => s.GetRequiredService<SubmissionService>().TransitionAsync(
                        system, period, code, Core.Review.SubmissionAction.Submit, new TransitionRequest(null, null, null)));
                }
            }

            _current = period;
        }
    }

    private Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action) => _province.InScopeAsync(action);
}
