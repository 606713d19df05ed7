using OpenDti.Core.Review;
using OpenDti.Core.Text;
using Xunit;

namespace OpenDti.Core.Tests.Review;

/// <summary>What a refused step says, whole, in Vietnamese and English.</summary>
public class ReviewMessageTests
{
    [Theory]
    [InlineData(SubmissionState.Draft, "đang kê khai", "draft")]
    [InlineData(SubmissionState.Submitted, "đã gửi", "submitted")]
    [InlineData(SubmissionState.Approved, "đã phê duyệt", "approved")]
    [InlineData(SubmissionState.UnderReview, "đang thẩm định", "under review")]
    [InlineData(SubmissionState.Returned, "đã trả lại", "returned")]
    [InlineData(SubmissionState.Resubmitted, "đã gửi lại", "resubmitted")]
    [InlineData(SubmissionState.Finalised, "đã hoàn thành thẩm định", "finalised")]
    public void EveryState_HasANameInBothLanguages(SubmissionState state, string vietnamese, string english)
    {
        Assert.Equal(vietnamese, ReviewText.Name(state).ToString(Language.Vietnamese));
        Assert.Equal(english, ReviewText.Name(state).ToString(Language.English));
    }

    [Fact]
    public void EveryActionAndParticipant_HasANameInBothLanguages()
    {
        foreach (var action in Enum.GetValues<SubmissionAction>())
        {
            Assert.NotEqual(ReviewText.Name(action).ToString(Language.Vietnamese), ReviewText.Name(action).ToString(Language.English));
        }

        foreach (var who in Enum.GetValues<Participant>())
        {
            Assert.NotEqual(ReviewText.Name(who).ToString(Language.Vietnamese), ReviewText.Name(who).ToString(Language.English));
        }
    }

    [Fact]
    public void WrongState_NamesTheStepAndTheState()
    {
        var result = SubmissionWorkflow.Apply(SubmissionState.Submitted, SubmissionAction.Submit, Participant.UnitReporter);

        Assert.Equal("không thể gửi hồ sơ: hồ sơ đang ở trạng thái đã gửi", result.Message());
        Assert.Equal("cannot submit: the submission's state is submitted", result.Message(Language.English));
    }

    [Fact]
    public void WrongState_ForAnEvaluator()
    {
        var result = SubmissionWorkflow.Apply(SubmissionState.Draft, SubmissionAction.StartReview, Participant.Evaluator);

        Assert.Equal("không thể bắt đầu thẩm định: hồ sơ đang ở trạng thái đang kê khai", result.Message());
        Assert.Equal("cannot start the review: the submission's state is draft", result.Message(Language.English));
    }

    [Fact]
    public void WrongParticipant_SaysWhoTakesTheStep()
    {
        var result = SubmissionWorkflow.Apply(SubmissionState.UnderReview, SubmissionAction.Finalise, Participant.UnitLeader);

        Assert.Equal(
            "lãnh đạo đơn vị không được hoàn thành thẩm định; việc này do cán bộ thẩm định hoặc quản trị viên thực hiện",
            result.Message());
        Assert.Equal(
            "the unit's leader may not finalise the review; this is done by an evaluator or an administrator",
            result.Message(Language.English));
    }

    [Fact]
    public void AnAdministrator_CannotApproveForTheUnit()
    {
        var result = SubmissionWorkflow.Apply(SubmissionState.Submitted, SubmissionAction.Approve, Participant.Administrator);

        Assert.Equal(TransitionRefusal.NotForParticipant, result.Refusal);
        Assert.Equal("quản trị viên không được phê duyệt hồ sơ; việc này do lãnh đạo đơn vị thực hiện", result.Message());
        Assert.Equal("an administrator may not approve the submission; this is done by the unit's leader", result.Message(Language.English));
    }
}
