using System.Globalization;
using System.Text;
using OpenDti.Exchange.Values;

namespace OpenDti.Exchange.Tables;

/// <summary>
/// Writes a <see cref="Table"/> as CSV in the command line's conventions (docs/exchange.md): UTF-8 with a
/// byte-order mark (so that Excel reads Vietnamese letters), comma-separated, RFC 4180 quoting, lines ended
/// by CRLF; the title and subtitle first as <c>#</c> comment lines (which OpenDti's CSV readers skip), then
/// the header row, then one line per row. Numbers are written for machines: a dot, no grouping, the
/// column's places; a percentage as its share (0.8534); days as <c>yyyy-MM-dd</c>, moments as
/// <c>yyyy-MM-dd HH:mm</c> (Vietnam's time). A text that a spreadsheet would read as a formula (it starts
/// with = + - @, a tab or a carriage return) is written after a single quote.
/// </summary>
public static class TableCsvWriter
{
    /// <summary>The file's media type.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, Table table)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(table);
        table.Validate();
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine("# " + OneLine(table.Title));
        writer.WriteLine("# " + OneLine(table.Subtitle));
        writer.WriteLine(string.Join(",", table.Columns.Select(c => Escape(Guard(c.Header)))));
        var cells = new string[table.Columns.Count];
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = Escape(Cell(table.Columns[c], row[c]));
            }

            writer.WriteLine(string.Join(",", cells));
        }
    }

    /// <summary>The table as the bytes of a CSV file.</summary>
    public static byte[] ToBytes(Table table)
    {
        using var stream = new MemoryStream();
        Write(stream, table);
        return stream.ToArray();
    }

    /// <summary>A cell's text.</summary>
    private static string Cell(TableColumn column, object? value) => value switch
    {
        null => string.Empty,
        string text => Guard(text),
        int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        decimal number => Round(number, column.Kind == ColumnKind.Percent ? column.Decimals + 2 : column.Decimals).ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static decimal Round(decimal number, int places) => Math.Round(number, places, MidpointRounding.AwayFromZero);

    /// <summary>A text no spreadsheet reads as a formula: one that looks like one gets a leading single quote.</summary>
    internal static string Guard(string text) => Table.LooksLikeFormula(text) ? "'" + text : text;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Escape(string value) => CsvTable.Escape(value);
}
