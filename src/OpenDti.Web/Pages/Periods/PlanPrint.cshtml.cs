using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Plans;
using OpenDti.Web.Documents;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A member's plan laid out as a seed's table (<c>?layout=001|002|004</c>, <c>?unit=</c> when the period has
/// several members), to print or as PDF; for whoever may read the plan (docs/plans.md, "The seeds' tables").
/// </summary>
public sealed class PlanPrintModel(CurrentActor current, PlanExchangeService exchange, PdfRenderer renderer) : DocumentPage(renderer)
{
    /// <summary>The member whose plan it is, as the query names it.</summary>
    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    /// <summary>The layout, as the query names it.</summary>
    [FromQuery(Name = "layout")]
    public string? LayoutName { get; set; }

    /// <inheritdoc />
    public override string PdfHref => QueryString.Create(
        new[] { ("unit", Unit), ("layout", LayoutName), ("handler", (string?)"Pdf") }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))).Value!;

    /// <summary>The plan of period <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        BackHref = $"/ky-danh-gia/{id}/ke-hoach" + (string.IsNullOrWhiteSpace(Unit) ? string.Empty : "?unit=" + Uri.EscapeDataString(Unit));
        return Show(await exchange.DocumentAsync(actor, id, Unit, LayoutName, Language, cancellationToken));
    }

    /// <summary>The plan of period <paramref name="id"/> as the seed's table in Excel (what <c>GET /api/periods/{id}/plan.xlsx</c> gives), through the page's sign-in.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        var outcome = await exchange.ExportAsync(actor, id, Unit, LayoutName, Language, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Response.Headers.ContentDisposition = Api.WorkbookEndpoints.ContentDisposition(outcome.Value!);
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(outcome.Value!.Content, Application.Reporting.WorkbookFile.ContentType);
    }

    /// <summary>The plan of period <paramref name="id"/> as PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        return await PdfAsync(await exchange.DocumentAsync(actor, id, Unit, LayoutName, Language, cancellationToken), Api.PlanExchangeEndpoints.PdfStem(id, Unit, LayoutName), cancellationToken);
    }
}
