using OpenDti.Core.Review;
using OpenDti.Core.Text;
using Xunit;

namespace OpenDti.Core.Tests.Review;

/// <summary>
/// The review cycle as a table written here, independently of <see cref="SubmissionWorkflow"/>: every
/// state × step × participant is checked against it, allowed or refused, and refused for the right reason.
/// </summary>
public class SubmissionWorkflowTests
{
    private const SubmissionState Draft = SubmissionState.Draft;
    private const SubmissionState Submitted = SubmissionState.Submitted;
    private const SubmissionState Approved = SubmissionState.Approved;
    private const SubmissionState UnderReview = SubmissionState.UnderReview;
    private const SubmissionState Returned = SubmissionState.Returned;
    private const SubmissionState Resubmitted = SubmissionState.Resubmitted;
    private const SubmissionState Finalised = SubmissionState.Finalised;

    private const Participant Reporter = Participant.UnitReporter;
    private const Participant Leader = Participant.UnitLeader;
    private const Participant Evaluator = Participant.Evaluator;
    private const Participant Admin = Participant.Administrator;

    /// <summary>Every allowed (from, step, who) and where it leads. Everything else is refused.</summary>
    private static readonly (SubmissionState From, SubmissionAction Action, Participant Who, SubmissionState To)[] AllowedSteps =
    [
        (Draft, SubmissionAction.Submit, Reporter, Submitted),
        (Submitted, SubmissionAction.Withdraw, Reporter, Draft),
        (Approved, SubmissionAction.Withdraw, Reporter, Draft),
        (Submitted, SubmissionAction.Approve, Leader, Approved),
        (Submitted, SubmissionAction.ReturnToDraft, Leader, Draft),
        (Approved, SubmissionAction.StartReview, Evaluator, UnderReview),
        (Approved, SubmissionAction.StartReview, Admin, UnderReview),
        (Resubmitted, SubmissionAction.StartReview, Evaluator, UnderReview),
        (Resubmitted, SubmissionAction.StartReview, Admin, UnderReview),
        (UnderReview, SubmissionAction.Return, Evaluator, Returned),
        (UnderReview, SubmissionAction.Return, Admin, Returned),
        (Returned, SubmissionAction.Resubmit, Reporter, Resubmitted),
        (UnderReview, SubmissionAction.Finalise, Evaluator, Finalised),
        (UnderReview, SubmissionAction.Finalise, Admin, Finalised),
    ];

    /// <summary>Who ever takes each step, whatever the state: anyone else is refused as the wrong participant.</summary>
    private static readonly Dictionary<SubmissionAction, Participant[]> Doers = new()
    {
        [SubmissionAction.Submit] = [Reporter],
        [SubmissionAction.Withdraw] = [Reporter],
        [SubmissionAction.Approve] = [Leader],
        [SubmissionAction.ReturnToDraft] = [Leader],
        [SubmissionAction.StartReview] = [Evaluator, Admin],
        [SubmissionAction.Return] = [Evaluator, Admin],
        [SubmissionAction.Resubmit] = [Reporter],
        [SubmissionAction.Finalise] = [Evaluator, Admin],
    };

    public static TheoryData<SubmissionState, SubmissionAction, Participant> EveryTriple()
    {
        var data = new TheoryData<SubmissionState, SubmissionAction, Participant>();
        foreach (var state in Enum.GetValues<SubmissionState>())
        {
            foreach (var action in Enum.GetValues<SubmissionAction>())
            {
                foreach (var who in Enum.GetValues<Participant>())
                {
                    data.Add(state, action, who);
                }
            }
        }

        return data;
    }

    [Fact]
    public void TheTable_CoversEveryStateStepAndParticipant()
    {
        Assert.Equal(7 * 8 * 4, EveryTriple().Count);
        Assert.Equal(Enum.GetValues<SubmissionAction>().Order(), Doers.Keys.Order());
        Assert.Equal(AllowedSteps.Length, AllowedSteps.Select(s => (s.From, s.Action, s.Who)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryTriple))]
    public void Apply_FollowsTheTable(SubmissionState from, SubmissionAction action, Participant who)
    {
        var result = SubmissionWorkflow.Apply(from, action, who, comments: 1);
        var expected = AllowedSteps.Where(s => s.From == from && s.Action == action && s.Who == who).ToArray();

        Assert.Equal(from, result.From);
        Assert.Equal(action, result.Action);
        Assert.Equal(who, result.Who);
        if (expected.Length == 1)
        {
            Assert.True(result.Succeeded, result.Message());
            Assert.Equal(expected[0].To, result.To);
            Assert.Null(result.Refusal);
            Assert.Null(result.Reason);
            Assert.Equal("", result.Message());
        }
        else
        {
            Assert.False(result.Succeeded);
            Assert.Null(result.To);
            var expectedRefusal = Doers[action].Contains(who) ? TransitionRefusal.NotInThisState : TransitionRefusal.NotForParticipant;
            Assert.Equal(expectedRefusal, result.Refusal);
            Assert.NotEmpty(result.Message(Language.Vietnamese));
            Assert.NotEmpty(result.Message(Language.English));
        }
    }

    [Theory]
    [MemberData(nameof(EveryTriple))]
    public void Allowed_AgreesWithApply(SubmissionState state, SubmissionAction action, Participant who) =>
        Assert.Equal(
            SubmissionWorkflow.Apply(state, action, who, comments: 1).Succeeded,
            SubmissionWorkflow.Allowed(state, who).Contains(action));

    [Fact]
    public void Allowed_ListsTheButtonsOfEachParticipant()
    {
        Assert.Equal([SubmissionAction.Submit], SubmissionWorkflow.Allowed(Draft, Reporter));
        Assert.Equal([SubmissionAction.Withdraw], SubmissionWorkflow.Allowed(Submitted, Reporter));
        Assert.Equal([SubmissionAction.Approve, SubmissionAction.ReturnToDraft], SubmissionWorkflow.Allowed(Submitted, Leader));
        Assert.Equal([SubmissionAction.Return, SubmissionAction.Finalise], SubmissionWorkflow.Allowed(UnderReview, Evaluator));
        Assert.Equal([SubmissionAction.Return, SubmissionAction.Finalise], SubmissionWorkflow.Allowed(UnderReview, Admin));
        Assert.Empty(SubmissionWorkflow.Allowed(UnderReview, Reporter));
        Assert.All(Enum.GetValues<Participant>(), who => Assert.Empty(SubmissionWorkflow.Allowed(Finalised, who)));
    }

    [Theory]
    [InlineData(Participant.Evaluator)]
    [InlineData(Participant.Administrator)]
    public void Return_WithoutAComment_IsRefused(Participant who)
    {
        var result = SubmissionWorkflow.Apply(UnderReview, SubmissionAction.Return, who, comments: 0);

        Assert.False(result.Succeeded);
        Assert.Equal(TransitionRefusal.CommentRequired, result.Refusal);
        Assert.Equal("cần ít nhất một ý kiến thẩm định cho một chỉ số để trả lại hồ sơ", result.Message());
        Assert.Equal("returning a submission needs at least one review comment on an indicator", result.Message(Language.English));
    }

    [Fact]
    public void Return_WithoutAComment_FromTheWrongState_SaysTheState() =>
        Assert.Equal(TransitionRefusal.NotInThisState,
            SubmissionWorkflow.Apply(Approved, SubmissionAction.Return, Evaluator).Refusal);

    [Fact]
    public void Return_WithoutAComment_ByTheWrongParticipant_SaysWhoMay() =>
        Assert.Equal(TransitionRefusal.NotForParticipant,
            SubmissionWorkflow.Apply(UnderReview, SubmissionAction.Return, Leader).Refusal);

    [Theory]
    [InlineData(SubmissionAction.Submit)]
    [InlineData(SubmissionAction.Approve)]
    [InlineData(SubmissionAction.StartReview)]
    [InlineData(SubmissionAction.Finalise)]
    public void StepsOtherThanReturn_NeedNoComment(SubmissionAction action)
    {
        var step = AllowedSteps.First(s => s.Action == action);
        Assert.True(SubmissionWorkflow.Apply(step.From, action, step.Who, comments: 0).Succeeded);
    }

    [Fact]
    public void TheWholeCycle_WithOneRound()
    {
        var state = Draft;
        (SubmissionAction Action, Participant Who)[] steps =
        [
            (SubmissionAction.Submit, Reporter), (SubmissionAction.Approve, Leader), (SubmissionAction.StartReview, Evaluator),
            (SubmissionAction.Return, Evaluator), (SubmissionAction.Resubmit, Reporter), (SubmissionAction.StartReview, Admin),
            (SubmissionAction.Finalise, Evaluator),
        ];
        foreach (var (action, who) in steps)
        {
            state = SubmissionWorkflow.Apply(state, action, who, comments: 2).To!.Value;
        }

        Assert.Equal(Finalised, state);
    }

    [Fact]
    public void Participants_SayWhoTakesAStep()
    {
        Assert.Equal([Evaluator, Admin], SubmissionWorkflow.Participants(SubmissionAction.Finalise));
        Assert.Equal([Leader], SubmissionWorkflow.Participants(SubmissionAction.Approve));
    }

    [Fact]
    public void Apply_RefusesBugsInTheCaller()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubmissionWorkflow.Apply((SubmissionState)99, SubmissionAction.Submit, Reporter));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubmissionWorkflow.Apply(Draft, (SubmissionAction)99, Reporter));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubmissionWorkflow.Apply(Draft, SubmissionAction.Submit, (Participant)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubmissionWorkflow.Apply(UnderReview, SubmissionAction.Return, Evaluator, comments: -1));
    }
}
