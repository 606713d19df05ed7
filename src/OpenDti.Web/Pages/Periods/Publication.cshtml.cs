using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>A publication's ranking, exactly as published, whatever changed since.</summary>
public sealed class PublicationModel(CurrentActor current, PublicationService publications) : ResultsPage
{
    /// <summary>The publication and its frozen results, once loaded and allowed.</summary>
    public PublishedResults? Published { get; private set; }

    /// <summary>The number of the period's latest publication.</summary>
    public int LatestNumber { get; private set; }

    /// <summary>Loads publication <paramref name="number"/> of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, int number, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await publications.GetAsync(actor, id, number, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Published = outcome.Value;
        LatestNumber = (await publications.LatestSummaryAsync(id, cancellationToken))?.Number ?? number;
        return Page();
    }
}
