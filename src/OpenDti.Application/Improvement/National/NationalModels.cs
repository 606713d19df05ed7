using OpenDti.Application.Periods;

namespace OpenDti.Application.Improvement.National;

/// <summary>A reference value as sent (a CSV row or a JSON item), before it is checked.</summary>
/// <param name="Row">The row (the CSV line, or the item's position from 1).</param>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Label">Where the measure comes from; empty: the indicator's code.</param>
/// <param name="Measure">The measure: a JSON number, or text written like a value (<c>91,85%</c>, <c>0,9185</c>).</param>
public sealed record ReferenceEntry(int Row, string? Indicator, string? Label, Figure Measure);

/// <summary>A reference value of a period.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Label">Where the measure comes from.</param>
/// <param name="Measure">The measure (a ratio as 0–1).</param>
public sealed record PeriodReferenceItem(string Indicator, string Name, string Label, decimal Measure);

/// <summary>A period's national reference values, and the cohort-relative indicators that have none.</summary>
/// <param name="Period">The period.</param>
/// <param name="Items">The values, by indicator (in framework order) and label.</param>
/// <param name="Unreferenced">The min-max and relative-to-best indicators with no reference value: they are scored against the cohort alone.</param>
/// <param name="ImportedAt">When the set was imported (UTC), if any.</param>
/// <param name="ImportedBy">Who imported it.</param>
/// <param name="CanImport">Whether the reader may import a new set.</param>
public sealed record PeriodReferences(
    PeriodSummary Period, IReadOnlyList<PeriodReferenceItem> Items, IReadOnlyList<string> Unreferenced, DateTime? ImportedAt, string? ImportedBy, bool CanImport);

/// <summary>A number as sent: a JSON number, or text read as everywhere else (<c>1.234,5</c>).</summary>
/// <param name="Number">A JSON number.</param>
/// <param name="Text">Text from a CSV cell or a form.</param>
public readonly record struct Figure(decimal? Number, string? Text)
{
    /// <summary>Nothing sent.</summary>
    public bool IsEmpty => Number is null && string.IsNullOrWhiteSpace(Text);

    /// <summary>A number.</summary>
    public static Figure Of(decimal? number) => new(number, null);

    /// <summary>Text.</summary>
    public static Figure Of(string? text) => new(null, text);
}

/// <summary>A main index's points and rank as sent.</summary>
/// <param name="Code">The main index's code.</param>
/// <param name="Points">Its points.</param>
/// <param name="Rank">Its rank (empty: not published).</param>
public sealed record NationalMainIndexEntry(string? Code, Figure Points, Figure Rank);

/// <summary>A province's national result as sent.</summary>
/// <param name="Row">The row (the CSV line, or the item's position from 1).</param>
/// <param name="Province">The province's name as published.</param>
/// <param name="Own">Whether it is this installation's province (text from a CSV: có/không/x/1/0/yes/no/true/false).</param>
/// <param name="Total">The total points.</param>
/// <param name="Rank">The national rank (empty: not published).</param>
/// <param name="Source">Where it was published.</param>
/// <param name="MainIndices">Points and rank per main index; those not sent are not recorded.</param>
public sealed record NationalEntry(int Row, string? Province, string? Own, Figure Total, Figure Rank, string? Source, IReadOnlyList<NationalMainIndexEntry?>? MainIndices);

/// <summary>A main index's column of a national table.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="MaxPoints">Max points.</param>
public sealed record NationalColumn(string Code, string Name, decimal MaxPoints);

/// <summary>A main index's published result with its derived 0–1 value.</summary>
/// <param name="Code">Code.</param>
/// <param name="Points">Points.</param>
/// <param name="Value">Points over max points, to 4 decimals, as dti.gov.vn publishes it.</param>
/// <param name="Rank">Rank, when published.</param>
public sealed record NationalIndexResult(string Code, decimal Points, decimal Value, int? Rank);

/// <summary>A province's published result with the derived 0–1 values.</summary>
/// <param name="Province">Name.</param>
/// <param name="Own">Whether it is this installation's province.</param>
/// <param name="Total">Total points.</param>
/// <param name="Dti">Total over the framework's total points (1.000), to 4 decimals.</param>
/// <param name="Rank">Rank, when published.</param>
/// <param name="Source">Where it was published.</param>
/// <param name="MainIndices">Per main index, in framework order, those recorded.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record NationalProvince(
    string Province, bool Own, decimal Total, decimal Dti, int? Rank, string? Source, IReadOnlyList<NationalIndexResult> MainIndices, DateTime RecordedAt, string RecordedBy);

/// <summary>A year's national table as recorded.</summary>
/// <param name="Year">The year assessed.</param>
/// <param name="FrameworkCode">The framework the results are in.</param>
/// <param name="TotalPoints">Its total points (1.000).</param>
/// <param name="Columns">Its main indices.</param>
/// <param name="Provinces">The provinces recorded, by rank then name.</param>
/// <param name="CanEdit">Whether the reader may record results.</param>
public sealed record NationalTable(int Year, string FrameworkCode, decimal TotalPoints, IReadOnlyList<NationalColumn> Columns, IReadOnlyList<NationalProvince> Provinces, bool CanEdit);

/// <summary>A main index of the estimate: estimated points and value, and last year's official ones.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="Points">Estimated points.</param>
/// <param name="Value">Estimated value (points over max, 4 decimals).</param>
/// <param name="LastYear">Last year's official result on this main index, when recorded.</param>
public sealed record EstimateMainIndex(string Code, string Name, decimal MaxPoints, decimal Points, decimal Value, NationalIndexResult? LastYear);

/// <summary>
/// The province's self-assessment scored against the national reference values: estimated national total,
/// DTI, main indices and rank, beside last year's official result.
/// </summary>
/// <param name="Period">The period.</param>
/// <param name="UnitCode">The province's code in the period.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="FrameworkCode">The period's framework.</param>
/// <param name="TotalPoints">Its total points (1.000).</param>
/// <param name="Total">Estimated total points.</param>
/// <param name="Dti">Estimated DTI (total over total points, 4 decimals).</param>
/// <param name="MainIndices">Per main index.</param>
/// <param name="TableYear">The year of the national table the rank is estimated in (the period's year − 1).</param>
/// <param name="Rank">Estimated rank: 1 + the provinces of that table, other than this one, with a higher total; null when none is recorded.</param>
/// <param name="RankedAmong">How many provinces that rank is among (the others recorded, and this one).</param>
/// <param name="LastYear">This province's official result of that year, when recorded.</param>
/// <param name="References">How many reference values the period has.</param>
/// <param name="Unreferenced">The cohort-relative indicators with no reference value (scored against the province alone).</param>
public sealed record NationalEstimate(
    PeriodSummary Period,
    string UnitCode,
    string UnitName,
    string FrameworkCode,
    decimal TotalPoints,
    decimal Total,
    decimal Dti,
    IReadOnlyList<EstimateMainIndex> MainIndices,
    int TableYear,
    int? Rank,
    int RankedAmong,
    NationalProvince? LastYear,
    int References,
    IReadOnlyList<string> Unreferenced)
{
    /// <summary>The period's reference values, by indicator in framework order.</summary>
    public IReadOnlyList<PeriodReferenceItem> ReferenceItems { get; init; } = [];

    /// <summary>Whether the reader may import reference values and national results.</summary>
    public bool CanImport { get; init; }
}
