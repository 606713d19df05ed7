using OpenDti.Application.Periods;

namespace OpenDti.Application.Results;

/// <summary>A main index as a column of a period's ranking.</summary>
/// <param name="Code">Main index code ("1").</param>
/// <param name="Name">Its name ("Nhận thức số").</param>
/// <param name="MaxPoints">Its max points.</param>
/// <param name="Provisional">Whether its max points are, or contain, provisional points ("điểm tạm tính").</param>
public sealed record MainIndexColumn(string Code, string Name, decimal MaxPoints, bool Provisional);

/// <summary>A unit's change against the same framework level's period of the year before, matched by unit code.</summary>
/// <param name="PreviousTotal">The unit's total the year before.</param>
/// <param name="PreviousRank">The unit's rank the year before.</param>
/// <param name="PointsDifference">This year's total minus last year's (positive: more points).</param>
/// <param name="RankChange">Last year's rank minus this year's (positive: moved up, e.g. from 5 to 2 is +3).</param>
public sealed record YearChange(decimal PreviousTotal, int PreviousRank, decimal PointsDifference, int RankChange)
{
    /// <summary>
    /// The change on each main index the unit had last year too (matched by code, or through the confirmed crosswalk
    /// between the two years' frameworks), in this year's order.
    /// </summary>
    public IReadOnlyList<MainIndexChange> MainIndices { get; init; } = [];

    /// <summary>
    /// Set when the unit did not exist last year and last year's figures are those of the units it absorbed, combined
    /// by the period's merger rule ("gộp từ …"); null for the unit's own figures.
    /// </summary>
    public Improvement.Trends.MergedFrom? Merged { get; init; }

    /// <summary>
    /// The change from <paramref name="last"/> to <paramref name="now"/> with main indices followed through
    /// <paramref name="map"/> (the continuity of last year's framework into this year's): a renamed main index compares
    /// with its old self, a merged one with the sum of its parts (its rank among <paramref name="cohort"/>, last year's
    /// units, summed the same way), a split one with the whole; a new one has no change.
    /// </summary>
    public static YearChange Between(UnitResult now, UnitResult last, Frameworks.NodeMap map, IReadOnlyList<UnitResult> cohort)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(cohort);
        if (map.ByCodeOnly)
        {
            return Between(now, last);
        }

        var before = last.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
        decimal Sum(UnitResult unit, IReadOnlyList<string> codes) => codes.Sum(c => unit.MainIndices.FirstOrDefault(m => m.Code == c)?.Points ?? 0m);
        var changes = new List<MainIndexChange>();
        foreach (var m in now.MainIndices)
        {
            var origin = map.Origin(m.Code);
            var sources = origin.Sources.Where(before.ContainsKey).ToArray();
            if (sources.Length == 0)
            {
                continue;
            }

            var points = sources.Sum(c => before[c].Points);
            var rank = sources.Length == 1 ? before[sources[0]].Rank : 1 + cohort.Count(o => Sum(o, sources) > points);
            changes.Add(new MainIndexChange(m.Code, points, rank, m.Points - points, rank - m.Rank)
            {
                Origin = origin.Marked || sources[0] != m.Code ? new Frameworks.NodeOrigin(origin.Kind, sources) : null,
            });
        }

        return new YearChange(last.Total, last.Rank, now.Total - last.Total, last.Rank - now.Rank) { MainIndices = changes };
    }

    /// <summary>The change from <paramref name="last"/> (the year before) to <paramref name="now"/>.</summary>
    public static YearChange Between(UnitResult now, UnitResult last)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(last);
        var before = last.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
        return new YearChange(last.Total, last.Rank, now.Total - last.Total, last.Rank - now.Rank)
        {
            MainIndices = now.MainIndices
                .Where(m => before.ContainsKey(m.Code))
                .Select(m => new MainIndexChange(m.Code, before[m.Code].Points, before[m.Code].Rank, m.Points - before[m.Code].Points, before[m.Code].Rank - m.Rank))
                .ToArray(),
        };
    }
}

/// <summary>A unit's change on one main index against the year before.</summary>
/// <param name="Code">The main index's code.</param>
/// <param name="PreviousPoints">Its points the year before.</param>
/// <param name="PreviousRank">Its rank on the main index the year before.</param>
/// <param name="PointsDifference">This year's points minus last year's.</param>
/// <param name="RankChange">Last year's rank minus this year's (positive: moved up).</param>
public sealed record MainIndexChange(string Code, decimal PreviousPoints, int PreviousRank, decimal PointsDifference, int RankChange)
{
    /// <summary>Set when last year's figure is another main index's, followed through the confirmed crosswalk (renamed, merged: summed, split: the whole).</summary>
    public Frameworks.NodeOrigin? Origin { get; init; }
}

/// <summary>A row of a period's ranking.</summary>
/// <param name="Result">The unit's result.</param>
/// <param name="Change">Its change against last year; null when there is no previous period or the unit was not scored in it.</param>
public sealed record RankingRow(UnitResult Result, YearChange? Change)
{
    /// <summary>Inputs answered as a share of all inputs (0 to 1).</summary>
    public decimal Completeness => Result.TotalInputs == 0 ? 0m : (decimal)Result.AnsweredInputs / Result.TotalInputs;
}

/// <summary>How many units have a total in [<paramref name="From"/>, <paramref name="To"/>) (the last band includes its upper end).</summary>
/// <param name="From">Lower end, included.</param>
/// <param name="To">Upper end, excluded except for the last band.</param>
/// <param name="Units">Units whose total falls in the band.</param>
public sealed record TotalBand(decimal From, decimal To, int Units);

/// <summary>
/// What the period page shows: the ranking with each unit's change against last year, completeness,
/// the overdue units and the distribution of totals.
/// </summary>
/// <param name="Period">The period.</param>
/// <param name="FrameworkName">The framework's name.</param>
/// <param name="TotalPoints">The framework's total points (1.000).</param>
/// <param name="MainIndices">The main indices, in framework order.</param>
/// <param name="Rows">The ranking, by rank then unit code.</param>
/// <param name="Previous">The period of the same framework level for the year before, when there is one the actor may read.</param>
/// <param name="Overdue">Units that have not answered every input although the period closed before <paramref name="Today"/>.</param>
/// <param name="Distribution">Units per band of 100 points of total, from 0 to the framework's total.</param>
/// <param name="Today">Today in Vietnam, from the application's clock.</param>
public sealed record PeriodOverview(
    PeriodSummary Period,
    string FrameworkName,
    decimal TotalPoints,
    IReadOnlyList<MainIndexColumn> MainIndices,
    IReadOnlyList<RankingRow> Rows,
    PeriodSummary? Previous,
    IReadOnlyList<UnitResult> Overdue,
    IReadOnlyList<TotalBand> Distribution,
    DateOnly Today)
{
    /// <summary>The indicators (chỉ số thành phần directly under the main indices), in framework order.</summary>
    public IReadOnlyList<IndicatorColumn> Indicators { get; init; } = [];

    /// <summary>Each unit's fraction of every indicator's max points (0 to 1), in the order of <see cref="Indicators"/>, by unit code.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<decimal>> IndicatorFractions { get; init; } = new Dictionary<string, IReadOnlyList<decimal>>();

    /// <summary>The level of the period's framework (a province-level period links to its national estimate).</summary>
    public Core.Frameworks.FrameworkLevel Level { get; init; }
}

/// <summary>An indicator as a column of the heat map.</summary>
/// <param name="Code">Its code ("3.2").</param>
/// <param name="Name">Its name.</param>
/// <param name="MainIndex">The code of its main index.</param>
/// <param name="MaxPoints">Its max points.</param>
public sealed record IndicatorColumn(string Code, string Name, string MainIndex, decimal MaxPoints);

/// <summary>An input of an indicator on a unit's scorecard, with what the unit reported.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Label">What the form asks.</param>
/// <param name="Unit">The unit of measure ("người", "%"), if any.</param>
/// <param name="Value">The value as the reader writes it ("1.234,5", "35,74%", "Có", an option's label); null when not reported.</param>
public sealed record ScorecardInput(string Indicator, string Input, string Label, string? Unit, string? Value);
