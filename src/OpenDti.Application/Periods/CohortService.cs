using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Application.Periods;

/// <summary>A unit of a period's cohort, with what it reported in the period.</summary>
/// <param name="Code">The unit's code as the period keeps it.</param>
/// <param name="Name">Its name as the period keeps it.</param>
/// <param name="Values">How many values it reported in the period.</param>
/// <param name="Evidence">How many evidence files it attached in the period (not removed).</param>
public sealed record CohortMember(string Code, string Name, int Values, int Evidence)
{
    /// <summary>Whether the unit reported anything in the period.</summary>
    public bool HasData => Values > 0 || Evidence > 0;
}

/// <summary>A period's cohort: its units with what each reported, and whether it may still change.</summary>
/// <param name="Period">The period.</param>
/// <param name="Members">Its units, by code.</param>
/// <param name="Locked">Whether the cohort may no longer change (the period's results are published).</param>
public sealed record CohortView(PeriodSummary Period, IReadOnlyList<CohortMember> Members, bool Locked);

/// <summary>What a change of a period's cohort did.</summary>
/// <param name="Period">The period after the change.</param>
/// <param name="Added">The codes of the units added.</param>
/// <param name="Removed">The units removed, with what they had reported (kept, out of the ranking).</param>
public sealed record CohortChange(PeriodSummary Period, IReadOnlyList<string> Added, IReadOnlyList<CohortMember> Removed);

/// <summary>
/// A period's cohort after it was created: units added or removed until its results are published. A removed
/// unit's values and evidence are kept (a unit added back finds them); it only leaves the ranking. Each unit added
/// or removed is one audit entry (kind <c>period</c>, field <c>cohort</c>), which also moves the scores' version
/// (<see cref="Results.ScoreCache"/>), so that the results are scored again for the new cohort.
/// </summary>
public sealed class CohortService(OpenDtiDbContext db, TimeProvider time, Frameworks.CompiledFrameworks compiled, PeriodService periods)
{
    /// <summary>The most units a cohort may be given at once.</summary>
    public const int MaxUnits = 20_000;

    /// <summary>Period <paramref name="id"/>'s cohort, with what each unit reported; period managers only.</summary>
    public async Task<Outcome<CohortView>> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<CohortView>.Forbidden(new AppMessage("NotAllowed"));
        }

        var period = await periods.GetAsync(id, cancellationToken);
        if (!period.Succeeded)
        {
            return Outcome<CohortView>.NotFound(new AppMessage("PeriodNotFound", id));
        }

        var members = await MembersAsync(id, null, cancellationToken);
        return Outcome<CohortView>.Ok(new CohortView(period.Value!, members, period.Value!.Status == PeriodStatus.Published));
    }

    /// <summary>
    /// Makes <paramref name="unitCodes"/> the cohort of period <paramref name="id"/>: units not in it are added (they
    /// must be scored units of the framework's level that existed during the period's year, as when a period is
    /// created), members not named are removed. Removing a unit that reported values or evidence needs
    /// <paramref name="confirmed"/>: without it nothing changes and the answer (a conflict) names each such unit with
    /// its counts. A published period's cohort never changes (conflict). Period managers only; saved once, audited.
    /// </summary>
    public async Task<Outcome<CohortChange>> SetAsync(Actor actor, int id, IReadOnlyList<string?>? unitCodes, bool confirmed, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<CohortChange>.Forbidden(new AppMessage("NotAllowed"));
        }

        // Simultaneous changes of one cohort take turns (RowLocks): each reads the cohort the one before it left, so the
        // cohort is always one that was sent whole, each unit is added or removed once, and its audit entry once.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        await db.LockPeriodAsync(id, cancellationToken);
        // Split: one query would repeat the framework's file (~60 KB) on each member's row, 60 MB read for 1.000 units.
        var period = await db.Periods.Include(p => p.Units).Include(p => p.Framework).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return Outcome<CohortChange>.NotFound(new AppMessage("PeriodNotFound", id));
        }

        if (period.Status == PeriodStatus.Published)
        {
            return Outcome<CohortChange>.Conflict(new AppMessage("PeriodCohortPublished", period.Name));
        }

        var codes = (unitCodes ?? []).Select(c => c?.Trim() ?? string.Empty).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0)
        {
            return Outcome<CohortChange>.Invalid(new AppMessage("PeriodNoUnits"), []);
        }

        if (codes.Length > MaxUnits)
        {
            return Outcome<CohortChange>.Invalid(new AppMessage("PeriodCohortTooLarge", MaxUnits), []);
        }

        var members = period.Units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        var addedCodes = codes.Where(c => !members.ContainsKey(c)).ToArray();
        var added = addedCodes.Length == 0 ? [] : await db.Units.Where(u => addedCodes.Contains(u.Code)).ToListAsync(cancellationToken);
        var missing = addedCodes.Except(added.Select(u => u.Code), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            return Outcome<CohortChange>.Invalid(
                new AppMessage("PeriodCohortUnknownUnits", missing.Length),
                [.. missing.Select(code => new Problem("APP-PERIOD-UNIT-UNKNOWN", new AppMessage("UnitNotFound", code), Input: code))]);
        }

        var framework = period.Framework!;
        var level = framework.Level switch
        {
            FrameworkLevel.Province => UnitLevel.Province,
            FrameworkLevel.Department => UnitLevel.Department,
            FrameworkLevel.District => UnitLevel.District,
            _ => UnitLevel.Commune,
        };
        var mixed = level is UnitLevel.District or UnitLevel.Commune && compiled.Get(framework).MixedLevels;
        var problems = PeriodService.CohortProblems(added, level, framework.Code, period.Year, mixed);
        if (problems.Count > 0)
        {
            return Outcome<CohortChange>.Invalid(new AppMessage("PeriodCohortUnitsInvalid", problems.Count), problems);
        }

        var named = codes.ToHashSet(StringComparer.Ordinal);
        var leaving = period.Units.Where(u => !named.Contains(u.UnitCode)).ToArray();
        var removed = leaving.Length == 0 ? [] : await MembersAsync(id, leaving.Select(u => u.UnitId).ToArray(), cancellationToken);
        var withData = removed.Where(m => m.HasData).ToArray();
        if (withData.Length > 0 && !confirmed)
        {
            return Outcome<CohortChange>.Conflict(
                new AppMessage("PeriodCohortRemoveConfirm", withData.Length, withData.Sum(m => m.Values), withData.Sum(m => m.Evidence)),
                [.. withData.Select(m => new Problem("APP-PERIOD-COHORT-DATA", new AppMessage("PeriodCohortUnitHasData", m.Code, m.Name, m.Values, m.Evidence), Input: m.Code))]);
        }

        if (added.Count == 0 && leaving.Length == 0)
        {
            return Outcome<CohortChange>.Ok(new CohortChange((await periods.GetAsync(id, cancellationToken)).Value!, [], []));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var byCode = removed.ToDictionary(m => m.Code, StringComparer.Ordinal);
        foreach (var member in leaving)
        {
            var counts = byCode[member.UnitCode];
            db.PeriodUnits.Remove(member);
            db.AuditEntries.Add(AuditTrail.Entry(
                actor, now, AuditKind.Period, "cohort", member.UnitCode, null, periodId: id, unitId: member.UnitId, subject: member.UnitName,
                reason: counts.HasData ? $"{counts.Values} values, {counts.Evidence} evidence kept" : null));
        }

        foreach (var unit in added.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            period.Units.Add(new PeriodUnit { PeriodId = id, UnitId = unit.Id, UnitCode = unit.Code, UnitName = unit.Name });
            db.AuditEntries.Add(AuditTrail.Entry(actor, now, AuditKind.Period, "cohort", null, unit.Code, periodId: id, unitId: unit.Id, subject: unit.Name));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CohortChange>.Ok(new CohortChange(
            (await periods.GetAsync(id, cancellationToken)).Value!,
            [.. added.Select(u => u.Code).Order(StringComparer.Ordinal)],
            [.. removed.OrderBy(m => m.Code, StringComparer.Ordinal)]));
    }

    /// <summary>The members of period <paramref name="id"/> (only <paramref name="unitIds"/> when given), with their counts, by code.</summary>
    private async Task<IReadOnlyList<CohortMember>> MembersAsync(int id, int[]? unitIds, CancellationToken cancellationToken)
    {
        var units = await db.PeriodUnits.AsNoTracking()
            .Where(u => u.PeriodId == id && (unitIds == null || unitIds.Contains(u.UnitId)))
            .Select(u => new { u.UnitId, u.UnitCode, u.UnitName })
            .ToListAsync(cancellationToken);
        var values = await db.ReportedValues.AsNoTracking()
            .Where(v => v.PeriodId == id && (unitIds == null || unitIds.Contains(v.UnitId)))
            .GroupBy(v => v.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count, cancellationToken);
        var evidence = await db.EvidenceFiles.AsNoTracking()
            .Where(e => e.PeriodId == id && e.DeletedAt == null && (unitIds == null || unitIds.Contains(e.UnitId)))
            .GroupBy(e => e.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count, cancellationToken);
        return units
            .Select(u => new CohortMember(u.UnitCode, u.UnitName, values.GetValueOrDefault(u.UnitId), evidence.GetValueOrDefault(u.UnitId)))
            .OrderBy(m => m.Code, StringComparer.Ordinal)
            .ToArray();
    }
}
