using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Improvement.National;
using OpenDti.Exchange.Improvement;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A province-level period's national estimate (docs/improvement.md, "The national DTI"): the self-assessment scored
/// against the national reference values as national total, DTI, main indices and an estimated rank, beside last
/// year's official result. Evaluators upload the reference values (the command line's <c>--reference</c> CSV) and
/// last year's national table (CSV) here, each all or nothing, with every problem by line.
/// </summary>
public sealed class NationalEstimateModel(CurrentActor current, NationalService national, EvidenceService evidence) : ResultsPage
{
    /// <summary>The estimate, once loaded and allowed.</summary>
    public NationalEstimate? Estimate { get; private set; }

    /// <summary>Which upload the errors are of ("references" or "national").</summary>
    public string? ErrorsOf { get; private set; }

    /// <summary>Why an upload was refused: the headline, then each problem with its line.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The page.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var (_, failure) = await LoadAsync(id, cancellationToken);
        return failure ?? Page();
    }

    /// <summary>Replaces the period's reference values with an uploaded CSV (indicator,label,measure).</summary>
    public async Task<IActionResult> OnPostReferencesAsync(int id, CancellationToken cancellationToken)
    {
        var (actor, failure) = await LoadAsync(id, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!Estimate!.CanImport)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Refuse("references", [PageText.Get(HttpContext, "NationalImportNotAllowed")]);
        }

        var file = await ReadAsync("referenceFile", cancellationToken);
        if (file is null)
        {
            return Refuse("references", [PageText.Get(HttpContext, "NationalFileMissing")]);
        }

        var read = ReferenceCsvRows.Read(file.Value.Bytes, file.Value.Name);
        if (read.Diagnostics.Any(d => d.IsError))
        {
            return Refuse("references", [PageText.Get(HttpContext, "NationalCsvInvalid", read.Diagnostics.Count(d => d.IsError)), .. read.Diagnostics.Where(d => d.IsError).Select(d => d.Message(Language))]);
        }

        var outcome = await national.ImportReferencesAsync(actor!, id, Api.NationalEndpoints.References(read.Rows), cancellationToken);
        return outcome.Succeeded ? Redirect($"/ky-danh-gia/{id}/uoc-tinh-quoc-gia?imported=references") : await RefusedAsync(id, "references", outcome, cancellationToken);
    }

    /// <summary>Replaces last year's national table with an uploaded CSV (province,own,total,rank,source,1,rank_1,…).</summary>
    public async Task<IActionResult> OnPostNationalAsync(int id, CancellationToken cancellationToken)
    {
        var (actor, failure) = await LoadAsync(id, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!Estimate!.CanImport)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Refuse("national", [PageText.Get(HttpContext, "NationalImportNotAllowed")]);
        }

        var file = await ReadAsync("nationalFile", cancellationToken);
        if (file is null)
        {
            return Refuse("national", [PageText.Get(HttpContext, "NationalFileMissing")]);
        }

        var estimate = Estimate!;
        var read = NationalCsv.Read(file.Value.Bytes, estimate.MainIndices.Select(m => m.Code).ToArray(), file.Value.Name);
        if (!read.Succeeded)
        {
            return Refuse("national", [PageText.Get(HttpContext, "NationalCsvInvalid", read.Diagnostics.Count(d => d.IsError)), .. read.Diagnostics.Where(d => d.IsError).Select(d => d.Message(Language))]);
        }

        var outcome = await national.SaveTableAsync(actor!, estimate.TableYear, estimate.FrameworkCode, Api.NationalEndpoints.Entries(read.Rows), replace: true, cancellationToken);
        return outcome.Succeeded ? Redirect($"/ky-danh-gia/{id}/uoc-tinh-quoc-gia?imported=national") : await RefusedAsync(id, "national", outcome, cancellationToken);
    }

    /// <summary>The CSV layout of the national table for this period's framework, to fill in.</summary>
    public string NationalHeader => string.Join(",", NationalCsv.Header(Estimate?.MainIndices.Select(m => m.Code).ToArray() ?? []));

    private async Task<IActionResult> RefusedAsync<T>(int id, string which, Outcome<T> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status is OutcomeStatus.Forbidden)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        // Read again: what is shown is what is stored, the refused file changed nothing.
        await LoadAsync(id, cancellationToken);
        return Refuse(which, [outcome.Message?.ToString(Language) ?? string.Empty, .. outcome.Problems.Select(p => p.Message.ToString(Language))]);
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refuse(string which, IReadOnlyList<string> errors)
    {
        ErrorsOf = which;
        Errors = errors;
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>The uploaded file, or null when none was sent; a file larger than an evidence file is refused as none.</summary>
    private async Task<(string? Name, byte[] Bytes)?> ReadAsync(string field, CancellationToken cancellationToken)
    {
        var file = Request.HasFormContentType ? Request.Form.Files.GetFile(field) : null;
        if (file is null || file.Length == 0 || file.Length > Math.Min(evidence.MaxBytes, Api.NationalEndpoints.MaxBodyBytes))
        {
            return null;
        }

        await using var content = file.OpenReadStream();
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return (Path.GetFileName(file.FileName), copy.ToArray());
    }

    /// <summary>The estimate, or the page saying why not (403, 404; a period that is not province-level: 404 with the reason).</summary>
    private async Task<(Actor? Actor, IActionResult? Failure)> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return (null, Challenge());
        }

        var estimate = await national.EstimateAsync(actor, id, cancellationToken);
        if (!estimate.Succeeded)
        {
            return (actor, Failure(estimate));
        }

        Estimate = estimate.Value;
        return (actor, null);
    }
}
