namespace OpenDti.Data.Review;

/// <summary>
/// A reminder e-mail sent, so that one person gets one reminder of a kind per period and day however
/// often the reminder job runs.
/// </summary>
public sealed class ReminderLog
{
    /// <summary>Database id.</summary>
    public long Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The account reminded.</summary>
    public required string UserId { get; set; }

    /// <summary>What the reminder was about ("submit", "approve", "review", "answer").</summary>
    public required string Kind { get; set; }

    /// <summary>The day it was sent (Vietnam's day).</summary>
    public DateOnly Day { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }
}
