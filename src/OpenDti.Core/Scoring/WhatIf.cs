using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Core.Scoring;

/// <summary>A change of one input in a what-if: a new value, or null to clear it ("chưa kê khai").</summary>
/// <param name="Input">The input.</param>
/// <param name="Value">The value assumed, or null.</param>
public sealed record InputChange(InputSpec Input, ReportedValue? Value);

/// <summary>
/// A cohort figure assumed in a what-if for a cohort-relative indicator (min-max, relative to best): its
/// lowest (<paramref name="Min"/>) and highest (<paramref name="Max"/>, the best) measure; null keeps the
/// cohort's own. Every unit of the cohort is scored against it.
/// </summary>
/// <param name="IndicatorCode">The indicator whose rule compares units with the cohort.</param>
/// <param name="Min">The lowest measure assumed, or null.</param>
/// <param name="Max">The highest measure assumed (the best), or null.</param>
public sealed record CohortOverride(string IndicatorCode, decimal? Min, decimal? Max)
{
    /// <summary>The label of an assumed cohort figure where the statistics name their source.</summary>
    public const string Source = "what-if";
}

/// <summary>A node's result before and after a what-if.</summary>
/// <param name="Node">The node.</param>
/// <param name="Before">Its result in the cohort as scored.</param>
/// <param name="After">Its result with the changes.</param>
public sealed record WhatIfNode(FrameworkNode Node, NodeScore Before, NodeScore After);

/// <summary>A main index's points and rank before and after a what-if.</summary>
/// <param name="Node">The main index.</param>
/// <param name="Before">Points before.</param>
/// <param name="After">Points after.</param>
/// <param name="RankBefore">Rank on the main index before.</param>
/// <param name="RankAfter">Rank on the main index after.</param>
public sealed record WhatIfMainIndex(FrameworkNode Node, decimal Before, decimal After, int RankBefore, int RankAfter);

/// <summary>What a what-if gives for its unit: every node, the main indices, the total and the rank, before and after.</summary>
/// <param name="UnitCode">The unit.</param>
/// <param name="TotalBefore">Total before.</param>
/// <param name="Total">Total with the changes.</param>
/// <param name="RankBefore">Rank before.</param>
/// <param name="Rank">Rank with the changes.</param>
/// <param name="Nodes">Every node of the framework, in framework order.</param>
/// <param name="MainIndices">The main indices, in framework order.</param>
/// <param name="CohortMoved">Whether the change moved a cohort figure (min, max) so that the whole cohort was scored again.</param>
public sealed record WhatIfResult(
    string UnitCode,
    decimal TotalBefore,
    decimal Total,
    int RankBefore,
    int Rank,
    IReadOnlyList<WhatIfNode> Nodes,
    IReadOnlyList<WhatIfMainIndex> MainIndices,
    bool CohortMoved)
{
    /// <summary>The unit's inputs with the changes made.</summary>
    public required UnitInputs Inputs { get; init; }

    /// <summary>Points gained (negative: lost) on the total.</summary>
    public decimal PointsGained => Total - TotalBefore;

    /// <summary>Places gained in the ranking (negative: lost).</summary>
    public int RankGained => RankBefore - Rank;
}

/// <summary>
/// Scores one unit of a scored cohort with some of its inputs changed (and, for cohort rules, the cohort's
/// min or max assumed), exactly as <see cref="ScoringEngine.Score"/>
/// would score the cohort with those values: nothing is stored, the cohort given is not changed.
/// </summary>
/// <remarks>
/// <para>Created once per unit: it keeps the other units' cohort figures, so that each what-if costs one unit's
/// scoring. When the changed unit's measure moves a cohort's min or max (or a figure is assumed), the other units'
/// points on that indicator move too: then the whole cohort is scored again with the engine, and the ranks follow.</para>
/// </remarks>
public sealed class WhatIf
{
    private readonly CohortScores _baseline;
    private readonly UnitScores _unit;
    private readonly CohortStatistics[] _others;
    private readonly EvaluationContext _context = new();

    /// <summary>Prepares what-ifs for <paramref name="unitCode"/> in <paramref name="baseline"/>.</summary>
    /// <exception cref="ArgumentException">The unit is not in the cohort.</exception>
    public WhatIf(CohortScores baseline, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        _baseline = baseline;
        _unit = baseline.Find(unitCode) ?? throw new ArgumentException($"Unit {unitCode} is not in the cohort.", nameof(unitCode));
        var slots = baseline.Framework.CohortSlots;
        _others = new CohortStatistics[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            var leafCode = slots[s].Leaf.Code.Value;
            var references = baseline.Options.References.Where(r => r.IndicatorCode == leafCode).ToArray();
            _others[s] = CohortStatistics.Compute(
                baseline.Units.Where(u => !ReferenceEquals(u, _unit)).Select(u => (u.UnitCode, baseline.CohortMeasuresOf(u)[s])),
                references);
        }
    }

    /// <summary>The cohort as scored.</summary>
    public CohortScores Baseline => _baseline;

    /// <summary>The unit as scored.</summary>
    public UnitScores Unit => _unit;

    /// <summary>The framework.</summary>
    public Framework Framework => _baseline.Framework;

    /// <summary>The unit's inputs with <paramref name="changes"/> made (a new object; the unit's own are not touched).</summary>
    /// <exception cref="ArgumentException">A value does not fit its input (kind, range).</exception>
    public UnitInputs Apply(IEnumerable<InputChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var inputs = Copy(_unit.Inputs);
        foreach (var change in changes)
        {
            if (change.Value is { } value)
            {
                if (inputs.Set(change.Input, value) is { } problem)
                {
                    throw new ArgumentException($"{change.Input}: {problem.Code}", nameof(changes));
                }
            }
            else
            {
                inputs.Clear(change.Input);
            }
        }

        return inputs;
    }

    /// <summary>Scores the unit with <paramref name="changes"/> and, optionally, assumed cohort figures.</summary>
    public WhatIfResult Run(IReadOnlyList<InputChange> changes, IReadOnlyList<CohortOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var inputs = Apply(changes);
        overrides ??= [];
        var framework = Framework;
        var measures = MeasuresOf(inputs);
        var statistics = StatisticsWith(inputs.UnitCode, measures);
        var moved = overrides.Count > 0;
        for (var s = 0; s < statistics.Length && !moved; s++)
        {
            var before = _baseline.StatisticsArray[s];
            moved = statistics[s].Min != before.Min || statistics[s].Max != before.Max;
        }

        if (moved)
        {
            var units = _baseline.Units.Select(u => ReferenceEquals(u, _unit) ? inputs : u.Inputs).ToArray();
            var byCode = overrides.ToLookup(o => o.IndicatorCode, StringComparer.Ordinal);
            var rescored = ScoringEngine.ScoreWith(framework, units, _baseline.Options, (slot, figures) => Assume(byCode[slot.Leaf.Code.Value], figures));
            var after = rescored.Find(inputs.UnitCode)!;
            return Result(inputs, after, after.Rank, framework.MainIndices.Select(after.MainIndexRank).ToArray(), moved: true);
        }

        // The other units' results are those of the cohort as scored: the unit's rank is counted against them
        // (competition ranking: 1 + those ahead; a unit that reported nothing is after every unit that did).
        var scored = ScoreAlone(inputs, measures, statistics);
        var rank = RankAmongOthers(scored.Total, scored.Submitted, u => u.Total);
        var mainRanks = new int[framework.MainIndices.Count];
        for (var m = 0; m < mainRanks.Length; m++)
        {
            var mainIndex = framework.MainIndices[m];
            mainRanks[m] = RankAmongOthers(scored.PointsOf(mainIndex), scored.Submitted, u => u.PointsOf(mainIndex));
        }

        return Result(inputs, scored, rank, mainRanks, moved: false);
    }

    /// <summary>
    /// The unit's result for <paramref name="node"/> with <paramref name="inputs"/> (its own points only: the
    /// cohort's figures recomputed with the unit's new measures, the other units not scored). Used to search.
    /// </summary>
    internal NodeScore LeafWith(UnitInputs inputs, FrameworkNode node)
    {
        var measures = MeasuresOf(inputs);
        ScoringEngine.Load(_context, inputs);
        _context.CohortMeasures = measures;
        _context.CohortStatistics = StatisticsWith(inputs.UnitCode, measures);
        return ScoringEngine.ScoreLeaf(node, _context);
    }

    private int RankAmongOthers(decimal points, bool submitted, Func<UnitScores, decimal> pointsOf)
    {
        var participants = 0;
        var ahead = 0;
        foreach (var other in _baseline.Units)
        {
            if (ReferenceEquals(other, _unit) || !other.Submitted)
            {
                continue;
            }

            participants++;
            if (pointsOf(other) > points)
            {
                ahead++;
            }
        }

        return submitted ? ahead + 1 : participants + 1;
    }

    private static CohortStatistics Assume(IEnumerable<CohortOverride> overrides, CohortStatistics figures)
    {
        foreach (var assumed in overrides)
        {
            figures = new CohortStatistics(
                assumed.Min ?? figures.Min,
                assumed.Max ?? figures.Max,
                assumed.Min is null ? figures.MinSource : CohortOverride.Source,
                assumed.Max is null ? figures.MaxSource : CohortOverride.Source,
                figures.Count,
                figures.References);
        }

        return figures;
    }

    private WhatIfResult Result(UnitInputs inputs, UnitScores after, int rank, int[] mainRanks, bool moved)
    {
        var framework = Framework;
        var nodes = framework.Nodes.Select(n => new WhatIfNode(n, _unit[n], after[n])).ToArray();
        var mainIndices = framework.MainIndices
            .Select((m, i) => new WhatIfMainIndex(m, _unit[m].Points, after[m].Points, _unit.MainIndexRank(m), mainRanks[i]))
            .ToArray();
        return new WhatIfResult(inputs.UnitCode, _unit.Total, after.Total, _unit.Rank, rank, nodes, mainIndices, moved) { Inputs = inputs };
    }

    private UnitScores ScoreAlone(UnitInputs inputs, Value[] measures, CohortStatistics[] statistics)
    {
        ScoringEngine.Load(_context, inputs);
        _context.CohortMeasures = measures;
        _context.CohortStatistics = statistics;
        var all = new NodeScore[Framework.Nodes.Count];
        return ScoringEngine.ScoreUnit(Framework, inputs, _context, all, 0);
    }

    private Value[] MeasuresOf(UnitInputs inputs)
    {
        var slots = Framework.CohortSlots;
        var measures = new Value[slots.Count];
        if (slots.Count > 0)
        {
            ScoringEngine.Load(_context, inputs);
            for (var s = 0; s < slots.Count; s++)
            {
                measures[s] = slots[s].Measure(_context);
            }
        }

        return measures;
    }

    /// <summary>The cohort's figures with the unit's measures <paramref name="measures"/>: the other units' figures joined with the unit's, as the engine computes them (the result does not depend on order).</summary>
    private CohortStatistics[] StatisticsWith(string unitCode, Value[] measures)
    {
        var statistics = new CohortStatistics[measures.Length];
        for (var s = 0; s < measures.Length; s++)
        {
            var others = _others[s];
            var measure = measures[s];
            if (!measure.IsDefined)
            {
                statistics[s] = others;
                continue;
            }

            var (min, minSource, max, maxSource) = (others.Min, others.MinSource, others.Max, others.MaxSource);
            var value = measure.Number;
            if (min is null || value < min || (value == min && string.CompareOrdinal(unitCode, minSource) < 0))
            {
                (min, minSource) = (value, unitCode);
            }

            if (max is null || value > max || (value == max && string.CompareOrdinal(unitCode, maxSource) < 0))
            {
                (max, maxSource) = (value, unitCode);
            }

            statistics[s] = new CohortStatistics(min, max, minSource, maxSource, others.Count + 1, others.References);
        }

        return statistics;
    }

    private static UnitInputs Copy(UnitInputs source)
    {
        var copy = new UnitInputs(source.Framework, source.UnitCode);
        foreach (var (input, value) in source.Reported())
        {
            copy.Set(input, value);
        }

        foreach (var field in source.Framework.ProfileFields)
        {
            if (source.ProfileOf(field) is { IsDefined: true } figure)
            {
                copy.SetProfile(field, figure.Number);
            }
        }

        return copy;
    }
}
