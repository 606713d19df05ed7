using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Results;
using OpenDti.Core.Text;

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

    private BenchProvince _province = null!;
    private int _periodId;

    /// <summary>Units in the period's cohort.</summary>
    [Params(200, 1000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _province.Dispose();

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
        using var scope = _province.Services.CreateScope();
        var card = await scope.ServiceProvider.GetRequiredService<ResultService>().ScorecardAsync(Evaluator, _periodId, BenchProvince.Code(Units / 2), Language.Vietnamese);
        return card.Value!.Nodes.Count;
    }

    private async Task<int> OverviewAsync(bool fresh)
    {
        using var scope = _province.Services.CreateScope();
        using var empty = new ScoreCache();
        var results = fresh
            ? ActivatorUtilities.CreateInstance<ResultService>(scope.ServiceProvider, empty)
            : scope.ServiceProvider.GetRequiredService<ResultService>();
        var overview = await results.OverviewAsync(Evaluator, _periodId);
        return overview.Value!.Rows.Count;
    }

    private async Task SetupAsync()
    {
        _province = await BenchProvince.CreateAsync("results");
        await _province.AddDepartmentsAsync(Units, [2024], _ => 0);
        _periodId = await _province.OpenPeriodAsync(2024, "Bench", Units);
        await _province.SaveValuesAsync(_periodId, Units, new DemoRandom(7));
    }
}
