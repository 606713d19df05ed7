using OpenDti.Core.Review;

namespace OpenDti.Data.Review;

/// <summary>What a <see cref="ReviewEvent"/> records.</summary>
public enum ReviewEventKind
{
    /// <summary>The submission moved from one state to another.</summary>
    Transition = 0,

    /// <summary>An administrator opened (or changed) an entry exception for the unit.</summary>
    ExceptionOpened = 1,

    /// <summary>An administrator closed the unit's entry exception.</summary>
    ExceptionClosed = 2,

    /// <summary>An evaluator accepted an indicator.</summary>
    IndicatorAccepted = 3,

    /// <summary>An evaluator returned an indicator with a comment.</summary>
    IndicatorReturned = 4,

    /// <summary>The unit answered an indicator's comment (giải trình).</summary>
    Answered = 5,

    /// <summary>An evaluator adjusted a value.</summary>
    Adjusted = 6,

    /// <summary>An evaluator withdrew an adjustment; the reported value counts again.</summary>
    AdjustmentRemoved = 7,

    /// <summary>The unit appealed (phúc khảo).</summary>
    AppealFiled = 8,

    /// <summary>An evaluator accepted an appeal.</summary>
    AppealAccepted = 9,

    /// <summary>An evaluator rejected an appeal.</summary>
    AppealRejected = 10,
}

/// <summary>
/// One line of a unit's review history: who did what, when, from what to what, and why. Written in the
/// same transaction as the change it records and never changed afterwards.
/// </summary>
public sealed class ReviewEvent
{
    /// <summary>Database id; also the order of events.</summary>
    public long Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The account's id.</summary>
    public required string UserId { get; set; }

    /// <summary>The account's name.</summary>
    public required string UserName { get; set; }

    /// <summary>What happened.</summary>
    public ReviewEventKind Kind { get; set; }

    /// <summary>For a transition, the step taken.</summary>
    public SubmissionAction? Action { get; set; }

    /// <summary>For a transition, the state before.</summary>
    public SubmissionState? FromState { get; set; }

    /// <summary>For a transition, the state after.</summary>
    public SubmissionState? ToState { get; set; }

    /// <summary>The indicator concerned, if any.</summary>
    public string? Indicator { get; set; }

    /// <summary>The input concerned, if any.</summary>
    public string? Input { get; set; }

    /// <summary>The value (or day, or list of indicators) before, as written for people.</summary>
    public string? OldValue { get; set; }

    /// <summary>The value (or day, or list of indicators) after, as written for people.</summary>
    public string? NewValue { get; set; }

    /// <summary>The comment, answer or reason.</summary>
    public string? Text { get; set; }
}
