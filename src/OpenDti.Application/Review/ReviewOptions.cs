namespace OpenDti.Application.Review;

/// <summary>Settings of the review cycle (configuration section <c>OpenDti:Review</c>).</summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Review";

    /// <summary>The default time a unit has to answer a returned submission: 7 days.</summary>
    public const int DefaultAnswerDays = 7;

    /// <summary>
    /// When an evaluator returns a submission without naming a day, how many days the unit has to answer
    /// and correct (counted from the day of the return, Vietnam's day).
    /// </summary>
    public int AnswerDays { get; set; } = DefaultAnswerDays;
}
