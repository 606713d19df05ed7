using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Identity;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>An indicator a unit has not finished: no value for some of its inputs, or no evidence.</summary>
/// <param name="Code">The indicator's code ("2.1").</param>
/// <param name="Name">Its name.</param>
/// <param name="MissingInputs">For a missing value: how many of its inputs have no value; 0 in the list of missing evidence.</param>
/// <param name="Inputs">For a missing value: how many inputs it has.</param>
public sealed record MissingIndicator(string Code, string Name, int MissingInputs, int Inputs);

/// <summary>A unit of a period that has not submitted (hồ sơ chưa gửi), with its deadline and what it still lacks.</summary>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="State">Its submission's state: <see cref="SubmissionState.Draft"/> or <see cref="SubmissionState.Returned"/>.</param>
/// <param name="Deadline">Its last day: the period's close date, or a later exception or reply deadline.</param>
/// <param name="DaysLeft">Days from today to <paramref name="Deadline"/>: 0 on the day itself, negative when overdue.</param>
/// <param name="MissingValues">The indicators some input of which has no value, in framework order.</param>
/// <param name="MissingEvidence">The indicators with no evidence file, in framework order.</param>
public sealed record UnitDeadline(
    string UnitCode,
    string UnitName,
    SubmissionState State,
    DateOnly Deadline,
    int DaysLeft,
    IReadOnlyList<MissingIndicator> MissingValues,
    IReadOnlyList<MissingIndicator> MissingEvidence);

/// <summary>A period's deadlines: the units that have not submitted, most urgent first.</summary>
/// <param name="Period">The period.</param>
/// <param name="Today">Today in Vietnam.</param>
/// <param name="Indicators">How many indicators the framework asks values for.</param>
/// <param name="Units">The units that have not submitted (only the actor's own for a unit user), by days left then code.</param>
/// <param name="Submitted">How many units of the cohort the actor may see have submitted.</param>
public sealed record PeriodDeadlines(PeriodSummary Period, DateOnly Today, int Indicators, IReadOnlyList<UnitDeadline> Units, int Submitted)
{
    /// <summary>
    /// The plan's assignments that are late: their deadline (the earlier of the plan row's day and the
    /// contributors' deadline) has passed with an assigned input of the plan unit's form still empty; those the
    /// reader may see (a unit user: its own unit's plan and the assignments naming its unit).
    /// </summary>
    public IReadOnlyList<Plans.Assignment> LateAssignments { get; init; } = [];
}

/// <summary>
/// Who has not submitted in a period and how many days they have left, and which indicators each of
/// them still lacks a value or evidence for (hạn nộp). Province staff and viewers see every unit of
/// the cohort; a unit's reporter or leader sees their own unit only.
/// </summary>
/// <remarks>
/// With a plan, the page also lists the assignments that are late, and a plan's lead or coordinating unit that
/// is not in the cohort sees its own late assignments.
/// </remarks>
public sealed class DeadlineService(OpenDtiDbContext db, PeriodService periods, FrameworkCatalog frameworks, TimeProvider time, Plans.AssignmentService assignments)
{
    /// <summary>The deadlines of period <paramref name="periodId"/> as <paramref name="actor"/> may see them.</summary>
    public async Task<Outcome<PeriodDeadlines>> GetAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodDeadlines>();
        }

        var seesAll = actor.IsProvinceStaff || actor.IsIn(Roles.Viewer);
        var today = VietnamTime.Today(time);
        var late = (await assignments.OfPeriodAsync(periodId, today, cancellationToken))
            .Where(a => a.IsLate && (seesAll || (actor.UnitId is { } own && (own == a.PlanUnitId || a.Names(own)) && AccessPolicy.CanReadUnit(actor, own))))
            .ToArray();
        var cohort = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId).ToListAsync(cancellationToken);
        if (!seesAll)
        {
            cohort = cohort.Where(u => u.UnitId == actor.UnitId && AccessPolicy.CanReadUnit(actor, u.UnitId)).ToList();
            var delegated = actor.UnitId is { } unit && AccessPolicy.CanReadUnit(actor, unit)
                && await db.PlanRows.AnyAsync(r => r.PeriodId == periodId && (r.LeadUnitId == unit || r.Coordinators.Any(c => c.UnitId == unit)), cancellationToken);
            if (cohort.Count == 0 && !delegated)
            {
                return Outcome<PeriodDeadlines>.Forbidden(new AppMessage("DeadlinesNotAllowed"));
            }
        }

        var frameworkId = await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.FrameworkId).SingleAsync(cancellationToken);
        var framework = await frameworks.GetByIdAsync(frameworkId, cancellationToken);
        var indicators = framework.Nodes.Where(n => n.Inputs.Count > 0).ToArray();
        var period = summary.Value!;

        var unitIds = cohort.Select(u => u.UnitId).ToArray();
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == periodId && unitIds.Contains(s.UnitId))
            .ToDictionaryAsync(s => s.UnitId, cancellationToken);
        var pending = cohort
            .Where(u => IsWithUnit(submissions.GetValueOrDefault(u.UnitId)?.State ?? SubmissionState.Draft))
            .ToArray();
        var pendingIds = pending.Select(u => u.UnitId).ToArray();

        var answered = (await db.ReportedValues.AsNoTracking()
                .Where(v => v.PeriodId == periodId && pendingIds.Contains(v.UnitId))
                .Select(v => new { v.UnitId, v.Indicator, v.Input })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.UnitId, v => (v.Indicator, v.Input));
        var evidence = (await db.EvidenceFiles.AsNoTracking()
                .Where(e => e.PeriodId == periodId && pendingIds.Contains(e.UnitId) && e.DeletedAt == null && e.AppealId == null && e.ProgressId == null)
                .Select(e => new { e.UnitId, e.Indicator })
                .Distinct()
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.UnitId, e => e.Indicator);

        var units = pending
            .Select(u =>
            {
                var submission = submissions.GetValueOrDefault(u.UnitId);
                var deadline = Deadline(period.ClosesOn, submission);
                return new UnitDeadline(
                    u.UnitCode,
                    u.UnitName,
                    submission?.State ?? SubmissionState.Draft,
                    deadline,
                    deadline.DayNumber - today.DayNumber,
                    MissingValues(indicators, answered[u.UnitId].ToHashSet()),
                    MissingEvidence(indicators, evidence[u.UnitId].ToHashSet(StringComparer.Ordinal)));
            })
            .OrderBy(u => u.DaysLeft).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToArray();
        return Outcome<PeriodDeadlines>.Ok(new PeriodDeadlines(period, today, indicators.Length, units, cohort.Count - pending.Length) { LateAssignments = late });
    }

    /// <summary>Whether a submission in <paramref name="state"/> is with the unit, not yet (re)submitted.</summary>
    public static bool IsWithUnit(SubmissionState state) => state is SubmissionState.Draft or SubmissionState.Returned;

    /// <summary>
    /// The last day a unit has to submit: the period's close date, or the end of an exception an
    /// administrator opened when it is later, or, for a returned submission, the reply deadline when later.
    /// </summary>
    public static DateOnly Deadline(DateOnly closesOn, Submission? submission)
    {
        var deadline = closesOn;
        if (submission?.ExceptionUntil is { } exception && exception > deadline)
        {
            deadline = exception;
        }

        if (submission is { State: SubmissionState.Returned, AnswerBy: { } answerBy } && answerBy > deadline)
        {
            deadline = answerBy;
        }

        return deadline;
    }

    private static MissingIndicator[] MissingValues(IEnumerable<FrameworkNode> indicators, HashSet<(string Indicator, string Input)> answered) =>
        indicators
            .Select(n => (Node: n, Missing: n.Inputs.Count(i => !answered.Contains((n.Code.Value, i.Name)))))
            .Where(x => x.Missing > 0)
            .Select(x => new MissingIndicator(x.Node.Code.Value, x.Node.Name, x.Missing, x.Node.Inputs.Count))
            .ToArray();

    private static MissingIndicator[] MissingEvidence(IEnumerable<FrameworkNode> indicators, HashSet<string> withEvidence) =>
        indicators
            .Where(n => !withEvidence.Contains(n.Code.Value))
            .Select(n => new MissingIndicator(n.Code.Value, n.Name, 0, n.Inputs.Count))
            .ToArray();
}
