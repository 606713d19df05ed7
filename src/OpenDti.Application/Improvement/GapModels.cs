using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Results;

namespace OpenDti.Application.Improvement;

/// <summary>
/// What an indicator's rule measured for the unit, against the measure that gives full points
/// (docs/improvement.md, "Gap analysis"): "35,74%" against "80%".
/// </summary>
/// <param name="Achieved">The measure (a ratio as 0–1), when the rule measures something and it is defined.</param>
/// <param name="AchievedText">The measure as the scorecard writes it ("35,74%", "3").</param>
/// <param name="FullPoints">The measure from which the rule gives full points, when it has one.</param>
/// <param name="FullPointsText">It as written ("80%", "5"; for min-max and relative-to-best, the cohort's best).</param>
public sealed record GapMeasure(decimal? Achieved, string? AchievedText, decimal? FullPoints, string? FullPointsText);

/// <summary>A gap's cause as last written.</summary>
/// <param name="Text">The cause (nguyên nhân).</param>
/// <param name="Version">Its version: a write must send it (0 when there is none yet).</param>
/// <param name="UpdatedAt">When it was written (UTC).</param>
/// <param name="UpdatedBy">Who wrote it.</param>
public sealed record GapCauseText(string Text, int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>An indicator of a unit's gap analysis.</summary>
/// <param name="Indicator">The leaf's code ("1.3").</param>
/// <param name="Name">Its name.</param>
/// <param name="MainIndex">The code of its main index.</param>
/// <param name="MainIndexName">Its main index's name.</param>
/// <param name="Points">The points (as the scorecard).</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="PointsLost">Max points − points.</param>
/// <param name="Measure">The measure against the full-points threshold, when the rule has a measure.</param>
/// <param name="Cause">Why, when someone wrote it.</param>
/// <param name="Owner">The lead unit of the most specific plan row over it, when the plan names one.</param>
/// <param name="LastYear">Last year's points, when known (the plan's baseline).</param>
/// <param name="Flags">Flags (not_reported, undefined, provisional, …).</param>
public sealed record GapItem(
    string Indicator,
    string Name,
    string MainIndex,
    string MainIndexName,
    decimal Points,
    decimal MaxPoints,
    decimal PointsLost,
    GapMeasure? Measure,
    GapCauseText? Cause,
    PlanUnit? Owner,
    decimal? LastYear,
    IReadOnlyList<string> Flags)
{
    /// <summary>Set when last year's points are another node's of last year's framework, followed through the confirmed crosswalk (the plan's baseline).</summary>
    public Frameworks.NodeOrigin? LastYearOrigin { get; init; }
}

/// <summary>A unit's gap analysis in a period: every leaf indicator, those losing most first.</summary>
/// <param name="Period">The period.</param>
/// <param name="FrameworkName">The period's framework.</param>
/// <param name="UnitCode">The unit.</param>
/// <param name="UnitName">Its name in the period.</param>
/// <param name="Total">Its total.</param>
/// <param name="MaxTotal">The framework's total points.</param>
/// <param name="Rank">Its rank.</param>
/// <param name="MainIndices">Points and rank per main index (seed 002's section II).</param>
/// <param name="CanWriteCauses">Whether the reader may write the causes.</param>
/// <param name="Items">Every leaf indicator by points lost, most first, then in framework order.</param>
public sealed record UnitGaps(
    PeriodSummary Period,
    string FrameworkName,
    string UnitCode,
    string UnitName,
    decimal Total,
    decimal MaxTotal,
    int Rank,
    IReadOnlyList<MainIndexResult> MainIndices,
    bool CanWriteCauses,
    IReadOnlyList<GapItem> Items)
{
    /// <summary>
    /// The points lost in all: the framework's total less the unit's. The leaves' losses may add up to more where
    /// a parent is capped (its children's max points add up to more than its own).
    /// </summary>
    public decimal PointsLost => Math.Max(0m, MaxTotal - Total);

    /// <summary>Set when the unit did not exist last year and last year's points are those of the units it absorbed (the plan's baseline, "gộp từ …").</summary>
    public Trends.MergedFrom? LastYearMerged { get; init; }
}

/// <summary>An indicator of a period's gap analysis: what the cohort loses on it.</summary>
/// <param name="Indicator">The leaf's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="MainIndex">The code of its main index.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="PointsLost">The points every unit lost on it, summed.</param>
/// <param name="UnitsLosing">How many units lost points on it.</param>
/// <param name="AveragePointsLost">Points lost per unit of the cohort.</param>
/// <param name="AveragePoints">Points per unit of the cohort.</param>
public sealed record PeriodGapItem(string Indicator, string Name, string MainIndex, decimal MaxPoints, decimal PointsLost, int UnitsLosing, decimal AveragePointsLost, decimal AveragePoints);

/// <summary>A period's gap analysis: the indicators where the cohort loses most, most first.</summary>
/// <param name="Period">The period.</param>
/// <param name="FrameworkName">The period's framework.</param>
/// <param name="Units">The units of the cohort.</param>
/// <param name="Items">Every leaf indicator by points lost in all, most first, then in framework order.</param>
public sealed record PeriodGaps(PeriodSummary Period, string FrameworkName, int Units, IReadOnlyList<PeriodGapItem> Items);

/// <summary>A cause written: the indicator, the text (null when it was cleared) and its new version.</summary>
/// <param name="Indicator">The leaf's code.</param>
/// <param name="Text">The cause, or null when cleared.</param>
/// <param name="Version">The version to send with the next write.</param>
/// <param name="UpdatedAt">When it was written (UTC).</param>
/// <param name="UpdatedBy">Who wrote it.</param>
public sealed record GapCauseSaved(string Indicator, string? Text, int Version, DateTime UpdatedAt, string UpdatedBy);
