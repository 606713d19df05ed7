using OpenDti.Core.Review;

namespace OpenDti.Data.Review;

/// <summary>
/// A unit's submission (hồ sơ) in a period: where it is in the review cycle, and the entry exception an
/// administrator opened for it. A unit of the cohort without a row is a draft nobody has touched.
/// </summary>
/// <remarks><see cref="Version"/> is the concurrency token: two people moving one submission at once get a conflict.</remarks>
public sealed class Submission
{
    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>Where the submission is.</summary>
    public SubmissionState State { get; set; }

    /// <summary>How many times the evaluators have returned it; comments belong to a round.</summary>
    public int Round { get; set; }

    /// <summary>Incremented on every change; the concurrency token.</summary>
    public int Version { get; set; }

    /// <summary>When the state last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed the state.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When the unit's leader last approved it (UTC); "changed since approval" counts from here.</summary>
    public DateTime? ApprovedAt { get; set; }

    /// <summary>When the evaluators last returned it, the last day the unit may answer and correct (Vietnam's day).</summary>
    public DateOnly? AnswerBy { get; set; }

    /// <summary>The last day of an entry exception an administrator opened for the unit (Vietnam's day).</summary>
    public DateOnly? ExceptionUntil { get; set; }

    /// <summary>Why the exception was opened.</summary>
    public string? ExceptionReason { get; set; }
}
