using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Core.Scoring;

/// <summary>
/// The smallest change of one input of <paramref name="Indicator"/> that wins points, and what it wins: sent to
/// <see cref="WhatIf.Run"/>, <see cref="Changes"/> gain exactly <paramref name="PointsGained"/> and
/// <paramref name="RankGained"/>.
/// </summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Input">The input changed.</param>
/// <param name="From">Its value now, or null (not reported).</param>
/// <param name="To">The value that wins points.</param>
/// <param name="Steps">How many steps the change is: the count added or taken away for a count, otherwise 1.</param>
/// <param name="PointsBefore">The indicator's points now.</param>
/// <param name="PointsAfter">The indicator's points with the change.</param>
/// <param name="MeasureBefore">The indicator's measure now (a ratio, a count), or missing/undefined.</param>
/// <param name="MeasureAfter">Its measure with the change.</param>
/// <param name="PointsGained">The unit's total with the change minus its total now.</param>
/// <param name="RankGained">Places gained in the ranking (the rank now minus the rank with the change).</param>
public sealed record Gain(
    FrameworkNode Indicator,
    InputSpec Input,
    ReportedValue? From,
    ReportedValue To,
    int Steps,
    decimal PointsBefore,
    decimal PointsAfter,
    Value MeasureBefore,
    Value MeasureAfter,
    decimal PointsGained,
    int RankGained)
{
    /// <summary>The change as a what-if takes it.</summary>
    public IReadOnlyList<InputChange> Changes => [new InputChange(Input, To)];

    /// <summary>Points gained per step of the change: the order of the list, highest first.</summary>
    public decimal PointsPerStep => PointsGained / Steps;
}

/// <summary>
/// The cheapest points first: for one unit, each indicator whose points can rise, with the smallest change of one
/// of its inputs that wins points, found by scoring with the engine (no rule is read: any formula works).
/// </summary>
/// <remarks>
/// <para>Yes/no: the other answer. A choice: the next option that scores more. A count: the smallest number to add
/// (or, when only fewer scores more, to take away). Another number (a percentage, an amount): the smallest value
/// that reaches the next step of points; when points rise continuously (a ratio below its target), the smallest
/// value that reaches the most points the input can give (the target itself). Numbers are searched by bisection on a
/// grid (whole numbers for a count, 0,01% for a percentage, 0,01 otherwise) between the value now and the input's
/// bound (its max, or the whole it is part of; for a count without a bound, doubling until points rise), then the
/// value found is scored again.</para>
/// <para>A cohort rule (min-max, relative to best) is scored with the cohort's min and max as they would be with
/// the unit's new measure; each gain is then checked with <see cref="WhatIf.Run"/>, which scores the other units
/// too when the cohort moves, so that points and rank gained are exact. Inputs that are the whole of a part (a
/// ratio's denominator) are not changed.</para>
/// </remarks>
public static class Gains
{
    private const decimal Ceiling = 1_000_000_000_000m;

    /// <summary>The gains of <paramref name="whatIf"/>'s unit, cheapest points first.</summary>
    public static IReadOnlyList<Gain> Find(WhatIf whatIf)
    {
        ArgumentNullException.ThrowIfNull(whatIf);
        var framework = whatIf.Framework;
        var wholes = framework.Inputs.Where(i => i.PartOf is not null).Select(i => i.PartOf!).ToHashSet();
        var scratch = whatIf.Apply([]);
        var gains = new List<Gain>();
        foreach (var leaf in framework.Leaves)
        {
            var now = whatIf.Unit[leaf];
            if (leaf.Rule is null || leaf.Inputs.Count == 0 || now.Points >= leaf.MaxPoints)
            {
                continue;
            }

            (InputSpec Input, ReportedValue Value, int Steps, NodeScore After)? best = null;
            foreach (var input in leaf.Inputs.Where(i => !wholes.Contains(i)))
            {
                var original = scratch.Get(input);
                var candidate = input.Kind switch
                {
                    InputKind.YesNo => Answer(whatIf, scratch, leaf, input, now.Points),
                    InputKind.Choice => Option(whatIf, scratch, leaf, input, now.Points),
                    _ => Number(whatIf, scratch, leaf, input, now.Points),
                };
                Restore(scratch, input, original);
                if (candidate is { } found && (best is null || Better(found.After.Points - now.Points, found.Steps, best.Value.After.Points - now.Points, best.Value.Steps)))
                {
                    best = (input, found.Value, found.Steps, found.After);
                }
            }

            if (best is not { } chosen)
            {
                continue;
            }

            var result = whatIf.Run([new InputChange(chosen.Input, chosen.Value)]);
            if (result.PointsGained <= 0m)
            {
                continue;
            }

            var after = result.Nodes[leaf.Index].After;
            gains.Add(new Gain(
                leaf, chosen.Input, whatIf.Unit.Inputs.Get(chosen.Input), chosen.Value, chosen.Steps,
                now.Points, after.Points, now.Measure, after.Measure, result.PointsGained, result.RankGained));
        }

        return gains
            .OrderByDescending(g => g.PointsPerStep)
            .ThenByDescending(g => g.PointsGained)
            .ThenBy(g => g.Indicator.Index)
            .ToArray();
    }

    private static bool Better(decimal gain, int steps, decimal bestGain, int bestSteps) =>
        gain / steps > bestGain / bestSteps || (gain / steps == bestGain / bestSteps && steps < bestSteps);

    private static void Restore(UnitInputs scratch, InputSpec input, ReportedValue? original)
    {
        if (original is { } value)
        {
            scratch.Set(input, value);
        }
        else
        {
            scratch.Clear(input);
        }
    }

    /// <summary>The indicator's result with <paramref name="value"/> for <paramref name="input"/>, or null when the value does not fit the input.</summary>
    private static NodeScore? Try(WhatIf whatIf, UnitInputs scratch, FrameworkNode leaf, InputSpec input, ReportedValue value)
    {
        if (scratch.Set(input, value) is not null || InputParts.Exceeding(scratch).Any(p => p.Part == input || p.Whole == input))
        {
            return null;
        }

        return whatIf.LeafWith(scratch, leaf);
    }

    private static (ReportedValue Value, int Steps, NodeScore After)? Answer(WhatIf whatIf, UnitInputs scratch, FrameworkNode leaf, InputSpec input, decimal points)
    {
        var current = scratch.Get(input);
        foreach (var answer in new[] { true, false })
        {
            if (current is { } now && now.Answer == answer)
            {
                continue;
            }

            var value = ReportedValue.OfAnswer(answer);
            if (Try(whatIf, scratch, leaf, input, value) is { } after && after.Points > points)
            {
                return (value, 1, after);
            }
        }

        return null;
    }

    private static (ReportedValue Value, int Steps, NodeScore After)? Option(WhatIf whatIf, UnitInputs scratch, FrameworkNode leaf, InputSpec input, decimal points)
    {
        var current = scratch.Get(input)?.Option;
        (ReportedValue Value, int Steps, NodeScore After)? next = null;
        foreach (var option in input.Options)
        {
            if (string.Equals(option.Key, current, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = ReportedValue.OfOption(option.Key);
            if (Try(whatIf, scratch, leaf, input, value) is { } after && after.Points > points && (next is null || after.Points < next.Value.After.Points))
            {
                next = (value, 1, after);
            }
        }

        return next;
    }

    private static (ReportedValue Value, int Steps, NodeScore After)? Number(WhatIf whatIf, UnitInputs scratch, FrameworkNode leaf, InputSpec input, decimal points)
    {
        var quantum = input.IsCount ? 1m : input.IsPercent ? 0.0001m : 0.01m;
        var scale = input.IsPercent ? 0.01m : 1m;
        var current = scratch.Get(input)?.Number;
        var lowest = (input.Min ?? 0m) * scale;
        if (current is { } below && below < lowest)
        {
            lowest = below;
        }

        var highest = input.Max is { } max ? max * scale : (decimal?)null;
        if (input.PartOf is { } whole && scratch.Get(whole) is { } wholeValue)
        {
            highest = highest is { } h ? Math.Min(h, wholeValue.Number) : wholeValue.Number;
        }

        return Search(whatIf, scratch, leaf, input, points, quantum, current, lowest, highest, up: true)
            ?? (current is null ? null : Search(whatIf, scratch, leaf, input, points, quantum, current, lowest, highest, up: false));
    }

    /// <summary>Searches the grid k × <paramref name="quantum"/> from the value now upwards (or downwards) for the value to report.</summary>
    private static (ReportedValue Value, int Steps, NodeScore After)? Search(
        WhatIf whatIf, UnitInputs scratch, FrameworkNode leaf, InputSpec input, decimal points,
        decimal quantum, decimal? current, decimal lowest, decimal? highest, bool up)
    {
        // Grid positions: the first candidate is position 1 (position 0 when nothing is reported: the lowest value).
        decimal start;
        int first;
        if (current is { } now)
        {
            start = up ? decimal.Floor(now / quantum) : decimal.Ceiling(now / quantum);
            first = 1;
        }
        else
        {
            start = decimal.Ceiling(lowest / quantum);
            first = 0;
        }

        decimal ValueAt(decimal position) => (up ? start + position : start - position) * quantum;

        decimal limit;
        if (up)
        {
            limit = highest is { } h ? decimal.Floor(h / quantum) - start : -1m;
        }
        else
        {
            limit = start - decimal.Ceiling(lowest / quantum);
        }

        var cache = new Dictionary<decimal, NodeScore?>();
        NodeScore? At(decimal position)
        {
            if (!cache.TryGetValue(position, out var score))
            {
                var value = ValueAt(position);
                score = value > Ceiling || value < lowest ? null : Try(whatIf, scratch, leaf, input, ReportedValue.OfNumber(value));
                cache[position] = score;
            }

            return score;
        }

        bool Wins(decimal position) => At(position) is { } s && s.Points > points;

        // A position that wins: the bound, or, without one, doubling until points rise.
        decimal winning;
        if (limit >= 0m)
        {
            if (limit < first || !Wins(limit))
            {
                return null;
            }

            winning = limit;
        }
        else
        {
            winning = Math.Max(first, 1m);
            while (!Wins(winning))
            {
                winning *= 2m;
                if (ValueAt(winning) > Ceiling)
                {
                    return null;
                }
            }

            // Then on to the ceiling, to find where points stop rising (a ratio's target): the first doubling with the most.
            for (var further = winning * 2m; ValueAt(further) <= Ceiling; further *= 2m)
            {
                if (At(further) is { } score && score.Points > At(winning)!.Value.Points)
                {
                    winning = further;
                }
            }
        }

        var most = At(winning)!.Value.Points;
        var next = Smallest(first, winning, p => Wins(p));
        var target = next;
        if (!input.IsCount && At(next)!.Value.Points - points <= 0.01m && most > At(next)!.Value.Points)
        {
            // Points rise continuously here: go to where they stop rising (a ratio's target), by the rule's own
            // fraction, not the rounded points (79,96% of a target of 80% already rounds to full points).
            var fraction = At(winning)!.Value.Fraction;
            target = Smallest(next, winning, p => At(p) is { } s && s.Fraction >= fraction);
        }

        var after = At(target)!.Value;
        var steps = input.IsCount && current is { } from ? (int)Math.Min(int.MaxValue, Math.Abs(ValueAt(target) - from)) : 1;
        return (ReportedValue.OfNumber(ValueAt(target)), Math.Max(1, steps), after);
    }

    /// <summary>The smallest position in [<paramref name="from"/>, <paramref name="to"/>] where <paramref name="holds"/> holds, given that it holds at <paramref name="to"/>.</summary>
    private static decimal Smallest(decimal from, decimal to, Func<decimal, bool> holds)
    {
        var (low, high) = (from - 1m, to);
        while (high - low > 1m)
        {
            var middle = decimal.Floor((low + high) / 2m);
            if (holds(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }
}
