using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>A unit of a period's cohort, as the review services find it.</summary>
/// <param name="Period">The period (not tracked).</param>
/// <param name="Unit">The unit's place in the period.</param>
internal sealed record PeriodMember(Period Period, PeriodUnit Unit);

/// <summary>What the review services share: finding a unit in a period, the part an account plays for it, and the entry lock.</summary>
internal static class ReviewScope
{
    /// <summary>The period and the unit in it, or a NotFound outcome naming which is missing.</summary>
    public static async Task<(PeriodMember? Member, Outcome<T>? Failure)> FindAsync<T>(
        OpenDtiDbContext db, int periodId, string unitCode, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        var unit = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        return unit is null
            ? (null, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId)))
            : (new PeriodMember(period, unit), null);
    }

    /// <summary>
    /// The part <paramref name="actor"/> plays for unit <paramref name="unitId"/>: administrators and
    /// evaluators for every unit; a reporter or leader only for their own unit (the unit comes from the
    /// account, never the request). <see langword="null"/> for viewers and other units' people.
    /// </summary>
    public static Participant? ParticipantFor(Actor actor, int unitId)
    {
        if (actor.IsIn(Roles.Administrator))
        {
            return Participant.Administrator;
        }

        if (actor.IsIn(Roles.Evaluator))
        {
            return Participant.Evaluator;
        }

        if (actor.UnitId == unitId && actor.IsIn(Roles.UnitReporter))
        {
            return Participant.UnitReporter;
        }

        return actor.UnitId == unitId && actor.IsIn(Roles.UnitLeader) ? Participant.UnitLeader : null;
    }

    /// <summary>Whether the unit's values and evidence may change today, from its submission's state and the period's close date.</summary>
    public static async Task<EntryDecision> EntryAsync(
        OpenDtiDbContext db, int periodId, DateOnly closesOn, int unitId, DateOnly today, CancellationToken cancellationToken)
    {
        var submission = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == periodId && s.UnitId == unitId)
            .Select(s => new { s.State, s.ExceptionUntil, s.AnswerBy })
            .SingleOrDefaultAsync(cancellationToken);
        return EntryRules.CanChangeValues(
            submission?.State ?? SubmissionState.Draft, closesOn, today, submission?.ExceptionUntil, submission?.AnswerBy);
    }

    /// <summary>
    /// The entry lock as writers of reported values and evidence apply it: a conflict giving the reason when
    /// the unit may not change its data today, <see langword="null"/> when it may. It binds every channel
    /// but the system's own seeding (<see cref="AuditChannel.Seed"/>: the demo, first-run data).
    /// </summary>
    public static async Task<Outcome<T>?> LockedAsync<T>(
        OpenDtiDbContext db, Period period, int unitId, AuditChannel channel, DateOnly today, CancellationToken cancellationToken) =>
        channel != AuditChannel.Seed
        && await EntryAsync(db, period.Id, period.ClosesOn, unitId, today, cancellationToken) is { Allowed: false } locked
            ? Outcome<T>.Conflict(new AppMessage("ValuesLocked", locked.Reason!))
            : null;

    /// <summary>
    /// The entry lock as writers apply it, held until the caller's transaction ends: takes the unit's row of
    /// the period's cohort for update, then reads the submission (<see cref="LockedAsync"/>). Every writer
    /// of values and evidence and every step of the cycle takes that row first, so a value saved at the
    /// moment the unit submits is either in before the submission or refused after it, whichever
    /// instance serves each request: the database decides, not a check made before the write.
    /// </summary>
    public static async Task<Outcome<T>?> HoldEntryAsync<T>(
        OpenDtiDbContext db, Period period, int unitId, AuditChannel channel, DateOnly today, CancellationToken cancellationToken)
    {
        await db.LockAsync(period.Id, unitId, cancellationToken);
        return await LockedAsync<T>(db, period, unitId, channel, today, cancellationToken);
    }

    /// <summary>A new history line, stamped with who and when.</summary>
    public static ReviewEvent Event(PeriodMember member, Actor actor, DateTime now, ReviewEventKind kind) => new()
    {
        PeriodId = member.Period.Id,
        UnitId = member.Unit.UnitId,
        At = now,
        UserId = actor.UserId,
        UserName = actor.UserName,
        Kind = kind,
    };

    /// <summary>Trims <paramref name="text"/>; <see langword="null"/> when blank.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
