using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Resources;
using System.Text;
using OpenDti.Core.Text;

namespace OpenDti.Exchange.Documents;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as HTML laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I asks,
/// on A4 paper (portrait, a wide table on landscape pages of its own). The same markup and stylesheet
/// serve the print page and the PDF: <see cref="Html"/> is a whole file with the stylesheet inline and no
/// script (what chromium prints), <see cref="Article"/> the document alone for a page that links
/// <see cref="Stylesheet"/>. Every text is encoded; nothing of the document can become markup.
/// </summary>
public static class OfficialDocumentWriter
{
    private static readonly ResourceManager Text = new("OpenDti.Exchange.Documents.DocumentText", typeof(OfficialDocumentWriter).Assembly);

    /// <summary>
    /// The stylesheet: Times New Roman or the metric-compatible Liberation Serif (Debian's fonts-liberation),
    /// then Noto Serif; 13 pt text, margins of Phụ lục I (top and bottom 20 mm, left 30 mm, right 15 mm),
    /// headers repeated on every page, no row split across pages, long texts wrapped rather than cut.
    /// </summary>
    public const string Stylesheet = """
        @page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
        @page wide { size: A4 landscape; margin: 20mm 15mm 20mm 20mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; color: #000; background: #fff; font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.3; }
        .document { box-sizing: border-box; }
        .document p { margin: 0 0 6pt; text-align: justify; text-indent: 1cm; }
        .heading, .closing { width: 100%; border-collapse: collapse; table-layout: fixed; }
        .heading td, .closing td { vertical-align: top; padding: 0; border: 0; }
        .heading .issuer { width: 42%; text-align: center; }
        .heading .nation { width: 58%; text-align: center; }
        .heading .authority { font-size: 12pt; text-transform: uppercase; }
        .heading .body, .heading .republic { font-size: 12pt; font-weight: bold; text-transform: uppercase; }
        .heading .motto { font-size: 13pt; font-weight: bold; }
        .heading .rule { width: 35%; margin: 2pt auto 6pt; border-top: 0.6pt solid #000; }
        .heading .nation .rule { width: 55%; }
        .heading .number { font-size: 13pt; }
        .heading .dated { font-style: italic; font-size: 13pt; }
        .title { text-align: center; margin: 18pt 0 12pt; }
        .document .title p { text-align: center; text-indent: 0; }
        .title .kind { font-size: 14pt; font-weight: bold; margin: 0; text-transform: uppercase; }
        .title .subject { font-size: 14pt; font-weight: bold; margin: 2pt 0 0; }
        .title .rule { width: 25%; margin: 4pt auto 0; border-top: 0.6pt solid #000; }
        .document h2 { font-size: 13pt; font-weight: bold; margin: 12pt 0 6pt; text-transform: uppercase; break-after: avoid; }
        .table { width: 100%; border-collapse: collapse; font-size: 11pt; margin: 0 0 8pt; table-layout: fixed; }
        .table th, .table td { border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; word-break: normal; hyphens: auto; }
        .table th { text-align: center; font-weight: bold; }
        .table thead { display: table-header-group; }
        .table tr { break-inside: avoid; page-break-inside: avoid; }
        .table .num { text-align: right; }
        .table .strong { font-weight: bold; }
        .table ul { margin: 2pt 0 0; padding-left: 12pt; }
        .wide-part { page: wide; break-before: page; }
        .wide-part .table { font-size: 9pt; }
        .wide-part + * { break-before: page; }
        .closing { margin-top: 18pt; break-inside: avoid; }
        .closing .recipients { width: 50%; font-size: 11pt; }
        .closing .recipients .label { font-size: 12pt; font-weight: bold; font-style: italic; }
        .closing .signature { width: 50%; text-align: center; font-weight: bold; }
        .closing .signature .space { height: 26mm; }
        @media screen {
          body { background: #e8e8e8; padding: 12px 0; }
          .document { background: #fff; width: 210mm; max-width: 100%; margin: 0 auto; padding: 20mm 15mm 20mm 30mm; box-shadow: 0 0 4px #999; }
          .wide-part { overflow-x: auto; }
        }
        """;

    /// <summary>The whole document as one HTML file: the stylesheet inline, no script, nothing loaded from elsewhere.</summary>
    public static string Html(OfficialDocument document, Language language)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language == Language.English ? "en" : "vi").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")

            // Nothing but the inline stylesheet may load or run, whatever a text of the document says.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>")
            .Append(Encode(document.Kind)).Append(" - ").Append(Encode(document.Subject)).Append("</title>\n<style>\n")
            .Append(Stylesheet).Append("\n</style>\n</head>\n<body>\n");
        WriteArticle(html, document, language);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The document alone (an <c>&lt;article class="document"&gt;</c>), for a page that links <see cref="Stylesheet"/>.</summary>
    public static string Article(OfficialDocument document, Language language)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder(64 * 1024);
        WriteArticle(html, document, language);
        return html.ToString();
    }

    /// <summary>
    /// The date line as Phụ lục I writes it: "Tỉnh Mẫu, ngày 06 tháng 12 năm 2026" — days below 10 and the
    /// months January and February with a leading zero; without a place, dots for the clerk to fill in.
    /// </summary>
    public static string DateLine(string place, DateOnly date, Language language)
    {
        var day = date.Day.ToString(date.Day < 10 ? "00" : "0", CultureInfo.InvariantCulture);
        var month = date.Month.ToString(date.Month < 3 ? "00" : "0", CultureInfo.InvariantCulture);
        var where = string.IsNullOrWhiteSpace(place) ? "……" : place.Trim();
        return Format(language, "DocumentDated", where, day, month, date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The number line: "Số:      /BC-STTTT", the number left blank for the clerk who registers the document.</summary>
    public static string NumberLine(string prefix, Language language) =>
        Format(language, "DocumentNumber", string.IsNullOrWhiteSpace(prefix) ? "………" : "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/" + prefix.Trim());

    private static void WriteArticle(StringBuilder html, OfficialDocument document, Language language)
    {
        var heading = document.Heading;
        html.Append("<article class=\"document\">\n");

        // The heading: issuer left, the nation right, each with its rule below (Phụ lục I, ô 1–4).
        html.Append("<table class=\"heading\" role=\"presentation\"><tr>\n<td class=\"issuer\">");
        if (!string.IsNullOrWhiteSpace(heading.IssuingAuthority))
        {
            html.Append("<div class=\"authority\">").Append(Lines(heading.IssuingAuthority)).Append("</div>");
        }

        html.Append("<div class=\"body\">").Append(string.IsNullOrWhiteSpace(heading.IssuingBody) ? "&nbsp;" : Lines(heading.IssuingBody)).Append("</div>")
            .Append("<div class=\"rule\"></div>")
            .Append("<div class=\"number\">").Append(Encode(NumberLine(heading.NumberPrefix, language))).Append("</div></td>\n")
            .Append("<td class=\"nation\"><div class=\"republic\">").Append(Encode(Format(language, "DocumentRepublic"))).Append("</div>")
            .Append("<div class=\"motto\">").Append(Encode(Format(language, "DocumentMotto"))).Append("</div>")
            .Append("<div class=\"rule\"></div>")
            .Append("<div class=\"dated\">").Append(Encode(DateLine(heading.Place, heading.Date, language))).Append("</div></td>\n</tr></table>\n");

        html.Append("<div class=\"title\"><p class=\"kind\">").Append(Encode(document.Kind)).Append("</p><p class=\"subject\">")
            .Append(Encode(document.Subject)).Append("</p><div class=\"rule\"></div></div>\n");

        var inWide = false;
        for (var i = 0; i < document.Body.Count; i++)
        {
            var block = document.Body[i];

            // A wide table goes on landscape pages with the heading just before it.
            var wide = block is DocumentTable { Wide: true }
                || (block is DocumentSection && i + 1 < document.Body.Count && document.Body[i + 1] is DocumentTable { Wide: true });
            if (wide != inWide)
            {
                html.Append(wide ? "<section class=\"wide-part\">\n" : "</section>\n");
                inWide = wide;
            }

            switch (block)
            {
                case DocumentSection section:
                    html.Append("<h2>").Append(Encode(section.Text)).Append("</h2>\n");
                    break;
                case DocumentParagraph paragraph:
                    html.Append("<p>").Append(Encode(paragraph.Text)).Append("</p>\n");
                    break;
                case DocumentTable table:
                    WriteTable(html, table);
                    break;
            }
        }

        if (inWide)
        {
            html.Append("</section>\n");
        }

        html.Append("<table class=\"closing\" role=\"presentation\"><tr>\n<td class=\"recipients\"><div class=\"label\">")
            .Append(Encode(Format(language, "DocumentRecipients"))).Append("</div>");
        for (var i = 0; i < document.Recipients.Count; i++)
        {
            html.Append("<div>- ").Append(Encode(document.Recipients[i])).Append(i == document.Recipients.Count - 1 ? "." : ";").Append("</div>");
        }

        html.Append("</td>\n<td class=\"signature\"><div class=\"title-line\">").Append(Lines(document.Signature.Title)).Append("</div>")
            .Append("<div class=\"space\"></div><div class=\"name\">").Append(Encode(document.Signature.Name)).Append("</div></td>\n</tr></table>\n</article>\n");
    }

    private static void WriteTable(StringBuilder html, DocumentTable table)
    {
        html.Append("<table class=\"table\">");
        if (table.Widths is { Count: > 0 } widths)
        {
            html.Append("<colgroup>");
            foreach (var width in widths)
            {
                html.Append("<col style=\"width:").Append(width.ToString(CultureInfo.InvariantCulture)).Append("%\">");
            }

            html.Append("</colgroup>");
        }

        html.Append("\n<thead>\n");
        foreach (var row in table.Head)
        {
            WriteRow(html, row, "th");
        }

        html.Append("</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            WriteRow(html, row, "td");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteRow(StringBuilder html, IReadOnlyList<DocumentCell> row, string element)
    {
        html.Append("<tr>");
        foreach (var cell in row)
        {
            html.Append('<').Append(element);
            if (element == "th")
            {
                html.Append(" scope=\"col\"");
            }

            if (cell.ColumnSpan > 1)
            {
                html.Append(" colspan=\"").Append(cell.ColumnSpan.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            if (cell.RowSpan > 1)
            {
                html.Append(" rowspan=\"").Append(cell.RowSpan.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            var classes = (cell.Number ? "num " : string.Empty) + (cell.Strong ? "strong" : string.Empty);
            if (classes.Length > 0)
            {
                html.Append(" class=\"").Append(classes.Trim()).Append('"');
            }

            html.Append('>').Append(Encode(cell.Text));
            if (cell.Lines is { Count: > 0 } lines)
            {
                html.Append("<ul>");
                foreach (var line in lines)
                {
                    html.Append("<li>").Append(Encode(line)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</").Append(element).Append('>');
        }

        html.Append("</tr>\n");
    }

    private static string Lines(string text) =>
        string.Join("<br>", text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(Encode));

    /// <summary>Encodes markup characters only: Vietnamese letters stay letters (WebUtility would write &amp;#192; for À).</summary>
    private static string Encode(string text) => Encoder.Encode(text);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The document text <paramref name="key"/> in <paramref name="language"/>, with <paramref name="args"/> put in.</summary>
    public static string Format(Language language, string key, params object?[] args)
    {
        var culture = language.ResourceCulture();
        var template = Text.GetString(key, culture) ?? throw new InvalidOperationException($"No document text '{key}'.");
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }
}
