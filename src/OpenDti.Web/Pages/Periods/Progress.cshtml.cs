using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Evidence;
using OpenDti.Application.Plans;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A period's progress on its plans (tiến độ thực hiện): the assignments counted by lead unit and status, the
/// overdue ones, and each assignment's reports by term, where the lead unit's and the plan unit's reporters and
/// evaluators report (status, text, documents). Unit users see the rows of their unit's plan and those naming it.
/// </summary>
public sealed class ProgressModel(CurrentActor current, ProgressService progress) : ResultsPage
{
    /// <summary>What the page shows, once loaded and allowed.</summary>
    public PeriodProgress? Progress { get; private set; }

    /// <summary>A refused report: the message.</summary>
    public string? Error { get; private set; }

    /// <summary>A refused report: each problem.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>What was done, after a report or an upload.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the progress of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken cancellationToken)
    {
        Notice = done switch
        {
            "reported" => PageText.Get(HttpContext, "ProgressReported"),
            "attached" => PageText.Get(HttpContext, "ProgressAttached"),
            _ => null,
        };
        return await ShowAsync(id, cancellationToken);
    }

    /// <summary>Reports the status of one assignment for one term.</summary>
    public async Task<IActionResult> OnPostReportAsync(int id, string? unit, string? indicator, string? term, string? status, string? text, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var saved = await progress.SaveAsync(actor, id, [new ProgressInput(unit, indicator, term, status, text)], AuditChannel.Page, cancellationToken);
        return saved.Succeeded ? Redirect($"/ky-danh-gia/{id}/tien-do?done=reported") : await ShowFailureAsync(id, saved, cancellationToken);
    }

    /// <summary>Attaches a document to one assignment's report of one term.</summary>
    public async Task<IActionResult> OnPostUploadAsync(
        int id, string? unit, string? indicator, string? term, IFormFile? file, string? documentNumber, string? issuedOn, string? summary, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var attached = await progress.UploadAsync(
            actor, id, unit ?? string.Empty, indicator ?? string.Empty, term, new EvidenceUpload(indicator, file?.FileName, content, documentNumber, issuedOn, summary), AuditChannel.Page, cancellationToken);
        return attached.Succeeded ? Redirect($"/ky-danh-gia/{id}/tien-do?done=attached") : await ShowFailureAsync(id, attached, cancellationToken);
    }

    /// <summary>Downloads a report's document.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(int id, long documentId, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await progress.DownloadAsync(actor, id, documentId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(outcome.Value!.Bytes, outcome.Value.ContentType, outcome.Value.FileName);
    }

    private async Task<IActionResult> ShowFailureAsync<T>(int id, Outcome<T> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status == OutcomeStatus.NotFound && outcome.Message is AppMessage { Key: "PeriodNotFound" })
        {
            return Failure(outcome);
        }

        Error = outcome.Message?.ToString(Language);
        Problems = outcome.Problems.Select(p => p.Message.ToString(Language)).ToArray();
        var shown = await ShowAsync(id, cancellationToken);
        Response.StatusCode = outcome.Status switch
        {
            OutcomeStatus.Forbidden => StatusCodes.Status403Forbidden,
            OutcomeStatus.NotFound => StatusCodes.Status404NotFound,
            OutcomeStatus.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return shown;
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await progress.GetAsync(actor, id, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Progress = outcome.Value;
        return Page();
    }
}
