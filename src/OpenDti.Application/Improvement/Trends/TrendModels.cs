using OpenDti.Application.Periods;
using OpenDti.Core.Frameworks;

namespace OpenDti.Application.Improvement.Trends;

/// <summary>A year of a trend: the period read for it and its framework's shape.</summary>
/// <param name="Year">The year evaluated.</param>
/// <param name="PeriodId">The period read for that year (published first, then the most recently created).</param>
/// <param name="PeriodName">Its name.</param>
/// <param name="FrameworkCode">Its framework's code.</param>
/// <param name="TotalPoints">Its framework's total points.</param>
/// <param name="Published">Whether the figures are the period's latest publication (otherwise scored as it stands).</param>
/// <param name="UnitCount">Units in the period's cohort (what a rank is out of).</param>
/// <param name="MainIndices">The main indices of its framework, in framework order.</param>
public sealed record TrendYear(
    int Year, int PeriodId, string PeriodName, string FrameworkCode, decimal TotalPoints, bool Published, int UnitCount, IReadOnlyList<TrendMainIndex> MainIndices)
{
    /// <summary>
    /// Why the figures of this year do not compare with the year before on the same scale: the framework's code,
    /// its total or a main index's max points changed (empty for the first year and when nothing changed).
    /// </summary>
    public IReadOnlyList<FrameworkChange> Changes { get; init; } = [];

    /// <summary>Whether the framework changed since the year before.</summary>
    public bool FrameworkChanged => Changes.Count > 0;
}

/// <summary>A main index of a year's framework.</summary>
/// <param name="Code">Its code ("1").</param>
/// <param name="Name">Its name.</param>
/// <param name="MaxPoints">Its max points.</param>
public sealed record TrendMainIndex(string Code, string Name, decimal MaxPoints);

/// <summary>What changed in the framework between a year and the one before.</summary>
/// <param name="What">"framework" (another code), "total" (total points), or a main index's code.</param>
/// <param name="Before">The code or max points the year before; null when the main index did not exist.</param>
/// <param name="After">The code or max points this year; null when the main index no longer exists.</param>
public sealed record FrameworkChange(string What, string? Before, string? After);

/// <summary>A unit's figures in one year.</summary>
/// <param name="Year">The year.</param>
/// <param name="Total">Total points.</param>
/// <param name="Rank">Rank in that year's cohort.</param>
/// <param name="Submitted">Whether it reported anything that year.</param>
/// <param name="MainIndices">Points and rank per main index of that year's framework.</param>
/// <param name="Merged">
/// Set when the unit did not exist that year and the figures are those of the units it absorbed (a merger), read by
/// the period's <see cref="Data.Periods.MergerRule"/>; null for the unit's own figures.
/// </param>
public sealed record TrendPoint(int Year, decimal Total, int Rank, bool Submitted, IReadOnlyList<TrendMainIndexPoint> MainIndices, MergedFrom? Merged = null);

/// <summary>
/// Where a merged unit's figures of a year before its merger come from ("gộp từ …"): the units it absorbed that
/// had figures that year, and the rule that combined them.
/// </summary>
/// <param name="Units">The absorbed units with figures that year, by code.</param>
/// <param name="Rule">The rule used: the mean, or weighted by population (the mean when a unit's population of that year is missing).</param>
public sealed record MergedFrom(IReadOnlyList<MergedPart> Units, Data.Periods.MergerRule Rule);

/// <summary>A unit absorbed by a merger, as its figures of a year were read.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Total">Its total that year.</param>
/// <param name="Weight">Its weight: 1 for the mean, its population for the weighted rule.</param>
public sealed record MergedPart(string Code, string Name, decimal Total, decimal Weight);

/// <summary>A unit's points and rank on a main index in one year.</summary>
/// <param name="Code">The main index's code.</param>
/// <param name="Points">Points.</param>
/// <param name="Rank">Rank on the main index.</param>
public sealed record TrendMainIndexPoint(string Code, decimal Points, int Rank)
{
    /// <summary>
    /// Set when the figure is that of another main index of an earlier edition of the framework, followed through the
    /// confirmed crosswalk (renamed, merged: summed, split: the whole); null for the main index's own figure.
    /// </summary>
    public Frameworks.NodeOrigin? Origin { get; init; }
}

/// <summary>A unit's line: its figures in each year it was in a period read (years without it are left out).</summary>
/// <param name="UnitCode">The unit's code (as in the period the trend is read from, or its current code).</param>
/// <param name="UnitName">Its name, likewise.</param>
/// <param name="Points">Its figures, by year.</param>
public sealed record UnitTrend(string UnitCode, string UnitName, IReadOnlyList<TrendPoint> Points);

/// <summary>Every year of one framework level and the units' lines over them.</summary>
/// <param name="Level">The framework level (department, district, province, commune).</param>
/// <param name="Years">The years with a period of that level the reader may read, oldest first.</param>
/// <param name="Units">The units' lines.</param>
public sealed record LevelTrends(FrameworkLevel Level, IReadOnlyList<TrendYear> Years, IReadOnlyList<UnitTrend> Units);

/// <summary>A unit's trends: one per framework level of the periods it was scored in.</summary>
/// <param name="UnitCode">The unit's current code.</param>
/// <param name="UnitName">Its current name.</param>
/// <param name="Levels">Its trend per level.</param>
public sealed record UnitTrends(string UnitCode, string UnitName, IReadOnlyList<LevelTrends> Levels);

/// <summary>A period's cohort over the years of its framework level.</summary>
/// <param name="Period">The period.</param>
/// <param name="Trends">The years and the line of every unit of the period's cohort, in the period's rank order.</param>
public sealed record PeriodTrends(PeriodSummary Period, LevelTrends Trends);

/// <summary>A point of a sensitivity series.</summary>
/// <param name="Figure">The cohort's best, min or max (a ratio as a fraction).</param>
/// <param name="Points">The unit's points on the indicator with that figure.</param>
/// <param name="Current">Whether it is the cohort's figure as it stands.</param>
public sealed record SensitivityStep(decimal Figure, decimal Points, bool Current);

/// <summary>How a unit's points on one cohort-relative indicator move with one figure of the cohort.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Rule">"minmax" or "best".</param>
/// <param name="Figure">"best", "min" or "max".</param>
/// <param name="Measure">The unit's measure; null when it has none (its points do not move).</param>
/// <param name="CurrentFigure">The cohort's figure as it stands; null when no unit has a measure.</param>
/// <param name="Source">Which unit or reference holds that figure.</param>
/// <param name="Points">The unit's points as they stand.</param>
/// <param name="MaxPoints">The indicator's max points.</param>
/// <param name="IsPercent">Whether the measure is a ratio (shown as a percentage).</param>
/// <param name="Series">The points at figures around the current one, by figure ascending.</param>
public sealed record IndicatorSensitivityView(
    string Indicator, string Name, string Rule, string Figure, decimal? Measure, decimal? CurrentFigure, string? Source,
    decimal Points, decimal MaxPoints, bool IsPercent, IReadOnlyList<SensitivityStep> Series);

/// <summary>A unit's sensitivity to its cohort in a period.</summary>
/// <param name="Period">The period.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">Its name in the period.</param>
/// <param name="Indicators">Every cohort-relative indicator's series, in framework order (a min-max indicator twice: min, then max).</param>
public sealed record UnitSensitivity(PeriodSummary Period, string UnitCode, string UnitName, IReadOnlyList<IndicatorSensitivityView> Indicators);

/// <summary>What a unit's scorecard shows of trends and sensitivity.</summary>
/// <param name="Trend">The unit's line over the years of the period's framework level.</param>
/// <param name="Sensitivity">Its sensitivity to the cohort in the period.</param>
public sealed record ScorecardTrends(LevelTrends Trend, UnitSensitivity Sensitivity)
{
    /// <summary>The unit's code in the period.</summary>
    public string UnitCode => Sensitivity.UnitCode;
}
