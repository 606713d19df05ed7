namespace OpenDti.Core.Review;

/// <summary>A step a participant asks to take on a unit's submission.</summary>
/// <remarks>The numbers are stable: they may be stored (e.g. in an audit of the steps taken).</remarks>
public enum SubmissionAction
{
    /// <summary>Gửi hồ sơ: the unit's reporter sends the draft to the leader (draft → submitted).</summary>
    Submit = 0,

    /// <summary>Rút lại hồ sơ: the reporter takes it back before review starts (submitted or approved → draft).</summary>
    Withdraw = 1,

    /// <summary>Phê duyệt: the unit's leader approves it (submitted → approved).</summary>
    Approve = 2,

    /// <summary>Trả lại để kê khai tiếp: the unit's leader sends it back to the reporter (submitted → draft).</summary>
    ReturnToDraft = 3,

    /// <summary>Bắt đầu thẩm định: an evaluator takes it up (approved or resubmitted → under review).</summary>
    StartReview = 4,

    /// <summary>Trả lại kèm ý kiến thẩm định: an evaluator returns it with at least one comment (under review → returned).</summary>
    Return = 5,

    /// <summary>Gửi lại sau giải trình: the reporter sends it back after answering (returned → resubmitted).</summary>
    Resubmit = 6,

    /// <summary>Hoàn thành thẩm định: an evaluator finalises it (under review → finalised).</summary>
    Finalise = 7,
}
