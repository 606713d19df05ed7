namespace OpenDti.Core.Review;

/// <summary>
/// The part a person plays in the review of one unit's submission. The caller maps its accounts and
/// roles to this; the domain knows nothing of how people sign in.
/// </summary>
/// <remarks>
/// A reporter or leader of another unit is not a participant in this unit's submission at all: the
/// caller refuses them before asking the workflow. Administrators may take every evaluator's step
/// (the DoIC's IT staff stand in for its DTI team when needed) and nothing else: submitting and
/// approving are the unit's own acts.
/// </remarks>
public enum Participant
{
    /// <summary>Người kê khai của đơn vị: enters the unit's figures, submits, withdraws, resubmits.</summary>
    UnitReporter = 0,

    /// <summary>Lãnh đạo đơn vị: approves the submission or sends it back to the reporter.</summary>
    UnitLeader = 1,

    /// <summary>Cán bộ thẩm định: the DoIC's DTI team; reviews, returns with comments, finalises.</summary>
    Evaluator = 2,

    /// <summary>Quản trị viên: may take every step an evaluator may.</summary>
    Administrator = 3,
}
