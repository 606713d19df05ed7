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

    /// <summary>The <c>opendti</c> command line.</summary>
    Cli = 4,

    /// <summary>The application itself: start-up configuration (the first administrator), built-in frameworks.</summary>
    System = 5,
}

/// <summary>What an audited change was a change of.</summary>
public enum AuditKind
{
    /// <summary>A value a unit reported (indicator and input).</summary>
    Value = 0,

    /// <summary>An evidence file attached to an indicator, or removed (input <c>#evidence</c>).</summary>
    Evidence = 1,

    /// <summary>An evaluator's adjustment of a reported value.</summary>
    Adjustment = 2,

    /// <summary>A unit's general information (profile figure) for a year.</summary>
    Profile = 3,

    /// <summary>A unit created, renamed, closed, merged or split.</summary>
    Unit = 4,

    /// <summary>A framework imported or copied.</summary>
    Framework = 5,

    /// <summary>A period created, or its status, appeal window or other setting changed.</summary>
    Period = 6,

    /// <summary>An entry exception opened or ended for a unit.</summary>
    Exception = 7,

    /// <summary>A period's results published (or a correction published).</summary>
    Publication = 8,

    /// <summary>An appeal filed or decided.</summary>
    Appeal = 9,

    /// <summary>An account created, locked, unlocked, given a password, role, unit or e-mail address, or removed.</summary>
    Account = 10,

    /// <summary>A plan row (phân công) changed, a plan copied or imported, a baseline imported.</summary>
    Plan = 11,

    /// <summary>A progress report on a plan row.</summary>
    Progress = 12,

    /// <summary>A gap's cause (nguyên nhân) written or changed.</summary>
    Gap = 13,

    /// <summary>National reference values imported into a period, or a national result recorded.</summary>
    National = 14,
}

/// <summary>
/// One change of anything that can move a score or a right: who, when, what (kind, period, unit, subject,
/// indicator and input or field), old and new value, through which channel and why. Written in the same
/// transaction as the change, and chained: each entry holds the hash of the one before it
/// (<see cref="AuditChain"/>), so an entry edited or deleted in the database breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }

    /// <summary>The entry's place in the chain: 1, 2, 3, … with no gap.</summary>
    public long Sequence { get; set; }

    /// <summary>When (UTC, to the microsecond).</summary>
    public DateTime At { get; set; }

    /// <summary>The user's id.</summary>
    public required string UserId { get; set; }

    /// <summary>The user's name at the time.</summary>
    public required string UserName { get; set; }

    /// <summary>What was changed.</summary>
    public AuditKind Kind { get; set; }

    /// <summary>The period, when the change belongs to one.</summary>
    public int? PeriodId { get; set; }

    /// <summary>The unit, when the change belongs to one.</summary>
    public int? UnitId { get; set; }

    /// <summary>
    /// What was changed when the period and unit do not say it all: an account's user name, a framework's
    /// code, a profile's year, an appeal's number, the day a unit's change takes effect.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>The indicator code, for values, evidence and adjustments.</summary>
    public string? Indicator { get; set; }

    /// <summary>The input name for values and adjustments; <c>#evidence</c> for files; otherwise the field or step changed (<c>role</c>, <c>status</c>, <c>locked</c>).</summary>
    public string? Input { get; set; }

    /// <summary>The value before (invariant form), or null when there was none.</summary>
    public string? OldValue { get; set; }

    /// <summary>The value after, or null when it was removed.</summary>
    public string? NewValue { get; set; }

    /// <summary>How the change came in.</summary>
    public AuditChannel Channel { get; set; }

    /// <summary>Why, when a reason was given.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// The unit the user acted for, when it is not <see cref="UnitId"/>: a plan's lead or coordinating unit
    /// entering the figures of the unit whose form the plan covers (delegated entry).
    /// </summary>
    public int? ActorUnitId { get; set; }

    /// <summary>The hash of the entry before this one in the chain (64 zeros for the first).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 of this entry's fields and <see cref="PreviousHash"/>, in lower-case hexadecimal.</summary>
    public string? Hash { get; set; }
}
