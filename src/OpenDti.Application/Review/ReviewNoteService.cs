using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>Where an indicator is in the current round of review.</summary>
public enum IndicatorReviewStatus
{
    /// <summary>No decision in this round yet.</summary>
    NotReviewed = 0,

    /// <summary>Accepted by an evaluator.</summary>
    Accepted = 1,

    /// <summary>Returned with a comment the unit has not answered yet.</summary>
    Returned = 2,

    /// <summary>Returned, and the unit has answered (giải trình).</summary>
    Answered = 3,
}

/// <summary>A note of an indicator's thread.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Indicator">The indicator.</param>
/// <param name="Kind">Decision, comment or answer.</param>
/// <param name="Round">The review round it belongs to.</param>
/// <param name="Text">What it says.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
public sealed record ReviewNoteItem(long Id, string Indicator, ReviewNoteKind Kind, int Round, string Text, DateTime At, string UserName);

/// <summary>An indicator's review thread: every note of every round, and where the indicator is in the current round.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">Where it is in the current round.</param>
/// <param name="Notes">The notes, oldest first.</param>
public sealed record IndicatorThread(string Indicator, string Name, IndicatorReviewStatus Status, IReadOnlyList<ReviewNoteItem> Notes);

/// <summary>The review threads of a unit's submission, and the round they are in.</summary>
/// <param name="Round">The current round (0 before review first starts).</param>
/// <param name="State">The submission's state.</param>
/// <param name="Threads">Every indicator with at least one note, in framework order.</param>
public sealed record ReviewThreads(int Round, SubmissionState State, IReadOnlyList<IndicatorThread> Threads)
{
    /// <summary>The thread of <paramref name="indicator"/>, if it has notes.</summary>
    public IndicatorThread? For(string indicator) => Threads.FirstOrDefault(t => t.Indicator == indicator);
}

/// <summary>
/// Review per indicator: an evaluator accepts an indicator or returns it with a comment while the
/// submission is under review; the unit answers each comment (giải trình) while it is returned. The
/// thread stays with the indicator across rounds, and every note is also a line of the unit's history.
/// </summary>
public sealed class ReviewNoteService(OpenDtiDbContext db, FrameworkCatalog frameworks, TimeProvider time)
{
    /// <summary>The threads of <paramref name="unitCode"/> in period <paramref name="periodId"/>.</summary>
    public async Task<Outcome<ReviewThreads>> ThreadsAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<ReviewThreads>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!AccessPolicy.CanReadUnit(actor, member!.Unit.UnitId))
        {
            return Outcome<ReviewThreads>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var framework = await frameworks.GetByIdAsync(member.Period.FrameworkId, cancellationToken);
        var submission = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == periodId && s.UnitId == member.Unit.UnitId)
            .Select(s => new { s.State, s.Round })
            .SingleOrDefaultAsync(cancellationToken);
        var notes = await db.ReviewNotes.AsNoTracking()
            .Where(n => n.PeriodId == periodId && n.UnitId == member.Unit.UnitId)
            .OrderBy(n => n.Id)
            .ToListAsync(cancellationToken);
        return Outcome<ReviewThreads>.Ok(Threads(framework, submission?.Round ?? 0, submission?.State ?? SubmissionState.Draft, notes));
    }

    /// <summary><see cref="ThreadsAsync"/> for the report form, from its context (the submission read once): the same rule, <see cref="AccessPolicy.CanReadUnit"/>, decides.</summary>
    internal async Task<Outcome<ReviewThreads>> ThreadsOfAsync(Reporting.FormContext form, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId))
        {
            return Outcome<ReviewThreads>.Forbidden(new AppMessage("UnitNotAllowed", form.Unit.UnitCode));
        }

        var notes = await db.ReviewNotes.AsNoTracking()
            .Where(n => n.PeriodId == form.Period.Id && n.UnitId == form.Unit.UnitId)
            .OrderBy(n => n.Id)
            .ToListAsync(cancellationToken);
        return Outcome<ReviewThreads>.Ok(Threads(form.Framework, form.Submission?.Round ?? 0, form.Submission?.State ?? SubmissionState.Draft, notes));
    }

    private static ReviewThreads Threads(Framework framework, int round, SubmissionState state, IReadOnlyList<ReviewNote> notes)
    {
        var byIndicator = notes.ToLookup(n => n.Indicator);
        var threads = framework.Nodes
            .Where(node => byIndicator.Contains(node.Code.Value))
            .Select(node =>
            {
                var thread = byIndicator[node.Code.Value].ToArray();
                return new IndicatorThread(
                    node.Code.Value,
                    node.Name,
                    Status(thread, round),
                    thread.Select(n => new ReviewNoteItem(n.Id, n.Indicator, n.Kind, n.Round, n.Text, n.At, n.UserName)).ToArray());
            })
            .ToArray();
        return new ReviewThreads(round, state, threads);
    }

    /// <summary>
    /// Adds a note to <paramref name="indicator"/>'s thread: an evaluator's acceptance or comment
    /// (the submission under review), or the unit's answer to a comment of this round (the submission
    /// returned). A comment and an answer need text.
    /// </summary>
    public async Task<Outcome<ReviewNoteItem>> AddAsync(
        Actor actor, int periodId, string unitCode, string indicator, ReviewNoteKind kind, string? text, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<ReviewNoteItem>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var who = ReviewScope.ParticipantFor(actor, member!.Unit.UnitId);
        var evaluator = who is Participant.Evaluator or Participant.Administrator;
        var unitSide = who is Participant.UnitReporter or Participant.UnitLeader;
        if (kind == ReviewNoteKind.Answer ? !unitSide : !evaluator)
        {
            return Outcome<ReviewNoteItem>.Forbidden(new AppMessage(kind == ReviewNoteKind.Answer ? "ReviewAnswerNotYours" : "ReviewDecisionNotYours"));
        }

        var framework = await frameworks.GetByIdAsync(member.Period.FrameworkId, cancellationToken);
        var node = framework.FindNode(indicator);
        var clean = ReviewScope.Clean(text);
        var problems = new List<Problem>();
        if (node is null || !node.IsLeaf)
        {
            problems.Add(new Problem("APP-REVIEW-INDICATOR", new AppMessage("ReviewNotAnIndicator", indicator, framework.Code), indicator));
        }

        if (clean is null && kind != ReviewNoteKind.Accepted)
        {
            problems.Add(new Problem("APP-REVIEW-TEXT", new AppMessage(kind == ReviewNoteKind.Answer ? "ReviewAnswerRequired" : "ReviewCommentRequired"), indicator));
        }
        else if (clean is { Length: > SubmissionService.MaxTextLength })
        {
            problems.Add(new Problem("APP-REVIEW-TEXT", new AppMessage("ReviewTextTooLong", SubmissionService.MaxTextLength), indicator));
        }

        if (problems.Count > 0)
        {
            return Outcome<ReviewNoteItem>.Invalid(new AppMessage("ReviewNoteInvalid", problems.Count), problems);
        }

        var submission = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == periodId && s.UnitId == member.Unit.UnitId)
            .Select(s => new { s.State, s.Round })
            .SingleOrDefaultAsync(cancellationToken);
        var state = submission?.State ?? SubmissionState.Draft;
        var round = submission?.Round ?? 0;
        var needed = kind == ReviewNoteKind.Answer ? SubmissionState.Returned : SubmissionState.UnderReview;
        if (state != needed)
        {
            return Outcome<ReviewNoteItem>.Conflict(new AppMessage(
                kind == ReviewNoteKind.Answer ? "ReviewAnswerWrongState" : "ReviewDecisionWrongState", ReviewText.Name(state)));
        }

        if (kind == ReviewNoteKind.Answer && !await db.ReviewNotes.AnyAsync(
                n => n.PeriodId == periodId && n.UnitId == member.Unit.UnitId && n.Indicator == indicator && n.Round == round && n.Kind == ReviewNoteKind.Returned,
                cancellationToken))
        {
            return Outcome<ReviewNoteItem>.Conflict(new AppMessage("ReviewNothingToAnswer", indicator));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var note = Note(periodId, member.Unit.UnitId, indicator, kind, round, clean, now, actor);
        db.ReviewNotes.Add(note);
        var line = ReviewScope.Event(member, actor, now, kind switch
        {
            ReviewNoteKind.Accepted => ReviewEventKind.IndicatorAccepted,
            ReviewNoteKind.Returned => ReviewEventKind.IndicatorReturned,
            _ => ReviewEventKind.Answered,
        });
        line.Indicator = indicator;
        line.Text = clean;
        db.ReviewEvents.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<ReviewNoteItem>.Ok(new ReviewNoteItem(note.Id, note.Indicator, note.Kind, note.Round, note.Text, note.At, note.UserName));
    }

    /// <summary>The most indicators one bulk acceptance takes (a district's form has a few hundred).</summary>
    public const int MaxBulk = 1000;

    /// <summary>
    /// Accepts many indicators at once (evaluators, the submission under review): all or nothing, each
    /// indicator recorded exactly as a single acceptance is (its note and its line of the unit's history),
    /// saved once. Every indicator that cannot be accepted is named: not an indicator of the framework,
    /// named twice, or already decided in this round (accepted, or returned with a comment still open).
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ReviewNoteItem>>> AcceptManyAsync(
        Actor actor, int periodId, string unitCode, IReadOnlyList<string?>? indicators, string? text, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<IReadOnlyList<ReviewNoteItem>>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var who = ReviewScope.ParticipantFor(actor, member!.Unit.UnitId);
        if (who is not (Participant.Evaluator or Participant.Administrator))
        {
            return Outcome<IReadOnlyList<ReviewNoteItem>>.Forbidden(new AppMessage("ReviewDecisionNotYours"));
        }

        var framework = await frameworks.GetByIdAsync(member.Period.FrameworkId, cancellationToken);
        var clean = ReviewScope.Clean(text);
        var problems = new List<Problem>();
        if (indicators is null || indicators.Count == 0)
        {
            problems.Add(new Problem("APP-REVIEW-BULK-EMPTY", new AppMessage("ReviewBulkEmpty")));
        }
        else if (indicators.Count > MaxBulk)
        {
            problems.Add(new Problem("APP-REVIEW-BULK-MANY", new AppMessage("ReviewBulkTooMany", MaxBulk)));
        }

        if (clean is { Length: > SubmissionService.MaxTextLength })
        {
            problems.Add(new Problem("APP-REVIEW-TEXT", new AppMessage("ReviewTextTooLong", SubmissionService.MaxTextLength)));
        }

        var submission = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == periodId && s.UnitId == member.Unit.UnitId)
            .Select(s => new { s.State, s.Round })
            .SingleOrDefaultAsync(cancellationToken);
        var state = submission?.State ?? SubmissionState.Draft;
        var round = submission?.Round ?? 0;
        var thisRound = (await db.ReviewNotes.AsNoTracking()
                .Where(n => n.PeriodId == periodId && n.UnitId == member.Unit.UnitId && n.Round == round)
                .OrderBy(n => n.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(n => n.Indicator);
        var wanted = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, index) in (indicators ?? []).Take(MaxBulk).Select((c, i) => (c ?? string.Empty, i)))
        {
            var node = framework.FindNode(code);
            if (node is null || !node.IsLeaf)
            {
                problems.Add(new Problem("APP-REVIEW-INDICATOR", new AppMessage("ReviewBulkNotAnIndicator", index + 1, code, framework.Code), code));
            }
            else if (!seen.Add(code))
            {
                problems.Add(new Problem("APP-REVIEW-BULK-TWICE", new AppMessage("ReviewBulkTwice", index + 1, code), code));
            }
            else if (Status(thisRound[code].ToArray(), round) is not IndicatorReviewStatus.NotReviewed and var status)
            {
                var key = status == IndicatorReviewStatus.Accepted ? "ReviewBulkAlreadyAccepted" : "ReviewBulkOpenComment";
                problems.Add(new Problem("APP-REVIEW-BULK-DECIDED", new AppMessage(key, index + 1, code), code));
            }
            else
            {
                wanted.Add(code);
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<IReadOnlyList<ReviewNoteItem>>.Invalid(new AppMessage("ReviewBulkInvalid", problems.Count), problems);
        }

        if (state != SubmissionState.UnderReview)
        {
            return Outcome<IReadOnlyList<ReviewNoteItem>>.Conflict(new AppMessage("ReviewDecisionWrongState", ReviewText.Name(state)));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<ReviewNote>();
        foreach (var code in wanted)
        {
            var note = Note(periodId, member.Unit.UnitId, code, ReviewNoteKind.Accepted, round, clean, now, actor);
            db.ReviewNotes.Add(note);
            added.Add(note);
            var line = ReviewScope.Event(member, actor, now, ReviewEventKind.IndicatorAccepted);
            line.Indicator = code;
            line.Text = clean;
            db.ReviewEvents.Add(line);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IReadOnlyList<ReviewNoteItem>>.Ok(
            added.Select(n => new ReviewNoteItem(n.Id, n.Indicator, n.Kind, n.Round, n.Text, n.At, n.UserName)).ToArray());
    }

    /// <summary>
    /// Where an indicator is in round <paramref name="round"/>: the evaluators' last decision of the round,
    /// and for a comment whether the unit answered it afterwards.
    /// </summary>
    private static IndicatorReviewStatus Status(IReadOnlyList<ReviewNote> thread, int round)
    {
        var status = IndicatorReviewStatus.NotReviewed;
        foreach (var note in thread.Where(n => n.Round == round))
        {
            status = note.Kind switch
            {
                ReviewNoteKind.Accepted => IndicatorReviewStatus.Accepted,
                ReviewNoteKind.Returned => IndicatorReviewStatus.Returned,
                _ when status == IndicatorReviewStatus.Returned => IndicatorReviewStatus.Answered,
                _ => status,
            };
        }

        return status;
    }

    /// <summary>A note on <paramref name="indicator"/> of a round of the unit's dossier, written now by <paramref name="actor"/>.</summary>
    private static ReviewNote Note(int periodId, int unitId, string indicator, ReviewNoteKind kind, int round, string? text, DateTime now, Actor actor) => new()
    {
        PeriodId = periodId,
        UnitId = unitId,
        Indicator = indicator,
        Kind = kind,
        Round = round,
        Text = text ?? string.Empty,
        At = now,
        UserId = actor.UserId,
        UserName = actor.UserName,
    };
}
