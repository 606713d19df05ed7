using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Data.Periods;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A period's publications (công bố): number, when, who and why, and for evaluators and administrators
/// the form that publishes the results, the first time or as a correction with its reason.
/// </summary>
public sealed class PublicationsModel(CurrentActor current, PublicationService publications, PeriodService periods) : ResultsPage
{
    /// <summary>The period, once loaded and allowed.</summary>
    public PeriodSummary? Period { get; private set; }

    /// <summary>Every publication, first first.</summary>
    public IReadOnlyList<PublicationSummary> List { get; private set; } = [];

    /// <summary>Whether the reader may publish (evaluators and administrators, a period past preparation).</summary>
    public bool CanPublish { get; private set; }

    /// <summary>Why publishing failed, in the reader's language.</summary>
    public string? Error { get; private set; }

    /// <summary>Each problem of a refused publication (the units still in review).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Why a correction is published.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The number the next publication gets.</summary>
    public int NextNumber => List.Count + 1;

    /// <summary>Shows the publications of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await ShowAsync(id, cancellationToken);

    /// <summary>Publishes the results of period <paramref name="id"/>; shows the new publication.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await publications.PublishAsync(actor, id, Reason, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"/ky-danh-gia/{id}/cong-bo/{outcome.Value!.Number}");
        }

        if (outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.NotFound)
        {
            return Failure(outcome);
        }

        Error = outcome.Message?.ToString(Language);
        Problems = outcome.Problems.Select(p => p.Message.ToString(Language)).ToArray();
        Response.StatusCode = ApiStatus(outcome.Status);
        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var list = await publications.ListAsync(actor, id, cancellationToken);
        if (!list.Succeeded)
        {
            return Failure(list);
        }

        List = list.Value!;
        Period = (await periods.GetAsync(id, cancellationToken)).Value;
        CanPublish = actor.IsProvinceStaff && Period!.Status != PeriodStatus.Draft;
        return Page();
    }

    /// <summary>A refused publication is answered 400 (a missing reason) or 409 (the period or units not ready).</summary>
    private static int ApiStatus(OutcomeStatus status) =>
        status == OutcomeStatus.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
}
