using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Units;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Benchmarks;

/// <summary>
/// What the ranking page and a scorecard ask of the application at provincial scale (a cohort of
/// hundreds to a thousand units, 71 inputs each, on SQLite): the period's overview and one unit's
/// scorecard, once with the scored cohort kept (<see cref="ScoreCache"/>: nothing changed since the last
/// request) and once scored from the database as every request did before it.
/// </summary>
[MemoryDiagnoser]
public class ResultsBenchmarks
{
    private static readonly Actor Evaluator = new("evaluator", "evaluator", new HashSet<string>([Data.Identity.Roles.Evaluator]), null);

    private string _directory = string.Empty;
    private ServiceProvider _services = null!;
    private int _periodId;

    /// <summary>Units in the period's cohort.</summary>
    [Params(200, 1000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The ranking page's read model, the cohort's scores kept since the last request.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Overview_Kept() => OverviewAsync(fresh: false);

    /// <summary>The same, the cohort read and scored again (an empty cache: the first request after a change).</summary>
    [Benchmark]
    public Task<int> Overview_Scored() => OverviewAsync(fresh: true);

    /// <summary>One unit's scorecard with every node explained, the cohort's scores kept.</summary>
    [Benchmark]
    public async Task<int> Scorecard_Kept()
    {
        using var scope = _services.CreateScope();
        var card = await scope.ServiceProvider.GetRequiredService<ResultService>().ScorecardAsync(Evaluator, _periodId, Code(Units / 2), Language.Vietnamese);
        return card.Value!.Nodes.Count;
    }

    private async Task<int> OverviewAsync(bool fresh)
    {
        using var scope = _services.CreateScope();
        using var empty = new ScoreCache();
        var results = fresh
            ? ActivatorUtilities.CreateInstance<ResultService>(scope.ServiceProvider, empty)
            : scope.ServiceProvider.GetRequiredService<ResultService>();
        var overview = await results.OverviewAsync(Evaluator, _periodId);
        return overview.Value!.Rows.Count;
    }

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("opendti-results-bench").FullName;
        _services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory))
            .AddOpenDtiApplication()
            .BuildServiceProvider();
        var system = Actor.System("bench", AuditChannel.Seed);
        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync();
            var units = scope.ServiceProvider.GetRequiredService<UnitDirectory>();
            Check(await units.CreateAsync(system, "TINH", "Tỉnh", UnitLevel.Province, null));
            for (var i = 0; i < Units; i++)
            {
                var code = Code(i);
                Check(await units.CreateAsync(system, code, "Đơn vị " + i, UnitLevel.Department, "TINH"));
                Check(await units.SetProfileAsync(system, code, 2024, Profile(i)));
            }
        }

        using (var scope = _services.CreateScope())
        {
            var periods = scope.ServiceProvider.GetRequiredService<PeriodService>();
            var codes = Enumerable.Range(0, Units).Select(Code).ToArray();
            var period = Check(await periods.CreateAsync(system, "dti-department-2022", 2024, "Bench", new DateOnly(2024, 1, 1), new DateOnly(2099, 12, 31), codes));
            _periodId = period.Id;
            Check(await periods.SetStatusAsync(system, _periodId, PeriodStatus.Open));
        }

        var framework = await InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022"));
        var random = new DemoRandom(7);
        for (var i = 0; i < Units; i++)
        {
            var changes = new DemoValueGenerator(random).Generate(Check(framework).Leaves, (i % 100) / 100m, Profile(i));
            var saved = await InScopeAsync(s => s.GetRequiredService<ValueService>().SaveAsync(system, _periodId, Code(i), changes, AuditChannel.Seed));
            Check(saved);
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
