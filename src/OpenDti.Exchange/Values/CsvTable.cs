using Microsoft.VisualBasic.FileIO;
using OpenDti.Core.Diagnostics;

namespace OpenDti.Exchange.Values;

/// <summary>
/// Reads a small CSV table with a fixed header, using the BCL's <see cref="TextFieldParser"/> (quoted
/// fields, embedded delimiters). The delimiter is detected from the header (<c>,</c>, <c>;</c> or tab:
/// spreadsheets set to Vietnamese write <c>;</c>); lines starting with <c>#</c> are comments; cells are
/// trimmed. Each row comes with its line number.
/// </summary>
internal static class CsvTable
{
    public static IEnumerable<(int Line, string[] Cells)> Rows(TextReader reader, string[] header, string? fileName, DiagnosticBag diagnostics)
    {
        var text = reader.ReadToEnd().TrimStart('\uFEFF');
        var delimiter = DetectDelimiter(text);
        using var parser = new TextFieldParser(new StringReader(text))
        {
            TextFieldType = FieldType.Delimited,
            Delimiters = [delimiter],
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = true,
            CommentTokens = ["#"],
        };

        var first = true;
        while (true)
        {
            var line = (int)parser.LineNumber;
            string[]? record;
            try
            {
                record = parser.ReadFields();
            }
            catch (MalformedLineException exception)
            {
                diagnostics.Error(DiagnosticCodes.CsvSyntax, new SourceLocation(fileName, (int)exception.LineNumber), exception.Message);
                yield break;
            }

            if (record is null)
            {
                break;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (first)
            {
                first = false;
                var actual = string.Join(",", record.Select(c => c.Trim().ToLowerInvariant()));
                var expected = string.Join(",", header);
                if (actual != expected)
                {
                    diagnostics.Error(DiagnosticCodes.CsvHeader, new SourceLocation(fileName, line), expected, string.Join(",", record));
                    yield break;
                }

                continue;
            }

            if (record.Length != header.Length)
            {
                diagnostics.Error(DiagnosticCodes.CsvColumnCount, new SourceLocation(fileName, line), record.Length, header.Length);
                continue;
            }

            yield return (line, record.Select(c => c.Trim()).ToArray());
        }

        if (first)
        {
            diagnostics.Error(DiagnosticCodes.CsvEmpty, new SourceLocation(fileName, 1));
        }
    }

    private static string DetectDelimiter(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.Contains('\t', StringComparison.Ordinal))
            {
                return "\t";
            }

            return trimmed.Contains(';', StringComparison.Ordinal) && !trimmed.Contains(',', StringComparison.Ordinal) ? ";" : ",";
        }

        return ",";
    }

    /// <summary>A cell for writing: quoted when it holds a delimiter, a quote or a line break.</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
