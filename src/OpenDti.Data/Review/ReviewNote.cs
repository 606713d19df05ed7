namespace OpenDti.Data.Review;

/// <summary>What a note on an indicator says.</summary>
public enum ReviewNoteKind
{
    /// <summary>The evaluator accepts the indicator as reported (or as adjusted).</summary>
    Accepted = 0,

    /// <summary>The evaluator returns the indicator with a comment the unit must answer.</summary>
    Returned = 1,

    /// <summary>The unit's answer (giải trình) to a comment.</summary>
    Answer = 2,
}

/// <summary>A note in an indicator's review thread: an evaluator's decision or comment, or the unit's answer.</summary>
public sealed class ReviewNote
{
    /// <summary>Database id; also the order of the thread.</summary>
    public long Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The indicator.</summary>
    public required string Indicator { get; set; }

    /// <summary>Decision, comment or answer.</summary>
    public ReviewNoteKind Kind { get; set; }

    /// <summary>The submission's round when written (see <see cref="Submission.Round"/>).</summary>
    public int Round { get; set; }

    /// <summary>The text; empty for a plain acceptance.</summary>
    public required string Text { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The account's id.</summary>
    public required string UserId { get; set; }

    /// <summary>The account's name.</summary>
    public required string UserName { get; set; }
}
