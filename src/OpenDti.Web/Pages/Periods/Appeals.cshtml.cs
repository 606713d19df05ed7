using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Core.Frameworks;
using OpenDti.Data.Audit;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A period's appeals (phúc khảo). A unit's reporters and leaders see their unit's appeals and, while the
/// window after the latest publication is open, file one with a file of evidence; evaluators and
/// administrators see every appeal and accept or reject it; viewers read.
/// </summary>
public sealed class AppealsModel(CurrentActor current, AppealService appeals, PeriodService periods, FrameworkCatalog catalog, EvidenceService evidence) : ResultsPage
{
    /// <summary>The period, once loaded and allowed.</summary>
    public PeriodSummary? Period { get; private set; }

    /// <summary>The appeals the reader sees, newest first.</summary>
    public IReadOnlyList<AppealItem> List { get; private set; } = [];

    /// <summary>The appeal window; null before the first publication.</summary>
    public AppealWindow? Window { get; private set; }

    /// <summary>The reader's unit code when they file appeals for it (a reporter or leader of a unit of the period).</summary>
    public string? OwnUnit { get; private set; }

    /// <summary>Whether the reader decides appeals.</summary>
    public bool CanDecide { get; private set; }

    /// <summary>The indicators a unit may appeal, grouped by main index.</summary>
    public IReadOnlyList<(FrameworkNode MainIndex, IReadOnlyList<FrameworkNode> Indicators)> Groups { get; private set; } = [];

    /// <summary>Why the last action failed, in the reader's language.</summary>
    public string? Error { get; private set; }

    /// <summary>The failed action's problems.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>What was done, after a redirect.</summary>
    public string? Notice { get; private set; }

    /// <summary>The indicators chosen.</summary>
    [BindProperty]
    public List<string> Indicators { get; set; } = [];

    /// <summary>The reason of the appeal or the decision.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Số hiệu of the file.</summary>
    [BindProperty]
    public string? DocumentNumber { get; set; }

    /// <summary>Ngày ban hành of the file.</summary>
    [BindProperty]
    public string? IssuedOn { get; set; }

    /// <summary>Trích yếu of the file.</summary>
    [BindProperty]
    public string? Summary { get; set; }

    /// <summary>Whether the reader may file an appeal now.</summary>
    public bool CanFile => OwnUnit is not null && Window is { Open: true };

    /// <summary>The largest evidence file, for the hint.</summary>
    public long MaxEvidenceBytes { get; private set; }

    /// <summary>The name of an appeal's state in the reader's language.</summary>
    public string StateText(Data.Review.AppealState state) => AppealService.StateText(state).ToString(Language);

    /// <summary>Shows the appeals of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken cancellationToken)
    {
        Notice = done switch
        {
            "filed" => PageText.Get(HttpContext, "AppealFiled"),
            "attached" => PageText.Get(HttpContext, "AppealAttached"),
            "decided" => PageText.Get(HttpContext, "AppealDecided"),
            _ => null,
        };
        return await ShowAsync(id, cancellationToken);
    }

    /// <summary>Files an appeal for the reader's unit, with a file of evidence when one is chosen.</summary>
    public async Task<IActionResult> OnPostFileAsync(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var unitCode = await OwnUnitAsync(actor, id, cancellationToken);
        if (unitCode is null)
        {
            return Forbid();
        }

        var filed = await appeals.FileAsync(actor, id, unitCode, Indicators, Reason, cancellationToken);
        if (!filed.Succeeded)
        {
            return await ShowFailureAsync(id, filed, null, cancellationToken);
        }

        if (file is { Length: > 0 })
        {
            var attached = await AttachAsync(actor, id, unitCode, filed.Value!.Id, file, cancellationToken);
            if (!attached.Succeeded)
            {
                Indicators = [];
                Reason = null;
                return await ShowFailureAsync(id, attached, PageText.Get(HttpContext, "AppealFiledFileRefused"), cancellationToken);
            }
        }

        return Redirect($"/ky-danh-gia/{id}/phuc-khao?done=filed");
    }

    /// <summary>Attaches a file to pending appeal <paramref name="appealId"/> of the reader's unit.</summary>
    public async Task<IActionResult> OnPostAttachAsync(int id, int appealId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var unitCode = await OwnUnitAsync(actor, id, cancellationToken);
        if (unitCode is null)
        {
            return Forbid();
        }

        var attached = await AttachAsync(actor, id, unitCode, appealId, file, cancellationToken);
        return attached.Succeeded
            ? Redirect($"/ky-danh-gia/{id}/phuc-khao?done=attached")
            : await ShowFailureAsync(id, attached, null, cancellationToken);
    }

    /// <summary>Accepts or rejects appeal <paramref name="appealId"/> with <see cref="Reason"/>.</summary>
    public async Task<IActionResult> OnPostDecideAsync(int id, int appealId, bool accept, int? version, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var decided = await appeals.DecideAsync(actor, id, appealId, accept, Reason, version, cancellationToken);
        return decided.Succeeded
            ? Redirect($"/ky-danh-gia/{id}/phuc-khao?done=decided")
            : await ShowFailureAsync(id, decided, null, cancellationToken);
    }

    /// <summary>Sends a file of appeal <paramref name="appealId"/> under its original name, to whoever may read the unit.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(int id, int appealId, long evidenceId, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await appeals.DownloadAsync(actor, id, appealId, evidenceId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(outcome.Value!.Bytes, outcome.Value.ContentType, outcome.Value.FileName);
    }

    private async Task<Outcome<EvidenceItem>> AttachAsync(Actor actor, int id, string unitCode, int appealId, IFormFile? file, CancellationToken cancellationToken)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        return await appeals.AttachAsync(
            actor, id, unitCode, appealId, new EvidenceUpload(null, file?.FileName, content, DocumentNumber, IssuedOn, Summary), AuditChannel.Page, cancellationToken);
    }

    private async Task<IActionResult> ShowFailureAsync<T>(int id, Outcome<T> outcome, string? lead, CancellationToken cancellationToken)
    {
        if (outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.NotFound)
        {
            return Failure(outcome);
        }

        var message = outcome.Message?.ToString(Language);
        Error = lead is null ? message : $"{lead}: {message}";
        Problems = outcome.Problems.Select(p => p.Message.ToString(Language)).ToArray();
        Response.StatusCode = outcome.Status == OutcomeStatus.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return await ShowAsync(id, cancellationToken);
    }

    private Task<string?> OwnUnitAsync(Actor actor, int id, CancellationToken cancellationToken) => appeals.OwnUnitAsync(actor, id, cancellationToken);

    private async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var period = await periods.GetAsync(id, cancellationToken);
        if (!period.Succeeded)
        {
            return Failure(period);
        }

        OwnUnit = await OwnUnitAsync(actor, id, cancellationToken);
        var list = await appeals.ListAsync(actor, id, OwnUnit, cancellationToken);
        if (!list.Succeeded)
        {
            return Failure(list);
        }

        Period = period.Value;
        List = list.Value!;
        Window = await appeals.WindowAsync(id, cancellationToken);
        CanDecide = AppealService.CanDecide(actor);
        if (CanFile)
        {
            var framework = await catalog.GetAsync(Period!.FrameworkCode, cancellationToken);
            Groups = framework.Value!.MainIndices
                .Select(m => (m, (IReadOnlyList<FrameworkNode>)framework.Value.Leaves.Where(l => l.Inputs.Count > 0 && l.MainIndex == m).ToArray()))
                .Where(g => g.Item2.Count > 0)
                .ToArray();
        }

        MaxEvidenceBytes = evidence.MaxBytes;
        return Page();
    }
}
