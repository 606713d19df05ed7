namespace OpenDti.Data.Improvement;

/// <summary>
/// Why a unit lost points on an indicator in a period (seed 002 III: "đạt 2,5/10 điểm. Nguyên nhân: …"),
/// written by the unit or an evaluator. One text per period, unit and indicator; a later text replaces it,
/// and the audit keeps what it said before.
/// </summary>
public sealed class GapCause
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The node's code in the period's framework.</summary>
    public required string Indicator { get; set; }

    /// <summary>The cause (nguyên nhân), as written.</summary>
    public required string Text { get; set; }

    /// <summary>Optimistic concurrency: increases on every change.</summary>
    public int Version { get; set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed it.</summary>
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// A national reference value imported into a period: the best, lowest or highest measure of an indicator
/// among all provinces (or any figure the ministry publishes for it), which joins the cohort's min and max
/// when the period is scored, as the CLI's <c>--reference</c> file does. A province's self-assessment scored
/// with them estimates its national points instead of scoring min-max and relative-to-best rules against
/// itself.
/// </summary>
public sealed class PeriodReference
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The leaf indicator whose cohort rule the value joins.</summary>
    public required string Indicator { get; set; }

    /// <summary>Where the value comes from ("Hà Nội", "cao nhất cả nước").</summary>
    public required string Label { get; set; }

    /// <summary>The measure, as the rule measures it (a ratio as 0–1).</summary>
    public decimal Measure { get; set; }

    /// <summary>When it was imported (UTC).</summary>
    public DateTime ImportedAt { get; set; }

    /// <summary>Who imported it.</summary>
    public required string ImportedBy { get; set; }
}

/// <summary>
/// A province's national DTI result of a year as the ministry published it: total and rank, with points and
/// rank per main index (<see cref="NationalMainIndexResult"/>). The 0–1 values are derived: a main index's
/// value is its points over its max, the DTI is the total over 1.000. Recorded for this province, and
/// optionally for every province.
/// </summary>
public sealed class NationalResult
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The year assessed.</summary>
    public int Year { get; set; }

    /// <summary>The national framework the results are in (its main indices' codes and max points).</summary>
    public required string FrameworkCode { get; set; }

    /// <summary>The province's name as published ("Vĩnh Long").</summary>
    public required string Province { get; set; }

    /// <summary>Whether it is this installation's own province.</summary>
    public bool Own { get; set; }

    /// <summary>The total points (of 1.000).</summary>
    public decimal Total { get; set; }

    /// <summary>The national rank, when published.</summary>
    public int? Rank { get; set; }

    /// <summary>Where it was published (a decision's number, a web address).</summary>
    public string? Source { get; set; }

    /// <summary>Points and rank per main index.</summary>
    public List<NationalMainIndexResult> MainIndices { get; } = [];

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }
}

/// <summary>A main index's published points and rank in a <see cref="NationalResult"/>.</summary>
public sealed class NationalMainIndexResult
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The result.</summary>
    public int NationalResultId { get; set; }

    /// <summary>The main index's code in the result's framework.</summary>
    public required string MainIndex { get; set; }

    /// <summary>The points.</summary>
    public decimal Points { get; set; }

    /// <summary>The rank, when published.</summary>
    public int? Rank { get; set; }
}
