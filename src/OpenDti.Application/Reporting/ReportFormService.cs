using OpenDti.Application.Access;
using OpenDti.Application.Checks;
using OpenDti.Application.Evidence;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Review;

namespace OpenDti.Application.Reporting;

/// <summary>
/// Everything the report form shows for one unit of a period, read once per request: the form (values, points,
/// explanations), the evidence, the checks and, unless the visitor is a plan's delegate, the submission, the review
/// threads, the adjustments and what changed since approval.
/// </summary>
/// <param name="Form">The form.</param>
/// <param name="Evidence">The evidence attached, every indicator.</param>
/// <param name="InputChecks">The rules between inputs the unit's stored figures break.</param>
/// <param name="EvidenceChecks">The flags on the unit's evidence; null when the visitor may not see them (a delegate).</param>
/// <param name="Submission">The unit's submission; null for a plan's delegate.</param>
/// <param name="Threads">The indicators' review threads; null for a plan's delegate.</param>
/// <param name="Adjustments">The evaluators' adjustments.</param>
/// <param name="Changes">For evaluators, the inputs changed since the leader approved; null otherwise.</param>
/// <param name="CanOpenExceptions">Whether the visitor may open entry exceptions (administrators).</param>
/// <param name="Reviews">Whether the visitor reviews (province staff).</param>
/// <param name="AnswersForUnit">Whether the visitor answers for the unit (its reporter or leader).</param>
/// <param name="CanAdjust">Whether the visitor may adjust values now.</param>
public sealed record ReportFormView(
    ReportForm Form,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<InputCheckItem> InputChecks,
    UnitEvidenceChecks? EvidenceChecks,
    SubmissionView? Submission,
    ReviewThreads? Threads,
    IReadOnlyList<AdjustmentItem> Adjustments,
    ChangesSinceApproval? Changes,
    bool CanOpenExceptions,
    bool Reviews,
    bool AnswersForUnit,
    bool CanAdjust);

/// <summary>
/// The report form's one service (docs/architecture.md, "The report form"): the page asks it for one read model,
/// <see cref="ReportFormView"/>, and for each of the form's actions, which it hands to the service that owns them
/// (values, evidence, the review cycle, adjustments, the workbook). Each of those checks <see cref="AccessPolicy"/>,
/// saves once and audits as before; this class adds no rule of its own.
/// </summary>
public sealed class ReportFormService(
    OpenDtiDbContext db,
    Frameworks.FrameworkCatalog frameworks,
    ReportingService reporting,
    ValueService values,
    EvidenceService evidence,
    SubmissionService submissions,
    ReviewNoteService notes,
    AdjustmentService adjustments,
    ReviewComparisonService comparison,
    FormWorkbookService workbooks,
    CheckService checks)
{
    /// <summary>The largest evidence file accepted, in bytes.</summary>
    public long MaxEvidenceBytes => evidence.MaxBytes;

    /// <summary>
    /// The unit a form address means: a unit user's own unit (a unit named in the address must be it, or it is the one
    /// named, which the use cases then refuse); for others, the unit named. Null when there is none.
    /// </summary>
    public async Task<string?> UnitCodeAsync(Actor actor, int periodId, string? asked, CancellationToken cancellationToken = default)
    {
        if (actor.UnitId is not null)
        {
            var own = await reporting.OwnUnitCodeAsync(actor, periodId, cancellationToken);
            return asked is null || asked == own ? own : asked;
        }

        return asked;
    }

    /// <summary>The form of <paramref name="unitCode"/> in period <paramref name="periodId"/> with all it shows.</summary>
    /// <remarks>
    /// The period, its framework, the unit, what a plan grants the actor, and the rows several reads share (values,
    /// submission, adjustments, evidence) are read once (<see cref="FormContext"/>); each part is then asked of the
    /// service that owns it, which applies its own rule to the actor as its public method does.
    /// </remarks>
    public async Task<Outcome<ReportFormView>> GetAsync(Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var (context, failure) = await FormContext.LoadAsync<ReportFormView>(db, frameworks, actor, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var outcome = await reporting.FormOfAsync(context!, language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.As<ReportFormView>();
        }

        var form = outcome.Value!;
        var files = EvidenceService.ListOf(context!).Value ?? [];
        var inputChecks = (await checks.InputChecksOfAsync(context!, cancellationToken)).Value ?? [];
        var evidenceChecks = (await checks.EvidenceOfAsync(context!, cancellationToken)).Value;
        if (form.Delegation is not null)
        {
            // A plan's delegate: the indicators assigned to their unit, nothing of the unit's submission, review or adjustments.
            return Outcome<ReportFormView>.Ok(new ReportFormView(form, files, inputChecks, evidenceChecks, null, null, [], null, false, false, false, false));
        }

        var submission = submissions.GetOf(context!).Value!;
        var threads = (await notes.ThreadsOfAsync(context!, cancellationToken)).Value!;
        var reviews = actor.IsProvinceStaff;
        var adjusted = AdjustmentService.ListOf(context!, language).Value ?? [];
        var changes = reviews && submission.ApprovedAt is not null
            ? (await comparison.ChangesSinceApprovalOfAsync(context!, language, cancellationToken)).Value
            : null;
        return Outcome<ReportFormView>.Ok(new ReportFormView(
            form,
            files,
            inputChecks,
            evidenceChecks,
            submission,
            threads,
            adjusted,
            changes,
            AccessPolicy.CanAdminister(actor),
            reviews,
            actor.UnitId is not null && !actor.IsIn(Data.Identity.Roles.Viewer),
            reviews && AdjustmentService.IsOpen(submission.State, form.Period.Status)));
    }

    /// <summary>Saves the form sent whole: every changed value, all or nothing (<see cref="ValueService.SaveAsync"/>).</summary>
    public Task<Outcome<UnitValues>> SaveAllAsync(Actor actor, int periodId, string unitCode, IReadOnlyList<ValueChange> changes, string? reason, CancellationToken cancellationToken = default) =>
        values.SaveAsync(actor, periodId, unitCode, changes, AuditChannel.Page, reason, cancellationToken: cancellationToken);

    /// <summary>Saves one value and answers with the new points (<see cref="ReportingService.SaveAsync"/>).</summary>
    public Task<Outcome<FormSaved>> SaveAsync(
        Actor actor, int periodId, string unitCode, string indicator, string input, string? text, int version, Language language, string? reason, CancellationToken cancellationToken = default) =>
        reporting.SaveAsync(actor, periodId, unitCode, indicator, input, text, version, language, reason, cancellationToken);

    /// <summary>Attaches an evidence file (<see cref="EvidenceService.UploadAsync"/>).</summary>
    public Task<Outcome<EvidenceItem>> UploadAsync(Actor actor, int periodId, string unitCode, EvidenceUpload upload, CancellationToken cancellationToken = default) =>
        evidence.UploadAsync(actor, periodId, unitCode, upload, AuditChannel.Page, cancellationToken);

    /// <summary>Removes an evidence file, kept marked removed (<see cref="EvidenceService.DeleteAsync"/>).</summary>
    public Task<Outcome<EvidenceItem>> RemoveEvidenceAsync(Actor actor, int periodId, string unitCode, long evidenceId, CancellationToken cancellationToken = default) =>
        evidence.DeleteAsync(actor, periodId, unitCode, evidenceId, AuditChannel.Page, cancellationToken: cancellationToken);

    /// <summary>An evidence file's bytes (<see cref="EvidenceService.DownloadAsync"/>).</summary>
    public Task<Outcome<EvidenceDownload>> EvidenceAsync(Actor actor, int periodId, string unitCode, long evidenceId, CancellationToken cancellationToken = default) =>
        evidence.DownloadAsync(actor, periodId, unitCode, evidenceId, cancellationToken);

    /// <summary>The form as an Excel workbook (<see cref="FormWorkbookService.DownloadAsync"/>).</summary>
    public Task<Outcome<WorkbookFile>> WorkbookAsync(Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default) =>
        workbooks.DownloadAsync(actor, periodId, unitCode, language, cancellationToken);

    /// <summary>Previews or applies an uploaded workbook (<see cref="FormWorkbookService.ImportAsync"/>).</summary>
    public Task<Outcome<WorkbookPreview>> ImportWorkbookAsync(Actor actor, int periodId, string unitCode, WorkbookUpload upload, bool apply, CancellationToken cancellationToken = default) =>
        workbooks.ImportAsync(actor, periodId, unitCode, upload, apply, cancellationToken);

    /// <summary>Takes a step of the review cycle (<see cref="SubmissionService.TransitionAsync"/>).</summary>
    public Task<Outcome<SubmissionView>> StepAsync(Actor actor, int periodId, string unitCode, SubmissionAction action, TransitionRequest request, CancellationToken cancellationToken = default) =>
        submissions.TransitionAsync(actor, periodId, unitCode, action, request, cancellationToken);

    /// <summary>Opens the unit's entry exception until <paramref name="until"/> (<see cref="SubmissionService.OpenExceptionAsync"/>).</summary>
    public Task<Outcome<SubmissionView>> OpenExceptionAsync(Actor actor, int periodId, string unitCode, DateOnly until, string? reason, CancellationToken cancellationToken = default) =>
        submissions.OpenExceptionAsync(actor, periodId, unitCode, until, reason, cancellationToken);

    /// <summary>Ends the unit's entry exception (<see cref="SubmissionService.CloseExceptionAsync"/>).</summary>
    public Task<Outcome<SubmissionView>> CloseExceptionAsync(Actor actor, int periodId, string unitCode, string? reason, CancellationToken cancellationToken = default) =>
        submissions.CloseExceptionAsync(actor, periodId, unitCode, reason, cancellationToken);

    /// <summary>Adds a note to an indicator's thread (<see cref="ReviewNoteService.AddAsync"/>).</summary>
    public Task<Outcome<ReviewNoteItem>> NoteAsync(Actor actor, int periodId, string unitCode, string indicator, ReviewNoteKind kind, string? text, CancellationToken cancellationToken = default) =>
        notes.AddAsync(actor, periodId, unitCode, indicator, kind, text, cancellationToken);

    /// <summary>Accepts many indicators at once, all or nothing (<see cref="ReviewNoteService.AcceptManyAsync"/>).</summary>
    public Task<Outcome<IReadOnlyList<ReviewNoteItem>>> AcceptManyAsync(Actor actor, int periodId, string unitCode, IReadOnlyList<string?> indicators, CancellationToken cancellationToken = default) =>
        notes.AcceptManyAsync(actor, periodId, unitCode, indicators, null, cancellationToken);

    /// <summary>Adjusts one value as reviewed (<see cref="AdjustmentService.AdjustAsync"/>).</summary>
    public Task<Outcome<AdjustmentItem>> AdjustAsync(
        Actor actor, int periodId, string unitCode, string indicator, string input, string? value, string? reason, int? version, Language language, CancellationToken cancellationToken = default) =>
        adjustments.AdjustAsync(actor, periodId, unitCode, indicator, input, value, reason, version, language, cancellationToken);

    /// <summary>Removes an adjustment (<see cref="AdjustmentService.RemoveAsync"/>).</summary>
    public Task<Outcome<AdjustmentItem>> RemoveAdjustmentAsync(
        Actor actor, int periodId, string unitCode, string indicator, string input, string? reason, int? version, Language language, CancellationToken cancellationToken = default) =>
        adjustments.RemoveAsync(actor, periodId, unitCode, indicator, input, reason, version, language, cancellationToken);
}
