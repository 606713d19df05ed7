using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Reporting;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Inputs;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Report;

/// <summary>
/// A unit's data-entry form (phiếu kê khai) for a period. A reporter or leader opens their own unit's
/// form (the unit comes from the account); province staff and viewers name the unit. Each value is
/// saved as the person works (<see cref="OnPostSaveAsync"/>, called by the page's script) and the
/// whole form can also be sent at once, so that the page works without a script too.
/// </summary>
public sealed partial class FormModel(
    CurrentActor current,
    ReportFormService service,
    WorkbookPreviews uploads) : PageModel
{

    /// <summary>What an uploaded workbook would change, its problems and conflicts, after "Xem trước".</summary>
    public WorkbookPreview? WorkbookPreview { get; private set; }

    /// <summary>The key of the previewed workbook kept on the server for "Áp dụng" (only for the same account).</summary>
    public string? WorkbookToken { get; private set; }

    /// <summary>Why an uploaded workbook was refused as a whole, and its located problems.</summary>
    public IReadOnlyList<string> WorkbookErrors { get; private set; } = [];

    /// <summary>The evaluators' adjustments, by "indicator|input".</summary>
    public IReadOnlyDictionary<string, AdjustmentItem> Adjustments { get; private set; } = new Dictionary<string, AdjustmentItem>();

    /// <summary>For evaluators, the inputs changed since the leader approved the submission.</summary>
    public ChangesSinceApproval? Changes { get; private set; }

    /// <summary>Whether the visitor may adjust values now (an evaluator, the submission under review or the period published).</summary>
    public bool CanAdjust { get; private set; }

    /// <summary>The name of the field of an adjusted value.</summary>
    public static string AdjustField(string indicator, string input) => $"adj[{indicator}|{input}]";

    /// <summary>The name of the field of an adjustment's reason.</summary>
    public static string AdjustReasonField(string indicator, string input) => $"adjreason[{indicator}|{input}]";

    /// <summary>The unit's submission: its state, the steps the visitor may take, and the entry lock.</summary>
    public SubmissionView Submission { get; private set; } = null!;

    /// <summary>
    /// Whether the form asks why values change: once the unit has sent its submission and had it returned
    /// (the reason goes to the audit with each change, for the evaluators who read it). Never for a plan's delegate, who has no submission.
    /// </summary>
    public bool AsksReason => Form.Delegation is null && (Submission.State == Core.Review.SubmissionState.Returned || Submission.Round > 0);

    /// <summary>The reason for the changes, as "Lưu tất cả" sent it.</summary>
    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    /// <summary>The indicators' review threads.</summary>
    public ReviewThreads Threads { get; private set; } = null!;

    /// <summary>Why a step, a note or an exception was refused, for the submission panel or the indicator it concerns.</summary>
    public string? ReviewError { get; private set; }

    /// <summary>The indicator <see cref="ReviewError"/> concerns, when it is about a note.</summary>
    public string? ReviewErrorIndicator { get; private set; }

    /// <summary>Whether the visitor is an administrator (who may open entry exceptions).</summary>
    public bool CanOpenExceptions { get; private set; }

    /// <summary>Whether the visitor reviews (evaluators and administrators).</summary>
    public bool Reviews { get; private set; }

    /// <summary>Whether the visitor answers for the unit (its reporter or leader).</summary>
    public bool AnswersForUnit { get; private set; }

    /// <summary>The name of the field of a note's text for <paramref name="indicator"/>.</summary>
    public static string NoteField(string indicator) => $"note[{indicator}]";

    /// <summary>The period.</summary>
    [FromRoute]
    public int Id { get; set; }

    /// <summary>The unit asked for, when the visitor is not a unit user.</summary>
    [FromRoute]
    public string? UnitCode { get; set; }

    /// <summary>The form.</summary>
    public ReportForm Form { get; private set; } = null!;

    /// <summary>The language of the page.</summary>
    public Language Language => PageText.LanguageOf(HttpContext);

    /// <summary>What went wrong with a form sent whole, for the top of the page.</summary>
    public string? Error { get; private set; }

    /// <summary>Problems with a form sent whole, by "indicator|input".</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the person typed in a form sent whole, kept when it was refused, by "indicator|input".</summary>
    public IReadOnlyDictionary<string, string> Typed { get; private set; } = new Dictionary<string, string>();

    /// <summary>The evidence attached, by indicator.</summary>
    public ILookup<string, EvidenceItem> Evidence { get; private set; } = Array.Empty<EvidenceItem>().ToLookup(e => e.Indicator);

    /// <summary>Why an evidence file was refused, by indicator.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> EvidenceErrors { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The largest evidence file accepted, in bytes.</summary>
    public long MaxEvidenceBytes => service.MaxEvidenceBytes;

    /// <summary>Whether a form sent whole was saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>The name of the field of an input in a form sent whole.</summary>
    public static string FieldName(string indicator, string input) => $"v[{indicator}|{input}]";

    /// <summary>The name of a field of the evidence upload of <paramref name="indicator"/>.</summary>
    public static string EvidenceField(string field, string indicator) => $"{field}[{indicator}]";

    /// <summary>The name of the field holding the version an input was read at.</summary>
    public static string VersionName(string indicator, string input) => $"ver[{indicator}|{input}]";

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Saved = Request.Query.ContainsKey("saved");
        if (await LoadAsync(cancellationToken) is { } failure)
        {
            return failure;
        }

        // ?xac-nhan=Submit: the confirmation of a step, listing what is missing, before the step is posted.
        if (Form.Delegation is null && Enum.TryParse<SubmissionAction>(Request.Query["xac-nhan"], out var asked)
            && Confirmed.Contains(asked) && Submission.Allowed.Contains(asked) && !int.TryParse(Request.Query["xac-nhan"], out _))
        {
            ConfirmStep = asked;
        }

        return Page();
    }

    /// <summary>Saves the whole form (the page without its script): every changed value, all or nothing.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } failure)
        {
            return failure;
        }

        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var changes = new List<ValueChange>();
        foreach (var node in Form.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                var key = node.Node.Code.Value + "|" + input.Spec.Name;
                if (!Request.Form.TryGetValue(FieldName(node.Node.Code.Value, input.Spec.Name), out var sent))
                {
                    continue;
                }

                var text = sent.ToString().Trim();

                // Kept to show again when refused; no value is longer than an excerpt, so a huge field is not sent back.
                typed[key] = Excerpt.Of(text, 100)!;
                if (text != input.Text)
                {
                    var version = int.TryParse(Request.Form[VersionName(node.Node.Code.Value, input.Spec.Name)], out var v) ? v : input.Version;
                    changes.Add(new ValueChange(node.Node.Code.Value, input.Spec.Name, text, version));
                }
            }
        }

        var actor = (await current.GetAsync())!;
        var outcome = await service.SaveAllAsync(actor, Id, Form.UnitCode, changes, Reason, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"{Request.Path}?saved=1");
        }

        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }

        Error = outcome.Message?.ToString(Language);
        FieldErrors = outcome.Problems
            .Where(p => p.Indicator is not null && p.Input is not null)
            .GroupBy(p => p.Indicator + "|" + p.Input)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p.Message.ToString(Language))), StringComparer.Ordinal);
        Typed = typed;
        Response.StatusCode = Api.ApiResults.StatusOf(outcome.Status);
        return Page();
    }

    /// <summary>Saves one value (the page's script calls this as the person works) and answers with the new points.</summary>
    public async Task<IActionResult> OnPostSaveAsync([FromBody] SaveRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || !ModelState.IsValid)
        {
            // A body that is not a SaveRequest ("version": null, a number for the indicator): where, never what.
            var path = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).FirstOrDefault();
            var detail = Api.BadRequests.Text(Language, "RequestJsonInvalidField", Excerpt.Of(string.IsNullOrEmpty(path) ? "$" : path));
            return new JsonResult(new { message = Api.BadRequests.Text(Language, "RequestUnreadable") + ": " + detail }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        var actor = await current.GetAsync();
        if (actor is null)
        {
            return Unauthorized();
        }

        var unitCode = await UnitCodeAsync(actor, cancellationToken);
        if (unitCode is null)
        {
            return NotFound();
        }

        var outcome = await service.SaveAsync(actor, Id, unitCode, request.Indicator, request.Input, request.Value, request.Version, Language, request.Reason, cancellationToken);
        if (!outcome.Succeeded)
        {
            var status = Api.ApiResults.StatusOf(outcome.Status);
            var problems = outcome.Problems.Select(p => p.Message.ToString(Language)).ToArray();
            var message = problems.Length > 0 && outcome.Status != OutcomeStatus.Conflict
                ? string.Join("; ", problems)
                : string.Join(": ", new[] { outcome.Message?.ToString(Language) }.Concat(problems).Where(s => !string.IsNullOrEmpty(s)));
            return new JsonResult(new { message }) { StatusCode = status };
        }

        var saved = outcome.Value!;
        return new JsonResult(new
        {
            value = saved.Input.Text,
            version = saved.Input.Version,
            savedAt = saved.Input.UpdatedAt is { } at ? PageText.Moment(at) : null,
            nodes = saved.Nodes.Select(n => new { code = n.Code, points = PageText.Points(HttpContext, n.Points), explanation = n.Explanation }),
            total = saved.Delegated ? null : PageText.Points(HttpContext, saved.Total),
            answered = saved.Answered,
            totalInputs = saved.TotalInputs,
            warnings = saved.Warnings.Select(w => w.Message.ToString(Language)).ToArray(),
        });
    }

    /// <summary>
    /// Attaches an evidence file (with số hiệu, ngày ban hành, trích yếu) to <paramref name="indicator"/>;
    /// the form is loaded only to show it again when the file is refused.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(string indicator, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var file = Request.Form.Files.GetFile(EvidenceField("file", indicator));
        Outcome<EvidenceItem> outcome;
        await using (var content = file?.OpenReadStream() ?? Stream.Null)
        {
            outcome = await service.UploadAsync(
                actor!,
                Id,
                unitCode!,
                new EvidenceUpload(
                    indicator,
                    file?.FileName,
                    content,
                    Request.Form[EvidenceField("number", indicator)],
                    Request.Form[EvidenceField("issued", indicator)],
                    Request.Form[EvidenceField("summary", indicator)]),
                cancellationToken);
        }

        if (WantsJson)
        {
            return outcome.Succeeded
                ? new JsonResult(new { indicator, message = PageText.Get(HttpContext, "EvidenceUploaded") })
                : new JsonResult(new { indicator, message = EvidenceRefusal(outcome) }) { StatusCode = Api.ApiResults.StatusOf(outcome.Status) };
        }

        if (outcome.Succeeded)
        {
            return Redirect($"{Request.Path}?evidence=1#n-{indicator}");
        }

        if (await LoadAsync(cancellationToken) is { } cannotShow)
        {
            return cannotShow;
        }

        EvidenceErrors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            // Once: the message names every reason (its problems repeat them one by one, for the API).
            [indicator ?? string.Empty] = [EvidenceRefusal(outcome)],
        };
        Response.StatusCode = Api.ApiResults.StatusOf(outcome.Status);
        return Page();
    }

    /// <summary>Removes an evidence file (kept, marked removed, for the audit).</summary>
    public async Task<IActionResult> OnPostRemoveEvidenceAsync(long evidenceId, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var outcome = await service.RemoveEvidenceAsync(actor!, Id, unitCode!, evidenceId, cancellationToken);
        return outcome.Status switch
        {
            OutcomeStatus.Ok => Redirect($"{Request.Path}#n-{outcome.Value!.Indicator}"),
            OutcomeStatus.Forbidden => Forbid(),
            OutcomeStatus.NotFound => NotFound(),
            _ => StatusCode(StatusCodes.Status409Conflict),
        };
    }

    /// <summary>Sends an evidence file under its original name, to whoever may read the unit.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(long evidenceId, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var outcome = await service.EvidenceAsync(actor!, Id, unitCode!, evidenceId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(outcome.Value!.Bytes, outcome.Value.ContentType, outcome.Value.FileName);
    }

    /// <summary>The form as an Excel workbook (<see cref="FormWorkbookService"/>), for whoever may read the form.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync(CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var outcome = await service.WorkbookAsync(actor!, Id, unitCode!, Language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }

        Response.Headers.ContentDisposition = Api.WorkbookEndpoints.ContentDisposition(outcome.Value!);
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(outcome.Value!.Content, WorkbookFile.ContentType);
    }

    /// <summary>
    /// Previews an uploaded workbook: every change old → new, every problem and conflict by sheet and cell. The file
    /// is kept on the server for <see cref="WorkbookPreviews.Kept"/> so that "Áp dụng" applies exactly what was previewed.
    /// </summary>
    public async Task<IActionResult> OnPostWorkbookAsync(CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var file = Request.Form.Files.GetFile("workbookFile");
        byte[] bytes;
        await using (var content = file?.OpenReadStream() ?? Stream.Null)
        {
            if (file?.Length > service.MaxEvidenceBytes)
            {
                // Refused by the service for its size, without holding it in memory here.
                return await WorkbookAnswerAsync(
                    await service.ImportWorkbookAsync(actor!, Id, unitCode!, new WorkbookUpload(file.FileName, content), apply: false, cancellationToken), cancellationToken);
            }

            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }

        var outcome = await service.ImportWorkbookAsync(actor!, Id, unitCode!, new WorkbookUpload(file?.FileName, new MemoryStream(bytes)), apply: false, cancellationToken);
        if (outcome.Succeeded)
        {
            WorkbookToken = Guid.NewGuid().ToString("N");
            uploads.Keep(PreviewKey(actor!, WorkbookToken), file?.FileName, bytes);
        }

        return await WorkbookAnswerAsync(outcome, cancellationToken);
    }

    /// <summary>Applies the previewed workbook, all or nothing; the preview again, with its problems, when it cannot be.</summary>
    public async Task<IActionResult> OnPostApplyWorkbookAsync(string? token, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (string.IsNullOrEmpty(token) || !uploads.TryGet(PreviewKey(actor!, token), out var kept))
        {
            if (await LoadAsync(cancellationToken) is { } cannotShow)
            {
                return cannotShow;
            }

            WorkbookErrors = [PageText.Get(HttpContext, "WorkbookPreviewExpired")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await service.ImportWorkbookAsync(actor!, Id, unitCode!, new WorkbookUpload(kept.FileName, new MemoryStream(kept.Bytes)), apply: true, cancellationToken);
        if (outcome.Succeeded && outcome.Value!.Applied)
        {
            uploads.Remove(PreviewKey(actor!, token));
            return Redirect($"{Request.Path}?workbook=applied#bieu-mau");
        }

        WorkbookToken = token;
        return await WorkbookAnswerAsync(outcome, cancellationToken, apply: true);
    }

    /// <summary>A previewed value as the page writes it: numbers the reader's way, yes/no and choices by their label.</summary>
    public string Shown(string indicator, string input, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        var spec = Form.Nodes.SelectMany(n => n.Inputs).FirstOrDefault(i => i.Spec.NodeCode == indicator && i.Spec.Name == input)?.Spec;
        if (spec is null || InputValueParser.Parse(spec, value) is not { Succeeded: true } parsed)
        {
            return value;
        }

        var reported = parsed.Value!.Value;
        return spec.Kind switch
        {
            Core.Frameworks.InputKind.YesNo => PageText.Get(HttpContext, reported.Answer ? "Yes" : "No"),
            Core.Frameworks.InputKind.Choice => spec.FindOption(reported.Option ?? string.Empty)?.Label ?? value,
            _ when spec.IsPercent => NumberText.Number(reported.Number * 100m, Language) + "%",
            _ => NumberText.Number(reported.Number, Language),
        };
    }

    private static string PreviewKey(Actor actor, string token) => $"form-workbook:{actor.UserId}:{token}";

    /// <summary>The form with the workbook's preview, or with why it was refused (400, 403, 404, 409 as the API answers).</summary>
    private async Task<IActionResult> WorkbookAnswerAsync(Outcome<WorkbookPreview> outcome, CancellationToken cancellationToken, bool apply = false)
    {
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }

        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }

        if (await LoadAsync(cancellationToken) is { } cannotShow)
        {
            return cannotShow;
        }

        if (!outcome.Succeeded)
        {
            WorkbookToken = null;
            WorkbookErrors = [outcome.Message?.ToString(Language) ?? string.Empty, .. outcome.Problems.Select(p => p.Message.ToString(Language))];
            Response.StatusCode = Api.ApiResults.StatusOf(outcome.Status);
            return Page();
        }

        WorkbookPreview = outcome.Value;
        if (outcome.Value!.Problems.Count > 0 || outcome.Value.Conflicts.Count > 0)
        {
            WorkbookToken = null;
            if (apply)
            {
                Response.StatusCode = outcome.Value.Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            }
        }

        return Page();
    }

    /// <summary>Takes a step of the review cycle (<paramref name="step"/> is a <see cref="SubmissionAction"/> name) with an optional comment.</summary>
    public async Task<IActionResult> OnPostStepAsync(string step, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!Enum.TryParse<SubmissionAction>(step, out var action) || !Enum.IsDefined(action) || int.TryParse(step, out _))
        {
            return BadRequest();
        }

        var answerByText = Request.Form["answerBy"].ToString().Trim();
        DateOnly? answerBy = null;
        if (answerByText.Length > 0)
        {
            if (!PageDates.TryParse(answerByText, out var day))
            {
                return await RefusedStepAsync(PageText.Get(HttpContext, "AnswerByInvalid", Excerpt.Of(answerByText, 20)), answerByText, cancellationToken);
            }

            answerBy = day;
        }

        if (Confirmed.Contains(action) && Request.Form["confirmed"] != "1")
        {
            // Before an irreversible step: the list of what is missing, and the step again (the rules still refuse what they refuse).
            if (await LoadAsync(cancellationToken) is { } cannotShow)
            {
                return cannotShow;
            }

            if (Submission.Allowed.Contains(action) && MissingFor(action).Count > 0)
            {
                ConfirmStep = action;
                TypedComment = Request.Form["comment"];
                TypedAnswerBy = answerByText;
                return Page();
            }
        }

        var version = int.TryParse(Request.Form["submissionVersion"], out var v) ? v : (int?)null;
        var outcome = await service.StepAsync(actor!, Id, unitCode!, action, new TransitionRequest(Request.Form["comment"], answerBy, version), cancellationToken);
        if (outcome.Status != OutcomeStatus.Ok && outcome.Status != OutcomeStatus.NotFound)
        {
            return await RefusedStepAsync(Describe(outcome), answerByText, cancellationToken, Api.ApiResults.StatusOf(outcome.Status));
        }

        return await ReviewAnswerAsync(outcome.Status, Describe(outcome), null, $"&buoc={action}#ho-so", cancellationToken);
    }

    /// <summary>Adds a note to <paramref name="indicator"/>'s thread: accepted or returned (evaluators), answer (the unit).</summary>
    public async Task<IActionResult> OnPostNoteAsync(string indicator, string kind, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!Enum.TryParse<ReviewNoteKind>(kind, out var noteKind) || !Enum.IsDefined(noteKind) || int.TryParse(kind, out _))
        {
            return BadRequest();
        }

        var outcome = await service.NoteAsync(actor!, Id, unitCode!, indicator, noteKind, Request.Form[NoteField(indicator)], cancellationToken);
        if (WantsJson)
        {
            return outcome.Succeeded
                ? new JsonResult(new { message = PageText.Get(HttpContext, "NoteDone" + noteKind), notes = new[] { NoteJson(outcome.Value!) } })
                : new JsonResult(new { indicator, message = Describe(outcome) }) { StatusCode = Api.ApiResults.StatusOf(outcome.Status) };
        }

        return await ReviewAnswerAsync(outcome.Status, Describe(outcome), indicator, $"&ghi-chu={noteKind}#n-{indicator}", cancellationToken);
    }

    /// <summary>Adjusts one value as reviewed (evaluators), with the reason; the reported value stays beside it.</summary>
    public async Task<IActionResult> OnPostAdjustAsync(string indicator, string input, int version, bool remove, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var reason = Request.Form[AdjustReasonField(indicator, input)].ToString();
        var outcome = remove
            ? await service.RemoveAdjustmentAsync(actor!, Id, unitCode!, indicator, input, reason, version, Language, cancellationToken)
            : await service.AdjustAsync(
                actor!,
                Id,
                unitCode!,
                indicator,
                input,
                Request.Form[AdjustField(indicator, input)],
                reason,
                version,
                Language,
                cancellationToken);
        return await ReviewAnswerAsync(outcome.Status, Describe(outcome), indicator, $"#n-{indicator}", cancellationToken);
    }

    /// <summary>Opens (with a day) or ends (without) the unit's entry exception; administrators only.</summary>
    public async Task<IActionResult> OnPostExceptionAsync(bool end, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var reason = Request.Form["exceptionReason"].ToString();
        Outcome<SubmissionView> outcome;
        if (end)
        {
            outcome = await service.CloseExceptionAsync(actor!, Id, unitCode!, reason, cancellationToken);
        }
        else if (PageDates.TryParse(Request.Form["exceptionUntil"], out var until))
        {
            outcome = await service.OpenExceptionAsync(actor!, Id, unitCode!, until, reason, cancellationToken);
        }
        else
        {
            var typed = Request.Form["exceptionUntil"].ToString().Trim();
            return await ReviewAnswerAsync(
                OutcomeStatus.Invalid,
                typed.Length == 0 ? PageText.Get(HttpContext, "ExceptionUntilMissing") : PageText.Get(HttpContext, "ExceptionUntilInvalid", Excerpt.Of(typed, 20)),
                null,
                "#ho-so",
                cancellationToken);
        }

        return await ReviewAnswerAsync(outcome.Status, Describe(outcome), null, "#ho-so", cancellationToken);
    }

    /// <summary>
    /// Accepts the indicators ticked (<c>accept</c>), or with <paramref name="all"/> every indicator not yet decided in this round,
    /// all or nothing; in place (JSON) when the page's script asks, the form again otherwise.
    /// </summary>
    public async Task<IActionResult> OnPostAcceptManyAsync(bool all, CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        IReadOnlyList<string?> chosen = Request.Form["accept"].ToArray();
        if (all)
        {
            if (await LoadAsync(cancellationToken) is { } cannotRead)
            {
                return cannotRead;
            }

            chosen = Form.Delegation is null ? Guides.Where(g => g.NotReviewed).Select(g => (string?)g.Code).ToArray() : [];
        }

        var outcome = await service.AcceptManyAsync(actor!, Id, unitCode!, chosen, cancellationToken);
        if (WantsJson)
        {
            return outcome.Succeeded
                ? new JsonResult(new { message = PageText.Get(HttpContext, "BulkAccepted", outcome.Value!.Count), notes = outcome.Value!.Select(NoteJson).ToArray() })
                : new JsonResult(new
                {
                    message = outcome.Message?.ToString(Language),
                    problems = outcome.Problems.Select(p => new { indicator = p.Indicator, message = p.Message.ToString(Language) }).ToArray(),
                })
                { StatusCode = Api.ApiResults.StatusOf(outcome.Status) };
        }

        if (outcome.Succeeded)
        {
            return Redirect($"{Request.Path}?review=1&chap-nhan={outcome.Value!.Count}#ho-so");
        }

        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }

        return await ReviewAnswerAsync(outcome.Status, string.Join("; ", new[] { outcome.Message?.ToString(Language) }.Concat(outcome.Problems.Select(p => p.Message.ToString(Language))).Where(t => !string.IsNullOrEmpty(t))), null, "#ho-so", cancellationToken);
    }

    /// <summary>The comment typed with a refused or confirmed step, shown again.</summary>
    public string? TypedComment { get; private set; }

    /// <summary>Whether the page's script asked (fetch with <c>Accept: application/json</c>) for an answer in place.</summary>
    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A note as the page's script shows it in the indicator's thread.</summary>
    private object NoteJson(ReviewNoteItem note) => new
    {
        indicator = note.Indicator,
        kind = note.Kind.ToString(),
        kindText = PageText.Get(HttpContext, "NoteKind" + note.Kind),
        status = note.Kind == ReviewNoteKind.Accepted ? nameof(IndicatorReviewStatus.Accepted) : note.Kind == ReviewNoteKind.Returned ? nameof(IndicatorReviewStatus.Returned) : nameof(IndicatorReviewStatus.Answered),
        statusText = PageText.Get(HttpContext, "IndicatorStatus" + (note.Kind == ReviewNoteKind.Accepted ? "Accepted" : note.Kind == ReviewNoteKind.Returned ? "Returned" : "Answered")),
        text = note.Text,
        by = note.UserName + ", " + PageText.Moment(note.At),
    };

    /// <summary>Why an evidence file was refused, once.</summary>
    private string EvidenceRefusal<T>(Outcome<T> outcome) =>
        outcome.Message?.ToString(Language) ?? string.Join("; ", outcome.Problems.Select(p => p.Message.ToString(Language)));

    /// <summary>A step refused (a day not understood, or the rules): the form again, the message at the submission panel, what was typed kept.</summary>
    private async Task<IActionResult> RefusedStepAsync(string? message, string answerBy, CancellationToken cancellationToken, int status = StatusCodes.Status400BadRequest)
    {
        if (await LoadAsync(cancellationToken) is { } cannotShow)
        {
            return cannotShow;
        }

        ReviewError = message;
        TypedComment = Request.Form["comment"];
        TypedAnswerBy = answerBy;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>A refusal in the page's language: its problems when it has some, its message otherwise.</summary>
    private string? Describe<T>(Outcome<T> outcome) => outcome.Problems.Count > 0
        ? string.Join("; ", outcome.Problems.Select(p => p.Message.ToString(Language)))
        : outcome.Message?.ToString(Language);

    /// <summary>After a review action: back to the form when done; the form again with the reason when refused.</summary>
    private async Task<IActionResult> ReviewAnswerAsync(OutcomeStatus status, string? message, string? indicator, string anchor, CancellationToken cancellationToken)
    {
        if (status == OutcomeStatus.Ok)
        {
            return Redirect($"{Request.Path}?review=1{anchor}");
        }

        if (status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }

        if (await LoadAsync(cancellationToken) is { } cannotShow)
        {
            return cannotShow;
        }

        ReviewError = message;
        ReviewErrorIndicator = indicator;
        Response.StatusCode = Api.ApiResults.StatusOf(status);
        return Page();
    }

    /// <summary>One value sent by the page's script.</summary>
    /// <param name="Indicator">Indicator code.</param>
    /// <param name="Input">Input name.</param>
    /// <param name="Value">The value as typed; empty to remove it.</param>
    /// <param name="Version">The version the page read.</param>
    /// <param name="Reason">Why, when the form asks for a reason (after a return); kept in the audit.</param>
    public sealed record SaveRequest(string Indicator, string Input, string? Value, int Version, string? Reason = null);

    /// <summary>The signed-in actor and the unit of the address (see <see cref="UnitCodeAsync"/>), or the answer when there is none.</summary>
    private async Task<(Actor? Actor, string? UnitCode, IActionResult? Failure)> ActorAndUnitAsync(CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        if (actor is null)
        {
            return (null, null, Challenge());
        }

        var unitCode = await UnitCodeAsync(actor, cancellationToken);
        return unitCode is null ? (actor, null, NotFound()) : (actor, unitCode, null);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var (actor, unitCode, failure) = await ActorAndUnitAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var outcome = await service.GetAsync(actor!, Id, unitCode!, Language, cancellationToken);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                var view = outcome.Value!;
                Form = view.Form;
                Evidence = view.Evidence.ToLookup(e => e.Indicator, StringComparer.Ordinal);
                InputChecks = view.InputChecks;
                EvidenceChecks = view.EvidenceChecks;
                if (Form.Delegation is not null)
                {
                    // A plan's delegate: the indicators assigned to their unit, nothing of the unit's submission, review or adjustments.
                    return null;
                }

                Submission = view.Submission!;
                Threads = view.Threads!;
                CanOpenExceptions = view.CanOpenExceptions;
                Reviews = view.Reviews;
                AnswersForUnit = view.AnswersForUnit;
                CanAdjust = view.CanAdjust;
                Adjustments = view.Adjustments.ToDictionary(a => a.Indicator + "|" + a.Input, StringComparer.Ordinal);
                Changes = view.Changes;
                return null;
            case OutcomeStatus.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    /// <summary>A unit user's own unit (a unit named in the address must be it); for others, the unit named.</summary>
    private Task<string?> UnitCodeAsync(Actor actor, CancellationToken cancellationToken) => service.UnitCodeAsync(actor, Id, UnitCode, cancellationToken);
}
