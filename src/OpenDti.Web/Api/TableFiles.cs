using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using OpenDti.Application;
using OpenDti.Exchange.Tables;

namespace OpenDti.Web.Api;

/// <summary>A table's file format, as <c>?format=</c> names it.</summary>
public enum TableFormat
{
    /// <summary>The route's JSON (no <c>format</c>, or <c>format=json</c>).</summary>
    Json,

    /// <summary>An Excel workbook.</summary>
    Xlsx,

    /// <summary>CSV, UTF-8 with a byte-order mark.</summary>
    Csv,
}

/// <summary>
/// Hands a <see cref="Table"/> out as a file, for the API's <c>?format=xlsx|csv</c> and the pages' download
/// buttons alike: the bytes, the media type, and a Content-Disposition with the Vietnamese file name
/// (<c>filename*</c>) and an ASCII one for older clients (<c>filename</c>).
/// </summary>
internal static class TableFiles
{
    /// <summary>The format <paramref name="text"/> names (any case; absent is JSON), or null when it names none.</summary>
    public static TableFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => TableFormat.Json,
        "xlsx" => TableFormat.Xlsx,
        "csv" => TableFormat.Csv,
        _ => null,
    };

    /// <summary>
    /// Answers a GET route that can also give its table as a file: 400 for an unknown format, the route's
    /// JSON from <paramref name="json"/>, or the table from <paramref name="table"/> as a file (its failure
    /// as the JSON's would be: 403, 404, 400).
    /// </summary>
    public static async Task<IResult> RespondAsync(string? format, HttpContext http, Func<Task<IResult>> json, Func<Task<Outcome<Table>>> table) =>
        Parse(format) switch
        {
            null => ApiResults.Problem(StatusCodes.Status400BadRequest, "TableFormatUnknown", http),
            TableFormat.Json => await json(),
            { } file => From(await table(), file, http),
        };

    /// <summary>The outcome as a file, or its failure as problem details.</summary>
    public static IResult From(Outcome<Table> outcome, TableFormat format, HttpContext http)
    {
        if (!outcome.Succeeded)
        {
            return ApiResults.From(outcome, http, t => t);
        }

        var (bytes, contentType) = Write(outcome.Value!, format, http.Response);
        return Results.Bytes(bytes, contentType);
    }

    /// <summary>Writes <paramref name="table"/> in <paramref name="format"/> and sets <paramref name="response"/>'s Content-Disposition.</summary>
    public static (byte[] Bytes, string ContentType) Write(Table table, TableFormat format, HttpResponse response)
    {
        var (bytes, contentType, extension) = format == TableFormat.Csv
            ? (TableCsvWriter.ToBytes(table), TableCsvWriter.ContentType, ".csv")
            : (TableXlsxWriter.ToBytes(table), TableXlsxWriter.ContentType, ".xlsx");
        response.Headers.ContentDisposition = ContentDisposition(table.FileName, extension);
        return (bytes, contentType);
    }

    /// <summary>An attachment named <paramref name="name"/> + <paramref name="extension"/>, with an ASCII fallback.</summary>
    public static string ContentDisposition(string name, string extension)
    {
        var header = new ContentDispositionHeaderValue("attachment")
        {
            FileName = "\"" + Ascii(name) + extension + "\"",
            FileNameStar = FileName(name) + extension,
        };
        return header.ToString();
    }

    /// <summary><paramref name="name"/> without what a file name cannot hold (\ / : * ? " &lt; &gt; | and control characters).</summary>
    public static string FileName(string name)
    {
        var clean = new string(name.Select(c => char.IsControl(c) || "\\/:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '-' : c).ToArray()).Trim(' ', '.', '-');
        return clean.Length == 0 ? "bang" : clean;
    }

    /// <summary><paramref name="name"/> in ASCII: Vietnamese letters without their marks (đ as d), anything else but letters and digits as '-'.</summary>
    public static string Ascii(string name)
    {
        var decomposed = name.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            ascii.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-');
        }

        var collapsed = string.Join('-', ascii.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries)).Trim('.');
        return collapsed.Length == 0 ? "bang" : collapsed;
    }
}
