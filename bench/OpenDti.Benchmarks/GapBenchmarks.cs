using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Demo;
using OpenDti.Application.Improvement;
using OpenDti.Application.Results;
using OpenDti.Core.Text;

namespace OpenDti.Benchmarks;

/// <summary>
/// The gap analysis at provincial scale (docs/improvement.md): the period's view over a 1.000-unit cohort
/// (every leaf's points lost summed over the units), one unit's gaps, and the drafted plan as .docx, with the
/// scored cohort kept (<see cref="ScoreCache"/>), as the pages ask for them after the first request.
/// </summary>
[MemoryDiagnoser]
public class GapBenchmarks
{
    private static readonly Actor Evaluator = new("evaluator", "evaluator", new HashSet<string>([Data.Identity.Roles.Evaluator]), null);

    private BenchProvince _province = null!;
    private int _periodId;

    /// <summary>Units in the period's cohort.</summary>
    [Params(1000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SetupAsync().GetAwaiter().GetResult();

        // The first request scores the cohort and keeps it; the benchmarks measure what follows.
        PeriodGaps().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _province.Dispose();

    /// <summary>The period's gaps: the indicators where the cohort loses most.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PeriodGaps()
    {
        using var scope = _province.Services.CreateScope();
        var gaps = await scope.ServiceProvider.GetRequiredService<GapService>().PeriodAsync(Evaluator, _periodId);
        return gaps.Value!.Items.Count;
    }

    /// <summary>One unit's gaps, with its plan's owners and last year.</summary>
    [Benchmark]
    public async Task<int> UnitGaps()
    {
        using var scope = _province.Services.CreateScope();
        var gaps = await scope.ServiceProvider.GetRequiredService<GapService>().UnitAsync(Evaluator, _periodId, BenchProvince.Code(Units / 2));
        return gaps.Value!.Items.Count;
    }

    /// <summary>The period's gaps as an Excel workbook.</summary>
    [Benchmark]
    public async Task<int> PeriodGapsXlsx()
    {
        using var scope = _province.Services.CreateScope();
        var table = await scope.ServiceProvider.GetRequiredService<ImprovementPlanService>().PeriodTableAsync(Evaluator, _periodId, Language.Vietnamese);
        return Exchange.Tables.TableXlsxWriter.ToBytes(table.Value!).Length;
    }

    /// <summary>One unit's drafted improvement plan as .docx.</summary>
    [Benchmark]
    public async Task<int> DraftedPlan()
    {
        using var scope = _province.Services.CreateScope();
        var file = await scope.ServiceProvider.GetRequiredService<ImprovementPlanService>().DocumentAsync(Evaluator, _periodId, BenchProvince.Code(Units / 2), Language.Vietnamese);
        return file.Value!.Content.Length;
    }

    private async Task SetupAsync()
    {
        _province = await BenchProvince.CreateAsync("gaps");
        await _province.AddDepartmentsAsync(Units, [2024], _ => 0);
        _periodId = await _province.OpenPeriodAsync(2024, "Bench", Units);
        await _province.WriteValueRowsAsync(_periodId, Units, new DemoRandom(7));
    }
}
