using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Evidence;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using OpenDti.Data.Values;

namespace OpenDti.Application.Reporting;

/// <summary>
/// What every read of the report form starts from, resolved once per request (docs/performance.md, "The report
/// form's one service"): the period, its framework, the unit's place in the cohort, what a plan grants the actor when
/// their own rights do not reach the unit, and the rows several of the form's reads share (the unit's values, its
/// submission, its adjustments, its live evidence). Only <see cref="ReportFormService"/> builds one; the services'
/// internal overloads that take it still apply each their own <see cref="AccessPolicy"/> rule to <see cref="Actor"/>,
/// so who may see what is decided exactly as by their public methods, which the API calls.
/// </summary>
/// <param name="Actor">Who reads the form.</param>
/// <param name="Period">The period (not tracked; its cohort is not loaded, only <paramref name="Unit"/>).</param>
/// <param name="Summary">The period as its pages show it.</param>
/// <param name="Unit">The unit's place in the period.</param>
/// <param name="Framework">The period's framework.</param>
/// <param name="Granted">
/// What the period's plan grants the actor in this unit's form to read, when <see cref="AccessPolicy.CanReadUnit"/>
/// does not let them (docs/plans.md#delegated-entry); null otherwise.
/// </param>
/// <param name="Values">The unit's stored values, every indicator (each read filters what its reader may see).</param>
/// <param name="Submission">The unit's submission; null while it has none (a draft).</param>
/// <param name="Adjustments">The evaluators' adjustments of the unit's values.</param>
/// <param name="Evidence">The unit's live evidence files (not removed, not an appeal's or a progress report's); null when the actor may see none.</param>
internal sealed record FormContext(
    Actor Actor,
    Period Period,
    PeriodSummary Summary,
    PeriodUnit Unit,
    Framework Framework,
    Plans.Delegation? Granted,
    IReadOnlyList<ReportedValueRecord> Values,
    Submission? Submission,
    IReadOnlyList<ValueAdjustment> Adjustments,
    IReadOnlyList<EvidenceFile>? Evidence)
{
    /// <summary>The period and the unit as the review services find them.</summary>
    public Review.PeriodMember Member => new(Period, Unit);

    /// <summary>
    /// Resolves the form of <paramref name="unitCode"/> in <paramref name="periodId"/> for <paramref name="actor"/>, or
    /// refuses as <see cref="Values.ValueService.GetAsync"/> does (no such period, unit not in it, no right to read the
    /// unit's values and nothing delegated).
    /// </summary>
    public static async Task<(FormContext? Context, Outcome<T>? Failure)> LoadAsync<T>(
        OpenDtiDbContext db, FrameworkCatalog frameworks, Actor actor, int periodId, string unitCode, CancellationToken cancellationToken)
    {
        // One command: the period, its framework's code, the cohort's size and the unit's row in it.
        var found = await db.Periods.AsNoTracking()
            .Where(p => p.Id == periodId)
            .Select(p => new
            {
                Period = p,
                FrameworkCode = p.Framework!.Code,
                UnitCount = p.Units.Count,
                Unit = p.Units.Where(u => u.UnitCode == unitCode).Select(u => new { u.UnitId, u.UnitCode, u.UnitName }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return (null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        if (found.Unit is null)
        {
            return (null, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId)));
        }

        var period = found.Period;
        var unit = new PeriodUnit { PeriodId = period.Id, UnitId = found.Unit.UnitId, UnitCode = found.Unit.UnitCode, UnitName = found.Unit.UnitName };
        var framework = await frameworks.GetByIdAsync(period.FrameworkId, found.FrameworkCode, cancellationToken);

        // The plan is asked only when the actor's own rights do not reach the unit, as every service does.
        var granted = AccessPolicy.CanReadUnit(actor, unit.UnitId)
            ? null
            : await Plans.Delegations.FindGrantedAsync(db, framework, actor, period, unit.UnitId, write: false, cancellationToken);
        if (!AccessPolicy.CanReadValues(actor, unit.UnitId) && granted is null)
        {
            return (null, Outcome<T>.Forbidden(new AppMessage("UnitNotAllowed", unitCode)));
        }

        var values = await db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == period.Id && v.UnitId == unit.UnitId).ToListAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.PeriodId == period.Id && s.UnitId == unit.UnitId, cancellationToken);
        var adjustments = await db.ValueAdjustments.AsNoTracking().Where(a => a.PeriodId == period.Id && a.UnitId == unit.UnitId).ToListAsync(cancellationToken);
        var evidence = AccessPolicy.CanReadUnit(actor, unit.UnitId) || granted is not null
            ? await OpenDti.Application.Evidence.EvidenceService.LiveFiles(db, period.Id, unit.UnitId).ToListAsync(cancellationToken)
            : null;
        var summary = new PeriodSummary(
            period.Id, found.FrameworkCode, period.Year, period.Name, period.Status, period.OpensOn, period.ClosesOn, found.UnitCount,
            period.AppealDays, period.UnfinishedRanking, period.UnfinishedPoints, period.ContributorsCloseOn, period.MergerRule);
        return (new FormContext(actor, period, summary, unit, framework, granted, values, submission, adjustments, evidence), null);
    }
}
