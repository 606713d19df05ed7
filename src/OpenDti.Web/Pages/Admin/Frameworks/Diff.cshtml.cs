using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;

namespace OpenDti.Web.Pages.Admin.Frameworks;

/// <summary>The differences between two frameworks, as <c>opendti framework diff</c> lists them.</summary>
public sealed class DiffModel(FrameworkCatalog catalog) : AdminPage
{
    /// <summary>The older framework (<c>?truoc=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "truoc")]
    public string? Before { get; set; }

    /// <summary>The newer framework (<c>?sau=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "sau")]
    public string? After { get; set; }

    /// <summary>Every stored framework, for the choice.</summary>
    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    /// <summary>The differences, once both are chosen.</summary>
    public IReadOnlyList<FrameworkChange>? Changes { get; private set; }

    /// <summary>Compares the two frameworks chosen.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Frameworks = await catalog.ListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(Before) && !string.IsNullOrWhiteSpace(After))
        {
            var outcome = await catalog.CompareAsync(Before.Trim(), After.Trim(), cancellationToken);
            if (Refused(outcome, "diff") is { } refused)
            {
                return refused;
            }

            Changes = outcome.Value;
        }

        return Page();
    }
}
