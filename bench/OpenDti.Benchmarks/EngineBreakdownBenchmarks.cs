using BenchmarkDotNet.Attributes;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Ranking;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing.Province;

namespace OpenDti.Benchmarks;

/// <summary>
/// Where the engine's time goes on one core: its stages replayed one by one through its internals
/// (visible to this assembly), on the same 10,000-unit cohort as <see cref="ScoringBenchmarks"/>.
/// The stages do what <see cref="ScoringEngine.Score"/> does, in the same way; what is not measured
/// here (parents' sums, closures) is the difference with the whole.
/// </summary>
[MemoryDiagnoser]
public class EngineBreakdownBenchmarks
{
    private Framework _framework = null!;
    private IReadOnlyList<UnitInputs> _units = null!;
    private FrameworkNode[] _leaves = null!;
    private Value[][] _cohortMeasures = null!;
    private CohortStatistics[] _statistics = null!;
    private decimal[] _fractions = null!;
    private UnitScores[] _results = null!;

    /// <summary>Cohort size.</summary>
    [Params(10_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _framework = BuiltInFrameworks.Get("dti-province-2022");
        _units = ProvinceCohort.Generate(_framework, Units);
        _leaves = [.. _framework.Leaves];
        var scores = ScoringEngine.Score(_framework, _units, new ScoringOptions { MaxDegreeOfParallelism = 1 });
        _results = [.. _units.Select(u => scores.Find(u.UnitCode)!)];
        _cohortMeasures = [.. _results.Select(scores.CohortMeasuresOf)];
        _statistics = scores.StatisticsArray;
        _fractions = [.. _results.SelectMany(r => _leaves.Select(l => r[l].Fraction))];
    }

    /// <summary>Pass 1 and statistics: each unit's measure for the 9 cohort rules, then min and max.</summary>
    [Benchmark]
    public CohortStatistics[] CohortPass()
    {
        var slots = _framework.CohortSlots;
        var measures = new Value[_units.Count][];
        var context = new EvaluationContext();
        for (var u = 0; u < _units.Count; u++)
        {
            context.Inputs = _units[u].Values;
            context.Profile = _units[u].ProfileValues;
            var row = new Value[slots.Count];
            for (var s = 0; s < slots.Count; s++)
            {
                row[s] = slots[s].Measure(context);
            }

            measures[u] = row;
        }

        var statistics = new CohortStatistics[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            statistics[s] = CohortStatistics.Compute(_units.Select((unit, u) => (unit.UnitCode, measures[u][s])), []);
        }

        return statistics;
    }

    /// <summary>The compiled rules alone: one delegate call per leaf and unit, nothing kept.</summary>
    [Benchmark]
    public int RulesOnly()
    {
        var context = new EvaluationContext { CohortStatistics = _statistics };
        var defined = 0;
        for (var u = 0; u < _units.Count; u++)
        {
            context.Inputs = _units[u].Values;
            context.Profile = _units[u].ProfileValues;
            context.CohortMeasures = _cohortMeasures[u];
            foreach (var leaf in _leaves)
            {
                context.BeginFormula();
                if (leaf.Rule!.Evaluate(context).IsDefined)
                {
                    defined++;
                }
            }
        }

        return defined;
    }

    /// <summary>Leaves as the engine scores them: rule, measure, flags, clamping, points, into one array for the cohort.</summary>
    [Benchmark]
    public NodeScore[] ScoreLeaves()
    {
        var context = new EvaluationContext { CohortStatistics = _statistics };
        var nodeCount = _framework.Nodes.Count;
        var all = GC.AllocateUninitializedArray<NodeScore>(_units.Count * nodeCount);
        for (var u = 0; u < _units.Count; u++)
        {
            context.Inputs = _units[u].Values;
            context.Profile = _units[u].ProfileValues;
            context.CohortMeasures = _cohortMeasures[u];
            var offset = u * nodeCount;
            foreach (var leaf in _leaves)
            {
                all[offset + leaf.Index] = ScoringEngine.ScoreLeaf(leaf, context);
            }
        }

        return all;
    }

    /// <summary>Rounding alone: Points.Of for every leaf of every unit (the hand-written code does the same).</summary>
    [Benchmark]
    public decimal Rounding()
    {
        var sum = 0m;
        var f = 0;
        for (var u = 0; u < _units.Count; u++)
        {
            foreach (var leaf in _leaves)
            {
                sum += Points.Of(_fractions[f++], leaf.MaxPoints);
            }
        }

        return sum;
    }

    /// <summary>Ranks as the engine assigns them: by total, then on each of the 8 main indices (CompetitionRanking).</summary>
    [Benchmark]
    public int Ranking()
    {
        var results = _results;
        var submitted = results.Select(r => r.Submitted).ToArray();
        var ranks = CompetitionRanking.Rank(results.Select(r => r.Total).ToArray(), submitted);
        for (var u = 0; u < results.Length; u++)
        {
            results[u].Rank = ranks[u];
        }

        var mainIndexRanks = _framework.MainIndices
            .Select(mainIndex => CompetitionRanking.Rank(results.Select(r => r.PointsOf(mainIndex)).ToArray(), submitted))
            .ToArray();
        for (var u = 0; u < results.Length; u++)
        {
            results[u].SetMainIndexRanks(mainIndexRanks.Select(r => r[u]).ToArray());
        }

        return ranks[0];
    }

    /// <summary>Around the scoring: the unit-code check, then the result object (sorted by rank and code, indexed by code).</summary>
    [Benchmark]
    public CohortScores ChecksAndResults()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in _units)
        {
            if (!ReferenceEquals(unit.Framework, _framework) || !codes.Add(unit.UnitCode))
            {
                throw new InvalidOperationException();
            }
        }

        return new CohortScores(_framework, _results, _cohortMeasures, _statistics, ScoringOptions.Default);
    }
}
