using BenchmarkDotNet.Attributes;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing.Province;

namespace OpenDti.Benchmarks;

/// <summary>
/// The what-if and the cheapest points first at provincial scale (docs/improvement.md): a 1.000-unit cohort of
/// dti-province-2022 scored once, then one unit's what-if (a change that leaves the cohort's min and max alone, and
/// one that moves them so that the whole cohort is scored again) and its gains list.
/// </summary>
[MemoryDiagnoser]
public class WhatIfBenchmarks
{
    private CohortScores _cohort = null!;
    private WhatIf _whatIf = null!;
    private InputChange[] _quiet = null!;
    private InputChange[] _moving = null!;

    /// <summary>Cohort size.</summary>
    [Params(1_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        _cohort = ScoringEngine.Score(framework, ProvinceCohort.Generate(framework, Units));
        var unit = _cohort.Units[Units / 2];
        _whatIf = new WhatIf(_cohort, unit.UnitCode);
        var yesNo = framework.Inputs.First(i => i.Kind == InputKind.YesNo);
        _quiet = [new InputChange(yesNo, ReportedValue.OfAnswer(unit.Inputs.Get(yesNo)?.Answer != true))];

        // A cohort rule's input pushed far above everyone's: the cohort's best moves.
        var cohortLeaf = framework.Leaves.First(l => l.Rule!.Text.Contains("best(", StringComparison.Ordinal) || l.Rule!.Text.Contains("minmax(", StringComparison.Ordinal));
        var input = cohortLeaf.Inputs.First(i => i.Kind == InputKind.Number && i.PartOf is null);
        _moving = [new InputChange(input, ReportedValue.OfNumber(input.IsPercent ? 1m : 1_000_000m))];
    }

    /// <summary>Preparing a unit's what-ifs (the other units' cohort figures).</summary>
    [Benchmark]
    public WhatIf Prepare() => new(_cohort, _cohort.Units[Units / 2].UnitCode);

    /// <summary>A what-if that leaves the cohort's figures alone: one unit scored, ranks recounted.</summary>
    [Benchmark]
    public WhatIfResult QuietChange() => _whatIf.Run(_quiet);

    /// <summary>A what-if that moves a cohort's best: the whole cohort scored again.</summary>
    [Benchmark]
    public WhatIfResult CohortMovingChange() => _whatIf.Run(_moving);

    /// <summary>The unit's gains list.</summary>
    [Benchmark]
    public IReadOnlyList<Gain> GainsList() => Gains.Find(_whatIf);
}
