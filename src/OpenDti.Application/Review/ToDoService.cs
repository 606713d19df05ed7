using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>What someone has to do with a unit's submission.</summary>
public enum ToDoKind
{
    /// <summary>A reporter sends the unit's draft (gửi hồ sơ) before the deadline.</summary>
    Submit = 0,

    /// <summary>The unit's leader approves the submitted submission (phê duyệt hồ sơ).</summary>
    Approve = 1,

    /// <summary>A reporter answers the evaluators' comments (giải trình) and sends the submission again.</summary>
    Answer = 2,

    /// <summary>An evaluator starts reviewing an approved or resubmitted submission (bắt đầu thẩm định).</summary>
    StartReview = 3,

    /// <summary>An evaluator finishes a review in progress: returns it or finalises it.</summary>
    FinishReview = 4,

    /// <summary>
    /// A plan's lead or coordinating unit's reporter enters the figures assigned to it in the plan unit's form
    /// (nhập số liệu được giao), by the earlier of the plan row's day and the contributors' deadline.
    /// </summary>
    Contribute = 5,
}

/// <summary>One thing the signed-in person has to do.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodName">The period's name.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="State">The submission's state.</param>
/// <param name="Since">Since when it waits (Vietnam's day the state was reached; the period's first day for an untouched draft).</param>
/// <param name="Deadline">The last day to do it, when there is one (submitting, approving, answering).</param>
/// <param name="DaysLeft">Days from today to <paramref name="Deadline"/>; negative when overdue; null without a deadline.</param>
/// <param name="CommentsWaiting">For <see cref="ToDoKind.Answer"/>: indicators whose comments of the current round have no answer yet.</param>
/// <param name="Path">The page to do it on ("/ky-danh-gia/3/ke-khai/SO-A#ho-so").</param>
public sealed record ToDoItem(
    ToDoKind Kind,
    int PeriodId,
    string PeriodName,
    int UnitId,
    string UnitCode,
    string UnitName,
    SubmissionState State,
    DateOnly Since,
    DateOnly? Deadline,
    int? DaysLeft,
    int CommentsWaiting,
    string Path)
{
    /// <summary>For <see cref="ToDoKind.Contribute"/>: the plan row's node.</summary>
    public string? Indicator { get; init; }

    /// <summary>For <see cref="ToDoKind.Contribute"/>: the unit the plan names (lead or coordinating), whose reporters do it.</summary>
    public int? DelegateUnitId { get; init; }

    /// <summary>For <see cref="ToDoKind.Contribute"/>: how many assigned inputs are still empty.</summary>
    public int EmptyInputs { get; init; }
}

/// <summary>
/// The in-app to-do list (việc cần làm): for the signed-in person, the submissions that wait for
/// them in periods that are open or closed for review. A unit's leader approves; a reporter submits
/// drafts before the deadline and answers returned submissions; evaluators and administrators start
/// and finish reviews. Viewers have nothing to do. A plan's lead and coordinating units' reporters enter the
/// figures assigned to them while assigned inputs are empty, until the contributors' deadline.
/// </summary>
public sealed class ToDoService(OpenDtiDbContext db, TimeProvider time, Plans.AssignmentService assignments)
{
    /// <summary>What waits for <paramref name="actor"/>, most urgent first.</summary>
    public async Task<IReadOnlyList<ToDoItem>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        // Only a unit's reporters enter assigned figures: nobody else's list reads the plans.
        var all = await AllAsync(VietnamTime.Today(time), actor.IsProvinceStaff ? null : actor.UnitId ?? -1, cancellationToken, contributions: actor.IsIn(Roles.UnitReporter));
        return For(actor, all);
    }

    /// <summary>
    /// Every item of every unit on <paramref name="today"/>, whoever has to act on it
    /// (<paramref name="unitId"/> limits it to one unit; without <paramref name="contributions"/>, no plan's
    /// assignments); <see cref="For"/> keeps a person's own.
    /// </summary>
    internal async Task<IReadOnlyList<ToDoItem>> AllAsync(DateOnly today, int? unitId, CancellationToken cancellationToken, bool contributions = true)
    {
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.Status == PeriodStatus.Open || p.Status == PeriodStatus.Closed)
            .Select(p => new { p.Id, p.Name, p.Status, p.OpensOn, p.ClosesOn })
            .ToListAsync(cancellationToken);
        var periodIds = periods.Select(p => p.Id).ToArray();
        var cohort = await db.PeriodUnits.AsNoTracking()
            .Where(u => periodIds.Contains(u.PeriodId) && (unitId == null || u.UnitId == unitId))
            .ToListAsync(cancellationToken);
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => periodIds.Contains(s.PeriodId) && (unitId == null || s.UnitId == unitId))
            .ToDictionaryAsync(s => (s.PeriodId, s.UnitId), cancellationToken);
        var waiting = await CommentsWaitingAsync(submissions.Values.Where(s => s.State == SubmissionState.Returned).ToArray(), cancellationToken);

        var items = new List<ToDoItem>();
        foreach (var member in cohort)
        {
            var period = periods.Single(p => p.Id == member.PeriodId);
            var submission = submissions.GetValueOrDefault((member.PeriodId, member.UnitId));
            var state = submission?.State ?? SubmissionState.Draft;
            var since = submission is null ? period.OpensOn : DateOnly.FromDateTime(VietnamTime.ToLocal(submission.UpdatedAt));
            var deadline = DeadlineService.Deadline(period.ClosesOn, submission);
            ToDoKind? kind = state switch
            {
                SubmissionState.Draft when period.Status == PeriodStatus.Open && today >= period.OpensOn && today <= deadline => ToDoKind.Submit,
                SubmissionState.Submitted => ToDoKind.Approve,
                SubmissionState.Returned => ToDoKind.Answer,
                SubmissionState.Approved or SubmissionState.Resubmitted => ToDoKind.StartReview,
                SubmissionState.UnderReview => ToDoKind.FinishReview,
                _ => null,
            };
            if (kind is not { } what)
            {
                continue;
            }

            var hasDeadline = what is ToDoKind.Submit or ToDoKind.Approve or ToDoKind.Answer;
            items.Add(new ToDoItem(
                what,
                period.Id,
                period.Name,
                member.UnitId,
                member.UnitCode,
                member.UnitName,
                state,
                since,
                hasDeadline ? deadline : null,
                hasDeadline ? deadline.DayNumber - today.DayNumber : null,
                waiting.GetValueOrDefault((member.PeriodId, member.UnitId)),
                PathFor(what, period.Id, member.UnitCode)));
        }

        if (contributions)
        {
            items.AddRange(await ContributionsAsync(today, unitId, cancellationToken));
        }

        return items
            .OrderBy(i => i.DaysLeft ?? int.MaxValue).ThenBy(i => i.Since).ThenBy(i => i.PeriodId).ThenBy(i => i.UnitCode, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// One item per assignment and unit it names (lead or coordinating) in open periods, while some assigned input
    /// of the plan unit's form is empty and the contributors' deadline (the period's closing day when it has none)
    /// has not passed; its deadline is the earlier of the plan row's day and the contributors' deadline.
    /// </summary>
    private async Task<IEnumerable<ToDoItem>> ContributionsAsync(DateOnly today, int? unitId, CancellationToken cancellationToken)
    {
        var found = unitId is { } only
            ? await assignments.OfUnitAsync(only, today, cancellationToken)
            : await assignments.OfOpenPeriodsAsync(today, cancellationToken);
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.Status == PeriodStatus.Open)
            .Select(p => new { p.Id, p.OpensOn, Closes = p.ContributorsCloseOn ?? p.ClosesOn })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return found
            .Where(a => a.EmptyInputs > 0 && periods.TryGetValue(a.PeriodId, out var p) && today >= p.OpensOn && today <= p.Closes)
            .SelectMany(a => (a.LeadUnitId is { } lead ? a.CoordinatorIds.Prepend(lead) : a.CoordinatorIds)
                .Distinct()
                .Where(u => unitId is null || u == unitId)
                .Select(u => new ToDoItem(
                    ToDoKind.Contribute,
                    a.PeriodId,
                    a.PeriodName,
                    a.PlanUnitId,
                    a.PlanUnitCode,
                    a.PlanUnitName,
                    SubmissionState.Draft,
                    periods[a.PeriodId].OpensOn,
                    a.Deadline,
                    a.DaysLeft,
                    0,
                    a.FormPath)
                {
                    Indicator = a.Indicator,
                    DelegateUnitId = u,
                    EmptyInputs = a.EmptyInputs,
                }));
    }

    /// <summary>The items of <paramref name="all"/> that wait for <paramref name="actor"/>.</summary>
    internal static IReadOnlyList<ToDoItem> For(Actor actor, IEnumerable<ToDoItem> all) =>
        all.Where(i => IsFor(actor, i)).ToArray();

    /// <summary>Whether <paramref name="item"/> waits for <paramref name="actor"/>.</summary>
    public static bool IsFor(Actor actor, ToDoItem item) => item.Kind switch
    {
        ToDoKind.Submit or ToDoKind.Answer => actor.UnitId == item.UnitId && actor.IsIn(Roles.UnitReporter),
        ToDoKind.Approve => actor.UnitId == item.UnitId && actor.IsIn(Roles.UnitLeader),
        ToDoKind.Contribute => actor.UnitId is { } unit && unit == item.DelegateUnitId && actor.IsIn(Roles.UnitReporter),
        _ => actor.IsProvinceStaff,
    };

    /// <summary>The page on which to do <paramref name="kind"/> for unit <paramref name="unitCode"/> of period <paramref name="periodId"/>.</summary>
    /// <remarks>
    /// Always the unit's form: it holds the submission panel with the step buttons (<c>#ho-so</c>, where
    /// a step is submitting, approving, starting or finishing a review) and each indicator's thread
    /// (where a returned submission is answered, indicator by indicator, so that item opens the form's top).
    /// </remarks>
    public static string PathFor(ToDoKind kind, int periodId, string unitCode)
    {
        var form = $"/ky-danh-gia/{periodId}/ke-khai/{Uri.EscapeDataString(unitCode)}";
        return kind == ToDoKind.Answer ? form : form + "#ho-so";
    }

    /// <summary>
    /// Per returned submission, the indicators with a comment (a <see cref="ReviewNoteKind.Returned"/>
    /// note of the submission's current round) that no later answer on the same indicator follows.
    /// </summary>
    private async Task<Dictionary<(int PeriodId, int UnitId), int>> CommentsWaitingAsync(IReadOnlyList<Submission> returned, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int, int), int>();
        if (returned.Count == 0)
        {
            return result;
        }

        var periodIds = returned.Select(s => s.PeriodId).Distinct().ToArray();
        var unitIds = returned.Select(s => s.UnitId).Distinct().ToArray();
        var notes = await db.ReviewNotes.AsNoTracking()
            .Where(n => periodIds.Contains(n.PeriodId) && unitIds.Contains(n.UnitId) && (n.Kind == ReviewNoteKind.Returned || n.Kind == ReviewNoteKind.Answer))
            .Select(n => new { n.Id, n.PeriodId, n.UnitId, n.Indicator, n.Kind, n.Round })
            .ToListAsync(cancellationToken);
        foreach (var submission in returned)
        {
            var mine = notes.Where(n => n.PeriodId == submission.PeriodId && n.UnitId == submission.UnitId).ToArray();
            var count = mine
                .Where(n => n.Kind == ReviewNoteKind.Returned && n.Round == submission.Round)
                .GroupBy(n => n.Indicator, StringComparer.Ordinal)
                .Count(g =>
                {
                    var lastComment = g.Max(n => n.Id);
                    return !mine.Any(a => a.Kind == ReviewNoteKind.Answer && a.Indicator == g.Key && a.Id > lastComment);
                });
            result[(submission.PeriodId, submission.UnitId)] = count;
        }

        return result;
    }
}
