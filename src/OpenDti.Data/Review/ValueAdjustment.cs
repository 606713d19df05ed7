namespace OpenDti.Data.Review;

/// <summary>
/// A value an evaluator set in place of what the unit reported, with the reason. The reported value is
/// never overwritten: results as reviewed read the adjustment, the self-assessment reads the report.
/// </summary>
/// <remarks><see cref="Version"/> is the concurrency token: two evaluators adjusting one value get a conflict.</remarks>
public sealed class ValueAdjustment
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The indicator.</summary>
    public required string Indicator { get; set; }

    /// <summary>The input.</summary>
    public required string Input { get; set; }

    /// <summary>The adjusted value in invariant form, as reported values are stored.</summary>
    public required string Value { get; set; }

    /// <summary>Why.</summary>
    public required string Reason { get; set; }

    /// <summary>Incremented on every change; the concurrency token.</summary>
    public int Version { get; set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The account's id.</summary>
    public required string UserId { get; set; }

    /// <summary>The account's name.</summary>
    public required string UserName { get; set; }
}
