using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Plans;
using OpenDti.Application.Reporting;
using OpenDti.Web.Pages.Report;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// An evaluator loads a plan table (seed 001, 002 or 004, docs/plans.md "The seeds' tables") into a member's plan:
/// a preview of every change and problem, the file kept on the server for <see cref="WorkbookPreviews.Kept"/>, then
/// "Áp dụng" applies exactly what was previewed, all or nothing (<see cref="PlanExchangeService"/>).
/// </summary>
public sealed class PlanImportModel(CurrentActor current, PlanService plans, PlanExchangeService exchange, EvidenceService evidence, WorkbookPreviews uploads) : ResultsPage
{
    /// <summary>The member whose plan it is, as the query names it.</summary>
    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    /// <summary>The plan, once loaded and allowed.</summary>
    public PeriodPlan? Plan { get; private set; }

    /// <summary>The preview of the uploaded table.</summary>
    public PlanImportPreview? Preview { get; private set; }

    /// <summary>The key of the previewed file kept for "Áp dụng", when it can be applied.</summary>
    public string? Token { get; private set; }

    /// <summary>Why the file was refused as a whole.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The page's address with its unit, for the forms and the links.</summary>
    public string Here(int id) => $"/ky-danh-gia/{id}/ke-hoach/nhap-excel" + (string.IsNullOrWhiteSpace(Unit) ? string.Empty : "?unit=" + Uri.EscapeDataString(Unit));

    /// <summary>The page: the upload box for the plan of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var (_, failure) = await LoadAsync(id, cancellationToken);
        return failure ?? Page();
    }

    /// <summary>Previews an uploaded table; the file is kept so that "Áp dụng" applies what was previewed.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        var (actor, failure) = await LoadAsync(id, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var file = Request.Form.Files.GetFile("planFile");
        byte[] bytes;
        await using (var content = file?.OpenReadStream() ?? Stream.Null)
        {
            if (file?.Length > evidence.MaxBytes)
            {
                // Refused by the service for its size, without holding it in memory here.
                return Answer(await exchange.ImportAsync(actor!, id, Plan!.UnitCode, new WorkbookUpload(file.FileName, content), apply: false, cancellationToken));
            }

            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }

        var outcome = await exchange.ImportAsync(actor!, id, Plan!.UnitCode, new WorkbookUpload(file?.FileName, new MemoryStream(bytes)), apply: false, cancellationToken);
        if (outcome is { Succeeded: true, Value.Problems.Count: 0, Value.Changes.Count: > 0 })
        {
            Token = Guid.NewGuid().ToString("N");
            uploads.Keep(PreviewKey(actor!, Token), file?.FileName, bytes);
        }

        return Answer(outcome);
    }

    /// <summary>Applies the previewed table, all or nothing; the preview again, with its problems, when it cannot be.</summary>
    public async Task<IActionResult> OnPostApplyAsync(int id, string? token, CancellationToken cancellationToken)
    {
        var (actor, failure) = await LoadAsync(id, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (string.IsNullOrEmpty(token) || !uploads.TryGet(PreviewKey(actor!, token), out var kept))
        {
            Errors = [PageText.Get(HttpContext, "WorkbookPreviewExpired")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await exchange.ImportAsync(actor!, id, Plan!.UnitCode, new WorkbookUpload(kept.FileName, new MemoryStream(kept.Bytes)), apply: true, cancellationToken);
        if (outcome is { Succeeded: true, Value.Applied: true })
        {
            uploads.Remove(PreviewKey(actor!, token));
            return Redirect(Here(id) + (Here(id).Contains('?', StringComparison.Ordinal) ? "&" : "?") + "applied=1");
        }

        return Answer(outcome, apply: true);
    }

    private static string PreviewKey(Actor actor, string token) => $"plan-workbook:{actor.UserId}:{token}";

    /// <summary>The plan, or the page saying why not (403, 404); only evaluators load tables.</summary>
    private async Task<(Actor? Actor, IActionResult? Failure)> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return (null, Challenge());
        }

        var plan = await plans.GetAsync(actor, id, Unit, cancellationToken);
        if (!plan.Succeeded)
        {
            return (actor, Failure(plan));
        }

        if (!AccessPolicy.CanEditPlan(actor))
        {
            return (actor, Failure(Outcome<PeriodPlan>.Forbidden(new AppMessage("PlanEditNotAllowed"))));
        }

        Plan = plan.Value;
        if (!Plan!.CanEdit)
        {
            Errors = [new AppMessage("PlanPeriodPublished", Plan.Period.Name).ToString(Language)];
        }

        return (actor, null);
    }

    /// <summary>The page with the preview, or with why the file was refused (with the API's status).</summary>
    private IActionResult Answer(Outcome<PlanImportPreview> outcome, bool apply = false)
    {
        if (!outcome.Succeeded)
        {
            Token = null;
            Errors = [outcome.Message?.ToString(Language) ?? string.Empty, .. outcome.Problems.Select(p => p.Message.ToString(Language))];
            Response.StatusCode = Api.ApiResults.StatusOf(outcome.Status);
            return Page();
        }

        Preview = outcome.Value;
        if (Preview!.Problems.Count > 0)
        {
            Token = null;
            if (apply)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }

        return Page();
    }
}
