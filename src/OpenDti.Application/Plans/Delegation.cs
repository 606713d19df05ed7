using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Units;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Plans;

/// <summary>
/// What a period's plan grants a lead or coordinating unit in the form of the cohort member the plan covers
/// (delegated entry, docs/plans.md#delegated-entry): the nodes whose nearest plan row naming any unit names
/// <paramref name="DelegateUnitId"/>, and the indicators among them that take values.
/// </summary>
/// <param name="UnitId">The cohort member whose form it is (the plan's unit).</param>
/// <param name="DelegateUnitId">The lead or coordinating unit, from the actor's account.</param>
/// <param name="Nodes">Every node delegated to it, at any depth.</param>
/// <param name="Indicators">The delegated nodes that take values.</param>
public sealed record Delegation(int UnitId, int DelegateUnitId, IReadOnlySet<string> Nodes, IReadOnlySet<string> Indicators)
{
    /// <summary>Whether the delegate may touch <paramref name="indicator"/>'s values and evidence.</summary>
    public bool Covers(string? indicator) => indicator is not null && Indicators.Contains(indicator);

    /// <summary>Why the delegate may not write on <paramref name="today"/> (the contributors' deadline is past, with its day), or null.</summary>
    public static AppMessage? Closed(Period period, DateOnly today) =>
        AccessPolicy.ContributorsMayWrite(period.ContributorsCloseOn, today)
            ? null
            : new AppMessage("DelegateEntryClosed", new DayText(period.ContributorsCloseOn!.Value));
}

/// <summary>
/// Finds what the plan grants an actor in another unit's form. The unit comes from the account and the
/// assignment from the database; nothing of the request is trusted. One query, only for unit users looking at a
/// unit not their own.
/// </summary>
internal static class Delegations
{
    /// <summary>
    /// The delegation that lets <paramref name="actor"/> read (or, with <paramref name="write"/>, write) some of
    /// unit <paramref name="unitId"/>'s data in <paramref name="period"/> when their own rights do not; null when
    /// the plan grants them nothing (or their role may not act as a delegate).
    /// </summary>
    public static async Task<Delegation?> GrantedAsync(
        OpenDtiDbContext db, FrameworkCatalog frameworks, Actor actor, Period period, int unitId, bool write, CancellationToken cancellationToken)
    {
        return MayBeGranted(actor, unitId, write)
            ? await FindAsync(db, await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken), period.Id, unitId, actor.UnitId!.Value, cancellationToken)
            : null;
    }

    /// <summary><see cref="GrantedAsync"/> when the period's <paramref name="framework"/> is already at hand (the report form's context).</summary>
    public static async Task<Delegation?> FindGrantedAsync(
        OpenDtiDbContext db, Framework framework, Actor actor, Period period, int unitId, bool write, CancellationToken cancellationToken) =>
        MayBeGranted(actor, unitId, write)
            ? await FindAsync(db, framework, period.Id, unitId, actor.UnitId!.Value, cancellationToken)
            : null;

    /// <summary>Whether a plan could grant <paramref name="actor"/> anything in unit <paramref name="unitId"/>: their role may act as a delegate, and it is not their own unit.</summary>
    private static bool MayBeGranted(Actor actor, int unitId, bool write) =>
        (write ? AccessPolicy.CanWriteAsDelegate(actor) : AccessPolicy.CanReadAsDelegate(actor)) && actor.UnitId != unitId;

    /// <summary>What the plan of (<paramref name="periodId"/>, <paramref name="unitId"/>) grants <paramref name="delegateUnitId"/>; null when nothing.</summary>
    public static async Task<Delegation?> FindAsync(
        OpenDtiDbContext db, Framework framework, int periodId, int unitId, int delegateUnitId, CancellationToken cancellationToken)
    {
        var rows = await db.PlanRows.AsNoTracking()
            .Where(r => r.PeriodId == periodId && r.UnitId == unitId && (r.LeadUnitId != null || r.Coordinators.Any()))
            .Select(r => new { r.Indicator, r.LeadUnitId, Coordinators = r.Coordinators.Select(c => c.UnitId).ToList() })
            .ToListAsync(cancellationToken);
        if (!rows.Any(r => r.LeadUnitId == delegateUnitId || r.Coordinators.Contains(delegateUnitId)))
        {
            return null;
        }

        var named = rows.ToDictionary(
            r => r.Indicator,
            r => (IReadOnlySet<int>)new HashSet<int>(r.LeadUnitId is { } lead ? [lead, .. r.Coordinators] : r.Coordinators),
            StringComparer.Ordinal);
        var nodes = Assigned(framework, named, delegateUnitId);
        if (nodes.Count == 0)
        {
            return null;
        }

        var indicators = framework.Nodes.Where(n => n.Inputs.Count > 0 && nodes.Contains(n.Code.Value)).Select(n => n.Code.Value).ToHashSet(StringComparer.Ordinal);
        return indicators.Count == 0 ? null : new Delegation(unitId, delegateUnitId, nodes, indicators);
    }

    /// <summary>
    /// The rule, alone: node N is <paramref name="delegateUnitId"/>'s when the nearest row at N or above it that
    /// names any unit (<paramref name="named"/>, by node code) names it. The most specific row wins.
    /// </summary>
    public static IReadOnlySet<string> Assigned(Framework framework, IReadOnlyDictionary<string, IReadOnlySet<int>> named, int delegateUnitId)
    {
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in framework.Nodes)
        {
            for (var at = node; at is not null; at = at.Parent)
            {
                if (named.TryGetValue(at.Code.Value, out var units))
                {
                    if (units.Contains(delegateUnitId))
                    {
                        assigned.Add(node.Code.Value);
                    }

                    break;
                }
            }
        }

        return assigned;
    }
}
