using BenchmarkDotNet.Attributes;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing.Province;

namespace OpenDti.Benchmarks;

/// <summary>
/// The engine against hand-written code for the same rules, the same decimal arithmetic and the same
/// data: a generated cohort of provinces scored with dti-province-2022 (docs/performance.md).
/// </summary>
/// <remarks>
/// Both read each unit's values from the same place, the <see cref="UnitInputs"/> built in
/// <see cref="Setup"/>: the engine its internal value array, the hand-written code the same array through
/// <see cref="UnitInputs.ValueOf"/>. Nothing is copied or converted inside the timed part of either.
/// The framework is compiled once, outside the timed part (see <see cref="FrameworkCompileBenchmarks"/>).
/// </remarks>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private static readonly ScoringOptions OneCore = new() { MaxDegreeOfParallelism = 1 };

    private Framework _framework = null!;
    private IReadOnlyList<UnitInputs> _units = null!;
    private HandWrittenProvince _handWritten = null!;

    /// <summary>Cohort size.</summary>
    [Params(700, 10_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _framework = BuiltInFrameworks.Get("dti-province-2022");
        _units = ProvinceCohort.Generate(_framework, Units);
        _handWritten = new HandWrittenProvince(_framework);
    }

    /// <summary>Straight-line C# per leaf, one core.</summary>
    [Benchmark(Baseline = true)]
    public HandWrittenProvince.Result HandWritten() => _handWritten.Score(_units);

    /// <summary>The engine on one core.</summary>
    [Benchmark]
    public CohortScores Engine() => ScoringEngine.Score(_framework, _units, OneCore);

    /// <summary>The engine with its default options (all processors), for information.</summary>
    [Benchmark]
    public CohortScores EngineParallel() => ScoringEngine.Score(_framework, _units);
}
