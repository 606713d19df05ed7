using OpenDti.Core.Diagnostics;

namespace OpenDti.Exchange.Values;

/// <summary>A row of a values file as written, before any framework reads it.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Unit">The unit's code.</param>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Value">The value as written; empty: not reported (removes a stored value).</param>
public sealed record ValueRow(int Line, string Unit, string Indicator, string Input, string Value);

/// <summary>The rows of a values file, or what is wrong with it.</summary>
/// <param name="Rows">The rows, in file order; empty when there is an error.</param>
/// <param name="Diagnostics">The problems, each with its line.</param>
public sealed record ValueRowsReadResult(IReadOnlyList<ValueRow> Rows, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the file was read without error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads the rows of a values file with the command line's columns (<c>unit,indicator,input,value</c>;
/// UTF-8; <c>,</c> or <c>;</c>), without checking them against a framework: the API checks each unit's
/// rows against its period's framework and its account's rights (<see cref="ValuesCsvReader"/> reads the
/// same file for offline scoring). A file that is not UTF-8, a wrong header, a syntax error, an empty
/// unit or no row at all is reported with its line, and no row is returned.
/// </summary>
public static class ValueRowsCsvReader
{
    /// <summary>Reads <paramref name="content"/>.</summary>
    public static ValueRowsReadResult Read(byte[] content, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        if (CsvTable.Decode(content, fileName, diagnostics) is not { } text)
        {
            return new ValueRowsReadResult([], diagnostics.Items);
        }

        var rows = new List<ValueRow>();
        foreach (var (line, cells) in CsvTable.Rows(new StringReader(text), [.. ValuesCsvReader.Header], fileName, diagnostics))
        {
            if (cells[0].Length == 0)
            {
                diagnostics.Error(DiagnosticCodes.CsvEmptyUnit, new SourceLocation(fileName, line));
                continue;
            }

            rows.Add(new ValueRow(line, cells[0], cells[1], cells[2], cells[3]));
        }

        return diagnostics.HasErrors ? new ValueRowsReadResult([], diagnostics.Items) : new ValueRowsReadResult(rows, diagnostics.Items);
    }
}
