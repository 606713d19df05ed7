namespace OpenDti.Data.Audit;

/// <summary>How a change reached the system.</summary>
public enum AuditChannel
{
    /// <summary>A page of the web application.</summary>
    Page = 0,

    /// <summary>The JSON API.</summary>
    Api = 1,

    /// <summary>A file import (Excel, CSV).</summary>
    Import = 2,

    /// <summary>The demo data of a first run.</summary>
    Seed = 3,
}

/// <summary>
/// One change of a reported value: who, when, old and new value, through which channel and why.
/// Written in the same transaction as the change.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Database id; increasing with time.</summary>
    public long Id { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The user's id.</summary>
    public required string UserId { get; set; }

    /// <summary>The user's name at the time.</summary>
    public required string UserName { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The indicator code.</summary>
    public required string Indicator { get; set; }

    /// <summary>The input name.</summary>
    public required string Input { get; set; }

    /// <summary>The value before (invariant form), or null when there was none.</summary>
    public string? OldValue { get; set; }

    /// <summary>The value after, or null when it was removed.</summary>
    public string? NewValue { get; set; }

    /// <summary>How the change came in.</summary>
    public AuditChannel Channel { get; set; }

    /// <summary>Why, when a reason was given.</summary>
    public string? Reason { get; set; }
}
