using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Exchange.Values;

/// <summary>
/// Reads reference measures from a CSV file with the header <c>indicator,label,measure</c>: values
/// from outside the cohort (e.g. the national best) that join a cohort rule's min and max. A measure
/// is written like a value (<c>91,85%</c> or <c>0.9185</c>).
/// </summary>
public static class ReferenceCsvReader
{
    /// <summary>The header.</summary>
    public static IReadOnlyList<string> Header { get; } = ["indicator", "label", "measure"];

    /// <summary>Reads the reference measures in the bytes of a file, which must be UTF-8, for <paramref name="framework"/>.</summary>
    public static ReferenceReadResult Read(byte[] content, Framework framework, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        return CsvTable.Decode(content, fileName, diagnostics) is { } text
            ? Read(new StringReader(text), framework, fileName)
            : new ReferenceReadResult([], diagnostics.Items);
    }

    /// <summary>Reads the reference measures for <paramref name="framework"/>.</summary>
    public static ReferenceReadResult Read(TextReader reader, Framework framework, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(framework);
        var diagnostics = new DiagnosticBag();
        var references = new List<ReferenceMeasure>();
        var cohortLeaves = framework.Leaves.Where(l => l.Rule!.Formula.CohortCalls.Count > 0).Select(l => l.Code.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, cells) in CsvTable.Rows(reader, [.. Header], fileName, diagnostics))
        {
            var (indicator, label, text) = (cells[0], cells[1], cells[2]);
            var location = new SourceLocation(fileName, line, NodeCode: indicator);
            if (framework.FindNode(indicator) is null)
            {
                diagnostics.Error(DiagnosticCodes.CsvUnknownIndicator, location, indicator, framework.Code);
                continue;
            }

            if (!cohortLeaves.Contains(indicator))
            {
                diagnostics.Error(DiagnosticCodes.CsvReferenceNotCohort, location, indicator);
                continue;
            }

            var read = NumberReader.Read(text);
            if (!read.Succeeded)
            {
                diagnostics.Add(read.ToDiagnostic(location with { Field = "measure" }));
                continue;
            }

            references.Add(new ReferenceMeasure(indicator, label.Length > 0 ? label : indicator, read.Percent ? read.Value / 100m : read.Value));
        }

        return new ReferenceReadResult(diagnostics.HasErrors ? [] : references, diagnostics.Items);
    }
}

/// <summary>The outcome of reading a reference file.</summary>
/// <param name="References">The measures; empty when there was any error.</param>
/// <param name="Diagnostics">Every problem, each with its line.</param>
public sealed record ReferenceReadResult(IReadOnlyList<ReferenceMeasure> References, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the file was read without error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
