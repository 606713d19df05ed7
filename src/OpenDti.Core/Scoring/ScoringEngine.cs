using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Ranking;

namespace OpenDti.Core.Scoring;

/// <summary>
/// Scores a cohort: every unit that reported for one framework in one period, scored together so
/// that cohort-relative rules (min-max, relative to best) can compare them.
/// </summary>
/// <remarks>
/// <para>Three passes. (1) Each unit's measure for every cohort call (<c>minmax(x)</c>, <c>best(x)</c>).
/// (2) The cohort's min and max of each, over defined measures and reference values. (3) Each unit's
/// rules, then the sums of inner nodes, then ranks.</para>
/// <para>Units are independent within a pass, so passes 1 and 3 run in parallel. Every unit has its
/// own arrays and statistics are order-independent, so the results are the same, bit for bit,
/// whatever the order of units and the number of threads.</para>
/// </remarks>
public static class ScoringEngine
{
    /// <summary>Scores <paramref name="units"/> with <paramref name="framework"/>.</summary>
    /// <exception cref="ArgumentException">A unit's inputs are for another framework, or two units share a code.</exception>
    public static CohortScores Score(Framework framework, IReadOnlyList<UnitInputs> units, ScoringOptions? options = null) =>
        ScoreWith(framework, units, options, null);

    /// <summary>Scores <paramref name="units"/>, the cohort figures of some slots replaced by <paramref name="adjust"/> (a what-if's assumed best or min/max).</summary>
    internal static CohortScores ScoreWith(
        Framework framework, IReadOnlyList<UnitInputs> units, ScoringOptions? options, Func<CohortSlot, CohortStatistics, CohortStatistics>? adjust)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(units);
        options ??= ScoringOptions.Default;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!ReferenceEquals(unit.Framework, framework))
            {
                throw new ArgumentException($"The inputs of {unit.UnitCode} are for framework {unit.Framework.Code}, not {framework.Code}.", nameof(units));
            }

            if (!codes.Add(unit.UnitCode))
            {
                throw new ArgumentException($"Unit {unit.UnitCode} appears twice in the cohort.", nameof(units));
            }
        }

        var slots = framework.CohortSlots;
        var cohortMeasures = new Value[units.Count][];
        ForEachUnit(units.Count, options, (context, u) => cohortMeasures[u] = MeasuresOf(context, units[u]));

        var statistics = new CohortStatistics[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            statistics[s] = StatisticsOf(slots[s], units, cohortMeasures, s, options);
            if (adjust is not null)
            {
                statistics[s] = adjust(slots[s], statistics[s]);
            }
        }

        // One array for every unit's results, every element written below: allocated once, never copied
        // between collector generations, and not zeroed first.
        var nodeCount = framework.Nodes.Count;
        var all = GC.AllocateUninitializedArray<NodeScore>(units.Count * nodeCount);
        var results = new UnitScores[units.Count];
        ForEachUnit(units.Count, options, (context, u) =>
        {
            Load(context, units[u]);
            context.CohortMeasures = cohortMeasures[u];
            context.CohortStatistics = statistics;
            results[u] = ScoreUnit(framework, units[u], context, all, u * nodeCount);
        });

        AssignRanks(framework, results);
        return new CohortScores(framework, results, cohortMeasures, statistics, options);
    }

    /// <summary>
    /// <paramref name="previous"/> scored again with <paramref name="changed"/> in place of the units of the same codes:
    /// the same result as <see cref="Score"/> of the cohort with those inputs, at the cost of the changed units only
    /// when the cohort's figures (the min and max of every min-max and relative-to-best rule) do not move. When they
    /// move, every unit's points on those rules move with them, and the whole cohort is scored again.
    /// </summary>
    /// <remarks>
    /// The other units keep their results (shared with <paramref name="previous"/>, which is not changed) and are ranked
    /// again. A save of one value in a 1.000-unit cohort then costs one unit's scoring and the ranks, not 1.000 units'.
    /// </remarks>
    /// <exception cref="ArgumentException">A changed unit is for another framework, appears twice, or is not in the cohort.</exception>
    public static CohortScores Rescore(CohortScores previous, IReadOnlyList<UnitInputs> changed)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(changed);
        var framework = previous.Framework;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = new UnitInputs[previous.Units.Count];
        var measures = new Value[units.Length][];
        var kept = new UnitScores?[units.Length];
        for (var u = 0; u < units.Length; u++)
        {
            var unit = previous.Units[u];
            positions[unit.UnitCode] = u;
            units[u] = unit.Inputs;
            measures[u] = previous.CohortMeasuresOf(unit);
            kept[u] = unit;
        }

        var slots = framework.CohortSlots;
        var context = new EvaluationContext();
        foreach (var unit in changed)
        {
            if (!ReferenceEquals(unit.Framework, framework))
            {
                throw new ArgumentException($"The inputs of {unit.UnitCode} are for framework {unit.Framework.Code}, not {framework.Code}.", nameof(changed));
            }

            if (!positions.TryGetValue(unit.UnitCode, out var u))
            {
                throw new ArgumentException($"Unit {unit.UnitCode} is not in the cohort.", nameof(changed));
            }

            if (kept[u] is null)
            {
                throw new ArgumentException($"Unit {unit.UnitCode} appears twice in the changes.", nameof(changed));
            }

            units[u] = unit;
            kept[u] = null;
            measures[u] = MeasuresOf(context, unit);
        }

        var statistics = new CohortStatistics[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            statistics[s] = StatisticsOf(slots[s], units, measures, s, previous.Options);
            var before = previous.StatisticsArray[s];
            if (statistics[s].Min != before.Min || statistics[s].Max != before.Max)
            {
                return Score(framework, units, previous.Options);
            }
        }

        var nodeCount = framework.Nodes.Count;
        var fresh = GC.AllocateUninitializedArray<NodeScore>(changed.Count * nodeCount);
        var results = new UnitScores[units.Length];
        var next = 0;
        for (var u = 0; u < units.Length; u++)
        {
            if (kept[u] is { } unchanged)
            {
                results[u] = unchanged.Copy();
                continue;
            }

            Load(context, units[u]);
            context.CohortMeasures = measures[u];
            context.CohortStatistics = statistics;
            results[u] = ScoreUnit(framework, units[u], context, fresh, next++ * nodeCount);
        }

        AssignRanks(framework, results);
        return new CohortScores(framework, results, measures, statistics, previous.Options);
    }

    /// <summary>The unit's measure for every cohort call of its framework (<c>minmax(x)</c>, <c>best(x)</c>).</summary>
    private static Value[] MeasuresOf(EvaluationContext context, UnitInputs unit)
    {
        var slots = unit.Framework.CohortSlots;
        var measures = new Value[slots.Count];
        if (slots.Count > 0)
        {
            Load(context, unit);
            for (var s = 0; s < slots.Count; s++)
            {
                measures[s] = slots[s].Measure(context);
            }
        }

        return measures;
    }

    /// <summary>The cohort's figures of slot <paramref name="s"/>: its units' measures and the reference values of its indicator.</summary>
    private static CohortStatistics StatisticsOf(CohortSlot slot, IReadOnlyList<UnitInputs> units, Value[][] measures, int s, ScoringOptions options)
    {
        var leafCode = slot.Leaf.Code.Value;
        var references = options.References.Where(r => r.IndicatorCode == leafCode).ToArray();
        return CohortStatistics.Compute(units.Select((unit, u) => (unit.UnitCode, measures[u][s])), references);
    }

    internal static void Load(EvaluationContext context, UnitInputs unit)
    {
        context.Inputs = unit.Values;
        context.Profile = unit.ProfileValues;
    }

    private static void ForEachUnit(int count, ScoringOptions options, Action<EvaluationContext, int> body)
    {
        if (options.MaxDegreeOfParallelism <= 1 || count < 64)
        {
            var context = new EvaluationContext();
            for (var u = 0; u < count; u++)
            {
                body(context, u);
            }

            return;
        }

        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, count, Math.Max(16, count / (options.MaxDegreeOfParallelism * 4))),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => new EvaluationContext(),
            (range, _, context) =>
            {
                for (var u = range.Item1; u < range.Item2; u++)
                {
                    body(context, u);
                }

                return context;
            },
            _ => { });
    }

    /// <summary>Scores one leaf for the unit loaded in <paramref name="context"/>.</summary>
    internal static NodeScore ScoreLeaf(FrameworkNode leaf, EvaluationContext context)
    {
        ScoreLeaf(leaf, context, out var score);
        return score;
    }

    /// <summary>Scores one leaf into <paramref name="score"/> (written in place: a NodeScore is 64 bytes).</summary>
    private static void ScoreLeaf(FrameworkNode leaf, EvaluationContext context, out NodeScore score)
    {
        var rule = leaf.Rule!;
        context.BeginFormula();
        var value = rule.Evaluate(context);
        var measure = context.HasMeasure ? context.Measure : value;
        var flags = leaf.Provisional ? ScoreFlags.Provisional : ScoreFlags.None;
        decimal fraction;
        switch (value.State)
        {
            case ValueState.Missing:
                fraction = 0m;
                flags |= ScoreFlags.NotReported;
                break;
            case ValueState.Undefined:
                fraction = rule.WhenUndefined;
                flags |= ScoreFlags.Undefined;
                break;
            default:
                fraction = Fraction.Clamp(value.Number, out var clamped);
                if (clamped)
                {
                    flags |= ScoreFlags.Clamped;
                }

                break;
        }

        score = new NodeScore(Points.Of(fraction, leaf.MaxPoints), fraction, measure, flags);
    }

    internal static UnitScores ScoreUnit(Framework framework, UnitInputs unit, EvaluationContext context, NodeScore[] all, int offset)
    {
        var layout = framework.ScoringLayout;
        var nodes = layout.Nodes;
        var scores = all.AsSpan(offset, nodes.Length);
        var complete = true;

        // Children come after their parent in depth-first order, so walking backwards scores every
        // child before its parent.
        for (var i = nodes.Length - 1; i >= 0; i--)
        {
            var node = nodes[i];
            if (node.IsLeaf)
            {
                ScoreLeaf(node, context, out scores[i]);
                complete &= (scores[i].Flags & ScoreFlags.NotReported) == 0;
                continue;
            }

            var sum = 0m;
            var flags = node.Provisional ? ScoreFlags.Provisional : ScoreFlags.None;
            foreach (var child in layout.Children[i])
            {
                ref readonly var childScore = ref scores[child];
                sum += childScore.Points;
                if ((childScore.Flags & (ScoreFlags.Provisional | ScoreFlags.ContainsProvisional)) != 0)
                {
                    flags |= ScoreFlags.ContainsProvisional;
                }

                if ((childScore.Flags & (ScoreFlags.NotReported | ScoreFlags.Incomplete)) != 0)
                {
                    flags |= ScoreFlags.Incomplete;
                }
            }

            if (sum > node.MaxPoints)
            {
                sum = node.MaxPoints;
                flags |= ScoreFlags.Capped;
            }

            // The fraction (points / max) is computed when read: see UnitScores.
            scores[i] = new NodeScore(Points.Normalize(sum), 0m, Value.Undefined, flags);
        }

        var total = 0m;
        foreach (var root in layout.Roots)
        {
            total += scores[root].Points;
        }

        return new UnitScores(unit, all, offset, Points.Normalize(Math.Min(total, framework.TotalPoints)), complete);
    }

    private static void AssignRanks(Framework framework, UnitScores[] results)
    {
        var submitted = results.Select(r => r.Submitted).ToArray();
        var ranks = CompetitionRanking.Rank(results.Select(r => r.Total).ToArray(), submitted);
        for (var u = 0; u < results.Length; u++)
        {
            results[u].Rank = ranks[u];
        }

        var mainIndexRanks = framework.MainIndices
            .Select(mainIndex => CompetitionRanking.Rank(results.Select(r => r.PointsOf(mainIndex)).ToArray(), submitted))
            .ToArray();
        for (var u = 0; u < results.Length; u++)
        {
            results[u].SetMainIndexRanks(mainIndexRanks.Select(r => r[u]).ToArray());
        }
    }
}
