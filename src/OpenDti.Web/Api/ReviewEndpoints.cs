using System.Text.Json;
using OpenDti.Application.Review;
using OpenDti.Core.Review;
using OpenDti.Data.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>
/// The review cycle: a unit's submission and its steps, the administrators' entry exceptions, the
/// unit's history and the indicators' review threads. A step the account's part never takes is 403; a
/// step the current state does not allow is 409 with a message naming the state.
/// </summary>
internal static class ReviewEndpoints
{
    /// <summary>The steps with a route of their own (at <see cref="Path"/>), in the order of the cycle.</summary>
    private static readonly (SubmissionAction Action, string Summary)[] Steps =
    [
        (SubmissionAction.Submit, "Gửi hồ sơ (người kê khai) / Submit (unit reporter)"),
        (SubmissionAction.Withdraw, "Rút lại hồ sơ trước khi thẩm định (người kê khai) / Withdraw before review (unit reporter)"),
        (SubmissionAction.Approve, "Phê duyệt hồ sơ (lãnh đạo đơn vị) / Approve (unit leader)"),
        (SubmissionAction.StartReview, "Bắt đầu thẩm định (thẩm định, quản trị) / Start review (evaluators)"),
        (SubmissionAction.Resubmit, "Gửi lại hồ sơ sau giải trình (người kê khai) / Resubmit after answering (unit reporter)"),
        (SubmissionAction.Finalise, "Hoàn thành thẩm định (thẩm định, quản trị) / Finalise (evaluators)"),
    ];

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods/{id:int}").WithTags("Review");

        group.MapGet("/submissions", async (int id, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await submissions.ListAsync(actor, id, cancellationToken), http, list => list.Select(s => Dto(s, http)).ToArray())))
            .WithSummary("Trạng thái hồ sơ của mọi đơn vị / Every unit's submission");

        group.MapGet("/units/{unitCode}/submission", async (int id, string unitCode, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await submissions.GetAsync(actor, id, unitCode, cancellationToken), http, s => Dto(s, http))))
            .WithSummary("Hồ sơ của đơn vị: trạng thái, thao tác được phép, hạn kê khai / A unit's submission");

        foreach (var (action, summary) in Steps)
        {
            group.MapPost("/units/{unitCode}/" + Path(action), (int id, string unitCode, TransitionBody? body, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                    StepAsync(id, unitCode, _ => action, body, current, submissions, http, cancellationToken))
                .WithSummary(summary);
        }

        // Trả lại: the unit's leader sends a submitted draft back to the reporter; an evaluator returns a
        // submission under review to the unit with comments. One route, the step decided by who asks.
        group.MapPost("/units/{unitCode}/return", (int id, string unitCode, TransitionBody? body, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                StepAsync(id, unitCode, actor => actor.IsProvinceStaff ? SubmissionAction.Return : SubmissionAction.ReturnToDraft, body, current, submissions, http, cancellationToken))
            .WithSummary("Trả lại hồ sơ: lãnh đạo đơn vị trả cho người kê khai; thẩm định trả cho đơn vị kèm ý kiến / Return: by the leader to the reporter, by evaluators to the unit");

        group.MapGet("/units/{unitCode}/history", async (int id, string unitCode, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await submissions.HistoryAsync(actor, id, unitCode, cancellationToken), http, list => list.Select(Dto).ToArray())))
            .WithSummary("Lịch sử thẩm định của đơn vị / A unit's review history");

        group.MapPut("/units/{unitCode}/exception", async (int id, string unitCode, ExceptionBody body, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await submissions.OpenExceptionAsync(actor, id, unitCode, body.Until, body.Reason, cancellationToken), http, s => Dto(s, http))))
            .WithSummary("Gia hạn kê khai cho một đơn vị (quản trị) / Open an entry exception for one unit (administrators)");

        group.MapDelete("/units/{unitCode}/exception", async (int id, string unitCode, string? reason, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await submissions.CloseExceptionAsync(actor, id, unitCode, reason, cancellationToken), http, s => Dto(s, http))))
            .WithSummary("Kết thúc gia hạn (quản trị) / End an entry exception (administrators)");

        group.MapGet("/units/{unitCode}/review-notes", async (int id, string unitCode, CurrentActor current, ReviewNoteService notes, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await notes.ThreadsAsync(actor, id, unitCode, cancellationToken), http, t => new ThreadsDto(
                        t.Round,
                        Name(t.State),
                        t.Threads.Select(x => new ThreadDto(x.Indicator, x.Name, Name(x.Status), x.Notes.Select(Dto).ToArray())).ToArray()))))
            .WithSummary("Ý kiến thẩm định và giải trình theo chỉ số / Review comments and answers per indicator");

        group.MapPost("/units/{unitCode}/review-notes", async (int id, string unitCode, NoteBody body, CurrentActor current, ReviewNoteService notes, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                {
                    if (!Enum.TryParse<ReviewNoteKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
                    {
                        return ApiResults.Problem(StatusCodes.Status400BadRequest, "ApiUnknownNoteKind", http);
                    }

                    var outcome = await notes.AddAsync(actor, id, unitCode, body.Indicator ?? string.Empty, kind, body.Text, cancellationToken);
                    return outcome.Succeeded
                        ? Results.Created($"/api/periods/{id}/units/{Uri.EscapeDataString(unitCode)}/review-notes", Dto(outcome.Value!))
                        : ApiResults.From(outcome, http, Dto);
                }))
            .Produces<NoteDto>(StatusCodes.Status201Created)
            .WithSummary("Thêm ý kiến: accepted, returned (thẩm định) hoặc answer (giải trình của đơn vị) / Add a note: accepted, returned (evaluators) or answer (the unit)");

        group.MapPost("/units/{unitCode}/review/accept", async (int id, string unitCode, AcceptManyBody body, CurrentActor current, ReviewNoteService notes, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor =>
                    ApiResults.From(await notes.AcceptManyAsync(actor, id, unitCode, body.Indicators, body.Text, cancellationToken), http, list => list.Select(Dto).ToArray())))
            .WithSummary("Chấp nhận nhiều chỉ số một lần, tất cả hoặc không (thẩm định) / Accept many indicators at once, all or nothing (evaluators)");
    }

    private static Task<IResult> StepAsync(
        int id, string unitCode, Func<Application.Access.Actor, SubmissionAction> action, TransitionBody? body, CurrentActor current, SubmissionService submissions, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.ForActor(current, async actor =>
            ApiResults.From(
                await submissions.TransitionAsync(actor, id, unitCode, action(actor), new TransitionRequest(body?.Comment, body?.AnswerBy, body?.Version), cancellationToken),
                http,
                s => Dto(s, http)));

    private static SubmissionDto Dto(SubmissionView s, HttpContext http) => new(
        s.UnitCode,
        s.UnitName,
        Name(s.State),
        s.Round,
        s.Version,
        s.UpdatedAt,
        s.UpdatedBy,
        s.ApprovedAt,
        s.AnswerBy,
        s.ExceptionUntil,
        s.ExceptionReason,
        s.Entry.Allowed,
        s.Entry.OpenUntil,
        s.Entry.Allowed ? null : s.Entry.Message(ApiResults.LanguageOf(http)),
        s.Allowed.Select(Path).ToArray());

    private static HistoryDto Dto(HistoryItem h) => new(
        h.At, h.UserName, Name(h.Kind), h.Action is { } a ? Path(a) : null, h.From is { } f ? Name(f) : null, h.To is { } t ? Name(t) : null,
        h.Indicator, h.Input, h.OldValue, h.NewValue, h.Text);

    private static NoteDto Dto(ReviewNoteItem n) => new(n.Id, n.Indicator, Name(n.Kind), n.Round, n.Text, n.At, n.UserName);

    /// <summary>The API's name of a step: its route segment ("submit", "start-review", "return-to-draft").</summary>
    internal static string Path(SubmissionAction action) => JsonNamingPolicy.KebabCaseLower.ConvertName(action.ToString());

    /// <summary>An enum value as the API writes it: snake_case ("under_review").</summary>
    internal static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>What goes with a step; every field optional.</summary>
/// <param name="Comment">A comment for the history.</param>
/// <param name="AnswerBy">For an evaluator's return: the last day the unit may answer and correct (default: 7 days).</param>
/// <param name="Version">The submission's version read; a stale one is refused with 409.</param>
public sealed record TransitionBody(string? Comment, DateOnly? AnswerBy, int? Version);

/// <summary>An entry exception.</summary>
/// <param name="Until">Its last day (inclusive); after the period's close date.</param>
/// <param name="Reason">Why.</param>
public sealed record ExceptionBody(DateOnly Until, string? Reason);

/// <summary>A note on an indicator.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Kind">accepted, returned or answer.</param>
/// <param name="Text">The comment or answer (optional for accepted).</param>
public sealed record NoteBody(string? Indicator, string? Kind, string? Text);

/// <summary>A unit's submission.</summary>
/// <param name="UnitCode">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="State">draft, submitted, approved, under_review, returned, resubmitted, finalised.</param>
/// <param name="Round">The review round.</param>
/// <param name="Version">Send it back with a step.</param>
/// <param name="UpdatedAt">When the state last changed (UTC).</param>
/// <param name="UpdatedBy">Who changed it.</param>
/// <param name="ApprovedAt">When the leader last approved it.</param>
/// <param name="AnswerBy">When returned, the last day to answer.</param>
/// <param name="ExceptionUntil">An administrator's entry exception's last day.</param>
/// <param name="ExceptionReason">Why it was opened.</param>
/// <param name="EntryOpen">Whether values and evidence may change today.</param>
/// <param name="EntryOpenUntil">When open, the last day.</param>
/// <param name="EntryLockedBecause">When closed, why.</param>
/// <param name="Allowed">The steps the caller may take now (route segments).</param>
public sealed record SubmissionDto(
    string UnitCode,
    string UnitName,
    string State,
    int Round,
    int Version,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    DateTime? ApprovedAt,
    DateOnly? AnswerBy,
    DateOnly? ExceptionUntil,
    string? ExceptionReason,
    bool EntryOpen,
    DateOnly? EntryOpenUntil,
    string? EntryLockedBecause,
    IReadOnlyList<string> Allowed);

/// <summary>A line of a unit's review history.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Kind">transition, exception_opened, indicator_returned, answered, adjusted, …</param>
/// <param name="Action">For a transition, the step.</param>
/// <param name="From">For a transition, the state before.</param>
/// <param name="To">For a transition, the state after.</param>
/// <param name="Indicator">The indicator concerned.</param>
/// <param name="Input">The input concerned.</param>
/// <param name="OldValue">Before.</param>
/// <param name="NewValue">After.</param>
/// <param name="Text">The comment, answer or reason.</param>
public sealed record HistoryDto(
    DateTime At, string UserName, string Kind, string? Action, string? From, string? To, string? Indicator, string? Input, string? OldValue, string? NewValue, string? Text);

/// <summary>A note of an indicator's thread.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Indicator">The indicator.</param>
/// <param name="Kind">accepted, returned or answer.</param>
/// <param name="Round">The review round.</param>
/// <param name="Text">What it says.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
public sealed record NoteDto(long Id, string Indicator, string Kind, int Round, string Text, DateTime At, string UserName);

/// <summary>An indicator's thread.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">not_reviewed, accepted, returned, answered.</param>
/// <param name="Notes">The notes, oldest first.</param>
public sealed record ThreadDto(string Indicator, string Name, string Status, IReadOnlyList<NoteDto> Notes);

/// <summary>A unit's review threads.</summary>
/// <param name="Round">The current round.</param>
/// <param name="State">The submission's state.</param>
/// <param name="Threads">Indicators with notes.</param>
public sealed record ThreadsDto(int Round, string State, IReadOnlyList<ThreadDto> Threads);

/// <summary>The indicators an evaluator accepts at once.</summary>
/// <param name="Indicators">Their codes.</param>
/// <param name="Text">An optional comment kept with each acceptance.</param>
public sealed record AcceptManyBody(IReadOnlyList<string?>? Indicators, string? Text);
