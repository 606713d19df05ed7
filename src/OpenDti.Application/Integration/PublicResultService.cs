using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Integration;

/// <summary>A period on the public page: what it is and which publication it shows.</summary>
/// <param name="Id">The period's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Year">The year evaluated.</param>
/// <param name="FrameworkName">The framework's name, as published.</param>
/// <param name="TotalPoints">The framework's total points.</param>
/// <param name="PublicationNumber">The publication shown (the latest: a correction replaces the first).</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="UnitCount">How many units it ranks.</param>
public sealed record PublicPeriod(int Id, string Name, int Year, string FrameworkName, decimal TotalPoints, int PublicationNumber, DateTime PublishedAt, int UnitCount);

/// <summary>A period's published results as the public sees them: the ranking, the main indices and what the charts draw.</summary>
/// <param name="Period">The period.</param>
/// <param name="MainIndices">The main indices, in framework order.</param>
/// <param name="Units">Every unit, by rank.</param>
/// <param name="Distribution">Units per band of 100 points.</param>
/// <param name="Indicators">The indicators (the heat map's columns).</param>
/// <param name="IndicatorFractions">Each unit's fraction of every indicator's max points, by unit code.</param>
public sealed record PublicResults(
    PublicPeriod Period,
    IReadOnlyList<MainIndexColumn> MainIndices,
    IReadOnlyList<UnitResult> Units,
    IReadOnlyList<TotalBand> Distribution,
    IReadOnlyList<IndicatorColumn> Indicators,
    IReadOnlyDictionary<string, IReadOnlyList<decimal>> IndicatorFractions);

/// <summary>A unit's published scorecard as the public sees it.</summary>
/// <param name="Period">The period.</param>
/// <param name="Scorecard">The points, explanations and reported figures as published (no evidence, nothing of the review).</param>
public sealed record PublicScorecard(PublicPeriod Period, Scorecard Scorecard);

/// <summary>Whether a period's published results are public.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="IsPublic">Whether they are on the public page and API.</param>
public sealed record PublicSetting(int PeriodId, bool IsPublic);

/// <summary>
/// The public results (<c>/cong-khai</c>, <c>/api/public/…</c>): the periods an evaluator made public once
/// published, each read only from its latest publication's frozen snapshot, never from live values. A
/// snapshot holds points, ranks, explanations and reported figures; it holds no evidence file, no
/// reviewer's note, return, answer or appeal, so none can be shown. Anything of a period that is not
/// public (unknown, unpublished, or switched off) is "not found", the same answer whichever it is.
/// </summary>
/// <remarks>Reading needs no actor: the rule is <see cref="AccessPolicy.CanReadPublicly"/>, the same for everyone.</remarks>
public sealed class PublicResultService(OpenDtiDbContext db, TimeProvider time)
{
    /// <summary>The public periods, newest year first.</summary>
    public async Task<IReadOnlyList<PublicPeriod>> ListAsync(CancellationToken cancellationToken = default)
    {
        var ids = await db.Periods.AsNoTracking()
            .Where(p => p.IsPublic && p.Status == PeriodStatus.Published)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var list = new List<PublicPeriod>();
        foreach (var id in ids)
        {
            if (await FrozenAsync(id, cancellationToken) is { } frozen)
            {
                list.Add(frozen.Period);
            }
        }

        return list;
    }

    /// <summary>Period <paramref name="periodId"/>'s published results, when it is public.</summary>
    public async Task<Outcome<PublicResults>> ResultsAsync(int periodId, CancellationToken cancellationToken = default)
    {
        if (await FrozenAsync(periodId, cancellationToken) is not var (period, snapshot))
        {
            return Outcome<PublicResults>.NotFound(new AppMessage("PublicPeriodNotFound", periodId));
        }

        var units = FrozenResults.Units(snapshot);
        return Outcome<PublicResults>.Ok(new PublicResults(
            period,
            FrozenResults.Columns(snapshot),
            units,
            ResultService.Distribution(units, snapshot.Period.TotalPoints),
            FrozenResults.Indicators(snapshot),
            FrozenResults.IndicatorFractions(snapshot)));
    }

    /// <summary>Unit <paramref name="unitCode"/>'s published scorecard in period <paramref name="periodId"/>, when the period is public.</summary>
    public async Task<Outcome<PublicScorecard>> ScorecardAsync(int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        if (await FrozenAsync(periodId, cancellationToken) is not var (period, snapshot))
        {
            return Outcome<PublicScorecard>.NotFound(new AppMessage("PublicPeriodNotFound", periodId));
        }

        if (snapshot.Find(unitCode) is not { } unit)
        {
            return Outcome<PublicScorecard>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId));
        }

        var s = snapshot.Period;
        var summary = new PeriodSummary(s.Id, s.FrameworkCode, s.Year, s.Name, PeriodStatus.Published, s.OpensOn, s.ClosesOn, snapshot.Units.Count);
        return Outcome<PublicScorecard>.Ok(new PublicScorecard(period, FrozenResults.Scorecard(summary, snapshot, unit, language)));
    }

    /// <summary>
    /// Puts period <paramref name="periodId"/>'s published results on the public page, or takes them off.
    /// Evaluators and administrators; on only once the period is published; audited (kind publication).
    /// </summary>
    public async Task<Outcome<PublicSetting>> SetPublicAsync(Actor actor, int periodId, bool isPublic, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanManagePeriods(actor))
        {
            return Outcome<PublicSetting>.Forbidden(new AppMessage("PublicNotAllowed"));
        }

        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<PublicSetting>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (isPublic && (period.Status != PeriodStatus.Published || !await db.Publications.AnyAsync(p => p.PeriodId == periodId, cancellationToken)))
        {
            return Outcome<PublicSetting>.Conflict(new AppMessage("PublicNotPublished", period.Name));
        }

        if (period.IsPublic != isPublic)
        {
            db.AuditEntries.Add(AuditTrail.Entry(actor, time.GetUtcNow().UtcDateTime, AuditKind.Publication, "public", period.IsPublic, isPublic, periodId: periodId));
            period.IsPublic = isPublic;
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome<PublicSetting>.Ok(new PublicSetting(periodId, isPublic));
    }

    /// <summary>Whether period <paramref name="periodId"/> is public (for the page that switches it).</summary>
    public Task<bool> IsPublicAsync(int periodId, CancellationToken cancellationToken = default) =>
        db.Periods.AsNoTracking().AnyAsync(p => p.Id == periodId && p.IsPublic, cancellationToken);

    /// <summary>The period and its latest publication's snapshot, when anyone may read them; null otherwise.</summary>
    private async Task<(PublicPeriod Period, PublicationSnapshot Snapshot)?> FrozenAsync(int periodId, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.Id == periodId)
            .Select(p => new { p.Id, p.Status, p.IsPublic })
            .SingleOrDefaultAsync(cancellationToken);
        if (period is null)
        {
            return null;
        }

        var latest = await db.Publications.AsNoTracking()
            .Where(p => p.PeriodId == periodId)
            .OrderByDescending(p => p.Number)
            .Select(p => new { p.Number, p.At, p.Snapshot })
            .FirstOrDefaultAsync(cancellationToken);
        if (!AccessPolicy.CanReadPublicly(period.Status == PeriodStatus.Published, period.IsPublic, latest is not null))
        {
            return null;
        }

        var snapshot = PublicationSnapshot.FromJson(latest!.Snapshot);
        var s = snapshot.Period;
        return (new PublicPeriod(s.Id, s.Name, s.Year, s.FrameworkName, s.TotalPoints, latest.Number, latest.At, snapshot.Units.Count), snapshot);
    }
}
