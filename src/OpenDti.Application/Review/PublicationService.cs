using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Results;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>A publication in a list: its number, when, who and why.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Number">1 for the first publication, then 2, 3, … for corrections.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who published it.</param>
/// <param name="Reason">Why a correction was published; null for a first publication without one.</param>
public sealed record PublicationSummary(int PeriodId, int Number, DateTime At, string UserName, string? Reason);

/// <summary>A publication with its frozen results.</summary>
/// <param name="Publication">Number, when, who, why.</param>
/// <param name="Snapshot">The results as they were published.</param>
public sealed record PublishedResults(PublicationSummary Publication, PublicationSnapshot Snapshot);

/// <summary>
/// Publication (công bố) of a period's results. Publishing freezes the results as they stand into a
/// numbered snapshot and marks the period published; a correction is a new publication with the next
/// number and its reason, and every publication stays readable as it was.
/// </summary>
/// <remarks>
/// A period cannot be published while it is in preparation, or while any unit's submission is in the
/// middle of the review cycle (submitted, approved, under review, returned, resubmitted): results would
/// freeze figures nobody has finished checking. Units that never sent their submission (draft) and
/// finalised units do not hold it up.
/// </remarks>
public sealed class PublicationService(OpenDtiDbContext db, ResultService results, TimeProvider time)
{
    /// <summary>The longest reason a correction may give.</summary>
    public const int MaxReasonLength = 1000;

    private static readonly SubmissionState[] InReview =
        [SubmissionState.Submitted, SubmissionState.Approved, SubmissionState.UnderReview, SubmissionState.Returned, SubmissionState.Resubmitted];

    /// <summary>
    /// Publishes period <paramref name="periodId"/>'s results as they stand now: the first time as number 1
    /// (a reason is optional), after that as a correction with the next number and a required
    /// <paramref name="reason"/>. Evaluators and administrators only.
    /// </summary>
    public async Task<Outcome<PublicationSummary>> PublishAsync(Actor actor, int periodId, string? reason, CancellationToken cancellationToken = default)
    {
        if (!actor.IsProvinceStaff)
        {
            return Outcome<PublicationSummary>.Forbidden(new AppMessage("PublishNotAllowed"));
        }

        var period = await db.Periods.Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<PublicationSummary>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (period.Status == PeriodStatus.Draft)
        {
            return Outcome<PublicationSummary>.Conflict(new AppMessage("PublishPeriodDraft", period.Name));
        }

        var codes = period.Units.ToDictionary(u => u.UnitId, u => u.UnitCode);
        var busy = (await db.Submissions.AsNoTracking()
                .Where(s => s.PeriodId == periodId && InReview.Contains(s.State))
                .Select(s => new { s.UnitId, s.State })
                .ToListAsync(cancellationToken))
            .Where(s => codes.ContainsKey(s.UnitId))
            .Select(s => (Code: codes[s.UnitId], s.State))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .ToArray();
        if (busy.Length > 0)
        {
            return Outcome<PublicationSummary>.Conflict(
                new AppMessage("PublishUnitsInReview", new UnitStates(busy)),
                busy.Select(s => new Problem("APP-PUBLISH-IN-REVIEW", new AppMessage("PublishUnitInReview", s.Code, ReviewText.Name(s.State)))).ToArray());
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return Outcome<PublicationSummary>.Invalid(new AppMessage("PublishReasonTooLong", MaxReasonLength), []);
        }

        var last = await db.Publications.Where(p => p.PeriodId == periodId).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0;
        if (last > 0 && reason is null)
        {
            return Outcome<PublicationSummary>.Invalid(new AppMessage("PublishReasonRequired", last + 1), []);
        }

        var snapshot = await SnapshotAsync(period, cancellationToken);
        var publication = new Publication
        {
            PeriodId = periodId,
            Number = last + 1,
            At = time.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Reason = reason,
            Snapshot = snapshot.ToJson(),
        };
        db.Publications.Add(publication);
        period.Status = PeriodStatus.Published;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            // Someone else published number last + 1 at the same moment (the number is unique per period).
            return Outcome<PublicationSummary>.Conflict(new AppMessage("PublishConcurrent", last + 1));
        }

        return Outcome<PublicationSummary>.Ok(Summary(publication));
    }

    /// <summary>Every publication of period <paramref name="periodId"/>, first first.</summary>
    public async Task<Outcome<IReadOnlyList<PublicationSummary>>> ListAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var refusal = await RefusalAsync<IReadOnlyList<PublicationSummary>>(actor, periodId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var list = await db.Publications.AsNoTracking()
            .Where(p => p.PeriodId == periodId)
            .OrderBy(p => p.Number)
            .Select(p => new PublicationSummary(p.PeriodId, p.Number, p.At, p.UserName, p.Reason))
            .ToListAsync(cancellationToken);
        return Outcome<IReadOnlyList<PublicationSummary>>.Ok(list);
    }

    /// <summary>Publication <paramref name="number"/> of period <paramref name="periodId"/> with its frozen results.</summary>
    public async Task<Outcome<PublishedResults>> GetAsync(Actor actor, int periodId, int number, CancellationToken cancellationToken = default)
    {
        var refusal = await RefusalAsync<PublishedResults>(actor, periodId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var publication = await db.Publications.AsNoTracking().SingleOrDefaultAsync(p => p.PeriodId == periodId && p.Number == number, cancellationToken);
        return publication is null
            ? Outcome<PublishedResults>.NotFound(new AppMessage("PublicationNotFound", number, periodId))
            : Outcome<PublishedResults>.Ok(new PublishedResults(Summary(publication), PublicationSnapshot.FromJson(publication.Snapshot)));
    }

    /// <summary>The latest publication of period <paramref name="periodId"/>; NotFound when it has none.</summary>
    public async Task<Outcome<PublishedResults>> LatestAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var refusal = await RefusalAsync<PublishedResults>(actor, periodId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var number = await db.Publications.Where(p => p.PeriodId == periodId).MaxAsync(p => (int?)p.Number, cancellationToken);
        return number is null
            ? Outcome<PublishedResults>.NotFound(new AppMessage("PeriodNotPublished", periodId))
            : await GetAsync(actor, periodId, number.Value, cancellationToken);
    }

    /// <summary>The latest publication's number and day, without its snapshot; null when the period has none. No access check: it says only that results were published.</summary>
    public async Task<PublicationSummary?> LatestSummaryAsync(int periodId, CancellationToken cancellationToken = default) =>
        await db.Publications.AsNoTracking()
            .Where(p => p.PeriodId == periodId)
            .OrderByDescending(p => p.Number)
            .Select(p => new PublicationSummary(p.PeriodId, p.Number, p.At, p.UserName, p.Reason))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Why <paramref name="actor"/> may not read period <paramref name="periodId"/>'s publications, or null when they may.</summary>
    /// <remarks>Publications are published results: whoever may read the period's results reads every one of them.</remarks>
    private async Task<Outcome<T>?> RefusalAsync<T>(Actor actor, int periodId, CancellationToken cancellationToken)
    {
        var status = await db.Periods.Where(p => p.Id == periodId).Select(p => (PeriodStatus?)p.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        return AccessPolicy.CanReadResults(actor, status == PeriodStatus.Published)
            ? null
            : Outcome<T>.Forbidden(new AppMessage("ResultsNotAllowed"));
    }

    private static PublicationSummary Summary(Publication p) => new(p.PeriodId, p.Number, p.At, p.UserName, p.Reason);

    /// <summary>The period's results as they stand now, with every text in both languages.</summary>
    private async Task<PublicationSnapshot> SnapshotAsync(Period period, CancellationToken cancellationToken)
    {
        var (scores, names) = await results.ScoreAsync(period.Id, cancellationToken);
        var framework = scores.Framework;
        var units = scores.Units.Select(u => new SnapshotUnit(
                u.UnitCode,
                names[u.UnitCode],
                u.Total,
                u.Rank,
                u.Submitted,
                u.Complete,
                u.AnsweredInputs,
                u.TotalInputs,
                framework.MainIndices.Select(m => new SnapshotUnitMainIndex(m.Code.Value, u[m].Points, u.MainIndexRank(m))).ToArray(),
                framework.Nodes.Select(node =>
                {
                    var score = u[node];
                    return new SnapshotUnitNode(
                        node.Code.Value,
                        score.Points,
                        node.MaxPoints,
                        score.Fraction,
                        score.Measure.IsDefined ? score.Measure.Number : null,
                        ScoreFlagNames.Names(score.Flags),
                        new BilingualText(scores.Explain(u, node, Language.Vietnamese).Text, scores.Explain(u, node, Language.English).Text));
                }).ToArray(),
                framework.Inputs
                    .Where(input => u.Inputs.Get(input) is not null)
                    .Select(input =>
                    {
                        var value = u.Inputs.Get(input)!.Value;
                        return new SnapshotValue(
                            input.NodeCode,
                            input.Name,
                            new BilingualText(ResultService.ValueText(input, value, Language.Vietnamese), ResultService.ValueText(input, value, Language.English)));
                    })
                    .ToArray()))
            .ToArray();
        return new PublicationSnapshot(
            new SnapshotPeriod(period.Id, period.Name, period.Year, framework.Code, framework.Name, framework.Level, framework.TotalPoints, period.OpensOn, period.ClosesOn),
            framework.MainIndices.Select(m => new SnapshotMainIndex(m.Code.Value, m.Name, m.MaxPoints, m.ContainsProvisional)).ToArray(),
            framework.Nodes.Select(n => new SnapshotNode(n.Code.Value, n.Name, n.Kind, n.Depth, n.MaxPoints, n.MainIndex?.Code.Value)).ToArray(),
            framework.Inputs.Select(i => new SnapshotInput(i.NodeCode, i.Name, i.Label, i.Unit)).ToArray(),
            units);
    }

    /// <summary>Units and the states of their submissions: "SO-A (đã gửi), SO-B (đang thẩm định)".</summary>
    private sealed record UnitStates(IReadOnlyList<(string Code, SubmissionState State)> Units) : ILocalizable
    {
        public string ToString(Language language) =>
            string.Join(", ", Units.Select(u => $"{u.Code} ({ReviewText.Name(u.State).ToString(language)})"));

        public override string ToString() => ToString(Language.Vietnamese);
    }
}
