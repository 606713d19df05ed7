using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Lists;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Benchmarks;

/// <summary>
/// What the period page (<c>/ky-danh-gia/{id}</c>) asks of the application for a cohort of 1.000 departments with
/// two published years before it (issue 16): the ranking, the latest publication, the trends, the submissions,
/// each timed by stopwatch, first with nothing kept and then as later requests find them: <c>-- --period-page</c>.
/// </summary>
public sealed class PeriodPageBenchmarks
{
    private static readonly Actor Evaluator = new("evaluator", "evaluator", new HashSet<string>([Data.Identity.Roles.Evaluator]), null);

    private string _directory = string.Empty;
    private ServiceProvider _services = null!;
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
            bench._services.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(bench._directory, recursive: true);
        }
    }

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("opendti-period-page-bench").FullName;
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
                Check(await InScopeAsync(s => s.GetRequiredService<PeriodService>().SetUnfinishedRuleAsync(system, period.Id, UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported)));
                Check(await InScopeAsync(s => s.GetRequiredService<PublicationService>().PublishAsync(system, period.Id, null, null, requireConfirmation: false, CancellationToken.None)));
            }
            else
            {
                // A third of the units sent their dossier, as in the middle of a period.
                for (var i = 0; i < Units; i += 3)
                {
                    await InScopeAsync(s => s.GetRequiredService<SubmissionService>().TransitionAsync(
                        system, period.Id, Code(i), Core.Review.SubmissionAction.Submit, new TransitionRequest(null, null, null)));
                }
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
