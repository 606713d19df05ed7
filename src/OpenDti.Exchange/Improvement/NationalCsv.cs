using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Values;

namespace OpenDti.Exchange.Improvement;

/// <summary>A row of a national DTI table as written: a province's total, rank and each main index's points and rank.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Province">The province's name.</param>
/// <param name="Own">The "own" cell (có/không/x/1/0/yes/no/true/false, empty: no).</param>
/// <param name="Total">The total points, as written.</param>
/// <param name="Rank">The rank, as written (empty: not published).</param>
/// <param name="Source">Where it was published.</param>
/// <param name="MainIndices">Each main index's code, points and rank as written, in the header's order.</param>
public sealed record NationalCsvRow(
    int Line, string Province, string Own, string Total, string Rank, string Source, IReadOnlyList<(string Code, string Points, string Rank)> MainIndices);

/// <summary>The rows of a national table, or what is wrong with its shape.</summary>
/// <param name="Rows">The rows; empty when there is an error.</param>
/// <param name="Diagnostics">The problems, each with its line.</param>
public sealed record NationalCsvReadResult(IReadOnlyList<NationalCsvRow> Rows, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the file was read without error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The national DTI table as a CSV file (UTF-8, <c>,</c> or <c>;</c>), one province a row, with the header
/// <c>province,own,total,rank,source</c> followed by each main index's code and <c>rank_</c> + code
/// (<c>1,rank_1,2,rank_2,…</c>): the points and rank per main index the ministry publishes. The cells are
/// returned as written; what they mean is checked by the application, with the line of each problem.
/// </summary>
public static class NationalCsv
{
    /// <summary>The header for a framework whose main indices have the codes <paramref name="mainIndices"/>.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> mainIndices)
    {
        ArgumentNullException.ThrowIfNull(mainIndices);
        return ["province", "own", "total", "rank", "source", .. mainIndices.SelectMany(code => new[] { code, "rank_" + code })];
    }

    /// <summary>Reads <paramref name="content"/> for main indices <paramref name="mainIndices"/>.</summary>
    public static NationalCsvReadResult Read(byte[] content, IReadOnlyList<string> mainIndices, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        if (CsvTable.Decode(content, fileName, diagnostics) is not { } text)
        {
            return new NationalCsvReadResult([], diagnostics.Items);
        }

        var header = Header(mainIndices);
        var rows = new List<NationalCsvRow>();
        foreach (var (line, cells) in CsvTable.Rows(new StringReader(text), [.. header], fileName, diagnostics))
        {
            var indices = mainIndices.Select((code, i) => (code, cells[5 + (2 * i)], cells[6 + (2 * i)])).ToArray();
            rows.Add(new NationalCsvRow(line, cells[0], cells[1], cells[2], cells[3], cells[4], indices));
        }

        return diagnostics.HasErrors ? new NationalCsvReadResult([], diagnostics.Items) : new NationalCsvReadResult(rows, diagnostics.Items);
    }

    /// <summary>Writes a table in the same shape, so that what is exported is read back unchanged.</summary>
    public static string Write(IReadOnlyList<string> mainIndices, IEnumerable<NationalCsvRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new System.Text.StringBuilder();
        text.Append(string.Join(",", Header(mainIndices))).Append('\n');
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Province, row.Own, row.Total, row.Rank, row.Source };
            foreach (var code in mainIndices)
            {
                var index = row.MainIndices.FirstOrDefault(m => m.Code == code);
                cells.Add(index.Points ?? string.Empty);
                cells.Add(index.Rank ?? string.Empty);
            }

            text.Append(string.Join(",", cells.Select(CsvTable.Escape))).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>A row of a reference file (<c>indicator,label,measure</c>) as written, with its line.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Label">Where the measure comes from.</param>
/// <param name="Measure">The measure, as written.</param>
public sealed record ReferenceCsvRow(int Line, string Indicator, string Label, string Measure);

/// <summary>
/// The rows of the command line's reference file (<see cref="ReferenceCsvReader"/>, the same header and syntax)
/// before a framework reads them, so that the application checks them against a period's framework and says
/// each problem with its line and indicator.
/// </summary>
public static class ReferenceCsvRows
{
    /// <summary>Reads <paramref name="content"/>; every problem of shape has its line, and then no row is returned.</summary>
    public static (IReadOnlyList<ReferenceCsvRow> Rows, IReadOnlyList<Diagnostic> Diagnostics) Read(byte[] content, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        if (CsvTable.Decode(content, fileName, diagnostics) is not { } text)
        {
            return ([], diagnostics.Items);
        }

        var rows = new List<ReferenceCsvRow>();
        foreach (var (line, cells) in CsvTable.Rows(new StringReader(text), [.. ReferenceCsvReader.Header], fileName, diagnostics))
        {
            rows.Add(new ReferenceCsvRow(line, cells[0], cells[1], cells[2]));
        }

        return diagnostics.HasErrors ? ([], diagnostics.Items) : (rows, diagnostics.Items);
    }
}
