using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Improvement;
using OpenDti.Exchange.Improvement;
using OpenDti.Web.Api;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// Gap analysis (điểm chưa đạt, docs/improvement.md): with <c>?unit=</c>, a unit's indicators by points lost with the
/// measure achieved, the cause (written in place by the unit's reporters and leaders and by evaluators), the owner
/// and last year's points; without, the indicators where the period's units lose most, for those who read the
/// ranking. Both as Excel; the drafted improvement plan as Word for evaluators.
/// </summary>
public sealed class GapsModel(CurrentActor current, GapService gaps, ImprovementPlanService files) : ResultsPage
{
    private const string NoticeKey = "GapsNotice";

    /// <summary>The unit asked for (<c>?unit=</c>); none: the period's view.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>The unit's gaps, when a unit was asked for and may be read.</summary>
    public UnitGaps? UnitGaps { get; private set; }

    /// <summary>The period's gaps, when no unit was asked for and the ranking may be read.</summary>
    public PeriodGaps? PeriodGaps { get; private set; }

    /// <summary>Whether the reader may draft the improvement plan (evaluators).</summary>
    public bool CanDraftPlan { get; private set; }

    /// <summary>What the last change did (shown once, after the redirect that follows it).</summary>
    public string? Notice { get; private set; }

    /// <summary>The cause form's fields.</summary>
    [BindProperty]
    public CauseForm Cause { get; set; } = new();

    /// <summary>Why the last cause sent was refused, and for which indicator.</summary>
    public (string Indicator, string Message)? Refusal { get; private set; }

    /// <summary>Loads the unit's or the period's gaps.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Notice = TempData[NoticeKey] as string;
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    /// <summary>The gaps shown as Excel.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var table = string.IsNullOrWhiteSpace(Unit)
            ? await files.PeriodTableAsync(actor, id, Language, cancellationToken)
            : await files.UnitTableAsync(actor, id, Unit, Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, TableFormat.Xlsx) : Failure(table);
    }

    /// <summary>The drafted improvement plan of the unit as Word.</summary>
    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var document = await files.DocumentAsync(actor, id, Unit, Language, cancellationToken);
        return document.Succeeded
            ? File(document.Value!.Content, ImprovementPlanDocx.ContentType, document.Value.FileName)
            : Failure(document);
    }

    /// <summary>Writes the cause of one indicator.</summary>
    public async Task<IActionResult> OnPostCauseAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await gaps.SaveCauseAsync(actor, id, Unit ?? string.Empty, Cause.Indicator ?? string.Empty, Cause.Text, Cause.Version ?? -1, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData[NoticeKey] = PageText.Get(HttpContext, outcome.Value!.Text is null ? "GapsCauseCleared" : "GapsCauseSaved", outcome.Value.Indicator);
            return LocalRedirect($"/ky-danh-gia/{id}/diem-chua-dat?unit={Uri.EscapeDataString(Unit ?? string.Empty)}#gap-{Uri.EscapeDataString(outcome.Value.Indicator)}");
        }

        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not null)
        {
            return loaded;
        }

        Response.StatusCode = outcome.Status switch
        {
            OutcomeStatus.Conflict => StatusCodes.Status409Conflict,
            OutcomeStatus.Forbidden => StatusCodes.Status403Forbidden,
            OutcomeStatus.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        var messages = outcome.Problems.Count > 0 ? outcome.Problems.Select(p => p.Message.ToString(Language)) : [outcome.Message?.ToString(Language) ?? string.Empty];
        Refusal = (Cause.Indicator ?? string.Empty, string.Join("; ", messages));
        return Page();
    }

    /// <summary>The text shown in a row's cause field: what was typed when it was refused, otherwise what is kept.</summary>
    public string? CauseText(GapItem item) =>
        Refusal is { } refused && refused.Indicator == item.Indicator ? Cause.Text : item.Cause?.Text;

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        CanDraftPlan = actor.IsIn(Data.Identity.Roles.Evaluator);
        if (string.IsNullOrWhiteSpace(Unit))
        {
            var period = await gaps.PeriodAsync(actor, id, cancellationToken);
            if (!period.Succeeded)
            {
                return Failure(period);
            }

            PeriodGaps = period.Value;
            return null;
        }

        var unit = await gaps.UnitAsync(actor, id, Unit, Language, cancellationToken);
        if (!unit.Succeeded)
        {
            return Failure(unit);
        }

        UnitGaps = unit.Value;
        return null;
    }

    /// <summary>A cause as the form sends it.</summary>
    public sealed class CauseForm
    {
        /// <summary>The indicator's code.</summary>
        public string? Indicator { get; set; }

        /// <summary>The cause; empty clears it.</summary>
        public string? Text { get; set; }

        /// <summary>The version read.</summary>
        public int? Version { get; set; }
    }
}
