namespace OpenDti.Core.Review;

/// <summary>Why <see cref="SubmissionWorkflow.Apply"/> refused a step; callers match this, not the message.</summary>
public enum TransitionRefusal
{
    /// <summary>This participant never takes this step (e.g. a leader cannot finalise).</summary>
    NotForParticipant = 1,

    /// <summary>The step is not possible from the submission's current state (e.g. approving a draft).</summary>
    NotInThisState = 2,

    /// <summary>Returning a submission needs at least one comment on an indicator.</summary>
    CommentRequired = 3,
}
