using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>A unit's submission in a period, as the pages and the API show it.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="State">Where it is in the review cycle.</param>
/// <param name="Round">How many times review has started (comments belong to a round).</param>
/// <param name="Version">The version to send back with a step (optimistic concurrency); 0 when never moved.</param>
/// <param name="UpdatedAt">When the state last changed (UTC).</param>
/// <param name="UpdatedBy">Who changed it.</param>
/// <param name="ApprovedAt">When the leader last approved it (UTC).</param>
/// <param name="AnswerBy">When returned, the last day to answer and correct.</param>
/// <param name="ExceptionUntil">The last day of an administrator's entry exception, if any.</param>
/// <param name="ExceptionReason">Why the exception was opened.</param>
/// <param name="Entry">Whether values and evidence may change today, and until when or why not.</param>
/// <param name="Allowed">The steps the asking account may take now.</param>
public sealed record SubmissionView(
    int PeriodId,
    string UnitCode,
    string UnitName,
    SubmissionState State,
    int Round,
    int Version,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    DateTime? ApprovedAt,
    DateOnly? AnswerBy,
    DateOnly? ExceptionUntil,
    string? ExceptionReason,
    EntryDecision Entry,
    IReadOnlyList<SubmissionAction> Allowed);

/// <summary>What goes with a step.</summary>
/// <param name="Comment">A comment for the history (why the leader sends it back, the evaluator's summary, …).</param>
/// <param name="AnswerBy">For a return by the evaluators: the last day the unit may answer and correct.</param>
/// <param name="Version">The submission's version the caller read; when given and stale, the step is refused.</param>
public sealed record TransitionRequest(string? Comment = null, DateOnly? AnswerBy = null, int? Version = null);

/// <summary>One line of a unit's review history.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Action">For a transition, the step.</param>
/// <param name="From">For a transition, the state before.</param>
/// <param name="To">For a transition, the state after.</param>
/// <param name="Indicator">The indicator concerned.</param>
/// <param name="Input">The input concerned.</param>
/// <param name="OldValue">Before (a value, a day).</param>
/// <param name="NewValue">After.</param>
/// <param name="Text">The comment, answer or reason.</param>
public sealed record HistoryItem(
    DateTime At,
    string UserName,
    ReviewEventKind Kind,
    SubmissionAction? Action,
    SubmissionState? From,
    SubmissionState? To,
    string? Indicator,
    string? Input,
    string? OldValue,
    string? NewValue,
    string? Text);

/// <summary>
/// The review cycle of units' submissions: each step checked by <see cref="SubmissionWorkflow"/> and
/// recorded in the unit's history in the same transaction; the administrator's entry exceptions; the
/// history itself. Values and evidence obey the resulting entry lock in <c>ValueService</c> and
/// <c>EvidenceService</c> (see <see cref="ReviewScope.EntryAsync"/>).
/// </summary>
public sealed class SubmissionService(OpenDtiDbContext db, TimeProvider time, IOptions<ReviewOptions> options)
{
    /// <summary>The longest comment or reason kept.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The submission of <paramref name="unitCode"/> in period <paramref name="periodId"/>, with the steps <paramref name="actor"/> may take.</summary>
    public async Task<Outcome<SubmissionView>> GetAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<SubmissionView>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!AccessPolicy.CanReadUnit(actor, member!.Unit.UnitId))
        {
            return Outcome<SubmissionView>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var row = await db.Submissions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.PeriodId == periodId && s.UnitId == member.Unit.UnitId, cancellationToken);
        return Outcome<SubmissionView>.Ok(View(actor, member, row));
    }

    /// <summary><see cref="GetAsync"/> for the report form, from its context (the submission read once): the same rule, <see cref="AccessPolicy.CanReadUnit"/>, decides.</summary>
    internal Outcome<SubmissionView> GetOf(Reporting.FormContext form) =>
        AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId)
            ? Outcome<SubmissionView>.Ok(View(form.Actor, form.Member, form.Submission))
            : Outcome<SubmissionView>.Forbidden(new AppMessage("UnitNotAllowed", form.Unit.UnitCode));

    /// <summary>Every unit's submission in the period, by unit code; province staff and viewers only.</summary>
    public async Task<Outcome<IReadOnlyList<SubmissionView>>> ListAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<IReadOnlyList<SubmissionView>>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (!AccessPolicy.CanReadResults(actor, published: false))
        {
            return Outcome<IReadOnlyList<SubmissionView>>.Forbidden(new AppMessage("ResultsNotAllowed"));
        }

        var rows = await db.Submissions.AsNoTracking().Where(s => s.PeriodId == periodId).ToDictionaryAsync(s => s.UnitId, cancellationToken);
        return Outcome<IReadOnlyList<SubmissionView>>.Ok(period.Units
            .OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .Select(u => View(actor, new PeriodMember(period, u), rows.GetValueOrDefault(u.UnitId)))
            .ToArray());
    }

    /// <summary>
    /// Takes <paramref name="action"/> on the submission of <paramref name="unitCode"/>. Refused with
    /// Forbidden when the account never takes this step for this unit, with Conflict naming the current
    /// state when the state does not allow it (or a return has no indicator comment, or someone moved the
    /// submission first), and with Invalid when what goes with it is wrong.
    /// </summary>
    public async Task<Outcome<SubmissionView>> TransitionAsync(
        Actor actor, int periodId, string unitCode, SubmissionAction action, TransitionRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new TransitionRequest();
        var (member, failure) = await ReviewScope.FindAsync<SubmissionView>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var period = member!.Period;
        if (ReviewScope.ParticipantFor(actor, member.Unit.UnitId) is not { } who)
        {
            return Outcome<SubmissionView>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var comment = ReviewScope.Clean(request.Comment);
        if (comment is { Length: > MaxTextLength })
        {
            return Outcome<SubmissionView>.Invalid(new AppMessage("ReviewTextTooLong", MaxTextLength), []);
        }

        // The unit's entry lock first (ReviewScope.HoldEntryAsync): a value being saved now is in before the
        // step, or is refused after it.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        await db.LockAsync(periodId, member.Unit.UnitId, cancellationToken);
        var row = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == periodId && s.UnitId == member.Unit.UnitId, cancellationToken);
        var from = row?.State ?? SubmissionState.Draft;
        var comments = action == SubmissionAction.Return
            ? await db.ReviewNotes.CountAsync(
                n => n.PeriodId == periodId && n.UnitId == member.Unit.UnitId && n.Kind == ReviewNoteKind.Returned && n.Round == (row == null ? 0 : row.Round),
                cancellationToken)
            : 0;
        var result = SubmissionWorkflow.Apply(from, action, who, comments);
        if (!result.Succeeded)
        {
            var message = new AppMessage("ReviewStepRefused", result.Reason!);
            return result.Refusal == TransitionRefusal.NotForParticipant
                ? Outcome<SubmissionView>.Forbidden(message)
                : Outcome<SubmissionView>.Conflict(message);
        }

        if (period.Status is not (PeriodStatus.Open or PeriodStatus.Closed))
        {
            return Outcome<SubmissionView>.Conflict(new AppMessage("ReviewPeriodNotRunning", period.Name, new AppMessage("Status" + period.Status)));
        }

        if (request.Version is { } version && version != (row?.Version ?? 0))
        {
            return Outcome<SubmissionView>.Conflict(new AppMessage("ReviewStale", row?.UpdatedBy ?? "-", ReviewText.Name(from)));
        }

        var today = VietnamTime.Today(time);
        if (action == SubmissionAction.Submit
            && EntryRules.CanChangeValues(from, period.ClosesOn, today, row?.ExceptionUntil, row?.AnswerBy) is { Allowed: false } closed)
        {
            // Sending is the last act of entry: after the deadline, a late unit needs an exception.
            return Outcome<SubmissionView>.Conflict(new AppMessage("ReviewSubmitClosed", closed.Reason!));
        }

        DateOnly? answerBy = null;
        if (action == SubmissionAction.Return)
        {
            answerBy = request.AnswerBy ?? today.AddDays(Math.Max(1, options.Value.AnswerDays));
            if (answerBy < today)
            {
                return Outcome<SubmissionView>.Invalid(new AppMessage("ReviewAnswerByPast", answerBy.Value, today), []);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new Submission { PeriodId = periodId, UnitId = member.Unit.UnitId, State = SubmissionState.Draft, UpdatedBy = actor.UserName };
            db.Submissions.Add(row);
        }

        row.State = result.To!.Value;
        row.Version++;
        row.UpdatedAt = now;
        row.UpdatedBy = actor.UserName;
        switch (action)
        {
            case SubmissionAction.Approve:
                row.ApprovedAt = now;
                break;
            case SubmissionAction.StartReview:
                row.Round++;
                break;
            case SubmissionAction.Return:
                row.AnswerBy = answerBy;
                break;
        }

        var line = ReviewScope.Event(member, actor, now, ReviewEventKind.Transition);
        line.Action = action;
        line.FromState = from;
        line.ToState = row.State;
        line.NewValue = Day(answerBy);
        line.Text = comment;
        db.ReviewEvents.Add(line);
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<SubmissionView>.Ok(View(actor, member, row));
    }

    /// <summary>
    /// Opens (or moves) an entry exception for one unit until <paramref name="until"/> inclusive;
    /// administrators only. It must end after the period's close date, since it only ever extends entry.
    /// </summary>
    public async Task<Outcome<SubmissionView>> OpenExceptionAsync(
        Actor actor, int periodId, string unitCode, DateOnly until, string? reason, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<SubmissionView>.Forbidden(new AppMessage("NotAllowed"));
        }

        var (member, failure) = await ReviewScope.FindAsync<SubmissionView>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var text = ReviewScope.Clean(reason);
        var problems = new List<Problem>();
        if (until <= member!.Period.ClosesOn)
        {
            problems.Add(new Problem("APP-EXCEPTION-DAY", new AppMessage("ReviewExceptionBeforeClose", until, member.Period.ClosesOn), Input: "until"));
        }

        if (text is null)
        {
            problems.Add(new Problem("APP-REASON", new AppMessage("ReviewReasonRequired"), Input: "reason"));
        }
        else if (text.Length > 1000)
        {
            problems.Add(new Problem("APP-REASON", new AppMessage("ReviewTextTooLong", 1000), Input: "reason"));
        }

        if (problems.Count > 0)
        {
            return Outcome<SubmissionView>.Invalid(new AppMessage("ReviewExceptionInvalid"), problems);
        }

        return await ChangeExceptionAsync(actor, member, until, text!, cancellationToken);
    }

    /// <summary>Ends the unit's entry exception; administrators only.</summary>
    public async Task<Outcome<SubmissionView>> CloseExceptionAsync(
        Actor actor, int periodId, string unitCode, string? reason, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<SubmissionView>.Forbidden(new AppMessage("NotAllowed"));
        }

        var (member, failure) = await ReviewScope.FindAsync<SubmissionView>(db, periodId, unitCode, cancellationToken);
        return failure ?? await ChangeExceptionAsync(actor, member!, null, ReviewScope.Clean(reason), cancellationToken);
    }

    /// <summary>The review history of <paramref name="unitCode"/> in the period, oldest first.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryItem>>> HistoryAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<IReadOnlyList<HistoryItem>>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!AccessPolicy.CanReadUnit(actor, member!.Unit.UnitId))
        {
            return Outcome<IReadOnlyList<HistoryItem>>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var events = await db.ReviewEvents.AsNoTracking()
            .Where(e => e.PeriodId == periodId && e.UnitId == member.Unit.UnitId)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return Outcome<IReadOnlyList<HistoryItem>>.Ok(events
            .Select(e => new HistoryItem(e.At, e.UserName, e.Kind, e.Action, e.FromState, e.ToState, e.Indicator, e.Input, e.OldValue, e.NewValue, e.Text))
            .ToArray());
    }

    private async Task<Outcome<SubmissionView>> ChangeExceptionAsync(
        Actor actor, PeriodMember member, DateOnly? until, string? reason, CancellationToken cancellationToken)
    {
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        await db.LockAsync(member.Period.Id, member.Unit.UnitId, cancellationToken);
        var row = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == member.Period.Id && s.UnitId == member.Unit.UnitId, cancellationToken);
        if (until is null && row?.ExceptionUntil is null)
        {
            return Outcome<SubmissionView>.Conflict(new AppMessage("ReviewNoException", member.Unit.UnitCode));
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new Submission { PeriodId = member.Period.Id, UnitId = member.Unit.UnitId, State = SubmissionState.Draft, UpdatedAt = now, UpdatedBy = actor.UserName };
            db.Submissions.Add(row);
        }

        var line = ReviewScope.Event(member, actor, now, until is null ? ReviewEventKind.ExceptionClosed : ReviewEventKind.ExceptionOpened);
        line.OldValue = Day(row.ExceptionUntil);
        line.NewValue = Day(until);
        line.Text = reason;
        db.ReviewEvents.Add(line);
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, now, AuditKind.Exception, "exception_until", row.ExceptionUntil, until, member.Period.Id, member.Unit.UnitId, reason: reason));
        row.ExceptionUntil = until;
        row.ExceptionReason = until is null ? null : reason;
        row.Version++;
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<SubmissionView>.Ok(View(actor, member, row));
    }

    /// <summary>Saves; a concurrent change (stale version, or a row inserted by someone else) is a conflict, and nothing is written.</summary>
    private async Task<Outcome<SubmissionView>?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<SubmissionView>.Conflict(new AppMessage("ReviewConcurrentStep"));
        }
    }

    private SubmissionView View(Actor actor, PeriodMember member, Submission? row)
    {
        var state = row?.State ?? SubmissionState.Draft;
        var entry = EntryRules.CanChangeValues(state, member.Period.ClosesOn, VietnamTime.Today(time), row?.ExceptionUntil, row?.AnswerBy);
        var allowed = member.Period.Status is PeriodStatus.Open or PeriodStatus.Closed && ReviewScope.ParticipantFor(actor, member.Unit.UnitId) is { } who
            ? SubmissionWorkflow.Allowed(state, who).ToArray()
            : [];
        return new SubmissionView(
            member.Period.Id,
            member.Unit.UnitCode,
            member.Unit.UnitName,
            state,
            row?.Round ?? 0,
            row?.Version ?? 0,
            row?.UpdatedAt,
            row?.UpdatedBy,
            row?.ApprovedAt,
            row?.AnswerBy,
            row?.ExceptionUntil,
            row?.ExceptionReason,
            entry,
            allowed);
    }

    /// <summary>A day in the history, as it is stored for every reader: dd/MM/yyyy.</summary>
    private static string? Day(DateOnly? day) => day is { } d ? new Units.DayText(d).ToString() : null;
}
