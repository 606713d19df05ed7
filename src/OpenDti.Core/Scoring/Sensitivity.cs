using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Scoring;

/// <summary>Which figure of a cohort a cohort-relative rule compares a unit with.</summary>
public enum CohortFigure
{
    /// <summary>The cohort's highest measure, for <c>best(x)</c> ("tỷ lệ cao nhất").</summary>
    Best,

    /// <summary>The cohort's lowest measure, for <c>minmax(x)</c>.</summary>
    Min,

    /// <summary>The cohort's highest measure, for <c>minmax(x)</c>.</summary>
    Max,
}

/// <summary>A point of a sensitivity series: the cohort's figure, and the unit's points on the indicator were the figure that.</summary>
/// <param name="Figure">The cohort's best, min or max (a ratio as a fraction: 0.9185).</param>
/// <param name="Points">The unit's points on the indicator with that figure, as scoring gives them.</param>
/// <param name="Current">Whether this is the cohort's figure as it stands.</param>
public sealed record SensitivityPoint(decimal Figure, decimal Points, bool Current);

/// <summary>How a unit's points on one cohort-relative indicator move when one figure of its cohort moves.</summary>
/// <param name="Indicator">The indicator (a leaf with a <c>minmax</c> or <c>best</c> rule).</param>
/// <param name="Kind">The rule: min-max or relative to best.</param>
/// <param name="Figure">The cohort figure that moves.</param>
/// <param name="Measure">The unit's own measure; null when it has none (not reported, or a division by 0): its points then do not move.</param>
/// <param name="CurrentFigure">The cohort's figure as it stands; null when no unit or reference has a measure.</param>
/// <param name="Source">Which unit or reference holds that figure.</param>
/// <param name="Points">The unit's points on the indicator as they stand.</param>
/// <param name="IsPercent">Whether the measure is a ratio (written as a percentage).</param>
/// <param name="Series">The points at figures around the current one, by figure ascending (empty without a measure).</param>
public sealed record IndicatorSensitivity(
    FrameworkNode Indicator,
    CohortKind Kind,
    CohortFigure Figure,
    decimal? Measure,
    decimal? CurrentFigure,
    string? Source,
    decimal Points,
    bool IsPercent,
    IReadOnlyList<SensitivityPoint> Series);

/// <summary>
/// Sensitivity to the cohort (độ nhạy): for each cohort-relative indicator of a unit (<c>minmax(x)</c>,
/// <c>best(x)</c>), the unit's points were the cohort's best (or min, or max) another figure, everything else
/// as it stands. Each point runs the indicator's compiled rule for the unit with that one figure replaced,
/// so it is what scoring a cohort whose figure is that value gives.
/// </summary>
public static class Sensitivity
{
    /// <summary>The factors of the current figure a best or max series is drawn at.</summary>
    private static readonly decimal[] UpperFactors = [0.5m, 0.75m, 0.9m, 1.1m, 1.25m, 1.5m, 2m];

    /// <summary>The shares of the cohort's spread (max − min) a min series moves by.</summary>
    private static readonly decimal[] LowerSteps = [-0.5m, -0.25m, -0.1m, 0.1m, 0.25m, 0.5m];

    /// <summary>The series of every cohort-relative indicator of <paramref name="unit"/>, in framework order; a <c>minmax</c> rule gives two (min, then max).</summary>
    /// <exception cref="ArgumentException"><paramref name="unit"/> is not a unit of <paramref name="scores"/>.</exception>
    public static IReadOnlyList<IndicatorSensitivity> Of(CohortScores scores, UnitScores unit)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(unit);
        if (!ReferenceEquals(scores.Find(unit.UnitCode), unit))
        {
            throw new ArgumentException($"{unit.UnitCode} is not a unit of this cohort.", nameof(unit));
        }

        var measures = scores.CohortMeasuresOf(unit);
        var result = new List<IndicatorSensitivity>();
        foreach (var slot in scores.Framework.CohortSlots.OrderBy(s => s.Leaf.Index).ThenBy(s => s.Slot))
        {
            var statistics = scores.StatisticsArray[slot.Slot];
            var measure = measures[slot.Slot];
            var figures = slot.Call.Kind == CohortKind.Best ? new[] { CohortFigure.Best } : [CohortFigure.Min, CohortFigure.Max];
            foreach (var figure in figures)
            {
                var current = figure == CohortFigure.Min ? statistics.Min : statistics.Max;
                var isPercent = slot.Call.Measure.IsPercent;
                var series = measure.IsDefined && current is { } now
                    ? Figures(figure, now, measure.Number, statistics, isPercent)
                        .Select(value => new SensitivityPoint(value, PointsAt(scores, unit, slot, figure, value), value == now))
                        .ToArray()
                    : [];
                result.Add(new IndicatorSensitivity(
                    slot.Leaf,
                    slot.Call.Kind,
                    figure,
                    measure.IsDefined ? measure.Number : null,
                    current,
                    figure == CohortFigure.Min ? statistics.MinSource : statistics.MaxSource,
                    unit[slot.Leaf].Points,
                    isPercent,
                    series));
            }
        }

        return result;
    }

    /// <summary>
    /// <paramref name="unit"/>'s points on <paramref name="indicator"/> were its cohort's <paramref name="figure"/>
    /// <paramref name="value"/>: the indicator's rule run for the unit with that figure in place of the cohort's.
    /// </summary>
    /// <exception cref="ArgumentException">The indicator has no cohort rule with that figure, or the unit is not of the cohort.</exception>
    public static decimal PointsAt(CohortScores scores, UnitScores unit, FrameworkNode indicator, CohortFigure figure, decimal value)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(indicator);
        var slot = scores.Framework.CohortSlots.FirstOrDefault(s =>
                ReferenceEquals(s.Leaf, indicator) && (figure == CohortFigure.Best) == (s.Call.Kind == CohortKind.Best))
            ?? throw new ArgumentException($"{indicator.Code} has no cohort rule with the figure {figure}.", nameof(indicator));
        if (!ReferenceEquals(scores.Find(unit.UnitCode), unit))
        {
            throw new ArgumentException($"{unit.UnitCode} is not a unit of this cohort.", nameof(unit));
        }

        return PointsAt(scores, unit, slot, figure, value);
    }

    private static decimal PointsAt(CohortScores scores, UnitScores unit, CohortSlot slot, CohortFigure figure, decimal value)
    {
        var statistics = (CohortStatistics[])scores.StatisticsArray.Clone();
        var old = statistics[slot.Slot];
        statistics[slot.Slot] = figure == CohortFigure.Min
            ? new CohortStatistics(value, old.Max, old.MinSource, old.MaxSource, old.Count, old.References)
            : new CohortStatistics(old.Min, value, old.MinSource, old.MaxSource, old.Count, old.References);
        var context = new EvaluationContext
        {
            Inputs = unit.Inputs.Values,
            Profile = unit.Inputs.ProfileValues,
            CohortMeasures = scores.CohortMeasuresOf(unit),
            CohortStatistics = statistics,
        };
        return ScoringEngine.ScoreLeaf(slot.Leaf, context).Points;
    }

    /// <summary>
    /// The figures a series is drawn at: the current one and some around it that a cohort holding the unit
    /// could have. A best or max is never below the unit's own measure (nor the cohort's min); a min never above
    /// it (nor the cohort's max), and not below 0 when the cohort's measures are not. A ratio's best stays at
    /// most 100% unless it is above already.
    /// </summary>
    private static IEnumerable<decimal> Figures(CohortFigure figure, decimal current, decimal measure, CohortStatistics statistics, bool isPercent)
    {
        var decimals = isPercent ? 4 : 2;
        var candidates = new List<decimal> { current };
        if (figure == CohortFigure.Min)
        {
            var spread = statistics.Max is { } max && max != current ? Math.Abs(max - current) : Math.Max(Math.Abs(current), isPercent ? 0.1m : 1m);
            var upper = Math.Min(measure, statistics.Max ?? measure);
            var floor = current >= 0m ? 0m : decimal.MinValue;
            candidates.AddRange(LowerSteps.Select(step => Math.Round(current + (step * spread), decimals)).Where(v => v >= floor && v <= upper));
            candidates.Add(upper);
        }
        else
        {
            var lower = Math.Max(measure, figure == CohortFigure.Max ? statistics.Min ?? measure : measure);
            var ceiling = isPercent ? Math.Max(1m, current) : decimal.MaxValue;
            var basis = current > 0m ? current : (isPercent ? 0.5m : 1m);
            candidates.AddRange(UpperFactors.Select(factor => Math.Round(basis * factor, decimals)).Where(v => v >= lower && v <= ceiling));
            candidates.Add(lower);
            if (isPercent && ceiling == 1m)
            {
                candidates.Add(1m);
            }
        }

        return candidates.Distinct().Order();
    }
}
