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
