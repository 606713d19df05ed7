using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Application.Periods;

/// <summary>A period in a list.</summary>
/// <param name="Id">Id.</param>
/// <param name="FrameworkCode">The framework's code.</param>
/// <param name="Year">The year evaluated.</param>
/// <param name="Name">Name.</param>
/// <param name="Status">Status.</param>
/// <param name="OpensOn">First reporting day.</param>
/// <param name="ClosesOn">Last reporting day.</param>
/// <param name="UnitCount">Units in the cohort.</param>
public sealed record PeriodSummary(int Id, string FrameworkCode, int Year, string Name, PeriodStatus Status, DateOnly OpensOn, DateOnly ClosesOn, int UnitCount);

/// <summary>Evaluation periods: a framework, a year, a cohort of units, dates and a status.</summary>
public sealed class PeriodService(OpenDtiDbContext db)
{
    /// <summary>Every period, newest year first.</summary>
    public async Task<IReadOnlyList<PeriodSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.Periods.AsNoTracking()
            .Select(p => new PeriodSummary(p.Id, p.Framework!.Code, p.Year, p.Name, p.Status, p.OpensOn, p.ClosesOn, p.Units.Count))
            .ToListAsync(cancellationToken))
        .OrderByDescending(p => p.Year).ThenBy(p => p.Id)
        .ToArray();

    /// <summary>The period <paramref name="id"/>.</summary>
    public async Task<Outcome<PeriodSummary>> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new PeriodSummary(p.Id, p.Framework!.Code, p.Year, p.Name, p.Status, p.OpensOn, p.ClosesOn, p.Units.Count))
            .SingleOrDefaultAsync(cancellationToken);
        return period is null ? Outcome<PeriodSummary>.NotFound(new AppMessage("PeriodNotFound", id)) : Outcome<PeriodSummary>.Ok(period);
    }

    /// <summary>
    /// Creates a period. The cohort is <paramref name="unitCodes"/>, or every unit of the framework's
    /// level active on <paramref name="opensOn"/>; each unit's code and name are kept as they are now.
    /// </summary>
    public async Task<Outcome<PeriodSummary>> CreateAsync(
        Actor actor,
        string frameworkCode,
        int year,
        string name,
        DateOnly opensOn,
        DateOnly closesOn,
        IReadOnlyList<string>? unitCodes = null,
        CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<PeriodSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        if (closesOn < opensOn)
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodDates"), []);
        }

        var framework = await db.Frameworks.SingleOrDefaultAsync(f => f.Code == frameworkCode, cancellationToken);
        if (framework is null)
        {
            return Outcome<PeriodSummary>.NotFound(new AppMessage("FrameworkNotFound", frameworkCode));
        }

        List<Unit> units;
        if (unitCodes is null)
        {
            var level = framework.Level switch
            {
                FrameworkLevel.Province => UnitLevel.Province,
                FrameworkLevel.Department => UnitLevel.Department,
                FrameworkLevel.District => UnitLevel.District,
                _ => UnitLevel.Commune,
            };
            units = (await db.Units.Where(u => u.Level == level).ToListAsync(cancellationToken)).Where(u => u.IsActiveOn(opensOn)).ToList();
        }
        else
        {
            units = await db.Units.Where(u => unitCodes.Contains(u.Code)).ToListAsync(cancellationToken);
            var missing = unitCodes.Except(units.Select(u => u.Code)).ToArray();
            if (missing.Length > 0)
            {
                return Outcome<PeriodSummary>.NotFound(new AppMessage("UnitNotFound", string.Join(", ", missing)));
            }
        }

        var period = new Period { FrameworkId = framework.Id, Year = year, Name = name, OpensOn = opensOn, ClosesOn = closesOn, Status = PeriodStatus.Draft };
        period.Units.AddRange(units.Select(u => new PeriodUnit { UnitId = u.Id, UnitCode = u.Code, UnitName = u.Name }));
        db.Periods.Add(period);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(period.Id, cancellationToken);
    }

    /// <summary>Moves a period to <paramref name="status"/>.</summary>
    public async Task<Outcome<PeriodSummary>> SetStatusAsync(Actor actor, int id, PeriodStatus status, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<PeriodSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return Outcome<PeriodSummary>.NotFound(new AppMessage("PeriodNotFound", id));
        }

        period.Status = status;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }
}
