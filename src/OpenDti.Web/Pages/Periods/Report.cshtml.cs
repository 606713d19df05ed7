using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Documents;
using OpenDti.Web.Documents;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>A period's results report in the official layout, to print or as PDF; for whoever may read the period's results.</summary>
public sealed class ReportModel(CurrentActor current, DocumentService documents, PdfRenderer renderer) : DocumentPage(renderer)
{
    /// <summary>The report of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        BackHref = $"/ky-danh-gia/{id}";
        return Show(await documents.PeriodReportAsync(actor, id, Language, cancellationToken));
    }

    /// <summary>The report of period <paramref name="id"/> as PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        return await PdfAsync(await documents.PeriodReportAsync(actor, id, Language, cancellationToken), $"bao-cao-ket-qua-ky-{id}", cancellationToken);
    }
}
