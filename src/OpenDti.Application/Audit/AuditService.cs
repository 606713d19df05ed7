using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;

namespace OpenDti.Application.Audit;

/// <summary>One change of a reported value.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name.</param>
/// <param name="OldValue">Before, or null.</param>
/// <param name="NewValue">After, or null when removed.</param>
/// <param name="Channel">Page, API, import or seed.</param>
/// <param name="Reason">Why, when given.</param>
public sealed record AuditItem(DateTime At, string UserName, string Indicator, string Input, string? OldValue, string? NewValue, AuditChannel Channel, string? Reason);

/// <summary>The audit of a unit's reported values.</summary>
public sealed class AuditService(OpenDtiDbContext db)
{
    /// <summary>Every change of <paramref name="unitCode"/>'s values in the period, oldest first; only one indicator's when given.</summary>
    public async Task<Outcome<IReadOnlyList<AuditItem>>> ListAsync(
        Actor actor, int periodId, string unitCode, string? indicator = null, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<IReadOnlyList<AuditItem>>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        var member = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (member is null)
        {
            return Outcome<IReadOnlyList<AuditItem>>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId));
        }

        if (!AccessPolicy.CanReadUnit(actor, member.UnitId))
        {
            return Outcome<IReadOnlyList<AuditItem>>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var query = db.AuditEntries.AsNoTracking().Where(a => a.PeriodId == periodId && a.UnitId == member.UnitId);
        if (indicator is not null)
        {
            query = query.Where(a => a.Indicator == indicator);
        }

        var entries = await query.OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return Outcome<IReadOnlyList<AuditItem>>.Ok(entries
            .Select(a => new AuditItem(a.At, a.UserName, a.Indicator, a.Input, a.OldValue, a.NewValue, a.Channel, a.Reason))
            .ToArray());
    }
}
