using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Values;

namespace OpenDti.Exchange.Plans;

/// <summary>A row of last year's results as written, before any period reads it.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Unit">The unit's code.</param>
/// <param name="Indicator">The node's code.</param>
/// <param name="Points">The points as written ("8,5").</param>
/// <param name="Measure">The measure as written ("62,5%", "Có"); empty when not given.</param>
public sealed record BaselineCsvRow(int Line, string Unit, string Indicator, string Points, string Measure);

/// <summary>The rows of a baseline file, or what is wrong with it.</summary>
/// <param name="Rows">The rows in file order; empty when there is an error.</param>
/// <param name="Diagnostics">The problems, each with its line.</param>
public sealed record BaselineCsvResult(IReadOnlyList<BaselineCsvRow> Rows, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the file was read without error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads last year's results for a province's first year on OpenDti (docs/plans.md): a CSV with the header
/// <c>unit,indicator,points,measure</c> (UTF-8; <c>,</c>, <c>;</c> or tab; the measure may be empty), as
/// pasted or uploaded on the plan page or sent to <c>PUT /api/periods/{id}/baseline</c> as
/// <c>text/csv</c>. Only the file's shape is checked here: a file that is not UTF-8, a wrong header, a
/// syntax error, a row with another number of cells or no row at all is reported with its line and no row
/// is returned. Units, nodes and points are checked against the period by the plan's use case, which
/// names the same lines.
/// </summary>
public static class BaselineCsv
{
    /// <summary>The header, in order.</summary>
    public static IReadOnlyList<string> Header { get; } = ["unit", "indicator", "points", "measure"];

    /// <summary>Reads <paramref name="content"/> (the bytes of a file or of pasted text).</summary>
    public static BaselineCsvResult Read(byte[] content, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        if (CsvTable.Decode(content, fileName, diagnostics) is not { } text)
        {
            return new BaselineCsvResult([], diagnostics.Items);
        }

        return Read(text, fileName, diagnostics);
    }

    /// <summary>Reads <paramref name="text"/> (pasted into a form).</summary>
    public static BaselineCsvResult Read(string text, string? fileName = null) => Read(text, fileName, new DiagnosticBag());

    private static BaselineCsvResult Read(string text, string? fileName, DiagnosticBag diagnostics)
    {
        var rows = new List<BaselineCsvRow>();
        foreach (var (line, cells) in CsvTable.Rows(new StringReader(text), [.. Header], fileName, diagnostics))
        {
            rows.Add(new BaselineCsvRow(line, cells[0], cells[1], cells[2], cells[3]));
        }

        return diagnostics.HasErrors ? new BaselineCsvResult([], diagnostics.Items) : new BaselineCsvResult(rows, diagnostics.Items);
    }
}
