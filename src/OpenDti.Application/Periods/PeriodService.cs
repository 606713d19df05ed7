using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Units;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
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
/// <param name="AppealDays">How many days after a publication units may appeal (phúc khảo).</param>
/// <param name="UnfinishedRanking">Where a publication ranks a unit that did not complete the review cycle.</param>
/// <param name="UnfinishedPoints">The points a publication shows for such a unit.</param>
/// <param name="ContributorsCloseOn">The contributors' deadline (lead and coordinating units), before <paramref name="ClosesOn"/>; null: none.</param>
/// <param name="MergerRule">How a merged unit's results for the years before its merger are read in this period's trends.</param>
public sealed record PeriodSummary(
    int Id,
    string FrameworkCode,
    int Year,
    string Name,
    PeriodStatus Status,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    int UnitCount,
    int AppealDays = Period.DefaultAppealDays,
    UnfinishedRanking UnfinishedRanking = UnfinishedRanking.AfterFinalised,
    UnfinishedPoints UnfinishedPoints = UnfinishedPoints.Zero,
    DateOnly? ContributorsCloseOn = null,
    MergerRule MergerRule = MergerRule.Mean)
{
    /// <summary>The period's rule for units that did not complete the review cycle, as a sentence.</summary>
    public AppMessage UnfinishedRule => PeriodService.UnfinishedRuleText(UnfinishedRanking, UnfinishedPoints);
}

/// <summary>Evaluation periods: a framework, a year, a cohort of units, dates and a status.</summary>
public sealed class PeriodService(OpenDtiDbContext db, TimeProvider time, Frameworks.CompiledFrameworks compiled)
{
    /// <summary>The longest name a period may have.</summary>
    public const int MaxNameLength = 400;

    /// <summary>The fewest days a period may give units to appeal.</summary>
    public const int MinAppealDays = 1;

    /// <summary>The most days a period may give units to appeal.</summary>
    public const int MaxAppealDays = 90;

    /// <summary>Every period, newest year first.</summary>
    public async Task<IReadOnlyList<PeriodSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.Periods.AsNoTracking()
            .Select(p => new PeriodSummary(p.Id, p.Framework!.Code, p.Year, p.Name, p.Status, p.OpensOn, p.ClosesOn, p.Units.Count, p.AppealDays, p.UnfinishedRanking, p.UnfinishedPoints, p.ContributorsCloseOn, p.MergerRule))
            .ToListAsync(cancellationToken))
        .OrderByDescending(p => p.Year).ThenBy(p => p.Id)
        .ToArray();

    /// <summary>The period <paramref name="id"/>.</summary>
    public async Task<Outcome<PeriodSummary>> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new PeriodSummary(p.Id, p.Framework!.Code, p.Year, p.Name, p.Status, p.OpensOn, p.ClosesOn, p.Units.Count, p.AppealDays, p.UnfinishedRanking, p.UnfinishedPoints, p.ContributorsCloseOn, p.MergerRule))
            .SingleOrDefaultAsync(cancellationToken);
        return period is null ? Outcome<PeriodSummary>.NotFound(new AppMessage("PeriodNotFound", id)) : Outcome<PeriodSummary>.Ok(period);
    }

    /// <summary>
    /// Creates a period. The cohort is <paramref name="unitCodes"/>, or every unit of the framework's
    /// level active on <paramref name="opensOn"/>; each unit's code and name are kept as they are now.
    /// A unit chosen by hand must be of the framework's level and have existed during
    /// <paramref name="year"/>; every unit that is not is named, and nothing is created.
    /// </summary>
    public Task<Outcome<PeriodSummary>> CreateAsync(
        Actor actor,
        string frameworkCode,
        int year,
        string name,
        DateOnly opensOn,
        DateOnly closesOn,
        IReadOnlyList<string>? unitCodes = null,
        CancellationToken cancellationToken = default) =>
        CreateAsync(actor, frameworkCode, year, name, opensOn, closesOn, Period.DefaultAppealDays, unitCodes, cancellationToken);

    /// <summary>Creates a period as the other overload does, giving units <paramref name="appealDays"/> days after each publication to appeal.</summary>
    public Task<Outcome<PeriodSummary>> CreateAsync(
        Actor actor,
        string frameworkCode,
        int year,
        string name,
        DateOnly opensOn,
        DateOnly closesOn,
        int appealDays,
        IReadOnlyList<string>? unitCodes = null,
        CancellationToken cancellationToken = default) =>
        CreateAsync(actor, frameworkCode, year, name, opensOn, closesOn, appealDays, UnfinishedRanking.AfterFinalised, UnfinishedPoints.Zero, unitCodes, cancellationToken);

    /// <summary>
    /// Creates a period as the other overloads do, with its rule for units that did not complete the review
    /// cycle when results are published: where they are ranked (<paramref name="unfinishedRanking"/>) and the
    /// points shown for them (<paramref name="unfinishedPoints"/>).
    /// </summary>
    public async Task<Outcome<PeriodSummary>> CreateAsync(
        Actor actor,
        string frameworkCode,
        int year,
        string name,
        DateOnly opensOn,
        DateOnly closesOn,
        int appealDays,
        UnfinishedRanking unfinishedRanking,
        UnfinishedPoints unfinishedPoints,
        IReadOnlyList<string>? unitCodes = null,
        CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<PeriodSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        if (appealDays is < MinAppealDays or > MaxAppealDays)
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodAppealDaysInvalid", MinAppealDays, MaxAppealDays), []);
        }

        if (!Enum.IsDefined(unfinishedRanking) || !Enum.IsDefined(unfinishedPoints))
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodUnfinishedRuleInvalid"), []);
        }

        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodNameInvalid", MaxNameLength), []);
        }

        if (year is < 1 or > 9999)
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodYearInvalid", year), []);
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

        var level = framework.Level switch
        {
            FrameworkLevel.Province => UnitLevel.Province,
            FrameworkLevel.Department => UnitLevel.Department,
            FrameworkLevel.District => UnitLevel.District,
            _ => UnitLevel.Commune,
        };

        List<Unit> units;
        if (unitCodes is null)
        {
            // Units that contribute without being scored are never in a cohort, so never ranked.
            units = (await db.Units.Where(u => u.Level == level && !u.NotScored).ToListAsync(cancellationToken)).Where(u => u.IsActiveOn(opensOn)).ToList();
            if (units.Count == 0)
            {
                return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodNoActiveUnits", UnitDirectory.LevelText(level), new DayText(opensOn)), []);
            }
        }
        else
        {
            var codes = unitCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (codes.Length == 0)
            {
                return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodNoUnits"), []);
            }

            units = await db.Units.Where(u => codes.Contains(u.Code)).ToListAsync(cancellationToken);
            var missing = codes.Except(units.Select(u => u.Code), StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
            {
                return Outcome<PeriodSummary>.NotFound(new AppMessage("UnitNotFound", string.Join(", ", missing)));
            }

            var mixed = level is UnitLevel.District or UnitLevel.Commune && compiled.Get(framework).MixedLevels;
            var problems = CohortProblems(units, level, framework.Code, year, mixed);
            if (problems.Count > 0)
            {
                return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodUnitsInvalid", problems.Count), problems);
            }
        }

        var period = new Period
        {
            FrameworkId = framework.Id,
            Year = year,
            Name = name,
            OpensOn = opensOn,
            ClosesOn = closesOn,
            Status = PeriodStatus.Draft,
            AppealDays = appealDays,
            UnfinishedRanking = unfinishedRanking,
            UnfinishedPoints = unfinishedPoints,
        };
        period.Units.AddRange(units.OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new PeriodUnit { UnitId = u.Id, UnitCode = u.Code, UnitName = u.Name }));
        db.Periods.Add(period);

        // The audit names the period by its id, known once it is inserted: two writes, one transaction.
        await using (var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            db.AuditEntries.Add(Audited(
                actor,
                period,
                "created",
                null,
                $"{framework.Code}; {year}; {opensOn:yyyy-MM-dd} – {closesOn:yyyy-MM-dd}; {string.Join(",", period.Units.Select(u => u.UnitCode))}"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await GetAsync(period.Id, cancellationToken);
    }

    /// <summary>
    /// Why units chosen by hand cannot be evaluated with a framework for <paramref name="level"/> in
    /// <paramref name="year"/>: a unit that is not scored, a unit of another level, or one that did not exist on
    /// any day of the year.
    /// </summary>
    /// <remarks>
    /// With <paramref name="mixedLevels"/> (the framework's <c>mixed_levels: true</c>), districts and communes may be
    /// evaluated together: the year of the 2025 reform, some units still districts and others communes under the
    /// province. Without it, a cohort is of one level.
    /// </remarks>
    internal static List<Problem> CohortProblems(IEnumerable<Unit> units, UnitLevel level, string frameworkCode, int year, bool mixedLevels = false)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var problems = new List<Problem>();
        foreach (var unit in units.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if (unit.NotScored)
            {
                problems.Add(new Problem("APP-PERIOD-UNIT-NOT-SCORED", new AppMessage("PeriodUnitNotScored", unit.Code), Input: unit.Code));
            }
            else if (unit.Level != level && !(mixedLevels && unit.Level is UnitLevel.District or UnitLevel.Commune))
            {
                problems.Add(new Problem("APP-PERIOD-UNIT-LEVEL", new AppMessage("PeriodUnitLevel", unit.Code, UnitDirectory.LevelText(unit.Level), frameworkCode, UnitDirectory.LevelText(level)), Input: unit.Code));
            }
            else if (unit.ClosedOn is { } closed && closed <= first)
            {
                problems.Add(new Problem("APP-PERIOD-UNIT-CLOSED", new AppMessage("PeriodUnitClosedBefore", unit.Code, new DayText(closed), year), Input: unit.Code));
            }
            else if (unit.ActiveFrom is { } from && from > last)
            {
                problems.Add(new Problem("APP-PERIOD-UNIT-LATER", new AppMessage("PeriodUnitCreatedAfter", unit.Code, new DayText(from), year), Input: unit.Code));
            }
        }

        return problems;
    }

    /// <summary>
    /// Moves a period to <paramref name="status"/>: draft ↔ open and open ↔ closed, one step at a time;
    /// asking for the status it has changes nothing. A period becomes published only by publishing its
    /// results (<c>PublicationService.PublishAsync</c>), and a published period stays published: a
    /// correction is a new publication. A refused move is a Conflict naming both statuses.
    /// </summary>
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

        if (period.Status != status)
        {
            var refusal = TransitionRefusal(period.Status, status);
            if (refusal is not null)
            {
                return Outcome<PeriodSummary>.Conflict(new AppMessage(refusal, new AppMessage("Status" + period.Status), new AppMessage("Status" + status)));
            }

            db.AuditEntries.Add(Audited(actor, period, "status", period.Status.ToString().ToLowerInvariant(), status.ToString().ToLowerInvariant()));
            period.Status = status;
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Sets how a unit formed by a merger is given results for the years before its merger in period
    /// <paramref name="id"/>'s trends: the mean of the absorbed units' main indices (the ministry's rule for DTI 2024)
    /// or weighted by their population. Period managers only; audited (field <c>merger_rule</c>).
    /// </summary>
    public async Task<Outcome<PeriodSummary>> SetMergerRuleAsync(Actor actor, int id, MergerRule rule, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<PeriodSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        if (!Enum.IsDefined(rule))
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodMergerRuleInvalid"), []);
        }

        return await ChangeAsync(id, period =>
        {
            if (period.MergerRule != rule)
            {
                db.AuditEntries.Add(Audited(actor, period, "merger_rule", period.MergerRule.ToString().ToLowerInvariant(), rule.ToString().ToLowerInvariant()));
                period.MergerRule = rule;
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Sets how many days after a publication units of period <paramref name="id"/> may appeal
    /// (<see cref="MinAppealDays"/> to <see cref="MaxAppealDays"/>); period managers only. It applies to the
    /// window of the latest publication at once.
    /// </summary>
    public async Task<Outcome<PeriodSummary>> SetAppealDaysAsync(Actor actor, int id, int days, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<PeriodSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        return await ChangeAsync(id, period =>
        {
            if (days is < MinAppealDays or > MaxAppealDays)
            {
                return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodAppealDaysInvalid", MinAppealDays, MaxAppealDays), []);
            }

            if (period.AppealDays != days)
            {
                db.AuditEntries.Add(Audited(actor, period, "appeal_days", period.AppealDays, days));
                period.AppealDays = days;
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Sets the contributors' deadline of period <paramref name="id"/> (seed 001 IV: the lead and coordinating
    /// units send their figures by 10/12, the consolidation closes on 20/12): a day from the period's first
    /// reporting day to its last (<see cref="Period.ClosesOn"/>), or null for one deadline for everyone. Period
    /// managers only; audited like the other settings of a period.
    /// </summary>
    public async Task<Outcome<PeriodSummary>> SetContributorsDeadlineAsync(Actor actor, int id, DateOnly? day, CancellationToken cancellationToken = default)
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

        if (day is { } d && (d < period.OpensOn || d > period.ClosesOn))
        {
            return Outcome<PeriodSummary>.Invalid(
                new AppMessage("PeriodContributorsDeadlineInvalid", new DayText(d), new DayText(period.OpensOn), new DayText(period.ClosesOn)),
                [new Problem("APP-PERIOD-CONTRIBUTORS-DEADLINE", new AppMessage("PeriodContributorsDeadlineInvalid", new DayText(d), new DayText(period.OpensOn), new DayText(period.ClosesOn)), Input: "contributorsCloseOn")]);
        }

        if (period.ContributorsCloseOn != day)
        {
            db.AuditEntries.Add(Audited(actor, period, "contributors_close_on", Iso(period.ContributorsCloseOn), Iso(day)));
            period.ContributorsCloseOn = day;
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    private static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Changes a setting of period <paramref name="id"/> with <paramref name="change"/> (which refuses, or changes the
    /// period and adds its audit entry, or leaves it as it is), saved once. Simultaneous requests take turns
    /// (<see cref="RowLocks"/>): each reads what the one before it left, so an audit entry's old value is the one it
    /// replaced and a request that changes nothing writes nothing.
    /// </summary>
    private async Task<Outcome<PeriodSummary>> ChangeAsync(int id, Func<Period, Outcome<PeriodSummary>?> change, CancellationToken cancellationToken)
    {
        await using (var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken))
        {
            await db.LockPeriodAsync(id, cancellationToken);
            var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (period is null)
            {
                return Outcome<PeriodSummary>.NotFound(new AppMessage("PeriodNotFound", id));
            }

            if (change(period) is { } refused)
            {
                return refused;
            }

            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The audit of a change of <paramref name="period"/>'s <paramref name="field"/>.</summary>
    private AuditEntry Audited(Actor actor, Period period, string field, object? oldValue, object? newValue) =>
        AuditTrail.Entry(actor, time.GetUtcNow().UtcDateTime, AuditKind.Period, field, oldValue, newValue, periodId: period.Id);

    /// <summary>
    /// Sets the rule for units of period <paramref name="id"/> that did not complete the review cycle when its
    /// results are published: where a publication ranks them and the points it shows for them (null keeps
    /// what is set). Period managers only. It applies to the next publication; published ones keep theirs.
    /// </summary>
    public async Task<Outcome<PeriodSummary>> SetUnfinishedRuleAsync(
        Actor actor, int id, UnfinishedRanking? ranking, UnfinishedPoints? points, CancellationToken cancellationToken = default)
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

        if ((ranking is { } r && !Enum.IsDefined(r)) || (points is { } q && !Enum.IsDefined(q)))
        {
            return Outcome<PeriodSummary>.Invalid(new AppMessage("PeriodUnfinishedRuleInvalid"), []);
        }

        var (newRanking, newPoints) = (ranking ?? period.UnfinishedRanking, points ?? period.UnfinishedPoints);
        if ((newRanking, newPoints) != (period.UnfinishedRanking, period.UnfinishedPoints))
        {
            db.AuditEntries.Add(Audited(
                actor, period, "unfinished_rule", $"{period.UnfinishedRanking}; {period.UnfinishedPoints}", $"{newRanking}; {newPoints}"));
            period.UnfinishedRanking = newRanking;
            period.UnfinishedPoints = newPoints;
            await db.SaveChangesAsync(cancellationToken);
        }
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The rule for units that did not complete the review cycle, as a sentence ("… được ghi “không gửi hồ sơ”, xếp sau …, điểm tính là 0").</summary>
    public static AppMessage UnfinishedRuleText(UnfinishedRanking ranking, UnfinishedPoints points) =>
        new("UnfinishedRule", new AppMessage("UnfinishedRanking" + ranking), new AppMessage("UnfinishedPoints" + points));

    /// <summary>Why a period may not go from <paramref name="from"/> to <paramref name="to"/> by a status change (a message key), or null when it may.</summary>
    public static string? TransitionRefusal(PeriodStatus from, PeriodStatus to) => (from, to) switch
    {
        (PeriodStatus.Published, _) => "PeriodStatusFromPublished",
        (_, PeriodStatus.Published) => "PeriodStatusPublishOnly",
        (PeriodStatus.Draft, PeriodStatus.Open) or (PeriodStatus.Open, PeriodStatus.Draft) => null,
        (PeriodStatus.Open, PeriodStatus.Closed) or (PeriodStatus.Closed, PeriodStatus.Open) => null,
        _ when from == to => null,
        _ => "PeriodStatusNotAllowed",
    };
}
