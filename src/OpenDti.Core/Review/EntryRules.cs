using OpenDti.Core.Text;

namespace OpenDti.Core.Review;

/// <summary>
/// When a unit may change its reported values: only while its submission is with the unit (a draft,
/// or returned by the evaluator) and only until the period closes, unless an administrator has opened
/// an exception for that unit; a returned submission also stays open until the day the evaluators
/// gave the unit to answer.
/// </summary>
/// <remarks>
/// Days are Vietnam's calendar days (the caller converts "now" with its clock); the domain reads no
/// clock. Every bound is inclusive: the close day itself and the exception's last day are open.
/// </remarks>
public static class EntryRules
{
    /// <summary>Whether values may change today.</summary>
    /// <param name="state">The unit's submission state.</param>
    /// <param name="closesOn">The period's last day of entry.</param>
    /// <param name="today">Today, in Vietnam.</param>
    /// <param name="exceptionUntil">
    /// The last day of an exception an administrator opened for this unit, if any. An exception only
    /// ever extends entry: one that ends before <paramref name="closesOn"/> changes nothing.
    /// </param>
    /// <param name="answerBy">
    /// When the evaluators returned the submission, the last day they gave the unit to answer and
    /// correct. It counts only while the submission is <see cref="SubmissionState.Returned"/>, and like
    /// an exception it only ever extends entry: review usually happens after the close date, and a
    /// returned submission must be correctable without asking an administrator.
    /// </param>
    public static EntryDecision CanChangeValues(
        SubmissionState state, DateOnly closesOn, DateOnly today, DateOnly? exceptionUntil, DateOnly? answerBy = null)
    {
        if (state is not (SubmissionState.Draft or SubmissionState.Returned))
        {
            return EntryDecision.Refused(EntryRefusal.NotInThisState,
                new LocalizedText("ReviewEntryLockedState", ReviewText.Name(state)));
        }

        // Extensions only ever extend entry: one ending before the close date changes nothing.
        var lastDay = closesOn;
        var extendedBy = Extension.None;
        if (exceptionUntil is { } until && until > lastDay)
        {
            (lastDay, extendedBy) = (until, Extension.Exception);
        }

        if (state == SubmissionState.Returned && answerBy is { } answer && answer > lastDay)
        {
            (lastDay, extendedBy) = (answer, Extension.Answer);
        }

        if (today <= lastDay)
        {
            return EntryDecision.Open(lastDay);
        }

        return EntryDecision.Refused(EntryRefusal.DeadlinePassed, extendedBy switch
        {
            Extension.Exception => new LocalizedText("ReviewEntryExceptionEnded", Day(lastDay), Day(closesOn)),
            Extension.Answer => new LocalizedText("ReviewEntryAnswerEnded", Day(lastDay)),
            _ => new LocalizedText("ReviewEntryClosed", Day(closesOn)),
        });
    }

    private enum Extension
    {
        None,
        Exception,
        Answer,
    }

    /// <summary>dd/MM/yyyy in both languages, as the officials write days.</summary>
    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Why values may not change.</summary>
public enum EntryRefusal
{
    /// <summary>The submission is not with the unit (it is submitted, approved, under review, resubmitted or finalised).</summary>
    NotInThisState = 1,

    /// <summary>The period's close date has passed and no exception is open for the unit.</summary>
    DeadlinePassed = 2,
}

/// <summary>The answer of <see cref="EntryRules.CanChangeValues"/>.</summary>
public sealed record EntryDecision
{
    private EntryDecision(DateOnly? openUntil, EntryRefusal? refusal, ILocalizable? reason)
    {
        OpenUntil = openUntil;
        Refusal = refusal;
        Reason = reason;
    }

    /// <summary>Whether values may change.</summary>
    public bool Allowed => Refusal is null;

    /// <summary>When allowed, the last day values may change (the close date, or the exception's last day).</summary>
    public DateOnly? OpenUntil { get; }

    /// <summary>Why values may not change; <see langword="null"/> when allowed.</summary>
    public EntryRefusal? Refusal { get; }

    /// <summary>The refusal in words; <see langword="null"/> when allowed.</summary>
    public ILocalizable? Reason { get; }

    /// <summary>The refusal's message in <paramref name="language"/>, or an empty string when allowed.</summary>
    public string Message(Language language = Language.Vietnamese) => Reason?.ToString(language) ?? "";

    internal static EntryDecision Open(DateOnly until) => new(until, null, null);

    internal static EntryDecision Refused(EntryRefusal refusal, ILocalizable reason) => new(null, refusal, reason);
}
