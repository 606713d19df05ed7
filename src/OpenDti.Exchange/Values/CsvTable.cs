using OpenDti.Core.Diagnostics;

namespace OpenDti.Exchange.Values;

/// <summary>
/// Reads a small CSV table with a fixed header (RFC 4180: quoted fields, doubled quotes, line breaks
/// inside quotes). The delimiter is detected from the header (<c>,</c>, <c>;</c> or tab: spreadsheets set
/// to Vietnamese write <c>;</c>); blank lines and lines starting with <c>#</c> are skipped; cells are
/// trimmed. Each record comes with the line it starts on.
/// </summary>
/// <remarks>
/// A reader of its own because every reported problem must name its line: the BCL's
/// TextFieldParser reports the line of a skipped comment instead, and CsvHelper 34 (the version the
/// package mirror serves) is an undocumented rewrite. The format is small and fully tested.
/// </remarks>
internal static class CsvTable
{
    public static IEnumerable<(int Line, string[] Cells)> Rows(TextReader reader, string[] header, string? fileName, DiagnosticBag diagnostics)
    {
        var text = reader.ReadToEnd().TrimStart('\uFEFF');
        var delimiter = DetectDelimiter(text);
        var first = true;
        var headerLine = 1;
        var rows = 0;
        foreach (var (line, record, error) in Records(text, delimiter))
        {
            if (error is not null)
            {
                diagnostics.Error(DiagnosticCodes.CsvSyntax, new SourceLocation(fileName, line), error);
                yield break;
            }

            if (first)
            {
                first = false;
                headerLine = line;
                var actual = string.Join(",", record.Select(c => c.ToLowerInvariant()));
                var expected = string.Join(",", header);
                if (actual != expected)
                {
                    diagnostics.Error(DiagnosticCodes.CsvHeader, new SourceLocation(fileName, line), expected, string.Join(",", record));
                    yield break;
                }

                continue;
            }

            rows++;
            if (record.Length != header.Length)
            {
                diagnostics.Error(DiagnosticCodes.CsvColumnCount, new SourceLocation(fileName, line), record.Length, header.Length);
                continue;
            }

            yield return (line, record);
        }

        if (first || rows == 0)
        {
            diagnostics.Error(DiagnosticCodes.CsvEmpty, new SourceLocation(fileName, first ? 1 : headerLine));
        }
    }

    /// <summary>
    /// The text of a file that must be UTF-8 (with or without a byte-order mark), or null with an error
    /// naming the line and column of the first byte that is not: characters are never silently replaced.
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string? fileName, DiagnosticBag diagnostics)
    {
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = bytes[..read];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = System.Text.Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        var bad = read < bytes.Length ? bytes[read] : bytes[^1];
        diagnostics.Error(
            DiagnosticCodes.CsvInvalidUtf8,
            new SourceLocation(fileName, line, column),
            bad.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
            column);
        return null;
    }

    /// <summary>Every record with the line it starts on; a record with an unclosed quote ends the file with an error.</summary>
    private static IEnumerable<(int Line, string[] Record, string? Error)> Records(string text, char delimiter)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            // Skip blank lines and comments between records.
            var lineEnd = text.IndexOf('\n', position);
            var rawLine = (lineEnd < 0 ? text[position..] : text[position..lineEnd]).TrimEnd('\r');
            if (rawLine.Trim().Length == 0 || rawLine.TrimStart().StartsWith('#'))
            {
                position = lineEnd < 0 ? text.Length : lineEnd + 1;
                line++;
                continue;
            }

            var start = line;
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            var quoted = false;
            var done = false;
            while (!done)
            {
                if (position >= text.Length)
                {
                    if (quoted)
                    {
                        yield return (start, [], "dấu nháy \" chưa được đóng / unclosed quote");
                        yield break;
                    }

                    done = true;
                    continue;
                }

                var c = text[position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            cell.Append('"');
                            position++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == delimiter)
                {
                    cells.Add(cell.ToString().Trim());
                    cell.Clear();
                }
                else if (c == '\n')
                {
                    line++;
                    done = true;
                }
                else if (c != '\r')
                {
                    cell.Append(c);
                }
            }

            cells.Add(cell.ToString().Trim());
            yield return (start, cells.ToArray(), null);
        }
    }

    private static char DetectDelimiter(string text)
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
                return '\t';
            }

            return trimmed.Contains(';', StringComparison.Ordinal) && !trimmed.Contains(',', StringComparison.Ordinal) ? ';' : ',';
        }

        return ',';
    }

    /// <summary>A cell for writing: quoted when it holds a delimiter, a quote or a line break.</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
