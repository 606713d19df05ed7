namespace OpenDti.Application.Review.Mail;

/// <summary>When and how reminder e-mail is sent (configuration section <c>OpenDti:Reminders</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Reminders";

    /// <summary>Whether the web application runs the daily reminder job (it sends nothing without an SMTP host anyway).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The hour of Vietnam's day (0–23) from which the day's reminders are sent.</summary>
    public int SendFromHour { get; set; } = 7;

    /// <summary>
    /// A reporter is reminded to submit a draft only in the last this many days before the deadline
    /// (the deadline day included), not every day the period is open.
    /// </summary>
    public int SubmitWithinDays { get; set; } = 7;

    /// <summary>The address people open OpenDti at ("https://dti.tinh.gov.vn"); e-mail links are made from it. Empty: pages are named by path.</summary>
    public string? SiteAddress { get; set; }
}
