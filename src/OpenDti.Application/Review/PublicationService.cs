using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Results;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Ranking;
using OpenDti.Core.Review;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
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

/// <summary>A unit that did not complete the review cycle, and what a publication gives it.</summary>
/// <param name="Code">Its code in the period.</param>
/// <param name="Name">Its name in the period.</param>
/// <param name="State">Its submission's state (a draft: publication waits for every submission in review).</param>
/// <param name="ReportedTotal">The total of what it reported, with any adjustment.</param>
/// <param name="PublishedTotal">The total the publication shows: 0 or the reported total, by the period's rule.</param>
/// <param name="Rank">The rank the publication gives it.</param>
public sealed record UnfinishedUnit(string Code, string Name, SubmissionState State, decimal ReportedTotal, decimal PublishedTotal, int Rank);

/// <summary>
/// What publishing period <see cref="PeriodId"/> now would publish, to be confirmed: the units that did not
/// complete the review cycle first, with what they get, then the whole snapshot.
/// </summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Number">The number the publication would get (a correction after 1).</param>
/// <param name="Ranking">Where the period's rule ranks the units that did not complete the cycle.</param>
/// <param name="Points">The points the period's rule shows for them.</param>
/// <param name="Unfinished">The units that did not complete the cycle, by rank then code.</param>
/// <param name="Snapshot">The results as they would be published.</param>
/// <param name="Confirmation">
/// What to send back to publish exactly this: a digest of the number, the rule and each unfinished unit's
/// state, points and rank. Publishing with another (because one of them changed since) is refused.
/// </param>
public sealed record PublicationPreview(
    int PeriodId, int Number, UnfinishedRanking Ranking, UnfinishedPoints Points, IReadOnlyList<UnfinishedUnit> Unfinished, PublicationSnapshot Snapshot, string Confirmation);

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
/// <para>
/// A unit <em>completed the cycle</em> when its submission is finalised at the moment of publishing. Any
/// other unit is then a draft (never sent, withdrawn, or sent back by its leader): it is published as
/// "không gửi hồ sơ", ranked and given points by the period's rule (<see cref="Period.UnfinishedRanking"/>,
/// <see cref="Period.UnfinishedPoints"/>; by default after every unit that completed, with 0 points).
/// Publishing asks for confirmation: <see cref="PreviewAsync"/> lists those units first with what they
/// will get, and <see cref="PublishAsync(Actor, int, string?, string?, CancellationToken)"/> publishes only with the preview's confirmation, while it still
/// describes what would be published.
/// </para>
/// </remarks>
public sealed class PublicationService(OpenDtiDbContext db, ResultService results, TimeProvider time)
{
    /// <summary>The longest reason a correction may give.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The flag of a node whose points a publication set to 0 because the unit did not complete the cycle.</summary>
    public const string NotSubmittedFlag = "not_submitted";

    private static readonly SubmissionState[] InReview =
        [SubmissionState.Submitted, SubmissionState.Approved, SubmissionState.UnderReview, SubmissionState.Returned, SubmissionState.Resubmitted];

    /// <summary>
    /// What publishing period <paramref name="periodId"/> now would publish: the units that did not complete
    /// the review cycle and what they would get, the snapshot, and the confirmation to publish it with.
    /// Refused as <see cref="PublishAsync(Actor, int, string?, string?, CancellationToken)"/> would be (who, the period's status, units in review).
    /// </summary>
    public async Task<Outcome<PublicationPreview>> PreviewAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var (period, refusal) = await ReadyAsync<PublicationPreview>(actor, periodId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var last = await db.Publications.Where(p => p.PeriodId == periodId).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0;
        return Outcome<PublicationPreview>.Ok(await PreviewOfAsync(period!, last + 1, cancellationToken));
    }

    /// <summary>
    /// Publishes period <paramref name="periodId"/>'s results as they stand now: the first time as number 1
    /// (a reason is optional), after that as a correction with the next number and a required
    /// <paramref name="reason"/>. Evaluators and administrators only, and only with the
    /// <paramref name="confirmation"/> of a <see cref="PreviewAsync"/> that still describes what would be
    /// published (400 without one, 409 when the units that did not complete the cycle, their points or
    /// ranks, the rule or the number changed since).
    /// </summary>
    public Task<Outcome<PublicationSummary>> PublishAsync(Actor actor, int periodId, string? reason, string? confirmation, CancellationToken cancellationToken = default) =>
        PublishAsync(actor, periodId, reason, confirmation, requireConfirmation: true, cancellationToken);

    /// <summary>
    /// Publishes as the public overload does; without <paramref name="requireConfirmation"/>, with no preview.
    /// Accepting an appeal publishes its correction this way: the evaluator decided it, and the period's rule
    /// for units that did not complete the cycle applies as in the publication appealed.
    /// </summary>
    internal async Task<Outcome<PublicationSummary>> PublishAsync(
        Actor actor, int periodId, string? reason, string? confirmation, bool requireConfirmation, CancellationToken cancellationToken)
    {
        var (period, refusal) = await ReadyAsync<PublicationSummary>(actor, periodId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
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

        var preview = await PreviewOfAsync(period!, last + 1, cancellationToken);
        if (requireConfirmation && string.IsNullOrWhiteSpace(confirmation))
        {
            return Outcome<PublicationSummary>.Invalid(
                new AppMessage("PublishNotConfirmed"),
                [new Problem("APP-PUBLISH-CONFIRM", new AppMessage("PublishNotConfirmed"), Input: "confirmation")]);
        }

        if (requireConfirmation && !string.Equals(confirmation!.Trim(), preview.Confirmation, StringComparison.Ordinal))
        {
            return Outcome<PublicationSummary>.Conflict(
                new AppMessage("PublishPreviewChanged"),
                [new Problem("APP-PUBLISH-CONFIRM", new AppMessage("PublishPreviewChanged"), Input: "confirmation")]);
        }

        var snapshot = preview.Snapshot;
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
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, publication.At, AuditKind.Publication, "published", last == 0 ? null : last, publication.Number,
            periodId: periodId, reason: reason));
        period!.Status = PeriodStatus.Published;
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

    /// <summary>
    /// The period when <paramref name="actor"/> may publish it now, or why not: only province staff, not a
    /// period in preparation, not while a unit's submission is in the middle of the review cycle.
    /// </summary>
    private async Task<(Period? Period, Outcome<T>? Refusal)> ReadyAsync<T>(Actor actor, int periodId, CancellationToken cancellationToken)
    {
        if (!actor.IsProvinceStaff)
        {
            return (null, Outcome<T>.Forbidden(new AppMessage("PublishNotAllowed")));
        }

        var period = await db.Periods.Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        if (period.Status == PeriodStatus.Draft)
        {
            return (null, Outcome<T>.Conflict(new AppMessage("PublishPeriodDraft", period.Name)));
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
            return (null, Outcome<T>.Conflict(
                new AppMessage("PublishUnitsInReview", new UnitStates(busy)),
                busy.Select(s => new Problem("APP-PUBLISH-IN-REVIEW", new AppMessage("PublishUnitInReview", s.Code, ReviewText.Name(s.State)))).ToArray()));
        }

        return (period, null);
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

    /// <summary>
    /// What publishing <paramref name="period"/> as number <paramref name="number"/> would publish now: the
    /// snapshot with the period's rule for units that did not complete the cycle applied, those units, and
    /// the confirmation that names them.
    /// </summary>
    private async Task<PublicationPreview> PreviewOfAsync(Period period, int number, CancellationToken cancellationToken)
    {
        var states = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == period.Id)
            .Select(s => new { s.UnitId, s.State })
            .ToDictionaryAsync(s => s.UnitId, s => s.State, cancellationToken);
        var stateOf = period.Units.ToDictionary(u => u.UnitCode, u => states.GetValueOrDefault(u.UnitId, SubmissionState.Draft), StringComparer.Ordinal);
        var (snapshot, reported) = await SnapshotAsync(period, stateOf, cancellationToken);
        var unfinished = snapshot.Units
            .Where(u => u.NotSubmitted)
            .Select(u => new UnfinishedUnit(u.Code, u.Name, stateOf[u.Code], reported[u.Code], u.Total, u.Rank))
            .ToArray();
        return new PublicationPreview(
            period.Id, number, period.UnfinishedRanking, period.UnfinishedPoints, unfinished, snapshot, Confirmation(period, number, unfinished));
    }

    /// <summary>The digest a preview is confirmed with: what it showed that the person publishing agreed to.</summary>
    private static string Confirmation(Period period, int number, IReadOnlyList<UnfinishedUnit> unfinished)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{period.Id}|{number}|{period.UnfinishedRanking}|{period.UnfinishedPoints}");
        foreach (var unit in unfinished.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{unit.Code}|{unit.State}|{unit.PublishedTotal}|{unit.Rank}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// The period's results as they stand now, with every text in both languages, and the period's rule
    /// applied to the units whose submission is not finalised (<paramref name="stateOf"/>): flagged, their
    /// points 0 when the rule says so, ranked after every finalised unit when it says so. Also each unit's
    /// total as reported, before the rule.
    /// </summary>
    private async Task<(PublicationSnapshot Snapshot, IReadOnlyDictionary<string, decimal> Reported)> SnapshotAsync(
        Period period, IReadOnlyDictionary<string, SubmissionState> stateOf, CancellationToken cancellationToken)
    {
        var (scores, names) = await results.ScoreAsync(period.Id, cancellationToken);
        var framework = scores.Framework;
        var units = scores.Units.ToArray();
        var unfinished = units.Select(u => stateOf.GetValueOrDefault(u.UnitCode, SubmissionState.Draft) != SubmissionState.Finalised).ToArray();
        var zeroed = unfinished.Select(n => n && period.UnfinishedPoints == UnfinishedPoints.Zero).ToArray();
        var groups = unfinished.Select(n => n && period.UnfinishedRanking == UnfinishedRanking.AfterFinalised ? 1 : 0).ToArray();
        var participated = units.Select(u => u.Submitted).ToArray();
        var totals = units.Select((u, i) => zeroed[i] ? 0m : u.Total).ToArray();
        var ranks = CompetitionRanking.Rank(totals, participated, groups);
        var mainIndexRanks = framework.MainIndices
            .Select(m => CompetitionRanking.Rank(units.Select((u, i) => zeroed[i] ? 0m : u[m].Points).ToArray(), participated, groups))
            .ToArray();
        var zeroExplanation = new BilingualText(
            new AppMessage("UnfinishedZeroExplanation").ToString(Language.Vietnamese), new AppMessage("UnfinishedZeroExplanation").ToString(Language.English));
        var note = new BilingualText(new AppMessage("UnfinishedNote").ToString(Language.Vietnamese), new AppMessage("UnfinishedNote").ToString(Language.English));

        var snapshotUnits = units.Select((u, i) => new SnapshotUnit(
                u.UnitCode,
                names[u.UnitCode],
                totals[i],
                ranks[i],
                u.Submitted,
                u.Complete,
                u.AnsweredInputs,
                u.TotalInputs,
                framework.MainIndices.Select((m, k) => new SnapshotUnitMainIndex(m.Code.Value, zeroed[i] ? 0m : u[m].Points, mainIndexRanks[k][i])).ToArray(),
                framework.Nodes.Select(node =>
                {
                    var score = u[node];
                    return zeroed[i]
                        ? new SnapshotUnitNode(node.Code.Value, 0m, node.MaxPoints, 0m, null, [NotSubmittedFlag], zeroExplanation)
                        : new SnapshotUnitNode(
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
                    .ToArray())
            {
                NotSubmitted = unfinished[i],
                Note = unfinished[i] ? note : null,
            })
            .OrderBy(u => u.Rank)
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToArray();
        var snapshot = new PublicationSnapshot(
            new SnapshotPeriod(period.Id, period.Name, period.Year, framework.Code, framework.Name, framework.Level, framework.TotalPoints, period.OpensOn, period.ClosesOn)
            {
                UnfinishedRanking = period.UnfinishedRanking,
                UnfinishedPoints = period.UnfinishedPoints,
            },
            framework.MainIndices.Select(m => new SnapshotMainIndex(m.Code.Value, m.Name, m.MaxPoints, m.ContainsProvisional)).ToArray(),
            framework.Nodes.Select(n => new SnapshotNode(n.Code.Value, n.Name, n.Kind, n.Depth, n.MaxPoints, n.MainIndex?.Code.Value)).ToArray(),
            framework.Inputs.Select(i => new SnapshotInput(i.NodeCode, i.Name, i.Label, i.Unit)).ToArray(),
            snapshotUnits);
        return (snapshot, units.ToDictionary(u => u.UnitCode, u => u.Total, StringComparer.Ordinal));
    }

    /// <summary>Units and the states of their submissions: "SO-A (đã gửi), SO-B (đang thẩm định)".</summary>
    private sealed record UnitStates(IReadOnlyList<(string Code, SubmissionState State)> Units) : ILocalizable
    {
        public string ToString(Language language) =>
            string.Join(", ", Units.Select(u => $"{u.Code} ({ReviewText.Name(u.State).ToString(language)})"));

        public override string ToString() => ToString(Language.Vietnamese);
    }
}
