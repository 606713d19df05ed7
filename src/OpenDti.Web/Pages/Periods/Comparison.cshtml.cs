using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Review;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// Self-assessed against reviewed points (tự đánh giá và kết quả thẩm định): each unit's totals and the
/// indicators units over-claim most. Province staff and viewers see every unit; a unit's users their own.
/// </summary>
public sealed class ComparisonModel(CurrentActor current, ReviewComparisonService comparisons, TableService tables) : ResultsPage
{
    /// <summary>What the page shows, once loaded and allowed.</summary>
    public PeriodComparison? Comparison { get; private set; }

    /// <summary>Loads the period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await comparisons.ComparisonAsync(actor, id, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Comparison = outcome.Value;
        return Page();
    }

    /// <summary>The comparison as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/periods/{id}/comparison?format=</c>.</summary>
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

        var table = await tables.ComparisonAsync(actor, id, Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : Failure(table);
    }
}
