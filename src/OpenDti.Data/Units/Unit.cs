namespace OpenDti.Data.Units;

/// <summary>The levels of the province's hierarchy.</summary>
public enum UnitLevel
{
    /// <summary>The province itself.</summary>
    Province = 0,

    /// <summary>A department, agency (sở, ban, ngành).</summary>
    Department = 1,

    /// <summary>A district, town or city (huyện, thị xã, thành phố).</summary>
    District = 2,

    /// <summary>A commune, ward or township (xã, phường, thị trấn).</summary>
    Commune = 3,
}

/// <summary>
/// A unit of the province (the province, a department, a district, a commune). A unit keeps its id
/// for ever: a rename, merge, split or closure is recorded as a <see cref="UnitEvent"/>, and periods
/// keep the code and name a unit had when they were run, so past results never change.
/// </summary>
public sealed class Unit
{
    /// <summary>Database id; never reused.</summary>
    public int Id { get; set; }

    /// <summary>Stable code ("SO-TTTT", "HUYEN-01").</summary>
    public required string Code { get; set; }

    /// <summary>Current official name.</summary>
    public required string Name { get; set; }

    /// <summary>Level in the hierarchy.</summary>
    public UnitLevel Level { get; set; }

    /// <summary>Parent unit (the province for a department or district, the district for a commune).</summary>
    public int? ParentId { get; set; }

    /// <summary>The parent.</summary>
    public Unit? Parent { get; set; }

    /// <summary>The day the unit came into being, when known.</summary>
    public DateOnly? ActiveFrom { get; set; }

    /// <summary>The day the unit was closed (merged away, split, dissolved); null while active.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>
    /// An organisation that contributes figures without being scored (seed 001: Chi cục Thống kê, Bưu điện,
    /// the telecom companies, Công an): it has accounts and can be a plan's lead or coordinating unit, but is
    /// never in a period's cohort and so never in a ranking.
    /// </summary>
    public bool NotScored { get; set; }

    /// <summary>General information per year.</summary>
    public List<UnitProfileValue> Profile { get; } = [];

    /// <summary>Whether the unit is active on <paramref name="day"/>.</summary>
    public bool IsActiveOn(DateOnly day) => (ActiveFrom is null || ActiveFrom <= day) && (ClosedOn is null || ClosedOn > day);
}

/// <summary>A figure of a unit's general information (thông tin chung) for a year: population, households, ...</summary>
public sealed class UnitProfileValue
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The year the figure describes.</summary>
    public int Year { get; set; }

    /// <summary>The profile key used by frameworks (<c>profile.population</c>).</summary>
    public required string Key { get; set; }

    /// <summary>The figure.</summary>
    public decimal Value { get; set; }
}

/// <summary>What happened to a unit.</summary>
public enum UnitEventKind
{
    /// <summary>The unit was created (possibly from a merge or a split).</summary>
    Created = 0,

    /// <summary>The unit was renamed.</summary>
    Renamed = 1,

    /// <summary>The unit was merged into <see cref="UnitEvent.RelatedUnitId"/>.</summary>
    MergedInto = 2,

    /// <summary>Part of the unit was split off into <see cref="UnitEvent.RelatedUnitId"/>.</summary>
    SplitInto = 3,

    /// <summary>The unit was closed.</summary>
    Closed = 4,

    /// <summary>
    /// The unit was placed under another parent (<see cref="UnitEvent.OldParentId"/> → <see cref="UnitEvent.NewParentId"/>):
    /// a commune under the province when its district closed on 01/07/2025.
    /// </summary>
    Moved = 5,
}

/// <summary>A change in a unit's history: merges, splits, renames and closures keep every past period intact.</summary>
public sealed class UnitEvent
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The unit the event is about.</summary>
    public int UnitId { get; set; }

    /// <summary>What happened.</summary>
    public UnitEventKind Kind { get; set; }

    /// <summary>The other unit of a merge or split.</summary>
    public int? RelatedUnitId { get; set; }

    /// <summary>The day it took effect.</summary>
    public DateOnly EffectiveOn { get; set; }

    /// <summary>The name before a rename.</summary>
    public string? OldName { get; set; }

    /// <summary>The name after a rename.</summary>
    public string? NewName { get; set; }

    /// <summary>The decision it follows (số hiệu văn bản), or a note.</summary>
    public string? Note { get; set; }

    /// <summary>The parent before a move (<see cref="UnitEventKind.Moved"/>).</summary>
    public int? OldParentId { get; set; }

    /// <summary>The parent after a move (<see cref="UnitEventKind.Moved"/>).</summary>
    public int? NewParentId { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public string? RecordedBy { get; set; }
}
