using Microsoft.AspNetCore.Mvc;
using OpenDti.Exchange.Tables;
using OpenDti.Web.Api;

namespace OpenDti.Web.Pages;

/// <summary>
/// The pages' download buttons (<c>?handler=Table&amp;format=xlsx|csv</c>, see <c>Shared/_TableDownloads</c>):
/// the same files as the API's <c>?format=</c>, through the cookie the page is opened with.
/// </summary>
internal static class PageTables
{
    /// <summary>The file format a page's button asks for: xlsx when none is named; null when it names none we write.</summary>
    public static TableFormat? Format(string? format) =>
        TableFiles.Parse(string.IsNullOrWhiteSpace(format) ? "xlsx" : format) is { } parsed && parsed != TableFormat.Json ? parsed : null;

    /// <summary>400 with a sentence saying which formats there are.</summary>
    public static IActionResult UnknownFormat(HttpContext http) => new ContentResult
    {
        StatusCode = StatusCodes.Status400BadRequest,
        Content = PageText.Get(http, "TableDownloadFormatUnknown"),
        ContentType = "text/plain; charset=utf-8",
    };

    /// <summary><paramref name="table"/> as a file to download.</summary>
    public static IActionResult File(HttpResponse response, Table table, TableFormat format)
    {
        var (bytes, contentType) = TableFiles.Write(table, format, response);
        return new FileContentResult(bytes, contentType);
    }
}
