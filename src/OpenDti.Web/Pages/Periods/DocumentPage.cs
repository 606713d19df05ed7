using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Exchange.Documents;
using OpenDti.Web.Documents;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// A document in the official layout as a page to print (the document alone, with its stylesheet and a
/// toolbar that printing hides) and, with <c>?handler=Pdf</c>, as the PDF the API gives: the same
/// markup from <see cref="OfficialDocumentWriter"/>. Signed in with the page cookie.
/// </summary>
public abstract class DocumentPage(PdfRenderer renderer) : ResultsPage
{
    /// <summary>The document, once loaded and allowed.</summary>
    public OfficialDocument? Document { get; private set; }

    /// <summary>Where "back" goes: the page the document was opened from.</summary>
    public string BackHref { get; protected set; } = "/";

    /// <summary>Where "Tải PDF" goes: this page's PDF handler (a page whose query says more keeps it).</summary>
    public virtual string PdfHref => "?handler=Pdf";

    /// <summary>The document as markup, for the page.</summary>
    public string Article => OfficialDocumentWriter.Article(Document!, Language);

    /// <summary>The page for <paramref name="outcome"/>: the document, or why not with 403 or 404.</summary>
    protected IActionResult Show(Outcome<OfficialDocument> outcome)
    {
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        Document = outcome.Value;
        return Page();
    }

    /// <summary>The PDF of <paramref name="outcome"/>'s document, named <paramref name="stem"/>.pdf; 503 with the reason in words when chromium cannot make it.</summary>
    protected async Task<IActionResult> PdfAsync(Outcome<OfficialDocument> outcome, string stem, CancellationToken cancellationToken)
    {
        if (!outcome.Succeeded)
        {
            return Failure(outcome);
        }

        var result = await renderer.RenderAsync(OfficialDocumentWriter.Html(outcome.Value!, Language), cancellationToken);
        if (result.Pdf is { } pdf)
        {
            return File(pdf, "application/pdf", PdfResponses.FileName(stem));
        }

        if (result.Failure == PdfFailure.Busy)
        {
            Response.Headers.RetryAfter = renderer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ContentResult
        {
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ContentType = "text/plain; charset=utf-8",
            Content = PdfResponses.Message(result.Failure, Language),
        };
    }
}
