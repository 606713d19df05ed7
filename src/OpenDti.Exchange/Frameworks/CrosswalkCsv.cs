using System.Globalization;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Exchange.Values;

namespace OpenDti.Exchange.Frameworks;

/// <summary>
/// A crosswalk between two editions of a framework as CSV (docs/frameworks.md, "Crosswalks"): the header
/// <c>from,to,kind,from_name,to_name</c>, a line per link; <c>from</c> empty for a new node, <c>to</c> empty for a dropped
/// one; the names are written for the person who confirms it and not read back.
/// </summary>
public static class CrosswalkCsv
{
    /// <summary>The header.</summary>
    public static IReadOnlyList<string> Header { get; } = ["from", "to", "kind", "from_name", "to_name"];

    /// <summary>Writes <paramref name="crosswalk"/> with the names of both editions' nodes.</summary>
    public static void Write(TextWriter writer, Crosswalk crosswalk, Framework from, Framework to)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(crosswalk);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {from.Code} → {to.Code}"));
        writer.WriteLine(string.Join(",", Header));
        foreach (var link in crosswalk.Links)
        {
            writer.WriteLine(string.Join(",", new[]
            {
                link.From ?? string.Empty,
                link.To ?? string.Empty,
                Crosswalk.KindName(link.Kind),
                link.From is null ? string.Empty : from.FindNode(link.From)?.Name ?? string.Empty,
                link.To is null ? string.Empty : to.FindNode(link.To)?.Name ?? string.Empty,
            }.Select(CsvTable.Escape)));
        }
    }

    /// <summary>Reads and checks a crosswalk from <paramref name="from"/> to <paramref name="to"/> in the bytes of a UTF-8 file.</summary>
    public static (Crosswalk? Crosswalk, IReadOnlyList<Diagnostic> Diagnostics) Read(byte[] content, Framework from, Framework to, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        if (CsvTable.Open(content, fileName, diagnostics) is not { } reader)
        {
            return (null, diagnostics.Items);
        }

        using (reader)
        {
            return Read(reader, from, to, fileName);
        }
    }

    /// <summary>Reads and checks a crosswalk from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static (Crosswalk? Crosswalk, IReadOnlyList<Diagnostic> Diagnostics) Read(TextReader reader, Framework from, Framework to, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var diagnostics = new DiagnosticBag();
        var links = new List<CrosswalkLink>();
        foreach (var (line, cells) in CsvTable.Rows(reader, [.. Header], fileName, diagnostics))
        {
            if (Crosswalk.KindOf(cells[2]) is not { } kind)
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkKind, new SourceLocation(fileName, line, Field: "kind"), Excerpt.Of(cells[2]));
                continue;
            }

            links.Add(new CrosswalkLink(cells[0].Length == 0 ? null : cells[0], cells[1].Length == 0 ? null : cells[1], kind, line));
        }

        if (diagnostics.HasErrors)
        {
            return (null, diagnostics.Items);
        }

        var (crosswalk, problems) = Crosswalk.Check(from, to, links, fileName);
        diagnostics.AddRange(problems);
        return (crosswalk, diagnostics.Items);
    }
}
