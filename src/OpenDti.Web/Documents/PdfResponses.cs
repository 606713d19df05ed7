using OpenDti.Core.Text;
using OpenDti.Web.Api;

namespace OpenDti.Web.Documents;

/// <summary>What the API and the pages answer for a PDF: the file, or 503 saying why (never 500).</summary>
internal static class PdfResponses
{
    /// <summary>The resource key of the message for <paramref name="failure"/>.</summary>
    public static string MessageKey(PdfFailure failure) => failure switch
    {
        PdfFailure.Busy => "PdfBusy",
        PdfFailure.Missing => "PdfUnavailable",
        PdfFailure.Timeout => "PdfTimeout",
        _ => "PdfFailed",
    };

    /// <summary>The file named <paramref name="fileName"/>, or a 503 problem; a busy answer carries Retry-After.</summary>
    public static IResult From(PdfResult result, string fileName, PdfRenderer renderer, HttpContext http)
    {
        if (result.Pdf is { } pdf)
        {
            return Results.File(pdf, "application/pdf", fileName);
        }

        if (result.Failure == PdfFailure.Busy)
        {
            http.Response.Headers.RetryAfter = renderer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, MessageKey(result.Failure), http);
    }

    /// <summary>A file name of letters, digits and hyphens only: "phieu-diem-SO-A-ky-3.pdf".</summary>
    public static string FileName(string stem) =>
        new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray()) + ".pdf";

    /// <summary>The message for <paramref name="failure"/> in <paramref name="language"/>.</summary>
    public static string Message(PdfFailure failure, Language language) =>
        Resources.WebText.ResourceManager.GetString(MessageKey(failure), language.ResourceCulture()) ?? MessageKey(failure);
}
