using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Review;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests.Review;

/// <summary>
/// The review cycle as stored: steps checked by the workflow with the account's part for the unit,
/// recorded in the unit's history; the entry lock on values and evidence; administrators' exceptions;
/// the indicator threads.
/// </summary>
public sealed class SubmissionServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private PeriodSummary _period = null!;
    private int _soA;
    private int _soB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Actor ReporterA => Actors.Reporter(_soA);

    private Actor LeaderA => Actors.Leader(_soA);

    private TestClock Clock => _province.Database.Services.GetRequiredService<TestClock>();

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _period = await _province.OpenDepartmentPeriodAsync();
        _soA = (await _province.UnitAsync("SO-A")).Id;
        _soB = (await _province.UnitAsync("SO-B")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- The whole cycle

    [Fact]
    public async Task TheCycle_SubmitApproveReviewReturnAnswerResubmitFinalise_IsRecordedStepByStep()
    {
        Assert.True((await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "có")).Succeeded);
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        await StepAsync(LeaderA, SubmissionAction.Approve, SubmissionState.Approved);
        var review = await StepAsync(Actors.Evaluator, SubmissionAction.StartReview, SubmissionState.UnderReview);
        Assert.Equal(1, review.Round);

        // A return needs a comment on at least one indicator.
        var bare = await TransitionAsync(Actors.Evaluator, SubmissionAction.Return);
        Assert.Equal(OutcomeStatus.Conflict, bare.Status);
        Assert.Contains("cần ít nhất một ý kiến thẩm định", bare.Message!.ToString(), StringComparison.Ordinal);

        Assert.True((await NoteAsync(Actors.Evaluator, "2.1", ReviewNoteKind.Returned, "Thiếu quyết định ban hành kèm theo")).Succeeded);
        Assert.True((await NoteAsync(Actors.Evaluator, "2.2", ReviewNoteKind.Accepted, null)).Succeeded);

        // Review happens after the close date; the unit still answers and corrects until the answer day.
        Clock.SetDay(_period.ClosesOn.AddDays(3));
        var returned = await StepAsync(Actors.Evaluator, SubmissionAction.Return, SubmissionState.Returned, "Đề nghị giải trình chỉ số 2.1");
        Assert.Equal(_period.ClosesOn.AddDays(3 + ReviewOptions.DefaultAnswerDays), returned.AnswerBy);
        Assert.True(returned.Entry.Allowed);

        Assert.True((await NoteAsync(ReporterA, "2.1", ReviewNoteKind.Answer, "Đã bổ sung quyết định số 12/QĐ-UBND")).Succeeded);
        Assert.True((await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "không")).Succeeded);
        await StepAsync(ReporterA, SubmissionAction.Resubmit, SubmissionState.Resubmitted);
        Assert.Equal(2, (await StepAsync(Actors.Evaluator, SubmissionAction.StartReview, SubmissionState.UnderReview)).Round);
        await StepAsync(Actors.Admin, SubmissionAction.Finalise, SubmissionState.Finalised);

        var history = (await HistoryAsync(Actors.Viewer)).Value!;
        Assert.Equal(
            [
                "reporter Submit Draft→Submitted",
                "leader Approve Submitted→Approved",
                "evaluator StartReview Approved→UnderReview",
                "evaluator IndicatorReturned 2.1 Thiếu quyết định ban hành kèm theo",
                "evaluator IndicatorAccepted 2.2",
                "evaluator Return UnderReview→Returned Đề nghị giải trình chỉ số 2.1",
                "reporter Answered 2.1 Đã bổ sung quyết định số 12/QĐ-UBND",
                "reporter Resubmit Returned→Resubmitted",
                "evaluator StartReview Resubmitted→UnderReview",
                "admin Finalise UnderReview→Finalised",
            ],
            history.Select(Line));
        Assert.Equal(_period.ClosesOn.AddDays(10).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), history[5].NewValue);

        var threads = (await ThreadsAsync(ReporterA)).Value!;
        Assert.Equal(["2.1", "2.2"], threads.Threads.Select(t => t.Indicator));
        Assert.Equal([ReviewNoteKind.Returned, ReviewNoteKind.Answer], threads.For("2.1")!.Notes.Select(n => n.Kind));

        // Finalised is final: nobody changes values any more.
        var late = await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "có");
        Assert.Equal(OutcomeStatus.Conflict, late.Status);
    }

    private static string Line(HistoryItem h) => h.Kind == ReviewEventKind.Transition
        ? $"{h.UserName} {h.Action} {h.From}→{h.To}{(h.Text is null ? "" : " " + h.Text)}"
        : $"{h.UserName} {h.Kind} {h.Indicator}{(h.Text is null ? "" : " " + h.Text)}";

    // ---- Who may take which step

    [Fact]
    public async Task Steps_OfAnotherPart_AreForbidden_AndStepsOfTheWrongState_AreConflicts_NamingTheState()
    {
        Assert.Equal(OutcomeStatus.Forbidden, (await TransitionAsync(LeaderA, SubmissionAction.Submit)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await TransitionAsync(Actors.Reporter(_soB), SubmissionAction.Submit)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await TransitionAsync(Actors.Viewer, SubmissionAction.Submit)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await TransitionAsync(Actors.Admin, SubmissionAction.Approve)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await TransitionAsync(ReporterA, SubmissionAction.Finalise)).Status);

        var early = await TransitionAsync(Actors.Evaluator, SubmissionAction.Finalise);
        Assert.Equal(OutcomeStatus.Conflict, early.Status);
        Assert.Equal("không thể hoàn thành thẩm định: hồ sơ đang ở trạng thái đang kê khai", early.Message!.ToString());

        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        var twice = await TransitionAsync(ReporterA, SubmissionAction.Submit);
        Assert.Equal(OutcomeStatus.Conflict, twice.Status);
        Assert.Contains("đã gửi", twice.Message!.ToString(), StringComparison.Ordinal);

        // Nothing refused was recorded.
        Assert.Single((await HistoryAsync(Actors.Evaluator)).Value!);
    }

    [Fact]
    public async Task TheReporter_WithdrawsUntilReviewStarts_AndTheLeaderSendsBack()
    {
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        await StepAsync(LeaderA, SubmissionAction.ReturnToDraft, SubmissionState.Draft, "Bổ sung số liệu chỉ số 3.1");
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        await StepAsync(LeaderA, SubmissionAction.Approve, SubmissionState.Approved);
        await StepAsync(ReporterA, SubmissionAction.Withdraw, SubmissionState.Draft);
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        await StepAsync(LeaderA, SubmissionAction.Approve, SubmissionState.Approved);
        await StepAsync(Actors.Evaluator, SubmissionAction.StartReview, SubmissionState.UnderReview);

        var tooLate = await TransitionAsync(ReporterA, SubmissionAction.Withdraw);
        Assert.Equal(OutcomeStatus.Conflict, tooLate.Status);
        Assert.Contains("đang thẩm định", tooLate.Message!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaleVersion_IsAConflict_NamingWhoMovedIt()
    {
        var submitted = await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);

        var stale = await TransitionAsync(LeaderA, SubmissionAction.Approve, new TransitionRequest(Version: submitted.Version - 1));
        var fresh = await TransitionAsync(LeaderA, SubmissionAction.Approve, new TransitionRequest(Version: submitted.Version));

        Assert.Equal(OutcomeStatus.Conflict, stale.Status);
        Assert.Contains("reporter", stale.Message!.ToString(), StringComparison.Ordinal);
        Assert.True(fresh.Succeeded);
    }

    [Fact]
    public async Task Steps_NeedARunningPeriod()
    {
        var draft = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Kỳ nháp", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), ["SO-A"], Ct));

        var outcome = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>()
            .TransitionAsync(ReporterA, draft.Value!.Id, "SO-A", SubmissionAction.Submit, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Contains("Kỳ nháp", outcome.Message!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStepsOffered_AreThoseOfTheAccountsPart()
    {
        Assert.Equal([SubmissionAction.Submit], (await GetAsync(ReporterA)).Allowed);
        Assert.Empty((await GetAsync(LeaderA)).Allowed);
        Assert.Empty((await GetAsync(Actors.Viewer)).Allowed);
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        Assert.Equal([SubmissionAction.Approve, SubmissionAction.ReturnToDraft], (await GetAsync(LeaderA)).Allowed);
        Assert.Equal([SubmissionAction.Withdraw], (await GetAsync(ReporterA)).Allowed);

        var other = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().GetAsync(Actors.Reporter(_soB), _period.Id, "SO-A", Ct));
        Assert.Equal(OutcomeStatus.Forbidden, other.Status);
    }

    // ---- The entry lock

    [Fact]
    public async Task AfterSubmission_ValuesAndEvidenceAreLocked_UntilWithdrawn()
    {
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);

        var value = await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "có");
        var byEvaluator = await SaveAsync(Actors.Evaluator, "2.1", "da_ban_hanh", "có");
        var file = await UploadAsync(ReporterA);

        Assert.Equal(OutcomeStatus.Conflict, value.Status);
        Assert.Equal("không thể sửa số liệu: hồ sơ đang ở trạng thái đã gửi; chỉ sửa được khi hồ sơ đang kê khai hoặc đã trả lại", value.Message!.ToString());
        Assert.Equal(OutcomeStatus.Conflict, byEvaluator.Status);
        Assert.Equal(OutcomeStatus.Conflict, file.Status);
        Assert.False((await FormAsync(ReporterA)).CanWrite);

        await StepAsync(ReporterA, SubmissionAction.Withdraw, SubmissionState.Draft);
        Assert.True((await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "có")).Succeeded);
        Assert.True((await UploadAsync(ReporterA)).Succeeded);
        Assert.True((await FormAsync(ReporterA)).CanWrite);
    }

    [Fact]
    public async Task AfterTheCloseDate_EntryAndSubmissionAreClosed_UntilAnAdministratorOpensAnException()
    {
        Clock.SetDay(_period.ClosesOn.AddDays(1));
        var closesOn = _period.ClosesOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var value = await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "có");
        var submit = await TransitionAsync(ReporterA, SubmissionAction.Submit);
        Assert.Equal(OutcomeStatus.Conflict, value.Status);
        Assert.Equal($"không thể sửa số liệu: đã hết hạn kê khai ngày {closesOn}", value.Message!.ToString());
        Assert.Equal(OutcomeStatus.Conflict, submit.Status);
        Assert.Contains("gia hạn", submit.Message!.ToString(), StringComparison.Ordinal);

        var until = _period.ClosesOn.AddDays(5);
        Assert.Equal(OutcomeStatus.Forbidden, (await ExceptionAsync(Actors.Evaluator, until, "Đơn vị gặp sự cố mạng")).Status);
        var before = await ExceptionAsync(Actors.Admin, _period.ClosesOn, "Sai ngày");
        Assert.Equal(OutcomeStatus.Invalid, before.Status);
        Assert.Equal(OutcomeStatus.Invalid, (await ExceptionAsync(Actors.Admin, until, "  ")).Status);

        var opened = await ExceptionAsync(Actors.Admin, until, "Đơn vị gặp sự cố mạng");
        Assert.True(opened.Succeeded, opened.Message?.ToString());
        Assert.Equal(until, opened.Value!.Entry.OpenUntil);
        Assert.True((await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "có")).Succeeded);
        Assert.True((await SaveAsync(Actors.Reporter(_soB), "2.1", "da_ban_hanh", "có", "SO-B")).Status == OutcomeStatus.Conflict, "the exception is for SO-A only");

        Clock.SetDay(until.AddDays(1));
        Assert.Equal(OutcomeStatus.Conflict, (await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "không")).Status);

        Clock.SetDay(until);
        var closed = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().CloseExceptionAsync(Actors.Admin, _period.Id, "SO-A", "Đã xong", Ct));
        Assert.True(closed.Succeeded);
        Assert.Equal(OutcomeStatus.Conflict, (await SaveAsync(ReporterA, "2.1", "da_ban_hanh", "không")).Status);

        var history = (await HistoryAsync(Actors.Admin)).Value!;
        Assert.Equal([ReviewEventKind.ExceptionOpened, ReviewEventKind.ExceptionClosed], history.Select(h => h.Kind));
        Assert.Equal((null, until.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), "Đơn vị gặp sự cố mạng"), (history[0].OldValue, history[0].NewValue, history[0].Text));
    }

    // ---- Indicator threads

    [Fact]
    public async Task Notes_FollowTheStateAndTheParts()
    {
        Assert.Equal(OutcomeStatus.Conflict, (await NoteAsync(Actors.Evaluator, "2.1", ReviewNoteKind.Returned, "Thiếu")).Status);
        await StepAsync(ReporterA, SubmissionAction.Submit, SubmissionState.Submitted);
        await StepAsync(LeaderA, SubmissionAction.Approve, SubmissionState.Approved);
        await StepAsync(Actors.Evaluator, SubmissionAction.StartReview, SubmissionState.UnderReview);

        Assert.Equal(OutcomeStatus.Forbidden, (await NoteAsync(ReporterA, "2.1", ReviewNoteKind.Accepted, null)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await NoteAsync(Actors.Evaluator, "2.1", ReviewNoteKind.Answer, "Trả lời")).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await NoteAsync(Actors.Viewer, "2.1", ReviewNoteKind.Returned, "Thiếu")).Status);
        var blank = await NoteAsync(Actors.Evaluator, "2.1", ReviewNoteKind.Returned, " ");
        Assert.Equal(OutcomeStatus.Invalid, blank.Status);
        Assert.Equal("2.1", Assert.Single(blank.Problems).Indicator);
        var notALeaf = await NoteAsync(Actors.Evaluator, "2", ReviewNoteKind.Returned, "Thiếu");
        Assert.Equal(OutcomeStatus.Invalid, notALeaf.Status);
        Assert.Equal(OutcomeStatus.Conflict, (await NoteAsync(ReporterA, "2.1", ReviewNoteKind.Answer, "Trả lời")).Status);

        Assert.True((await NoteAsync(Actors.Evaluator, "2.1", ReviewNoteKind.Returned, "Thiếu minh chứng")).Succeeded);
        Assert.Equal(IndicatorReviewStatus.Returned, (await ThreadsAsync(Actors.Evaluator)).Value!.For("2.1")!.Status);
        await StepAsync(Actors.Evaluator, SubmissionAction.Return, SubmissionState.Returned);

        var nothingToAnswer = await NoteAsync(LeaderA, "2.2", ReviewNoteKind.Answer, "Trả lời");
        Assert.Equal(OutcomeStatus.Conflict, nothingToAnswer.Status);
        Assert.True((await NoteAsync(LeaderA, "2.1", ReviewNoteKind.Answer, "Đã bổ sung")).Succeeded);
        Assert.Equal(IndicatorReviewStatus.Answered, (await ThreadsAsync(Actors.Evaluator)).Value!.For("2.1")!.Status);

        // A new round starts with no decision; the old notes stay in the thread.
        await StepAsync(ReporterA, SubmissionAction.Resubmit, SubmissionState.Resubmitted);
        await StepAsync(Actors.Evaluator, SubmissionAction.StartReview, SubmissionState.UnderReview);
        var thread = (await ThreadsAsync(Actors.Evaluator)).Value!.For("2.1")!;
        Assert.Equal(IndicatorReviewStatus.NotReviewed, thread.Status);
        Assert.Equal(2, thread.Notes.Count);

        // The new round's return needs a comment of the new round.
        Assert.Equal(OutcomeStatus.Conflict, (await TransitionAsync(Actors.Evaluator, SubmissionAction.Return)).Status);
    }

    // ---- Helpers

    private async Task<SubmissionView> StepAsync(Actor actor, SubmissionAction action, SubmissionState expected, string? comment = null)
    {
        var outcome = await TransitionAsync(actor, action, new TransitionRequest(comment));
        Assert.True(outcome.Succeeded, $"{action}: {outcome.Message}");
        Assert.Equal(expected, outcome.Value!.State);
        return outcome.Value;
    }

    private Task<Outcome<SubmissionView>> TransitionAsync(Actor actor, SubmissionAction action, TransitionRequest? request = null) =>
        _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().TransitionAsync(actor, _period.Id, "SO-A", action, request, Ct));

    private async Task<SubmissionView> GetAsync(Actor actor) =>
        (await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().GetAsync(actor, _period.Id, "SO-A", Ct))).Value!;

    private Task<Outcome<IReadOnlyList<HistoryItem>>> HistoryAsync(Actor actor) =>
        _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().HistoryAsync(actor, _period.Id, "SO-A", Ct));

    private Task<Outcome<SubmissionView>> ExceptionAsync(Actor actor, DateOnly until, string reason) =>
        _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().OpenExceptionAsync(actor, _period.Id, "SO-A", until, reason, Ct));

    private Task<Outcome<ReviewNoteItem>> NoteAsync(Actor actor, string indicator, ReviewNoteKind kind, string? text) =>
        _province.InScopeAsync(s => s.GetRequiredService<ReviewNoteService>().AddAsync(actor, _period.Id, "SO-A", indicator, kind, text, Ct));

    private Task<Outcome<ReviewThreads>> ThreadsAsync(Actor actor) =>
        _province.InScopeAsync(s => s.GetRequiredService<ReviewNoteService>().ThreadsAsync(actor, _period.Id, "SO-A", Ct));

    private Task<Outcome<UnitValues>> SaveAsync(Actor actor, string indicator, string input, string value, string unit = "SO-A") =>
        _province.ValuesAsync(v => v.SaveAsync(actor, _period.Id, unit, [new ValueChange(indicator, input, value)], AuditChannel.Page, cancellationToken: Ct));

    private Task<Outcome<EvidenceItem>> UploadAsync(Actor actor) =>
        _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().UploadAsync(
            actor, _period.Id, "SO-A", new EvidenceUpload("2.1", "Quyết định.pdf", new MemoryStream(SampleFiles.Pdf(Guid.NewGuid().ToString()))), AuditChannel.Page, Ct));

    private async Task<Reporting.ReportForm> FormAsync(Actor actor) =>
        (await _province.InScopeAsync(s => s.GetRequiredService<Reporting.ReportingService>().FormAsync(actor, _period.Id, "SO-A", Core.Text.Language.Vietnamese, Ct))).Value!;
}
