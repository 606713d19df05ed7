using OpenDti.Core.Text;

namespace OpenDti.Core.Review;

/// <summary>
/// The answer of <see cref="SubmissionWorkflow.Apply"/>: either the state the submission moves to, or
/// the reason the step is refused (a <see cref="TransitionRefusal"/> to match and a message to show).
/// </summary>
public sealed record TransitionResult
{
    private TransitionResult(
        SubmissionState from, SubmissionAction action, Participant who,
        SubmissionState? to, TransitionRefusal? refusal, ILocalizable? reason)
    {
        From = from;
        Action = action;
        Who = who;
        To = to;
        Refusal = refusal;
        Reason = reason;
    }

    /// <summary>The state the submission was in.</summary>
    public SubmissionState From { get; }

    /// <summary>The step asked for.</summary>
    public SubmissionAction Action { get; }

    /// <summary>Who asked.</summary>
    public Participant Who { get; }

    /// <summary>The new state when the step is allowed; <see langword="null"/> when refused.</summary>
    public SubmissionState? To { get; }

    /// <summary>Why the step was refused; <see langword="null"/> when it is allowed.</summary>
    public TransitionRefusal? Refusal { get; }

    /// <summary>The refusal in words (Vietnamese or English); <see langword="null"/> when allowed.</summary>
    public ILocalizable? Reason { get; }

    /// <summary>Whether the step is allowed (then <see cref="To"/> is set).</summary>
    public bool Succeeded => To is not null;

    /// <summary>The refusal's message in <paramref name="language"/>, or an empty string when the step is allowed.</summary>
    public string Message(Language language = Language.Vietnamese) => Reason?.ToString(language) ?? "";

    internal static TransitionResult Moved(SubmissionState from, SubmissionAction action, Participant who, SubmissionState to) =>
        new(from, action, who, to, null, null);

    internal static TransitionResult Refused(
        SubmissionState from, SubmissionAction action, Participant who, TransitionRefusal refusal, ILocalizable reason) =>
        new(from, action, who, null, refusal, reason);
}
