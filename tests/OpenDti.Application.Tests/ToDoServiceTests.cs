using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Review;
using OpenDti.Core.Review;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The to-do list (việc cần làm): a leader approves their unit's submitted submission, a reporter
/// submits drafts before the deadline and answers returned ones, evaluators and administrators start
/// and finish reviews; nobody sees another unit's work, viewers have nothing to do.
/// </summary>
public sealed class ToDoServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2024, 12, 29);
    private SmallProvince _province = null!;
    private int _a;
    private int _b;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _a = (await _province.UnitAsync("SO-A")).Id;
        _b = (await _province.UnitAsync("SO-B")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task AReporter_SubmitsTheDraft_BeforeTheDeadline_WithTheDaysLeftAndTheFormToDoItOn()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);

        var items = await ToDoAsync(Actors.Reporter(_a), Today);

        var item = Assert.Single(items);
        Assert.Equal((ToDoKind.Submit, period.Id, period.Name, "SO-A", "Sở A", SubmissionState.Draft), (item.Kind, item.PeriodId, item.PeriodName, item.UnitCode, item.UnitName, item.State));
        Assert.Equal((new DateOnly(2025, 1, 1), 3), (item.Deadline, item.DaysLeft));
        Assert.Equal(period.OpensOn, item.Since);
        Assert.Equal($"/ky-danh-gia/{period.Id}/ke-khai/SO-A#ho-so", item.Path);

        // On the last day still; the day after, only an exception keeps it open.
        Assert.Equal(0, Assert.Single(await ToDoAsync(Actors.Reporter(_a), new DateOnly(2025, 1, 1))).DaysLeft);
        Assert.Empty(await ToDoAsync(Actors.Reporter(_a), new DateOnly(2025, 1, 2)));
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Draft, exceptionUntil: new DateOnly(2025, 1, 5));
        Assert.Equal(3, Assert.Single(await ToDoAsync(Actors.Reporter(_a), new DateOnly(2025, 1, 2))).DaysLeft);

        // The leader, the evaluators and the viewers have no draft to submit.
        Assert.Empty(await ToDoAsync(Actors.Leader(_a), Today));
        Assert.Empty(await ToDoAsync(Actors.Evaluator, Today));
        Assert.Empty(await ToDoAsync(Actors.Viewer, Today));
    }

    [Fact]
    public async Task NoDraftIsDue_InAPeriodThatIsNotOpen()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, PeriodStatus.Draft, Ct));
        Assert.Empty(await ToDoAsync(Actors.Reporter(_a), Today));

        await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, PeriodStatus.Closed, Ct));
        Assert.Empty(await ToDoAsync(Actors.Reporter(_a), Today));
    }

    [Fact]
    public async Task ALeader_ApprovesTheirOwnUnitsSubmittedSubmission_SinceTheDayItWasSent()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);

        // Sent at 20:00 UTC on 10/12, which is 11/12 in Vietnam.
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Submitted, updatedAt: new DateTime(2024, 12, 10, 20, 0, 0, DateTimeKind.Utc));
        await _province.SetSubmissionAsync(period.Id, "SO-B", SubmissionState.Submitted);

        var item = Assert.Single(await ToDoAsync(Actors.Leader(_a), Today));
        Assert.Equal((ToDoKind.Approve, "SO-A", new DateOnly(2024, 12, 11), 3), (item.Kind, item.UnitCode, item.Since, item.DaysLeft));
        Assert.Empty(await ToDoAsync(Actors.Reporter(_a), Today));
        Assert.Empty(await ToDoAsync(Actors.Evaluator, Today));
    }

    [Fact]
    public async Task EvaluatorsAndAdministrators_StartReviewingApprovedAndResubmitted_AndFinishReviewsInProgress_InOpenAndClosedPeriods()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Approved);
        await _province.SetSubmissionAsync(period.Id, "SO-B", SubmissionState.Resubmitted, round: 1);
        await _province.SetSubmissionAsync(period.Id, "SO-C", SubmissionState.UnderReview);
        await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, PeriodStatus.Closed, Ct));

        foreach (var actor in new[] { Actors.Evaluator, Actors.Admin })
        {
            var items = await ToDoAsync(actor, Today);
            Assert.Equal(
                [("SO-A", ToDoKind.StartReview), ("SO-B", ToDoKind.StartReview), ("SO-C", ToDoKind.FinishReview)],
                items.Select(i => (i.UnitCode, i.Kind)).Order());
            Assert.All(items, i => Assert.Null(i.DaysLeft));
            Assert.All(items, i => Assert.Equal($"/ky-danh-gia/{period.Id}/ke-khai/{i.UnitCode}#ho-so", i.Path));
        }

        Assert.Empty(await ToDoAsync(Actors.Viewer, Today));
        Assert.Empty(await ToDoAsync(Actors.Leader(_a), Today));

        // Once published or finalised, nothing is left to do.
        await _province.SetSubmissionAsync(period.Id, "SO-C", SubmissionState.Finalised);
        Assert.Equal(2, (await ToDoAsync(Actors.Evaluator, Today)).Count);
        // Publishing itself refuses submissions still in review, so the status is set in the database.
        await _province.InDbAsync(async db =>
        {
            (await db.Periods.SingleAsync(p => p.Id == period.Id, Ct)).Status = PeriodStatus.Published;
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Empty(await ToDoAsync(Actors.Evaluator, Today));
    }

    [Fact]
    public async Task AReporter_AnswersAReturnedSubmission_CountingTheIndicatorsWhoseCommentsOfThisRoundHaveNoLaterAnswer()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Returned, round: 2, answerBy: new DateOnly(2025, 1, 15));

        // Round 1: answered or not, it is over.
        await _province.AddNoteAsync(period.Id, "SO-A", "1.1", ReviewNoteKind.Returned, round: 1);

        // Round 2: 2.1 answered; 3.1 answered, then commented again; 4.1 waiting; 1.2 only accepted.
        await _province.AddNoteAsync(period.Id, "SO-A", "2.1", ReviewNoteKind.Returned, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "3.1", ReviewNoteKind.Returned, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "4.1", ReviewNoteKind.Returned, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "1.2", ReviewNoteKind.Accepted, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "2.1", ReviewNoteKind.Answer, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "3.1", ReviewNoteKind.Answer, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "3.1", ReviewNoteKind.Returned, round: 2);

        // Another unit's notes do not count.
        await _province.AddNoteAsync(period.Id, "SO-B", "2.1", ReviewNoteKind.Returned, round: 2);

        var item = Assert.Single(await ToDoAsync(Actors.Reporter(_a), Today));
        Assert.Equal((ToDoKind.Answer, 2, new DateOnly(2025, 1, 15), 17), (item.Kind, item.CommentsWaiting, item.Deadline, item.DaysLeft));
        Assert.Equal($"/ky-danh-gia/{period.Id}/ke-khai/SO-A", item.Path);
        Assert.Empty(await ToDoAsync(Actors.Leader(_a), Today));

        await _province.AddNoteAsync(period.Id, "SO-A", "4.1", ReviewNoteKind.Answer, round: 2);
        await _province.AddNoteAsync(period.Id, "SO-A", "3.1", ReviewNoteKind.Answer, round: 2);
        Assert.Equal(0, Assert.Single(await ToDoAsync(Actors.Reporter(_a), Today)).CommentsWaiting);
    }

    [Fact]
    public async Task AUnitUser_NeverSeesAnotherUnitsWork()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.SetSubmissionAsync(period.Id, "SO-B", SubmissionState.Submitted);
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Approved);

        Assert.Empty(await ToDoAsync(Actors.Leader(_a), Today));
        Assert.Empty(await ToDoAsync(Actors.Reporter(_a), Today));
        Assert.Equal(ToDoKind.Approve, Assert.Single(await ToDoAsync(Actors.Leader(_b), Today)).Kind);
    }

    private Task<IReadOnlyList<ToDoItem>> ToDoAsync(Actor actor, DateOnly today) =>
        _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<ToDoService>(s, (TimeProvider)FixedClock.At(today)).ListAsync(actor, Ct));
}
