namespace OpenDti.Data.Review;

/// <summary>
/// A publication of a period's results: the ranking, every unit's points and explanations frozen as they
/// were, so that later changes of frameworks, profiles or values never change what was published. A
/// correction is a new publication with the next number and its reason; every one stays readable.
/// </summary>
public sealed class Publication
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>1 for the first publication, then 2, 3, … for corrections.</summary>
    public int Number { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The account's id.</summary>
    public required string UserId { get; set; }

    /// <summary>The account's name.</summary>
    public required string UserName { get; set; }

    /// <summary>Why a correction was published; empty for the first publication.</summary>
    public string? Reason { get; set; }

    /// <summary>The frozen results, as JSON (written and read by the application layer only).</summary>
    public required string Snapshot { get; set; }
}
