using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Documents;
using OpenDti.Web.Documents;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A unit's scorecard in the official layout, to print or as PDF; for whoever may read the scorecard
/// (the unit comes from the address, and the server decides from the account whether it may be read).
/// </summary>
public sealed class ScorecardReportModel(CurrentActor current, DocumentService documents, PdfRenderer renderer) : DocumentPage(renderer)
{
    /// <summary>The scorecard of <paramref name="unitCode"/> in period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string unitCode, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        BackHref = $"/ky-danh-gia/{id}/don-vi/{Uri.EscapeDataString(unitCode)}";
        return Show(await documents.ScorecardAsync(actor, id, unitCode, Language, cancellationToken));
    }

    /// <summary>The scorecard of <paramref name="unitCode"/> in period <paramref name="id"/> as PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, string unitCode, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        return await PdfAsync(await documents.ScorecardAsync(actor, id, unitCode, Language, cancellationToken), $"phieu-diem-{unitCode}-ky-{id}", cancellationToken);
    }
}
