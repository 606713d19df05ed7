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
        var first = true;
        var headerLine = 1;
        var rows = 0;
        foreach (var (line, record, error) in Records(reader))
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
    /// A reader over the bytes of a file that must be UTF-8 (with or without a byte-order mark), or null with the
    /// error <see cref="Decode"/> gives: the bytes are checked first, then read line by line, never copied
    /// whole into a string (a province's 30.000 units of values are over 100 MB).
    /// </summary>
    public static TextReader? Open(byte[] bytes, string? fileName, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            _ = Decode(bytes, fileName, diagnostics);
            return null;
        }

        return new StreamReader(new MemoryStream(bytes, writable: false), new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
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

    /// <summary>
    /// Every record with the line it starts on; a record with an unclosed quote ends the file with an error.
    /// Read line by line, so a large file is never held whole; the delimiter is the first record's.
    /// </summary>
    private static IEnumerable<(int Line, string[] Record, string? Error)> Records(TextReader reader)
    {
        var line = 0;
        char? delimiter = null;
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            // Blank lines and comments between records are skipped.
            if (text.AsSpan().Trim().Length == 0 || text.AsSpan().TrimStart().StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            delimiter ??= DetectDelimiter(text);
            var start = line;
            cells.Clear();
            cell.Clear();
            var quoted = false;
            while (true)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (quoted)
                    {
                        if (c != '"')
                        {
                            cell.Append(c);
                        }
                        else if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
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
                    else
                    {
                        cell.Append(c);
                    }
                }

                if (!quoted)
                {
                    break;
                }

                // A line break inside quotes belongs to the cell.
                if (reader.ReadLine() is not { } next)
                {
                    yield return (start, [], "dấu nháy \" chưa được đóng / unclosed quote");
                    yield break;
                }

                line++;
                cell.Append('\n');
                text = next;
            }

            cells.Add(cell.ToString().Trim());
            yield return (start, cells.ToArray(), null);
        }
    }

    /// <summary>The delimiter of a table whose first record is <paramref name="header"/>.</summary>
    private static char DetectDelimiter(string header)
    {
        if (header.Contains('\t', StringComparison.Ordinal))
        {
            return '\t';
        }

        return header.Contains(';', StringComparison.Ordinal) && !header.Contains(',', StringComparison.Ordinal) ? ';' : ',';
    }

    /// <summary>A cell for writing: quoted when it holds a delimiter, a quote or a line break.</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
