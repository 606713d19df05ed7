using OpenDti.Core.Text;

namespace OpenDti.Core.Review;

/// <summary>
/// The review cycle of a unit's submission as rules: which step moves which state to which, and who
/// may take it. Pages use <see cref="Allowed"/> to show buttons; every write goes through
/// <see cref="Apply"/>, so a hidden button is never the only guard.
/// </summary>
/// <remarks>
/// <para>
/// The cycle, with its diagram in docs/review.md: draft → submitted (reporter) → approved (leader) →
/// under review (evaluator) → finalised, or → returned → resubmitted (reporter) → under review again.
/// The leader may send a submitted draft back; the reporter may withdraw it until review starts.
/// </para>
/// <para>
/// A refusal is checked in a fixed order: first whether the participant ever takes this step (that
/// does not depend on the state), then whether the step starts from the current state, then, for
/// <see cref="SubmissionAction.Return"/>, whether a comment was given. So a reporter trying to finalise
/// is told it is not theirs to do, not what state the submission is in.
/// </para>
/// </remarks>
public static class SubmissionWorkflow
{
    private static readonly Participant[] Reporter = [Participant.UnitReporter];
    private static readonly Participant[] Leader = [Participant.UnitLeader];
    private static readonly Participant[] Evaluators = [Participant.Evaluator, Participant.Administrator];

    /// <summary>Every step's starting states and the state it leads to, and who may take it.</summary>
    private static readonly (SubmissionAction Action, SubmissionState[] From, SubmissionState To, Participant[] Who)[] Steps =
    [
        (SubmissionAction.Submit, [SubmissionState.Draft], SubmissionState.Submitted, Reporter),
        (SubmissionAction.Withdraw, [SubmissionState.Submitted, SubmissionState.Approved], SubmissionState.Draft, Reporter),
        (SubmissionAction.Approve, [SubmissionState.Submitted], SubmissionState.Approved, Leader),
        (SubmissionAction.ReturnToDraft, [SubmissionState.Submitted], SubmissionState.Draft, Leader),
        (SubmissionAction.StartReview, [SubmissionState.Approved, SubmissionState.Resubmitted], SubmissionState.UnderReview, Evaluators),
        (SubmissionAction.Return, [SubmissionState.UnderReview], SubmissionState.Returned, Evaluators),
        (SubmissionAction.Resubmit, [SubmissionState.Returned], SubmissionState.Resubmitted, Reporter),
        (SubmissionAction.Finalise, [SubmissionState.UnderReview], SubmissionState.Finalised, Evaluators),
    ];

    /// <summary>
    /// Takes <paramref name="action"/> on a submission in state <paramref name="from"/> for
    /// <paramref name="who"/>: the new state, or the reason it is refused.
    /// </summary>
    /// <param name="from">The submission's current state.</param>
    /// <param name="action">The step asked for.</param>
    /// <param name="who">The part the person plays for this unit.</param>
    /// <param name="comments">
    /// How many indicator comments go with the step. <see cref="SubmissionAction.Return"/> needs at
    /// least one; other steps ignore it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An enum value out of range, or a negative count: a bug in the caller.</exception>
    public static TransitionResult Apply(SubmissionState from, SubmissionAction action, Participant who, int comments = 0)
    {
        Check(from);
        Check(who);
        ArgumentOutOfRangeException.ThrowIfNegative(comments);
        var step = StepOf(action);

        if (!step.Who.Contains(who))
        {
            var doers = new ReviewText.OrList([.. step.Who.Select(ReviewText.Name)]);
            return TransitionResult.Refused(from, action, who, TransitionRefusal.NotForParticipant,
                new LocalizedText("ReviewRefusedParticipant", ReviewText.Name(who), ReviewText.Name(action), doers));
        }

        if (!step.From.Contains(from))
        {
            return TransitionResult.Refused(from, action, who, TransitionRefusal.NotInThisState,
                new LocalizedText("ReviewRefusedState", ReviewText.Name(action), ReviewText.Name(from)));
        }

        if (action == SubmissionAction.Return && comments == 0)
        {
            return TransitionResult.Refused(from, action, who, TransitionRefusal.CommentRequired,
                new LocalizedText("ReviewRefusedNoComment"));
        }

        return TransitionResult.Moved(from, action, who, step.To);
    }

    /// <summary>
    /// The steps <paramref name="who"/> may take on a submission in <paramref name="state"/>, in the
    /// order of <see cref="SubmissionAction"/>. <see cref="SubmissionAction.Return"/> is listed when
    /// the state allows it; <see cref="Apply"/> still asks for a comment.
    /// </summary>
    public static IEnumerable<SubmissionAction> Allowed(SubmissionState state, Participant who)
    {
        Check(state);
        Check(who);
        return Steps.Where(s => s.From.Contains(state) && s.Who.Contains(who)).Select(s => s.Action).ToArray();
    }

    /// <summary>Who may take <paramref name="action"/>, in the order of <see cref="Participant"/>.</summary>
    public static IReadOnlyList<Participant> Participants(SubmissionAction action) => [.. StepOf(action).Who];

    private static (SubmissionAction Action, SubmissionState[] From, SubmissionState To, Participant[] Who) StepOf(SubmissionAction action)
    {
        foreach (var step in Steps)
        {
            if (step.Action == action)
            {
                return step;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown submission action.");
    }

    private static void Check(SubmissionState state)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown submission state.");
        }
    }

    private static void Check(Participant who)
    {
        if (!Enum.IsDefined(who))
        {
            throw new ArgumentOutOfRangeException(nameof(who), who, "Unknown participant.");
        }
    }
}
