using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application.Periods;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages;

/// <summary>The home page: who is signed in and the periods.</summary>
public sealed class IndexModel(CurrentActor current, PeriodService periods) : PageModel
{
    /// <summary>The signed-in user's name.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>The periods.</summary>
    public IReadOnlyList<PeriodSummary> Periods { get; private set; } = [];

    /// <summary>Loads the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        UserName = (await current.GetAsync())?.UserName ?? string.Empty;
        Periods = await periods.ListAsync(cancellationToken);
    }
}
