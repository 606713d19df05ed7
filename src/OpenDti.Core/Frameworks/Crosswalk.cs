using System.Globalization;
using System.Text;
using OpenDti.Core.Diagnostics;

namespace OpenDti.Core.Frameworks;

/// <summary>How a node of a newer edition of a framework continues a node of an older one.</summary>
public enum Continuation
{
    /// <summary>The same node: same code, same name.</summary>
    Same,

    /// <summary>The same node under another name or code.</summary>
    Renamed,

    /// <summary>Several older nodes became this one.</summary>
    Merged,

    /// <summary>One older node became several.</summary>
    Split,

    /// <summary>A node with no predecessor.</summary>
    New,

    /// <summary>An older node with no successor.</summary>
    Dropped,
}

/// <summary>One line of a crosswalk: node <paramref name="From"/> of the older edition continues as <paramref name="To"/>.</summary>
/// <param name="From">The older node's code; null for <see cref="Continuation.New"/>.</param>
/// <param name="To">The newer node's code; null for <see cref="Continuation.Dropped"/>.</param>
/// <param name="Kind">How it continues.</param>
/// <param name="Line">The line of the file it was read from, if any.</param>
public sealed record CrosswalkLink(string? From, string? To, Continuation Kind, int Line = 0);

/// <summary>
/// Which node of one edition of a framework continues which node of another (issue 17, docs/frameworks.md
/// "Crosswalks"): what trends, year-over-year change, plan baselines and gap analysis follow when a code changes.
/// Every node of both editions is accounted for: linked, new or dropped.
/// </summary>
public sealed class Crosswalk
{
    private readonly ILookup<string, string> _sources;
    private readonly ILookup<string, string> _targets;

    private Crosswalk(string fromFramework, string toFramework, IReadOnlyList<CrosswalkLink> links)
    {
        FromFramework = fromFramework;
        ToFramework = toFramework;
        Links = links;
        var linked = links.Where(l => l.From is not null && l.To is not null).ToArray();
        _sources = linked.ToLookup(l => l.To!, l => l.From!, StringComparer.Ordinal);
        _targets = linked.ToLookup(l => l.From!, l => l.To!, StringComparer.Ordinal);
    }

    /// <summary>The older edition's code.</summary>
    public string FromFramework { get; }

    /// <summary>The newer edition's code.</summary>
    public string ToFramework { get; }

    /// <summary>Every line, as given.</summary>
    public IReadOnlyList<CrosswalkLink> Links { get; }

    /// <summary>The older nodes that newer node <paramref name="toCode"/> continues (none when it is new).</summary>
    public IReadOnlyList<string> Sources(string toCode) => [.. _sources[toCode]];

    /// <summary>The newer nodes that older node <paramref name="fromCode"/> continues as (none when it was dropped).</summary>
    public IReadOnlyList<string> Targets(string fromCode) => [.. _targets[fromCode]];

    /// <summary>
    /// The crosswalk <paramref name="links"/> describe from <paramref name="from"/> to <paramref name="to"/>, or null with
    /// every problem located by line and code: unknown codes, a kind whose sides do not fit it (a merge of one node, a
    /// rename of two), a node linked and also new or dropped, a line given twice, and nodes not accounted for.
    /// </summary>
    public static (Crosswalk? Crosswalk, IReadOnlyList<Diagnostic> Diagnostics) Check(
        Framework from, Framework to, IReadOnlyList<CrosswalkLink> links, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(links);
        var diagnostics = new DiagnosticBag();
        SourceLocation At(CrosswalkLink link, string? code) => new(fileName, link.Line == 0 ? null : link.Line, NodeCode: code is null ? null : Text.Excerpt.Of(code));
        var seen = new HashSet<(string?, string?)>();
        var good = new List<CrosswalkLink>();
        foreach (var link in links)
        {
            var needsFrom = link.Kind != Continuation.New;
            var needsTo = link.Kind != Continuation.Dropped;
            if ((link.From is not null) != needsFrom || (link.To is not null) != needsTo)
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkSides, At(link, link.To ?? link.From), KindName(link.Kind));
                continue;
            }

            if (link.From is not null && from.FindNode(link.From) is null)
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkUnknownNode, At(link, link.From), Text.Excerpt.Of(link.From), from.Code);
                continue;
            }

            if (link.To is not null && to.FindNode(link.To) is null)
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkUnknownNode, At(link, link.To), Text.Excerpt.Of(link.To), to.Code);
                continue;
            }

            if (!seen.Add((link.From, link.To)))
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkDuplicate, At(link, link.To ?? link.From));
                continue;
            }

            good.Add(link);
        }

        // Each side of each node: how many lines name it, and of which kinds.
        var byFrom = good.Where(l => l.From is not null).ToLookup(l => l.From!, StringComparer.Ordinal);
        var byTo = good.Where(l => l.To is not null).ToLookup(l => l.To!, StringComparer.Ordinal);
        foreach (var link in good)
        {
            var fromCount = link.From is null ? 0 : byFrom[link.From].Count();
            var toCount = link.To is null ? 0 : byTo[link.To].Count();
            var fits = link.Kind switch
            {
                Continuation.Same or Continuation.Renamed => fromCount == 1 && toCount == 1,
                Continuation.Merged => fromCount == 1 && toCount >= 2 && byTo[link.To!].All(l => l.Kind == Continuation.Merged),
                Continuation.Split => toCount == 1 && fromCount >= 2 && byFrom[link.From!].All(l => l.Kind == Continuation.Split),
                Continuation.New => toCount == 1,
                _ => fromCount == 1,
            };
            if (link.Kind == Continuation.Same && fits && from.FindNode(link.From!)!.Name.Trim() != to.FindNode(link.To!)!.Name.Trim())
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkNotSame, At(link, link.To), Text.Excerpt.Of(link.From!), Text.Excerpt.Of(link.To!));
                continue;
            }

            if (!fits)
            {
                diagnostics.Error(DiagnosticCodes.CrosswalkKindDoesNotFit, At(link, link.To ?? link.From), KindName(link.Kind), fromCount, toCount);
            }
        }

        foreach (var node in from.Nodes.Where(n => !byFrom.Contains(n.Code.Value)))
        {
            diagnostics.Error(DiagnosticCodes.CrosswalkNotAccountedFor, new SourceLocation(fileName, NodeCode: node.Code.Value), from.Code);
        }

        foreach (var node in to.Nodes.Where(n => !byTo.Contains(n.Code.Value)))
        {
            diagnostics.Error(DiagnosticCodes.CrosswalkNotAccountedFor, new SourceLocation(fileName, NodeCode: node.Code.Value), to.Code);
        }

        return diagnostics.HasErrors
            ? (null, diagnostics.Items)
            : (new Crosswalk(from.Code, to.Code, good), diagnostics.Items);
    }

    /// <summary>
    /// A crosswalk proposed from names and rules, for an administrator to confirm: the same code and name is the same
    /// node; a node whose name (or rule) is close to one older node's is a rename, whatever its code; a newer node whose
    /// name takes in the words of several older ones left over is their merge, and an older node whose words several
    /// newer ones share is split; what is left is new or dropped.
    /// </summary>
    public static Crosswalk Propose(Framework from, Framework to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var links = new List<CrosswalkLink>();
        var olderLeft = from.Nodes.ToList();
        var newerLeft = to.Nodes.ToList();

        // The same code and name: the same node.
        foreach (var newer in to.Nodes)
        {
            if (from.FindNode(newer.Code.Value) is { } same && same.IsLeaf == newer.IsLeaf && same.Name.Trim() == newer.Name.Trim())
            {
                links.Add(new CrosswalkLink(same.Code.Value, newer.Code.Value, Continuation.Same));
                olderLeft.Remove(same);
                newerLeft.Remove(newer);
            }
        }

        // The same name under another code: the same node renumbered.
        foreach (var newer in newerLeft.ToArray())
        {
            if (olderLeft.FirstOrDefault(o => o.IsLeaf == newer.IsLeaf && o.Name.Trim() == newer.Name.Trim()) is { } renumbered)
            {
                links.Add(new CrosswalkLink(renumbered.Code.Value, newer.Code.Value, Continuation.Renamed));
                olderLeft.Remove(renumbered);
                newerLeft.Remove(newer);
            }
        }

        // Merges first: a newer node whose name takes in the words of several older nodes, each closer to it than to
        // any other newer node, is their merge; splits the other way round.
        FrameworkNode? Closest(FrameworkNode node, IEnumerable<FrameworkNode> among) =>
            among.Where(n => n.IsLeaf == node.IsLeaf).OrderByDescending(n => Similarity(node, n)).ThenBy(n => n.Index).FirstOrDefault();
        foreach (var newer in newerLeft.ToArray())
        {
            var parts = olderLeft.Where(o => o.IsLeaf == newer.IsLeaf && Words(o.Name).Count >= MeaningfulWords && Containment(o.Name, newer.Name) >= 0.8 && Closest(o, newerLeft) == newer).ToArray();
            if (parts.Length >= 2 && CoveredBetterTogether(newer, parts))
            {
                links.AddRange(parts.Select(o => new CrosswalkLink(o.Code.Value, newer.Code.Value, Continuation.Merged)));
                olderLeft.RemoveAll(parts.Contains);
                newerLeft.Remove(newer);
            }
        }

        foreach (var older in from.Nodes.Where(olderLeft.Contains))
        {
            var parts = newerLeft.Where(n => n.IsLeaf == older.IsLeaf && Words(n.Name).Count >= MeaningfulWords && Containment(n.Name, older.Name) >= 0.8 && Closest(n, olderLeft) == older).ToArray();
            if (parts.Length >= 2 && CoveredBetterTogether(older, parts))
            {
                links.AddRange(parts.Select(n => new CrosswalkLink(older.Code.Value, n.Code.Value, Continuation.Split)));
                newerLeft.RemoveAll(parts.Contains);
                olderLeft.Remove(older);
            }
        }

        // The closest pairs first, a node keeping its code counting a little: the same code and name is the same
        // node; otherwise a pair close enough is a rename, whatever the codes.
        var pairs = newerLeft
            .SelectMany(n => olderLeft.Where(o => o.IsLeaf == n.IsLeaf).Select(o =>
            {
                var sameCode = o.Code.Value == n.Code.Value;
                return (Older: o, Newer: n, SameCode: sameCode, Score: Similarity(o, n) + (sameCode ? 0.15 : 0));
            }))
            .Where(p => p.Score >= (p.SameCode ? 0.65 : 0.6))
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Newer.Index)
            .ThenBy(p => p.Older.Index)
            .ToArray();
        foreach (var (older, newer, sameCode, _) in pairs)
        {
            if (olderLeft.Contains(older) && newerLeft.Contains(newer))
            {
                var same = sameCode && older.Name.Trim() == newer.Name.Trim();
                links.Add(new CrosswalkLink(older.Code.Value, newer.Code.Value, same ? Continuation.Same : Continuation.Renamed));
                olderLeft.Remove(older);
                newerLeft.Remove(newer);
            }
        }

        links.AddRange(olderLeft.Select(o => new CrosswalkLink(o.Code.Value, null, Continuation.Dropped)));
        links.AddRange(newerLeft.Select(n => new CrosswalkLink(null, n.Code.Value, Continuation.New)));
        var order = to.Nodes.Select((n, i) => (n.Code.Value, i)).ToDictionary(x => x.Value, x => x.i, StringComparer.Ordinal);
        var olderOrder = from.Nodes.Select((n, i) => (n.Code.Value, i)).ToDictionary(x => x.Value, x => x.i, StringComparer.Ordinal);
        return new Crosswalk(
            from.Code,
            to.Code,
            [.. links
                .OrderBy(l => l.To is null ? int.MaxValue : order[l.To])
                .ThenBy(l => l.From is null ? -1 : olderOrder[l.From])]);
    }

    /// <summary>A name shorter than this ("App di động", "Cổng DVC") is found inside too many others to prove a merge or a split.</summary>
    private const int MeaningfulWords = 5;

    /// <summary>The kind's name in files: same, renamed, merged, split, new, dropped.</summary>
    public static string KindName(Continuation kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind named <paramref name="name"/> in a file (either case), or null.</summary>
    public static Continuation? KindOf(string name) =>
        Enum.GetValues<Continuation>().Cast<Continuation?>().FirstOrDefault(k => string.Equals(KindName(k!.Value), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>How alike two nodes are, 0 to 1: the words their names share, with a bonus when their rules read the same.</summary>
    private static double Similarity(FrameworkNode older, FrameworkNode newer)
    {
        var a = Words(older.Name);
        var b = Words(newer.Name);
        var union = a.Count + b.Count - a.Count(b.Contains);
        var jaccard = union == 0 ? 1 : (double)a.Count(b.Contains) / union;
        var sameRule = older.Rule is { } r1 && newer.Rule is { } r2 && Squash(r1.Text) == Squash(r2.Text);
        return Math.Min(1, jaccard + (sameRule ? 0.3 : 0));
    }

    /// <summary>
    /// Whether <paramref name="parts"/> together account for <paramref name="whole"/>'s name clearly better than the best of
    /// them alone: a merge (or split) brings in what each part adds, not one rename and its near-copies.
    /// </summary>
    private static bool CoveredBetterTogether(FrameworkNode whole, IReadOnlyList<FrameworkNode> parts)
    {
        var words = Words(whole.Name);
        double Covered(IEnumerable<string> found) => (double)words.Count(found.Contains) / words.Count;
        var together = Covered(parts.SelectMany(p => Words(p.Name)).ToHashSet(StringComparer.Ordinal));
        var alone = parts.Max(p => Covered(Words(p.Name)));
        return together - alone >= 0.15;
    }

    /// <summary>The share of <paramref name="part"/>'s words found in <paramref name="whole"/>.</summary>
    private static double Containment(string part, string whole)
    {
        var a = Words(part);
        var b = Words(whole);
        return a.Count == 0 ? 0 : (double)a.Count(b.Contains) / a.Count;
    }

    private static HashSet<string> Words(string name)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture).Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words;
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
