using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Data.Periods;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A period's publications (công bố): number, when, who and why, and for evaluators and administrators
/// the form that publishes the results, the first time or as a correction with its reason. Publishing
/// takes two steps: the preview lists first the units whose review is not completed and what they will
/// get (published as "không gửi hồ sơ"), then the ranking to be published; only its confirmation publishes.
/// </summary>
public sealed class PublicationsModel(
    CurrentActor current, PublicationService publications, PeriodService periods, Application.Integration.PublicResultService publicResults, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache) : ResultsPage
{
    /// <summary>Whether the published results are on the public page (<c>/cong-khai</c>).</summary>
    public bool IsPublic { get; private set; }

    /// <summary>Puts the published results of period <paramref name="id"/> on the public page (<paramref name="makePublic"/>) or takes them off; audited.</summary>
    public async Task<IActionResult> OnPostPublicAsync(int id, bool makePublic, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await publicResults.SetPublicAsync(actor, id, makePublic, cancellationToken);
        if (outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.NotFound)
        {
            return Failure(outcome);
        }

        if (!outcome.Succeeded)
        {
            Refuse(outcome);
            return await ShowAsync(id, cancellationToken);
        }

        await cache.EvictByTagAsync(Startup.PublicAccessSetup.Tag, cancellationToken);
        return Redirect($"/ky-danh-gia/{id}/cong-bo");
    }

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

    /// <summary>The confirmation of the preview the reader saw.</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    /// <summary>What publishing now would publish, once asked for.</summary>
    public PublicationPreview? Preview { get; private set; }

    /// <summary>With the preview: what is missing before publishing (units not finalised, indicators not reviewed, evidence flags).</summary>
    public Application.Checks.PublicationChecks? Gaps { get; private set; }

    /// <summary>The number the next publication gets.</summary>
    public int NextNumber => List.Count + 1;

    /// <summary>Shows the publications of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await ShowAsync(id, cancellationToken);

    /// <summary>Shows what publishing the results of period <paramref name="id"/> now would publish, with the button that confirms it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await publications.PreviewAsync(actor, id, cancellationToken);
        if (outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.NotFound)
        {
            return Failure(outcome);
        }

        if (!outcome.Succeeded)
        {
            Refuse(outcome);
        }

        Preview = outcome.Value;
        await LoadGapsAsync(actor, id, cancellationToken);
        return await ShowAsync(id, cancellationToken);
    }

    /// <summary>Publishes the results of period <paramref name="id"/> as previewed and confirmed; shows the new publication.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await publications.PublishAsync(actor, id, Reason, Confirmation, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"/ky-danh-gia/{id}/cong-bo/{outcome.Value!.Number}");
        }

        if (outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.NotFound)
        {
            return Failure(outcome);
        }

        Refuse(outcome);

        // Not confirmed, or no longer what was previewed: show what would be published now, to confirm again.
        if (outcome.Problems.Any(p => p.Code == "APP-PUBLISH-CONFIRM"))
        {
            Preview = (await publications.PreviewAsync(actor, id, cancellationToken)).Value;
            await LoadGapsAsync(actor, id, cancellationToken);
        }

        return await ShowAsync(id, cancellationToken);
    }

    /// <summary>What is missing before publishing, listed above the confirmation (docs/review.md, "Before publishing").</summary>
    private async Task LoadGapsAsync(Application.Access.Actor actor, int id, CancellationToken cancellationToken)
    {
        if (Preview is not null)
        {
            Gaps = (await HttpContext.RequestServices.GetRequiredService<Application.Checks.CheckService>().PublicationAsync(actor, id, cancellationToken)).Value;
        }
    }

    private void Refuse<T>(Outcome<T> outcome)
    {
        Error = outcome.Message?.ToString(Language);
        Problems = outcome.Problems.Where(p => p.Code != "APP-PUBLISH-CONFIRM").Select(p => p.Message.ToString(Language)).ToArray();
        Response.StatusCode = ApiStatus(outcome.Status);
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
        IsPublic = await publicResults.IsPublicAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>A refused publication is answered 400 (a missing reason) or 409 (the period or units not ready).</summary>
    private static int ApiStatus(OutcomeStatus status) =>
        status == OutcomeStatus.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
}
