namespace OpenDti.Core.Review;

/// <summary>
/// Where a unit's submission (hồ sơ) for one evaluation period stands in the review (thẩm định) cycle.
/// </summary>
/// <remarks>
/// The numbers are stable: they may be stored. A new submission starts in <see cref="Draft"/>, the
/// default. <see cref="SubmissionWorkflow"/> says which moves are allowed and who may make them.
/// </remarks>
public enum SubmissionState
{
    /// <summary>Đang kê khai: the unit is entering its figures and evidence.</summary>
    Draft = 0,

    /// <summary>Đã gửi: the reporter sent it to the unit's leader; values are locked.</summary>
    Submitted = 1,

    /// <summary>Đã phê duyệt: the unit's leader approved it; it waits for an evaluator.</summary>
    Approved = 2,

    /// <summary>Đang thẩm định: an evaluator is reviewing it.</summary>
    UnderReview = 3,

    /// <summary>Đã trả lại: the evaluator returned it with comments; the unit may change values and answer (giải trình).</summary>
    Returned = 4,

    /// <summary>Đã gửi lại: the unit sent it back after answering the comments; it waits for an evaluator.</summary>
    Resubmitted = 5,

    /// <summary>Đã hoàn thành thẩm định: the evaluator finalised it; nothing changes any more.</summary>
    Finalised = 6,
}
