namespace OpenDti.Data.Frameworks;

/// <summary>
/// A confirmed crosswalk from one stored framework to a newer one (docs/frameworks.md, "Crosswalks between
/// editions"): which node of the newer edition continues which node of the older, line by line. One per pair of
/// frameworks; confirming it again replaces its lines, and the audit keeps what it said before.
/// </summary>
public sealed class CrosswalkRecord
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The older framework.</summary>
    public int FromFrameworkId { get; set; }

    /// <summary>The newer framework.</summary>
    public int ToFrameworkId { get; set; }

    /// <summary>Its lines, in the order confirmed.</summary>
    public List<CrosswalkLinkRecord> Links { get; } = [];

    /// <summary>When it was last confirmed (UTC).</summary>
    public DateTime ConfirmedAt { get; set; }

    /// <summary>Who last confirmed it.</summary>
    public required string ConfirmedBy { get; set; }

    /// <summary>Optimistic concurrency: increases on every confirmation.</summary>
    public int Version { get; set; }
}

/// <summary>A line of a stored crosswalk.</summary>
public sealed class CrosswalkLinkRecord
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The crosswalk.</summary>
    public int CrosswalkId { get; set; }

    /// <summary>Its place in the crosswalk (0, 1, …).</summary>
    public int Position { get; set; }

    /// <summary>The older node's code; null for a new node.</summary>
    public string? From { get; set; }

    /// <summary>The newer node's code; null for a dropped node.</summary>
    public string? To { get; set; }

    /// <summary>How it continues, as the file names it: same, renamed, merged, split, new, dropped.</summary>
    public required string Kind { get; set; }
}
