namespace OpenDti.Data.Values;

/// <summary>
/// A value a unit reported for one input of one indicator in a period. <see cref="Version"/> is the
/// optimistic-concurrency token: a save that read an older version is refused, never silently applied.
/// </summary>
public sealed class ReportedValueRecord
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The indicator code.</summary>
    public required string Indicator { get; set; }

    /// <summary>The input name.</summary>
    public required string Input { get; set; }

    /// <summary>The value in invariant form ("0.3574", "có", "bi_thu").</summary>
    public required string Value { get; set; }

    /// <summary>Incremented on every change; the concurrency token.</summary>
    public int Version { get; set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed it.</summary>
    public required string UpdatedBy { get; set; }
}
