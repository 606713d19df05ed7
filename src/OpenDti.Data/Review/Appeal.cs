namespace OpenDti.Data.Review;

/// <summary>Where an appeal is.</summary>
public enum AppealState
{
    /// <summary>Waiting for an evaluator's decision.</summary>
    Pending = 0,

    /// <summary>Accepted: values were adjusted and a new publication made.</summary>
    Accepted = 1,

    /// <summary>Rejected, with a reason.</summary>
    Rejected = 2,
}

/// <summary>A unit's appeal (phúc khảo) of the published points of named indicators.</summary>
public sealed class Appeal
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The indicators appealed, comma-separated codes in framework order.</summary>
    public required string Indicators { get; set; }

    /// <summary>Why the unit appeals.</summary>
    public required string Reason { get; set; }

    /// <summary>The publication appealed.</summary>
    public int PublicationNumber { get; set; }

    /// <summary>When it was filed (UTC).</summary>
    public DateTime FiledAt { get; set; }

    /// <summary>Who filed it.</summary>
    public required string FiledBy { get; set; }

    /// <summary>Where it is.</summary>
    public AppealState State { get; set; }

    /// <summary>The evaluator's reason for the decision.</summary>
    public string? Decision { get; set; }

    /// <summary>When it was decided (UTC).</summary>
    public DateTime? DecidedAt { get; set; }

    /// <summary>Who decided.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>For an accepted appeal, the publication that carries the correction.</summary>
    public int? ResultingPublication { get; set; }

    /// <summary>Incremented on every change; the concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>
/// An indicator an appeal names. While the appeal is pending, the row claims the indicator: a unique
/// index over the pending rows lets the database, not a check before the write, refuse a second
/// pending appeal of the same indicator, however many are filed at once.
/// </summary>
public sealed class AppealIndicator
{
    /// <summary>The appeal.</summary>
    public int AppealId { get; set; }

    /// <summary>The period (repeated from the appeal, for the unique index).</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit (repeated from the appeal, for the unique index).</summary>
    public int UnitId { get; set; }

    /// <summary>The indicator code.</summary>
    public required string Indicator { get; set; }

    /// <summary>Whether the appeal is still pending; cleared when it is decided, which frees the indicator.</summary>
    public bool Pending { get; set; }
}
