using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Units;

namespace OpenDti.Application.Frameworks;

/// <summary>
/// What continues what from one year to another (docs/frameworks.md, "Crosswalks between editions"): the nodes of
/// an older framework that a newer framework's node continues — by the confirmed crosswalk between them when there
/// is one, by code otherwise — and the units a merged unit absorbed. Trends, the ranking's change against last
/// year, plan baselines and gap analysis all ask here, so that they follow an indicator and a unit by the same rule.
/// </summary>
public sealed class Continuity(OpenDtiDbContext db)
{
    /// <summary>
    /// How the nodes of framework <paramref name="olderCode"/> continue in <paramref name="newerCode"/>: the confirmed
    /// crosswalk from the one to the other, or the match by code when none is stored (also for the same framework).
    /// </summary>
    public async Task<NodeMap> NodesAsync(string olderCode, string newerCode, CancellationToken cancellationToken = default)
    {
        if (string.Equals(olderCode, newerCode, StringComparison.Ordinal))
        {
            return NodeMap.ByCode(olderCode, newerCode);
        }

        var ids = await db.Frameworks.AsNoTracking()
            .Where(f => f.Code == olderCode || f.Code == newerCode)
            .Select(f => new { f.Id, f.Code })
            .ToListAsync(cancellationToken);
        var older = ids.FirstOrDefault(f => f.Code == olderCode)?.Id;
        var newer = ids.FirstOrDefault(f => f.Code == newerCode)?.Id;
        if (older is null || newer is null)
        {
            return NodeMap.ByCode(olderCode, newerCode);
        }

        var links = await db.CrosswalkLinks.AsNoTracking()
            .Where(l => db.Crosswalks.Any(c => c.Id == l.CrosswalkId && c.FromFrameworkId == older && c.ToFrameworkId == newer))
            .OrderBy(l => l.Position)
            .Select(l => new { l.From, l.To, l.Kind })
            .ToListAsync(cancellationToken);
        return links.Count == 0
            ? NodeMap.ByCode(olderCode, newerCode)
            : new NodeMap(olderCode, newerCode, [.. links.Select(l => new CrosswalkLink(l.From, l.To, Crosswalk.KindOf(l.Kind) ?? Continuation.Same))]);
    }

    /// <summary>How the nodes of period <paramref name="olderPeriodId"/>'s framework continue in <paramref name="newerPeriodId"/>'s.</summary>
    public async Task<NodeMap> PeriodsAsync(int olderPeriodId, int newerPeriodId, CancellationToken cancellationToken = default)
    {
        var codes = await db.Periods.AsNoTracking()
            .Where(p => p.Id == olderPeriodId || p.Id == newerPeriodId)
            .Select(p => new { p.Id, p.Framework!.Code })
            .ToListAsync(cancellationToken);
        var older = codes.Single(c => c.Id == olderPeriodId).Code;
        var newer = codes.Single(c => c.Id == newerPeriodId).Code;
        return await NodesAsync(older, newer, cancellationToken);
    }

    /// <summary>Every merger recorded (the units' <see cref="UnitEventKind.MergedInto"/> events) and the units' codes and names.</summary>
    internal async Task<TrendService.Mergers> MergersAsync(CancellationToken cancellationToken = default)
    {
        var merges = await db.UnitEvents.AsNoTracking()
            .Where(e => e.Kind == UnitEventKind.MergedInto && e.RelatedUnitId != null)
            .Select(e => new { e.UnitId, Target = e.RelatedUnitId!.Value })
            .ToListAsync(cancellationToken);
        var ids = merges.SelectMany(m => new[] { m.UnitId, m.Target }).ToHashSet();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(cancellationToken);
        return new TrendService.Mergers(
            merges.GroupBy(m => m.Target).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(m => m.UnitId).Distinct().Order().ToArray()),
            units.ToDictionary(u => u.Id, u => (u.Code, u.Name)));
    }
}

/// <summary>Where a newer node's figures of the year before come from.</summary>
/// <param name="Kind">
/// How it continues: <see cref="Continuation.Same"/> or <see cref="Continuation.Renamed"/> (one older node),
/// <see cref="Continuation.Merged"/> (several, summed), <see cref="Continuation.Split"/> (the older whole it is a part
/// of), <see cref="Continuation.New"/> (none).
/// </param>
/// <param name="Sources">The older nodes' codes.</param>
public sealed record NodeOrigin(Continuation Kind, IReadOnlyList<string> Sources)
{
    /// <summary>Whether the figures compare on a different footing than the node's own (merged or split), and are marked.</summary>
    public bool Marked => Kind is Continuation.Merged or Continuation.Split;
}

/// <summary>
/// How the nodes of framework <see cref="From"/> continue in framework <see cref="To"/>: by a confirmed crosswalk
/// (<see cref="Links"/>), or by code when there is none.
/// </summary>
public sealed class NodeMap
{
    private readonly ILookup<string, CrosswalkLink> _byTo;
    private readonly ILookup<string, CrosswalkLink> _byFrom;

    internal NodeMap(string from, string to, IReadOnlyList<CrosswalkLink>? links)
    {
        From = from;
        To = to;
        Links = links;
        _byTo = (links ?? []).Where(l => l.To is not null).ToLookup(l => l.To!, StringComparer.Ordinal);
        _byFrom = (links ?? []).Where(l => l.From is not null).ToLookup(l => l.From!, StringComparer.Ordinal);
    }

    /// <summary>The older framework's code.</summary>
    public string From { get; }

    /// <summary>The newer framework's code.</summary>
    public string To { get; }

    /// <summary>The confirmed crosswalk's lines; null when nodes are matched by code.</summary>
    public IReadOnlyList<CrosswalkLink>? Links { get; }

    /// <summary>Whether nodes are matched by code (no confirmed crosswalk between the two frameworks).</summary>
    public bool ByCodeOnly => Links is null;

    /// <summary>Nodes matched by code.</summary>
    internal static NodeMap ByCode(string from, string to) => new(from, to, null);

    /// <summary>Where newer node <paramref name="code"/>'s figures of the year before come from.</summary>
    public NodeOrigin Origin(string code)
    {
        if (Links is null)
        {
            return new NodeOrigin(Continuation.Same, [code]);
        }

        var links = _byTo[code].Where(l => l.From is not null).ToArray();
        return links.Length == 0
            ? new NodeOrigin(Continuation.New, [])
            : new NodeOrigin(links[0].Kind, [.. links.Select(l => l.From!)]);
    }

    /// <summary>Whether older node <paramref name="code"/> has no successor (dropped); by code, whether it is not in <paramref name="newer"/>.</summary>
    public bool Dropped(string code, Func<string, bool> newer) =>
        Links is null ? !newer(code) : !_byFrom[code].Any(l => l.To is not null);

    /// <summary>
    /// Newer node <paramref name="code"/>'s figure of the year before, from the older figures <paramref name="older"/>
    /// (null when the older node has none): the same or renamed node's, the sum of the merged nodes' (null when none
    /// has one), the split whole's; null for a new node.
    /// </summary>
    public decimal? Previous(string code, Func<string, decimal?> older)
    {
        var origin = Origin(code);
        var found = origin.Sources.Select(older).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return found.Length == 0 ? null : found.Sum();
    }
}
