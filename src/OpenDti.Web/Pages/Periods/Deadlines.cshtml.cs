using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A period's deadlines (hạn nộp): the units that have not submitted with the days left, and per unit
/// the indicators still missing a value or evidence. A unit user sees their own unit.
/// </summary>
public sealed class DeadlinesModel(CurrentActor current, DeadlineService deadlines, TableService tables) : ResultsPage
{
    /// <summary>What the page shows, once loaded and allowed.</summary>
    public PeriodDeadlines? Deadlines { get; private set; }

    /// <summary>Whether the reader may open the period's results page (province staff and viewers).</summary>
    public bool SeesPeriod { get; private set; }

    /// <summary>Loads the deadlines of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await deadlines.GetAsync(actor, id, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Deadlines = outcome.Value;
        SeesPeriod = actor.UnitId is null;
        return Page();
    }

    /// <summary>The deadlines as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/periods/{id}/deadlines?format=</c>.</summary>
    public async Task<IActionResult> OnGetTableAsync(int id, string? format, CancellationToken cancellationToken)
    {
        if (PageTables.Format(format) is not { } file)
        {
            return PageTables.UnknownFormat(HttpContext);
        }

        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var table = await tables.DeadlinesAsync(actor, id, Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : Failure(table);
    }
}
