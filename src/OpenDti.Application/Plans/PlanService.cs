using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Periods;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Plans;
using OpenDti.Data.Units;

namespace OpenDti.Application.Plans;

/// <summary>
/// A period's plans (phân công, seeds 001, 002 and 004): for each node of the framework, who guides, leads
/// and coordinates it, last year's result, maintain or push, the target, the deadline and notes. A plan
/// belongs to the cohort member whose form it covers. Evaluators change it; whoever may read the member,
/// and the units the plan names, read it. A change is validated as a whole, each problem located by
/// indicator and field, and audited field by field.
/// </summary>
public sealed class PlanService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, TimeProvider time, Continuity continuity, Review.PublicationSnapshots snapshots)
{
    /// <summary>The most rows one request may change (a framework has a few hundred nodes).</summary>
    public const int MaxRows = 2000;

    /// <summary>The plan of <paramref name="unitCode"/> in period <paramref name="periodId"/>; the period's only member when no code is given.</summary>
    public async Task<Outcome<PeriodPlan>> GetAsync(Actor actor, int periodId, string? unitCode, CancellationToken cancellationToken = default)
    {
        var (context, failure) = await ResolveAsync(actor, periodId, unitCode, cancellationToken);
        return failure ?? Outcome<PeriodPlan>.Ok(await ReadAsync(actor, context!, cancellationToken));
    }

    /// <summary>
    /// The members of period <paramref name="periodId"/> whose plans <paramref name="actor"/> may open (every member
    /// for those who may read them all; for a unit's users, their own unit and the members whose plans name it).
    /// </summary>
    public async Task<Outcome<PlanMembers>> MembersAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<PlanMembers>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        var named = actor.UnitId is { } unitId
            ? (await db.PlanRows.AsNoTracking()
                .Where(r => r.PeriodId == periodId && (r.LeadUnitId == unitId || r.Coordinators.Any(c => c.UnitId == unitId)))
                .Select(r => r.UnitId)
                .Distinct()
                .ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var members = period.Units
            .Where(u => AccessPolicy.CanReadPlan(actor, u.UnitId) || (named.Contains(u.UnitId) && (actor.IsIn(Data.Identity.Roles.UnitReporter) || actor.IsIn(Data.Identity.Roles.UnitLeader))))
            .OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .Select(u => new PlanUnit(u.UnitCode, u.UnitName))
            .ToArray();
        if (members.Length == 0)
        {
            return Outcome<PlanMembers>.Forbidden(new AppMessage("NotAllowed"));
        }

        var summary = (await periods.GetAsync(periodId, cancellationToken)).Value!;
        return Outcome<PlanMembers>.Ok(new PlanMembers(summary, members));
    }

    /// <summary>
    /// Replaces the rows named in <paramref name="changes"/> (each as a whole) in the plan of
    /// <paramref name="unitCode"/>; other rows stay. Any problem refuses the whole request.
    /// </summary>
    public async Task<Outcome<PeriodPlan>> SaveAsync(
        Actor actor, int periodId, string? unitCode, IReadOnlyList<PlanRowChange?> changes, CancellationToken cancellationToken = default)
    {
        var (context, failure) = await ResolveAsync(actor, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!AccessPolicy.CanEditPlan(actor))
        {
            return Outcome<PeriodPlan>.Forbidden(new AppMessage("PlanEditNotAllowed"));
        }

        if (context!.Period.Status == PeriodStatus.Published)
        {
            return Outcome<PeriodPlan>.Conflict(new AppMessage("PlanPeriodPublished", context.Period.Name));
        }

        if (changes.Count > MaxRows)
        {
            return Outcome<PeriodPlan>.Invalid(new AppMessage("PlanTooManyRows", MaxRows), []);
        }

        var units = await ChoosableUnitsAsync(cancellationToken);
        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var rows = await db.PlanRows.Include(r => r.Coordinators)
            .Where(r => r.PeriodId == periodId && r.UnitId == context.UnitId)
            .ToDictionaryAsync(r => r.Indicator, StringComparer.Ordinal, cancellationToken);

        var problems = new List<Problem>();
        var conflicts = new List<Problem>();
        var accepted = new List<(FrameworkNode Node, Parsed Row, PlanRow? Existing, int At)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var at = i + 1;
            if (change is null || string.IsNullOrWhiteSpace(change.Indicator))
            {
                problems.Add(new Problem("APP-PLAN-INDICATOR", new AppMessage("PlanIndicatorMissing", at), Input: "indicator") { Row = at });
                continue;
            }

            var code = change.Indicator.Trim();
            var node = context.Framework.FindNode(code);
            if (node is null)
            {
                problems.Add(new Problem("APP-PLAN-INDICATOR", new AppMessage("PlanIndicatorUnknown", at, Core.Text.Excerpt.Of(code)!, context.Framework.Code), code, "indicator") { Row = at });
                continue;
            }

            if (!seen.Add(node.Code.Value))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("PlanRowDuplicate", at, node.Code.Value), node.Code.Value, "indicator") { Row = at });
                continue;
            }

            rows.TryGetValue(node.Code.Value, out var existing);
            if (change.Version is { } version && version != (existing?.Version ?? 0))
            {
                conflicts.Add(new Problem("APP-VERSION", new AppMessage("PlanVersionConflict", at, node.Code.Value, version, existing?.Version ?? 0, existing?.UpdatedBy ?? "-"), node.Code.Value, "version") { Row = at });
                continue;
            }

            var parsed = Parse(change, node.Code.Value, at, byCode, problems);
            if (parsed is not null)
            {
                accepted.Add((node, parsed, existing, at));
            }
        }

        // A row emptied is removed, and its progress reports with it: refused while it has any, so that
        // what a lead unit reported is never lost by a change of plan.
        var emptied = accepted.Where(a => a.Row.IsEmpty && a.Existing is not null).Select(a => a.Existing!.Id).ToArray();
        if (emptied.Length > 0)
        {
            var reported = (await db.PlanProgress.AsNoTracking().Where(p => emptied.Contains(p.PlanRowId)).Select(p => p.PlanRowId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            foreach (var (node, _, existing, at) in accepted.Where(a => a.Existing is not null && reported.Contains(a.Existing.Id)))
            {
                problems.Add(new Problem("APP-PLAN-HAS-PROGRESS", new AppMessage("PlanRowHasProgress", at, node.Code.Value), node.Code.Value, "leadUnit") { Row = at });
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<PeriodPlan>.Invalid(new AppMessage("PlanInvalid", problems.Count), [.. problems, .. conflicts]);
        }

        if (conflicts.Count > 0)
        {
            return Outcome<PeriodPlan>.Conflict(new AppMessage("PlanConflict", conflicts.Count), conflicts);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var unitCodes = new UnitCodes(await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken));
        foreach (var (node, row, existing, _) in accepted)
        {
            Write(actor, context, node.Code.Value, row, existing, now, unitCodes);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            // A row changed or added by a concurrent save since it was read.
            db.ChangeTracker.Clear();
            return Outcome<PeriodPlan>.Conflict(new AppMessage("ConcurrentChange"));
        }

        db.ChangeTracker.Clear();
        return Outcome<PeriodPlan>.Ok(await ReadAsync(actor, context, cancellationToken));
    }

    /// <summary>
    /// Copies period <paramref name="fromPeriodId"/>'s plans into period <paramref name="periodId"/>, for the
    /// members both cohorts share and the nodes both frameworks have (matched by code): guiding body, lead and
    /// coordinating units, target, deadline (a day moved by the years between the periods), notes. The
    /// classification is not copied: it follows this year's baseline. Refused when the target already has a plan.
    /// </summary>
    /// <returns>How many rows were copied.</returns>
    public async Task<Outcome<int>> CopyAsync(Actor actor, int periodId, int fromPeriodId, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanEditPlan(actor))
        {
            return Outcome<int>.Forbidden(new AppMessage("PlanEditNotAllowed"));
        }

        var target = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        var source = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == fromPeriodId, cancellationToken);
        if (target is null || source is null)
        {
            return Outcome<int>.NotFound(new AppMessage("PeriodNotFound", target is null ? periodId : fromPeriodId));
        }

        if (periodId == fromPeriodId)
        {
            return Outcome<int>.Invalid(new AppMessage("PlanCopySamePeriod"), []);
        }

        if (target.Status == PeriodStatus.Published)
        {
            return Outcome<int>.Conflict(new AppMessage("PlanPeriodPublished", target.Name));
        }

        if (await db.PlanRows.AnyAsync(r => r.PeriodId == periodId, cancellationToken))
        {
            return Outcome<int>.Conflict(new AppMessage("PlanCopyTargetNotEmpty", target.Name));
        }

        var framework = await frameworks.GetByIdAsync(target.FrameworkId, cancellationToken);
        var members = target.Units.Select(u => u.UnitId).ToHashSet();
        var rows = await db.PlanRows.AsNoTracking().Include(r => r.Coordinators)
            .Where(r => r.PeriodId == fromPeriodId)
            .ToListAsync(cancellationToken);
        var years = target.Year - source.Year;
        var now = time.GetUtcNow().UtcDateTime;
        var unitCodes = new UnitCodes(await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken));
        var copied = 0;
        foreach (var row in rows.Where(r => members.Contains(r.UnitId) && framework.FindNode(r.Indicator) is not null))
        {
            if (row.GuidingBody is null && row.LeadUnitId is null && row.Coordinators.Count == 0 && row.Target is null && row.DueOn is null && row.DueText is null && row.Note is null)
            {
                // Only a classification, which is not copied: nothing to copy.
                continue;
            }

            var copy = new PlanRow
            {
                PeriodId = periodId,
                UnitId = row.UnitId,
                Indicator = row.Indicator,
                GuidingBody = row.GuidingBody,
                LeadUnitId = row.LeadUnitId,
                Target = row.Target,
                DueOn = row.DueOn?.AddYears(years),
                DueText = row.DueText,
                Note = row.Note,
                Version = 1,
                UpdatedAt = now,
                UpdatedBy = actor.UserName,
            };
            copy.Coordinators.AddRange(row.Coordinators.Select(c => new PlanCoordinator { UnitId = c.UnitId }));
            db.PlanRows.Add(copy);
            copied++;

            // Every field the copy sets is audited as a save would audit it, with the period it came from.
            var after = new Parsed(
                copy.GuidingBody,
                copy.LeadUnitId is { } lead ? unitCodes.Code(lead) : null,
                row.Coordinators.Select(c => unitCodes.Code(c.UnitId)).Order(StringComparer.Ordinal).ToList(),
                copy.Target,
                copy.DueOn,
                copy.DueText,
                copy.Note,
                null,
                null);
            foreach (var (field, value) in new[]
                     {
                         ("guidingBody", after.GuidingBody), ("leadUnit", after.LeadUnit), ("coordinatingUnits", Join(after.Coordinators)),
                         ("target", after.Target), ("deadline", after.Deadline), ("note", after.Note),
                     })
            {
                if (value is not null)
                {
                    db.AuditEntries.Add(AuditTrail.Entry(actor, now, AuditKind.Plan, field, null, value, periodId: periodId, unitId: row.UnitId, subject: $"{fromPeriodId}→{periodId}", indicator: row.Indicator));
                }
            }
        }

        db.AuditEntries.Add(AuditTrail.Entry(actor, now, AuditKind.Plan, "copy", null, copied, periodId: periodId, subject: $"{fromPeriodId}→{periodId}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Conflict(new AppMessage("PlanCopyTargetNotEmpty", target.Name));
        }

        return Outcome<int>.Ok(copied);
    }

    /// <summary>
    /// Replaces period <paramref name="periodId"/>'s imported baseline (last year's points per unit and node, for a
    /// province's first year on OpenDti) with <paramref name="entries"/>, validated as a whole: each row names a
    /// member of the cohort, a node of the framework and points between 0 and the node's max.
    /// </summary>
    /// <returns>How many rows were imported.</returns>
    public async Task<Outcome<int>> ImportBaselineAsync(Actor actor, int periodId, IReadOnlyList<BaselineEntry> entries, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanEditPlan(actor))
        {
            return Outcome<int>.Forbidden(new AppMessage("PlanEditNotAllowed"));
        }

        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<int>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (entries.Count > 200_000)
        {
            return Outcome<int>.Invalid(new AppMessage("PlanTooManyRows", 200_000), []);
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var members = period.Units.ToDictionary(u => u.UnitCode, u => u.UnitId, StringComparer.OrdinalIgnoreCase);
        var problems = new List<Problem>();
        var seen = new HashSet<(int, string)>();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<BaselineResult>();
        foreach (var entry in entries)
        {
            var unitCode = entry.Unit?.Trim() ?? string.Empty;
            var code = entry.Indicator?.Trim() ?? string.Empty;
            if (!members.TryGetValue(unitCode, out var unitId))
            {
                problems.Add(new Problem("APP-BASELINE-UNIT", new AppMessage("BaselineUnitUnknown", entry.Row, Core.Text.Excerpt.Of(unitCode)!, period.Name), Input: "unit") { Row = entry.Row, Unit = unitCode });
                continue;
            }

            var node = framework.FindNode(code);
            if (node is null)
            {
                problems.Add(new Problem("APP-BASELINE-INDICATOR", new AppMessage("BaselineIndicatorUnknown", entry.Row, Core.Text.Excerpt.Of(code)!, framework.Code), code, "indicator") { Row = entry.Row, Unit = unitCode });
                continue;
            }

            if (!seen.Add((unitId, node.Code.Value)))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("BaselineDuplicate", entry.Row, unitCode, node.Code.Value), node.Code.Value, "indicator") { Row = entry.Row, Unit = unitCode });
                continue;
            }

            var points = NumberReader.Read(entry.Points);
            if (!points.Succeeded || points.Percent || points.Value < 0 || points.Value > node.MaxPoints)
            {
                problems.Add(new Problem("APP-BASELINE-POINTS", new AppMessage("BaselinePointsInvalid", entry.Row, Core.Text.Excerpt.Of(entry.Points ?? string.Empty)!, node.Code.Value, node.MaxPoints), node.Code.Value, "points") { Row = entry.Row, Unit = unitCode });
                continue;
            }

            var measure = string.IsNullOrWhiteSpace(entry.Measure) ? null : entry.Measure.Trim();
            if (measure is { Length: > PlanLimits.Short })
            {
                problems.Add(new Problem("APP-TOO-LONG", new AppMessage("PlanFieldTooLong", entry.Row, "measure", PlanLimits.Short), node.Code.Value, "measure") { Row = entry.Row, Unit = unitCode });
                continue;
            }

            rows.Add(new BaselineResult
            {
                PeriodId = periodId, UnitId = unitId, Indicator = node.Code.Value, Points = points.Value, Measure = measure, ImportedAt = now, ImportedBy = actor.UserName,
            });
        }

        if (problems.Count > 0)
        {
            return Outcome<int>.Invalid(new AppMessage("BaselineInvalid", problems.Count), problems);
        }

        return await Audit.WholeSet.ReplaceAsync(
            db, db.BaselineResults, b => b.PeriodId == periodId, rows,
            before => AuditTrail.Entry(actor, now, AuditKind.Plan, "baseline", before, rows.Count, periodId: periodId), cancellationToken);
    }

    /// <summary>The period, its framework and the member whose plan is asked for, or why the actor cannot have it.</summary>
    private async Task<(PlanContext? Context, Outcome<PeriodPlan>? Failure)> ResolveAsync(Actor actor, int periodId, string? unitCode, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, Outcome<PeriodPlan>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        PeriodUnit? member;
        if (string.IsNullOrWhiteSpace(unitCode))
        {
            if (period.Units.Count != 1)
            {
                // Which plan: a unit user's own unit when it is a member, otherwise the caller must say.
                member = actor.UnitId is { } own ? period.Units.SingleOrDefault(u => u.UnitId == own) : null;
                if (member is null)
                {
                    return (null, Outcome<PeriodPlan>.Invalid(new AppMessage("PlanUnitRequired", period.Units.Count), [new Problem("APP-PLAN-UNIT", new AppMessage("PlanUnitRequired", period.Units.Count), Input: "unit")]));
                }
            }
            else
            {
                member = period.Units[0];
            }
        }
        else
        {
            member = period.Units.SingleOrDefault(u => string.Equals(u.UnitCode, unitCode.Trim(), StringComparison.OrdinalIgnoreCase));
            if (member is null)
            {
                return (null, Outcome<PeriodPlan>.NotFound(new AppMessage("UnitNotInPeriod", Core.Text.Excerpt.Of(unitCode)!, periodId)));
            }
        }

        if (!AccessPolicy.CanReadPlan(actor, member.UnitId) && !await NamedInPlanAsync(actor, periodId, member.UnitId, cancellationToken))
        {
            return (null, Outcome<PeriodPlan>.Forbidden(new AppMessage("UnitNotAllowed", member.UnitCode)));
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        return (new PlanContext(period, framework, member.UnitId, member.UnitCode, member.UnitName), null);
    }

    /// <summary>Whether the actor's unit is a lead or coordinating unit anywhere in the plan (they read the plan that gives them work).</summary>
    private async Task<bool> NamedInPlanAsync(Actor actor, int periodId, int memberId, CancellationToken cancellationToken)
    {
        if (actor.UnitId is not { } unitId || !(actor.IsIn(Data.Identity.Roles.UnitReporter) || actor.IsIn(Data.Identity.Roles.UnitLeader)))
        {
            return false;
        }

        return await db.PlanRows.AnyAsync(
            r => r.PeriodId == periodId && r.UnitId == memberId && (r.LeadUnitId == unitId || r.Coordinators.Any(c => c.UnitId == unitId)),
            cancellationToken);
    }

    private async Task<PeriodPlan> ReadAsync(Actor actor, PlanContext context, CancellationToken cancellationToken)
    {
        var rows = await db.PlanRows.AsNoTracking().Include(r => r.Coordinators)
            .Where(r => r.PeriodId == context.Period.Id && r.UnitId == context.UnitId)
            .ToDictionaryAsync(r => r.Indicator, StringComparer.Ordinal, cancellationToken);
        var units = await ChoosableUnitsAsync(cancellationToken);
        var named = rows.Values.SelectMany(r => r.Coordinators.Select(c => c.UnitId).Append(r.LeadUnitId ?? 0)).Where(id => id != 0).ToHashSet();
        var byId = await db.Units.AsNoTracking()
            .Where(u => named.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new PlanUnit(u.Code, u.Name, u.NotScored), cancellationToken);
        var baseline = await LastYearAsync(context, cancellationToken);
        var lastYear = baseline.Results;

        var items = context.Framework.Nodes.Select(node =>
        {
            rows.TryGetValue(node.Code.Value, out var row);
            lastYear.TryGetValue(node.Code.Value, out var last);
            var derived = last is null ? (PlanClassification?)null : last.Points >= node.MaxPoints ? PlanClassification.Maintain : PlanClassification.Push;
            return new PlanItem(
                node.Code.Value,
                node.Name,
                node.Kind,
                node.Depth,
                node.MaxPoints,
                node.Requirement,
                row?.GuidingBody,
                row?.LeadUnitId is { } lead ? byId.GetValueOrDefault(lead) : null,
                row?.Coordinators.Select(c => byId.GetValueOrDefault(c.UnitId)).OfType<PlanUnit>().OrderBy(u => u.Code, StringComparer.Ordinal).ToArray() ?? [],
                last,
                derived,
                row?.Classification ?? derived,
                row?.Classification is null ? null : row.ClassificationReason,
                row?.Target,
                row?.DueOn,
                row?.DueText,
                row?.Note,
                row?.Version ?? 0,
                row?.UpdatedAt,
                row?.UpdatedBy);
        }).ToArray();

        var summary = (await periods.GetAsync(context.Period.Id, cancellationToken)).Value!;
        var members = context.Period.Units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).Select(u => new PlanUnit(u.UnitCode, u.UnitName)).ToArray();
        var canEdit = AccessPolicy.CanEditPlan(actor) && context.Period.Status != PeriodStatus.Published;
        var sources = new List<PlanSource>();
        if (canEdit)
        {
            var counts = await db.PlanRows.AsNoTracking()
                .Where(r => r.PeriodId != context.Period.Id)
                .GroupBy(r => r.PeriodId)
                .Select(g => new { PeriodId = g.Key, Rows = g.Count() })
                .ToListAsync(cancellationToken);
            var ids = counts.Select(c => c.PeriodId).ToArray();
            var periodsNamed = await db.Periods.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.Year }).ToListAsync(cancellationToken);
            sources.AddRange(periodsNamed.Join(counts, p => p.Id, c => c.PeriodId, (p, c) => new PlanSource(p.Id, p.Name, p.Year, c.Rows))
                .OrderByDescending(s => s.Year).ThenByDescending(s => s.PeriodId));
        }

        return new PeriodPlan(summary, context.Framework.Name, context.UnitCode, context.UnitName, canEdit, items, members, units, baseline.PeriodId)
        {
            LastYearMerged = baseline.Merged,
            CopySources = sources,
            PeriodHasRows = await db.PlanRows.AnyAsync(r => r.PeriodId == context.Period.Id, cancellationToken),
            BaselineRows = await db.BaselineResults.CountAsync(b => b.PeriodId == context.Period.Id, cancellationToken),
        };
    }

    /// <summary>
    /// Last year's result of the member for every node: from the latest publication of last year's published period
    /// of the same framework level whose cohort has the member (nodes followed through <see cref="Continuity"/>); for a
    /// unit formed by a merger since, the results of the units it absorbed combined by the period's merger rule, as
    /// the ranking and trends read them; otherwise from the baseline imported into this period.
    /// </summary>
    private async Task<LastYear> LastYearAsync(PlanContext context, CancellationToken cancellationToken)
    {
        if (await PublishedAsync(context, context.UnitId, cancellationToken) is { } own)
        {
            return own;
        }

        var mergers = await continuity.MergersAsync(cancellationToken);
        if (mergers.PartsOf(context.UnitId).Count > 0)
        {
            var year = context.Period.Year - 1;
            var lineage = mergers.Lineage(context.UnitId);
            var populations = context.Period.MergerRule == MergerRule.Population
                ? (await db.UnitProfileValues.AsNoTracking()
                    .Where(p => p.Key == TrendService.PopulationKey && lineage.Contains(p.UnitId) && p.Year == year)
                    .Select(p => new { p.UnitId, p.Year, p.Value })
                    .ToListAsync(cancellationToken))
                    .ToDictionary(p => (p.UnitId, p.Year), p => p.Value)
                : [];
            if (await CombinedAsync(context, context.UnitId, mergers, populations, cancellationToken) is { } merged)
            {
                return merged;
            }
        }

        var results = new Dictionary<string, LastYearResult>(StringComparer.Ordinal);
        var imported = await db.BaselineResults.AsNoTracking()
            .Where(b => b.PeriodId == context.Period.Id && b.UnitId == context.UnitId)
            .ToListAsync(cancellationToken);
        foreach (var row in imported)
        {
            if (context.Framework.FindNode(row.Indicator) is { } now)
            {
                results[row.Indicator] = new LastYearResult(row.Points, now.MaxPoints, null, row.Measure, BaselineSource.Imported, null);
            }
        }

        return new LastYear(results, null, null, null);
    }

    /// <summary>
    /// Unit <paramref name="unitId"/>'s published results of last year: its own, or, when it did not exist then, those
    /// of the units it absorbed (each read the same way), every node's points the mean of the parts' or their mean
    /// weighted by population (<see cref="TrendService.PointOf"/>'s rule), rounded to 2 decimals, with no measure.
    /// </summary>
    private async Task<LastYear?> CombinedAsync(
        PlanContext context, int unitId, TrendService.Mergers mergers, IReadOnlyDictionary<(int UnitId, int Year), decimal> populations, CancellationToken cancellationToken)
    {
        if (unitId != context.UnitId && await PublishedAsync(context, unitId, cancellationToken) is { } own)
        {
            return own;
        }

        var parts = new List<(int Id, LastYear Figures)>();
        foreach (var part in mergers.PartsOf(unitId))
        {
            if (await CombinedAsync(context, part, mergers, populations, cancellationToken) is { } figures)
            {
                parts.Add((part, figures));
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var (weights, rule) = TrendService.Weights(parts.Select(p => p.Id).ToArray(), context.Period.Year - 1, context.Period.MergerRule, mergers, populations);
        var sum = weights.Sum();
        decimal Combine(Func<LastYear, decimal> figure) =>
            Math.Round(parts.Select((p, i) => figure(p.Figures) * weights[i]).Sum() / sum, 2, MidpointRounding.AwayFromZero);

        var results = new Dictionary<string, LastYearResult>(StringComparer.Ordinal);
        foreach (var code in parts.SelectMany(p => p.Figures.Results.Keys).Distinct(StringComparer.Ordinal))
        {
            var first = parts.Select(p => p.Figures.Results.GetValueOrDefault(code)).First(r => r is not null)!;
            results[code] = new LastYearResult(
                Combine(f => f.Results.GetValueOrDefault(code)?.Points ?? 0m), first.MaxPoints, null, null, BaselineSource.Published, first.PeriodId)
            {
                Origin = first.Origin,
            };
        }

        var merged = new Improvement.Trends.MergedFrom(
            parts.Select((p, i) => new MergedPart(mergers.CodeOf(p.Id), mergers.NameOf(p.Id), p.Figures.Total ?? 0m, weights[i])).ToArray(), rule);
        return new LastYear(results, parts[0].Figures.PeriodId, Combine(f => f.Total ?? 0m), merged);
    }

    /// <summary>
    /// Unit <paramref name="unitId"/>'s own results of last year: from the latest publication of last year's published
    /// period of the context's framework level whose cohort has it, nodes followed through the confirmed crosswalk
    /// between the two frameworks (<see cref="Continuity"/>), by code when there is none; null when none has it.
    /// </summary>
    private async Task<LastYear?> PublishedAsync(PlanContext context, int unitId, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, LastYearResult>(StringComparer.Ordinal);
        var level = context.Framework.Level;
        var candidates = await db.PeriodUnits.AsNoTracking()
            .Where(u => u.UnitId == unitId)
            .Join(db.Periods.Where(p => p.Year == context.Period.Year - 1 && p.Status == PeriodStatus.Published && p.Id != context.Period.Id), u => u.PeriodId, p => p.Id, (u, p) => new { p.Id, p.FrameworkId, u.UnitCode })
            .OrderByDescending(p => p.Id)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var framework = await frameworks.GetByIdAsync(candidate.FrameworkId, cancellationToken);
            if (framework.Level != level)
            {
                continue;
            }

            // The latest publication's id only: its snapshot is read back from JSON once and kept (PublicationSnapshots).
            var publication = await db.Publications.AsNoTracking()
                .Where(p => p.PeriodId == candidate.Id)
                .OrderByDescending(p => p.Number)
                .Select(p => (int?)p.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var snapshot = publication is not { } id
                ? null
                : await snapshots.GetAsync(id, () => db.Publications.AsNoTracking().Where(p => p.Id == id).Select(p => p.Snapshot).SingleAsync(cancellationToken));
            var unit = snapshot?.Units.SingleOrDefault(u => u.Code == candidate.UnitCode);
            if (unit is null)
            {
                continue;
            }

            var map = await continuity.NodesAsync(framework.Code, context.Framework.Code, cancellationToken);
            if (map.ByCodeOnly)
            {
                foreach (var node in unit.Nodes)
                {
                    if (context.Framework.FindNode(node.Code) is { } now)
                    {
                        results[node.Code] = new LastYearResult(node.Points, now.MaxPoints, node.Measure, null, BaselineSource.Published, candidate.Id);
                    }
                }

                return new LastYear(results, candidate.Id, unit.Total, null);
            }

            // Through the confirmed crosswalk: a renamed node keeps its figures, merged ones are summed, a split whole's
            // points are shared among its parts by their max points; each marked.
            var then = unit.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
            foreach (var now in context.Framework.Nodes)
            {
                var origin = map.Origin(now.Code.Value);
                var sources = origin.Sources.Where(then.ContainsKey).ToArray();
                if (sources.Length == 0)
                {
                    continue;
                }

                var marked = origin.Marked || sources[0] != now.Code.Value ? new NodeOrigin(origin.Kind, sources) : null;
                if (origin.Kind == Continuation.Split)
                {
                    var parts = map.Links!.Where(l => l.From == sources[0] && l.To is not null).Select(l => context.Framework.FindNode(l.To!)?.MaxPoints ?? 0m).Sum();
                    var share = parts == 0 ? 0m : Math.Round(then[sources[0]].Points * now.MaxPoints / parts, 2, MidpointRounding.AwayFromZero);
                    results[now.Code.Value] = new LastYearResult(share, now.MaxPoints, null, null, BaselineSource.Published, candidate.Id) { Origin = marked };
                }
                else
                {
                    results[now.Code.Value] = new LastYearResult(
                        sources.Sum(c => then[c].Points), now.MaxPoints, sources.Length == 1 ? then[sources[0]].Measure : null, null, BaselineSource.Published, candidate.Id)
                    { Origin = marked };
                }
            }

            return new LastYear(results, candidate.Id, unit.Total, null);
        }

        return null;
    }

    /// <summary>The units a plan may name: every unit open today (contributors included), by code.</summary>
    private async Task<IReadOnlyList<PlanUnit>> ChoosableUnitsAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(time);
        return (await db.Units.AsNoTracking()
                .Where(u => u.ClosedOn == null || u.ClosedOn > today)
                .OrderBy(u => u.Level).ThenBy(u => u.Code)
                .Select(u => new PlanUnit(u.Code, u.Name, u.NotScored))
                .ToListAsync(cancellationToken))
            .ToArray();
    }

    private Parsed? Parse(PlanRowChange change, string code, int at, Dictionary<string, PlanUnit> units, List<Problem> problems)
    {
        var count = problems.Count;
        string? Text(string? value, string field, int limit)
        {
            var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (text is { Length: var length } && length > limit)
            {
                problems.Add(new Problem("APP-TOO-LONG", new AppMessage("PlanFieldTooLong", at, field, limit), code, field) { Row = at });
                return null;
            }

            return text;
        }

        var guiding = Text(change.GuidingBody, "guidingBody", PlanLimits.Short);
        var target = Text(change.Target, "target", PlanLimits.Short);
        var note = Text(change.Note, "note", PlanLimits.Long);
        var reason = Text(change.ClassificationReason, "classificationReason", PlanLimits.Long);
        var deadline = Text(change.Deadline, "deadline", PlanLimits.Short);

        string? lead = null;
        if (!string.IsNullOrWhiteSpace(change.LeadUnit))
        {
            if (units.TryGetValue(change.LeadUnit.Trim(), out var unit))
            {
                lead = unit.Code;
            }
            else
            {
                problems.Add(new Problem("APP-PLAN-UNIT", new AppMessage("PlanUnitUnknown", at, Core.Text.Excerpt.Of(change.LeadUnit)!, "leadUnit"), code, "leadUnit") { Row = at });
            }
        }

        var coordinators = new List<string>();
        foreach (var name in change.CoordinatingUnits ?? [])
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            if (!units.TryGetValue(name.Trim(), out var unit))
            {
                problems.Add(new Problem("APP-PLAN-UNIT", new AppMessage("PlanUnitUnknown", at, Core.Text.Excerpt.Of(name)!, "coordinatingUnits"), code, "coordinatingUnits") { Row = at });
            }
            else if (unit.Code == lead)
            {
                problems.Add(new Problem("APP-PLAN-UNIT", new AppMessage("PlanLeadAlsoCoordinating", at, unit.Code), code, "coordinatingUnits") { Row = at });
            }
            else if (!coordinators.Contains(unit.Code))
            {
                coordinators.Add(unit.Code);
            }
        }

        DateOnly? dueOn = null;
        string? dueText = deadline;
        if (deadline is not null && char.IsDigit(deadline[0]) && deadline.Length <= 10)
        {
            if (DateOnly.TryParseExact(deadline, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                (dueOn, dueText) = (day, null);
            }
            else if (deadline.Count(c => c == '/') == 2 || deadline.Count(c => c == '-') == 2)
            {
                // Looks like a day but is not one (31/02/2026, 2026-13-01): a mistake, not a text.
                problems.Add(new Problem("APP-PLAN-DEADLINE", new AppMessage("PlanDeadlineInvalid", at, Core.Text.Excerpt.Of(deadline)!), code, "deadline") { Row = at });
            }
        }

        PlanClassification? classification = null;
        if (!string.IsNullOrWhiteSpace(change.Classification))
        {
            classification = change.Classification.Trim().ToLowerInvariant() switch
            {
                "maintain" or "duy trì" or "duy tri" => PlanClassification.Maintain,
                "push" or "đẩy mạnh" or "day manh" => PlanClassification.Push,
                _ => null,
            };
            if (classification is null)
            {
                problems.Add(new Problem("APP-PLAN-CLASSIFICATION", new AppMessage("PlanClassificationInvalid", at, Core.Text.Excerpt.Of(change.Classification)!), code, "classification") { Row = at });
            }
            else if (reason is null)
            {
                problems.Add(new Problem("APP-PLAN-REASON", new AppMessage("PlanClassificationReasonMissing", at, code), code, "classificationReason") { Row = at });
            }
        }

        return problems.Count > count
            ? null
            : new Parsed(guiding, lead, coordinators, target, dueOn, dueText, note, classification, classification is null ? null : reason);
    }

    /// <summary>Adds, changes or removes the row, with an audit entry per field that changed.</summary>
    private void Write(Actor actor, PlanContext context, string code, Parsed row, PlanRow? existing, DateTime now, UnitCodes unitCodes)
    {
        var before = existing is null
            ? Parsed.Empty
            : new Parsed(
                existing.GuidingBody,
                existing.LeadUnitId is { } lead ? unitCodes.Code(lead) : null,
                existing.Coordinators.Select(c => unitCodes.Code(c.UnitId)).Order(StringComparer.Ordinal).ToList(),
                existing.Target,
                existing.DueOn,
                existing.DueText,
                existing.Note,
                existing.Classification,
                existing.ClassificationReason);

        void Audit(string field, object? old, object? @new)
        {
            if (!Equals(old, @new))
            {
                db.AuditEntries.Add(AuditTrail.Entry(actor, now, AuditKind.Plan, field, old, @new, periodId: context.Period.Id, unitId: context.UnitId, indicator: code));
            }
        }

        var coordinators = row.Coordinators.Order(StringComparer.Ordinal).ToList();
        Audit("guidingBody", before.GuidingBody, row.GuidingBody);
        Audit("leadUnit", before.LeadUnit, row.LeadUnit);
        Audit("coordinatingUnits", Join(before.Coordinators), Join(coordinators));
        Audit("target", before.Target, row.Target);
        Audit("deadline", before.Deadline, row.Deadline);
        Audit("note", before.Note, row.Note);
        Audit("classification", before.Classification?.ToString(), row.Classification?.ToString());
        Audit("classificationReason", before.Reason, row.Reason);

        if (row.IsEmpty)
        {
            if (existing is not null)
            {
                db.PlanRows.Remove(existing);
            }

            return;
        }

        var target = existing ?? new PlanRow { PeriodId = context.Period.Id, UnitId = context.UnitId, Indicator = code, UpdatedBy = actor.UserName };
        if (existing is null)
        {
            db.PlanRows.Add(target);
        }
        else if (before.SameAs(row))
        {
            // Nothing changed: the row keeps its version.
            return;
        }

        target.GuidingBody = row.GuidingBody;
        target.LeadUnitId = row.LeadUnit is null ? null : unitCodes.Id(row.LeadUnit);
        target.Target = row.Target;
        target.DueOn = row.DueOn;
        target.DueText = row.DueText;
        target.Note = row.Note;
        target.Classification = row.Classification;
        target.ClassificationReason = row.Reason;
        target.Version++;
        target.UpdatedAt = now;
        target.UpdatedBy = actor.UserName;
        var wanted = coordinators.Select(unitCodes.Id).ToHashSet();
        target.Coordinators.RemoveAll(c => !wanted.Contains(c.UnitId));
        foreach (var id in wanted.Where(id => target.Coordinators.All(c => c.UnitId != id)))
        {
            target.Coordinators.Add(new PlanCoordinator { UnitId = id });
        }
    }

    private static string? Join(IReadOnlyList<string> codes) => codes.Count == 0 ? null : string.Join(", ", codes);

    /// <summary>Every unit's id and code, both ways.</summary>
    private sealed class UnitCodes(IReadOnlyDictionary<int, string> codes)
    {
        private readonly Dictionary<string, int> _ids = codes.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);

        public string Code(int id) => codes[id];

        public int Id(string code) => _ids[code];
    }

    private sealed record PlanContext(Period Period, Framework Framework, int UnitId, string UnitCode, string UnitName);

    /// <summary>A unit's results of last year by node, the period they come from, its total, and the units they were combined from.</summary>
    private sealed record LastYear(Dictionary<string, LastYearResult> Results, int? PeriodId, decimal? Total, Improvement.Trends.MergedFrom? Merged);

    private sealed record Parsed(
        string? GuidingBody,
        string? LeadUnit,
        IReadOnlyList<string> Coordinators,
        string? Target,
        DateOnly? DueOn,
        string? DueText,
        string? Note,
        PlanClassification? Classification,
        string? Reason)
    {
        public static readonly Parsed Empty = new(null, null, [], null, null, null, null, null, null);

        public string? Deadline => DueOn is { } day ? day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : DueText;

        public bool SameAs(Parsed other) =>
            GuidingBody == other.GuidingBody && LeadUnit == other.LeadUnit && Target == other.Target && DueOn == other.DueOn
            && DueText == other.DueText && Note == other.Note && Classification == other.Classification && Reason == other.Reason
            && Coordinators.Order(StringComparer.Ordinal).SequenceEqual(other.Coordinators.Order(StringComparer.Ordinal), StringComparer.Ordinal);

        public bool IsEmpty => GuidingBody is null && LeadUnit is null && Coordinators.Count == 0 && Target is null && Deadline is null && Note is null && Classification is null;
    }
}
