using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Results;

/// <summary>A main index's result for a unit.</summary>
/// <param name="Code">Main index code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Points">Points.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="Rank">The unit's rank on this main index.</param>
public sealed record MainIndexResult(string Code, string Name, decimal Points, decimal MaxPoints, int Rank);

/// <summary>A unit's result in a period.</summary>
/// <param name="UnitCode">Code (as in the period).</param>
/// <param name="UnitName">Name (as in the period).</param>
/// <param name="Total">Total points.</param>
/// <param name="Rank">Rank.</param>
/// <param name="Submitted">Whether it reported anything.</param>
/// <param name="Complete">Whether every indicator could be scored.</param>
/// <param name="AnsweredInputs">Inputs with a value.</param>
/// <param name="TotalInputs">All inputs.</param>
/// <param name="MainIndices">Points and rank per main index.</param>
public sealed record UnitResult(
    string UnitCode, string UnitName, decimal Total, int Rank, bool Submitted, bool Complete, int AnsweredInputs, int TotalInputs,
    IReadOnlyList<MainIndexResult> MainIndices)
{
    /// <summary>
    /// In a published period, whether the unit did not complete the review cycle and was published as
    /// "không gửi hồ sơ" (ranked and given points by the period's rule); always false before publication.
    /// </summary>
    public bool NotSubmitted { get; init; }
}

/// <summary>A period's ranking.</summary>
/// <param name="Period">The period.</param>
/// <param name="Units">Units by rank.</param>
public sealed record PeriodResults(PeriodSummary Period, IReadOnlyList<UnitResult> Units);

/// <summary>A node of a unit's scorecard.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Node kind.</param>
/// <param name="Depth">0 for top-level nodes.</param>
/// <param name="Points">Points.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="Fraction">Share of max points.</param>
/// <param name="Measure">The rule's measure, when defined.</param>
/// <param name="Flags">Flags (not_reported, undefined, provisional, …).</param>
/// <param name="Explanation">The explanation sentence.</param>
public sealed record ScorecardNode(
    string Code, string Name, NodeKind Kind, int Depth, decimal Points, decimal MaxPoints, decimal Fraction, decimal? Measure,
    IReadOnlyList<string> Flags, string Explanation);

/// <summary>A unit's scorecard: every node with its points and explanation.</summary>
/// <param name="Period">The period.</param>
/// <param name="UnitCode">Code.</param>
/// <param name="UnitName">Name.</param>
/// <param name="Total">Total points.</param>
/// <param name="Rank">Rank.</param>
/// <param name="Nodes">Every node, depth first.</param>
public sealed record Scorecard(PeriodSummary Period, string UnitCode, string UnitName, decimal Total, int Rank, IReadOnlyList<ScorecardNode> Nodes)
{
    /// <summary>Points and rank on each main index, in framework order.</summary>
    public IReadOnlyList<MainIndexResult> MainIndices { get; init; } = [];

    /// <summary>Every input of every indicator, in framework order, with what the unit reported.</summary>
    public IReadOnlyList<ScorecardInput> Inputs { get; init; } = [];

    /// <summary>In a published period, whether the unit was published as "không gửi hồ sơ".</summary>
    public bool NotSubmitted { get; init; }
}

/// <summary>Scores a period's cohort from the stored values and the units' general information of the period's year.</summary>
public sealed class ResultService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, TimeProvider time, ScoreCache cache, Continuity continuity, Review.PublicationSnapshots snapshots)
{

    /// <summary>The ranking of period <paramref name="periodId"/>.</summary>
    public async Task<Outcome<PeriodResults>> ResultsAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodResults>();
        }

        if (!AccessPolicy.CanReadResults(actor, summary.Value!.Status == PeriodStatus.Published))
        {
            return Outcome<PeriodResults>.Forbidden(new AppMessage("ResultsNotAllowed"));
        }

        if (await FrozenAsync(periodId, summary.Value.Status, cancellationToken) is { } frozen)
        {
            return Outcome<PeriodResults>.Ok(new PeriodResults(summary.Value, FrozenResults.Units(frozen)));
        }

        var (scores, names) = await ScoreAsync(periodId, cancellationToken);
        return Outcome<PeriodResults>.Ok(new PeriodResults(summary.Value, Results(scores, names)));
    }

    /// <summary>
    /// What the period page shows for period <paramref name="periodId"/>: the ranking, each unit's change
    /// against the same framework level's period of the year before (matched by unit code), completeness,
    /// the units still incomplete after the closing day, and the distribution of totals. Who may read it
    /// is who may read the ranking (<see cref="AccessPolicy.CanReadResults"/>), and last year's period is
    /// compared only when the actor may read its results too.
    /// </summary>
    public async Task<Outcome<PeriodOverview>> OverviewAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodOverview>();
        }

        var period = summary.Value!;
        if (!AccessPolicy.CanReadResults(actor, period.Status == PeriodStatus.Published))
        {
            return Outcome<PeriodOverview>.Forbidden(new AppMessage("ResultsNotAllowed"));
        }

        // A published period shows its latest publication, frozen; any other period is scored now.
        var frozen = await FrozenAsync(periodId, period.Status, cancellationToken);
        FrameworkLevel level;
        string frameworkName;
        decimal totalPoints;
        UnitResult[] units;
        MainIndexColumn[] columns;
        IndicatorColumn[] indicatorColumns;
        Dictionary<string, IReadOnlyList<decimal>> fractions;
        if (frozen is not null)
        {
            (level, frameworkName, totalPoints) = (frozen.Period.FrameworkLevel, frozen.Period.FrameworkName, frozen.Period.TotalPoints);
            units = FrozenResults.Units(frozen);
            columns = FrozenResults.Columns(frozen);
            indicatorColumns = FrozenResults.Indicators(frozen);
            fractions = FrozenResults.IndicatorFractions(frozen);
        }
        else
        {
            var (scores, names) = await ScoreAsync(periodId, cancellationToken);
            var framework = scores.Framework;
            (level, frameworkName, totalPoints) = (framework.Level, framework.Name, framework.TotalPoints);
            units = Results(scores, names);
            columns = framework.MainIndices.Select(m => new MainIndexColumn(m.Code.Value, m.Name, m.MaxPoints, m.ContainsProvisional)).ToArray();
            var indicators = framework.Nodes.Where(n => n.Kind == NodeKind.Indicator).ToArray();
            indicatorColumns = indicators.Select(n => new IndicatorColumn(n.Code.Value, n.Name, n.MainIndex?.Code.Value ?? string.Empty, n.MaxPoints)).ToArray();
            fractions = scores.Units.ToDictionary(
                u => u.UnitCode, u => (IReadOnlyList<decimal>)indicators.Select(n => Math.Round(u[n].Fraction, 4)).ToArray(), StringComparer.Ordinal);
        }

        var previous = await PreviousPeriodAsync(actor, period, level, cancellationToken);
        var rows = previous is null
            ? units.Select(u => new RankingRow(u, null)).ToArray()
            : await CompareAsync(period, previous, units, cancellationToken);
        var today = Today();
        var overdue = period.ClosesOn < today ? units.Where(u => u.AnsweredInputs < u.TotalInputs).ToArray() : [];
        return Outcome<PeriodOverview>.Ok(new PeriodOverview(
            period, frameworkName, totalPoints, columns, rows, previous, overdue, Distribution(units, totalPoints), today)
        {
            Indicators = indicatorColumns,
            IndicatorFractions = fractions,
            Level = level,
        });
    }

    /// <summary>
    /// Each unit's change against <paramref name="previous"/> (last year): the unit's own figures matched by code, or,
    /// for a unit formed by a merger since, those of the units it absorbed combined by this period's merger rule and
    /// marked (as trends read them); main indices followed through the confirmed crosswalk between the two years'
    /// frameworks (<see cref="Continuity"/>), by code when there is none.
    /// </summary>
    private async Task<RankingRow[]> CompareAsync(PeriodSummary period, PeriodSummary previous, UnitResult[] units, CancellationToken cancellationToken)
    {
        var earlier = await FrozenAsync(previous.Id, previous.Status, cancellationToken) is { } frozenBefore
            ? FrozenResults.Units(frozenBefore)
            : Results(await ScoreAsync(previous.Id, cancellationToken));
        var submitted = earlier.Where(u => u.Submitted).ToArray();
        var before = submitted.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        var map = await continuity.PeriodsAsync(previous.Id, period.Id, cancellationToken);
        var nowIds = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == period.Id)
            .ToDictionaryAsync(u => u.UnitCode, u => u.UnitId, StringComparer.Ordinal, cancellationToken);
        var missing = units.Where(u => !before.ContainsKey(u.UnitCode) && nowIds.ContainsKey(u.UnitCode)).ToArray();
        var merged = new Dictionary<string, (UnitResult Last, Improvement.Trends.MergedFrom From)>(StringComparer.Ordinal);
        if (missing.Length > 0)
        {
            // A unit renamed since keeps its line: the same unit under last year's code.
            var thenIds = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == previous.Id)
                .ToDictionaryAsync(u => u.UnitCode, u => u.UnitId, StringComparer.Ordinal, cancellationToken);
            var thenCodes = thenIds.ToDictionary(t => t.Value, t => t.Key);
            foreach (var unit in missing)
            {
                if (thenCodes.TryGetValue(nowIds[unit.UnitCode], out var code) && before.TryGetValue(code, out var renamed))
                {
                    before[unit.UnitCode] = renamed;
                }
            }

            var mergers = await continuity.MergersAsync(cancellationToken);
            var wanted = missing.Where(u => !before.ContainsKey(u.UnitCode) && mergers.PartsOf(nowIds[u.UnitCode]).Count > 0).ToArray();
            if (wanted.Length > 0)
            {
                var year = new Improvement.Trends.TrendYear(
                    previous.Year, previous.Id, previous.Name, previous.FrameworkCode, 0m, previous.Status == PeriodStatus.Published, submitted.Length,
                    [.. (submitted.FirstOrDefault()?.MainIndices ?? []).Select(m => new Improvement.Trends.TrendMainIndex(m.Code, m.Name, m.MaxPoints))]);
                var figures = new Improvement.Trends.PeriodFigures(year, submitted
                    .Where(u => thenIds.ContainsKey(u.UnitCode))
                    .ToDictionary(
                        u => thenIds[u.UnitCode],
                        u => new Improvement.Trends.TrendPoint(previous.Year, u.Total, u.Rank, u.Submitted, [.. u.MainIndices.Select(m => new Improvement.Trends.TrendMainIndexPoint(m.Code, m.Points, m.Rank))])));
                var lineage = wanted.SelectMany(u => mergers.Lineage(nowIds[u.UnitCode])).ToHashSet();
                var populations = period.MergerRule == MergerRule.Population
                    ? (await db.UnitProfileValues.AsNoTracking()
                        .Where(p => p.Key == Improvement.Trends.TrendService.PopulationKey && lineage.Contains(p.UnitId) && p.Year == previous.Year)
                        .Select(p => new { p.UnitId, p.Year, p.Value })
                        .ToListAsync(cancellationToken))
                        .ToDictionary(p => (p.UnitId, p.Year), p => p.Value)
                    : [];
                foreach (var unit in wanted)
                {
                    if (Improvement.Trends.TrendService.PointOf(nowIds[unit.UnitCode], figures, period.MergerRule, mergers, populations) is { Merged: { } from } point)
                    {
                        var names = submitted.FirstOrDefault()?.MainIndices ?? [];
                        var last = unit with
                        {
                            Total = point.Total,
                            Rank = point.Rank,
                            MainIndices = [.. point.MainIndices.Select(m => new MainIndexResult(
                                m.Code, names.FirstOrDefault(n => n.Code == m.Code)?.Name ?? m.Code, m.Points, names.FirstOrDefault(n => n.Code == m.Code)?.MaxPoints ?? 0m, m.Rank))],
                        };
                        merged[unit.UnitCode] = (last, from);
                    }
                }
            }
        }

        return [.. units.Select(u =>
        {
            if (before.TryGetValue(u.UnitCode, out var last))
            {
                return new RankingRow(u, YearChange.Between(u, last, map, submitted));
            }

            return merged.TryGetValue(u.UnitCode, out var parts)
                ? new RankingRow(u, YearChange.Between(u, parts.Last, map, submitted) with { Merged = parts.From })
                : new RankingRow(u, null);
        })];
    }

    /// <summary>
    /// Units per band of 100 points from 0 to <paramref name="totalPoints"/>: [0, 100), [100, 200), …; the
    /// last band includes its upper end, so a unit with every point counts in it.
    /// </summary>
    public static IReadOnlyList<TotalBand> Distribution(IEnumerable<UnitResult> units, decimal totalPoints)
    {
        const decimal width = 100m;
        var count = Math.Max(1, (int)Math.Ceiling(totalPoints / width));
        var counts = new int[count];
        foreach (var unit in units)
        {
            var band = (int)Math.Floor(Math.Max(0m, unit.Total) / width);
            counts[Math.Min(band, count - 1)]++;
        }

        return counts.Select((n, i) => new TotalBand(i * width, Math.Min((i + 1) * width, totalPoints), n)).ToArray();
    }

    /// <summary>
    /// The period of the same framework level for the year before that <paramref name="actor"/> may read:
    /// a published one first, then the most recently created.
    /// </summary>
    private async Task<PeriodSummary?> PreviousPeriodAsync(Actor actor, PeriodSummary period, FrameworkLevel level, CancellationToken cancellationToken)
    {
        var candidates = await db.Periods.AsNoTracking()
            .Where(p => p.Year == period.Year - 1 && p.Framework!.Level == level && p.Id != period.Id)
            .Select(p => new { p.Id, p.Status })
            .ToListAsync(cancellationToken);
        var chosen = candidates
            .Where(p => AccessPolicy.CanReadResults(actor, p.Status == PeriodStatus.Published))
            .OrderByDescending(p => p.Status == PeriodStatus.Published)
            .ThenByDescending(p => p.Id)
            .FirstOrDefault();
        return chosen is null ? null : (await periods.GetAsync(chosen.Id, cancellationToken)).Value;
    }

    /// <summary>
    /// The latest publication's snapshot when period <paramref name="periodId"/> is published; null otherwise
    /// (also for a period marked published before publications were recorded: it is scored as it stands).
    /// </summary>
    private async Task<Review.PublicationSnapshot?> FrozenAsync(int periodId, PeriodStatus status, CancellationToken cancellationToken)
    {
        if (status != PeriodStatus.Published)
        {
            return null;
        }

        // The latest publication's id only: its snapshot is read back from JSON once and kept (PublicationSnapshots).
        var latest = await db.Publications.AsNoTracking()
            .Where(p => p.PeriodId == periodId)
            .OrderByDescending(p => p.Number)
            .Select(p => (int?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is not { } id
            ? null
            : await snapshots.GetAsync(id, () => db.Publications.AsNoTracking().Where(p => p.Id == id).Select(p => p.Snapshot).SingleAsync(cancellationToken));
    }

    private static UnitResult[] Results((CohortScores Scores, IReadOnlyDictionary<string, string> Names) scored) => Results(scored.Scores, scored.Names);

    private static UnitResult[] Results(CohortScores scores, IReadOnlyDictionary<string, string> names)
    {
        var framework = scores.Framework;
        return scores.Units.Select(u => new UnitResult(
                u.UnitCode,
                names[u.UnitCode],
                u.Total,
                u.Rank,
                u.Submitted,
                u.Complete,
                u.AnsweredInputs,
                u.TotalInputs,
                framework.MainIndices.Select(m => new MainIndexResult(m.Code.Value, m.Name, u[m].Points, m.MaxPoints, u.MainIndexRank(m))).ToArray()))
            .ToArray();
    }

    /// <summary>Today's date in Vietnam, from the application's clock.</summary>
    private DateOnly Today() => Application.VietnamTime.Today(time);

    /// <summary>The scorecard of <paramref name="unitCode"/> in period <paramref name="periodId"/>, explained in <paramref name="language"/>.</summary>
    public async Task<Outcome<Scorecard>> ScorecardAsync(
        Actor actor, int periodId, string unitCode, Language language = Language.Vietnamese, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<Scorecard>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        var member = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (member is null)
        {
            return Outcome<Scorecard>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId));
        }

        if (!AccessPolicy.CanReadUnit(actor, member.UnitId))
        {
            return Outcome<Scorecard>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        if (await FrozenAsync(periodId, period.Status, cancellationToken) is { } frozen && frozen.Find(unitCode) is { } published)
        {
            var periodSummary = (await periods.GetAsync(periodId, cancellationToken)).Value!;
            return Outcome<Scorecard>.Ok(FrozenResults.Scorecard(periodSummary, frozen, published, language));
        }

        var (scores, _) = await ScoreAsync(periodId, cancellationToken);
        var unit = scores.Find(unitCode)!;
        var nodes = scores.Framework.Nodes.Select(node =>
        {
            var score = unit[node];
            return new ScorecardNode(
                node.Code.Value,
                node.Name,
                node.Kind,
                node.Depth,
                score.Points,
                node.MaxPoints,
                score.Fraction,
                score.Measure.IsDefined ? score.Measure.Number : null,
                ScoreFlagNames.Names(score.Flags),
                scores.Explain(unit, node, language).Text);
        }).ToArray();
        var summary = (await periods.GetAsync(periodId, cancellationToken)).Value!;
        var framework = scores.Framework;
        return Outcome<Scorecard>.Ok(new Scorecard(summary, member.UnitCode, member.UnitName, unit.Total, unit.Rank, nodes)
        {
            MainIndices = framework.MainIndices.Select(m => new MainIndexResult(m.Code.Value, m.Name, unit[m].Points, m.MaxPoints, unit.MainIndexRank(m))).ToArray(),
            Inputs = framework.Inputs
                .Select(input => new ScorecardInput(
                    input.NodeCode,
                    input.Name,
                    input.Label,
                    input.Unit,
                    unit.Inputs.Get(input) is { } value ? ValueText(input, value, language) : null))
                .ToArray(),
        });
    }

    /// <summary>A reported value as the reader writes it: 1.234,5; 35,74%; Có; an option's label.</summary>
    public static string ValueText(InputSpec input, ReportedValue value, Language language)
    {
        ArgumentNullException.ThrowIfNull(input);
        return value.Kind switch
        {
            InputKind.Number when input.IsPercent => NumberText.Number(value.Number * 100m, language) + "%",
            InputKind.Number => NumberText.Number(value.Number, language),
            InputKind.YesNo => Localizer.Format(language, value.Answer ? "ValueYes" : "ValueNo"),
            _ => input.FindOption(value.Option ?? string.Empty)?.Label ?? value.Option ?? string.Empty,
        };
    }

    /// <summary>
    /// Scores the whole cohort of <paramref name="periodId"/> as reviewed (the evaluators' adjustments in place of the
    /// reported values); also gives each unit's name in the period.
    /// </summary>
    public Task<(CohortScores Scores, IReadOnlyDictionary<string, string> Names)> ScoreAsync(int periodId, CancellationToken cancellationToken = default) =>
        ScoreAsync(periodId, ValueBasis.Reviewed, cancellationToken);

    /// <summary>Scores the whole cohort of <paramref name="periodId"/> from the values of <paramref name="basis"/>; also gives each unit's name.</summary>
    public async Task<(CohortScores Scores, IReadOnlyDictionary<string, string> Names)> ScoreAsync(
        int periodId, ValueBasis basis, CancellationToken cancellationToken = default)
    {
        var (scores, names) = await ScoreBasesAsync(periodId, [basis], cancellationToken);
        return (scores[0], names);
    }

    /// <summary>
    /// Scores the cohort once per basis of <paramref name="bases"/> (in that order) from one reading of the
    /// database: one query for the reported values and, when a basis is <see cref="ValueBasis.Reviewed"/>, one for
    /// the adjustments.
    /// </summary>
    internal async Task<(IReadOnlyList<CohortScores> Scores, IReadOnlyDictionary<string, string> Names)> ScoreBasesAsync(
        int periodId, IReadOnlyList<ValueBasis> bases, CancellationToken cancellationToken)
    {
        // The version is read before the values: what is kept under it is never older than it (ScoreCache).
        var version = await ScoreCache.VersionAsync(db, cancellationToken);
        if (version is null)
        {
            var inside = await ScoreFromDatabaseAsync(periodId, bases, 0, cancellationToken);
            return (inside.Scores, inside.Names);
        }

        if (cache.Find(periodId, bases, version.Value) is { } kept)
        {
            return (kept.Scores, kept.Names);
        }

        using (await cache.ScoringAsync(periodId, bases, cancellationToken))
        {
            // Whoever held the place meanwhile scored at least everything written before this request asked:
            // its result is as new as this request needs, and a queue of readers scores once, not once each.
            var latest = cache.Latest(periodId, bases);
            if (latest is not null && latest.Version >= version.Value)
            {
                return (latest.Scores, latest.Names);
            }

            var current = (await ScoreCache.VersionAsync(db, cancellationToken))!.Value;
            var scored = latest is not null && await BringUpToDateAsync(periodId, bases, latest, current, cancellationToken) is { } updated
                ? updated
                : await ScoreFromDatabaseAsync(periodId, bases, current, cancellationToken);
            cache.Keep(periodId, bases, scored);
            return (scored.Scores, scored.Names);
        }
    }

    /// <summary>
    /// <paramref name="older"/> brought to <paramref name="version"/> by reading again only the units whose values,
    /// adjustments or general figures changed since, then scoring the cohort again (cohort rules compare every
    /// unit); null when something else changed that is scored (a unit, the period, its framework, a publication,
    /// reference values…) or more than a quarter of the cohort (and 8 units) changed, so that the whole cohort is read again.
    /// </summary>
    /// <remarks>
    /// What changed is read from the audit: every change that is scored is written with its entry, in the same
    /// transaction, so the entries after <paramref name="older"/>'s version and up to <paramref name="version"/> name
    /// every unit whose figures moved. At 1.000 units this reads a few hundred rows instead of ~70.000.
    /// </remarks>
    private async Task<ScoreCache.Scored?> BringUpToDateAsync(
        int periodId, IReadOnlyList<ValueBasis> bases, ScoreCache.Scored older, long version, CancellationToken cancellationToken)
    {
        if (version < older.Version)
        {
            return null;
        }

        var changes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence > older.Version && a.Sequence <= version)
            .Select(a => new { a.Kind, a.PeriodId, a.UnitId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var changed = new HashSet<int>();
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                // What no score reads.
                case Data.Audit.AuditKind.Evidence or Data.Audit.AuditKind.Exception or Data.Audit.AuditKind.Account
                    or Data.Audit.AuditKind.Plan or Data.Audit.AuditKind.Progress or Data.Audit.AuditKind.Gap:
                    continue;
                case Data.Audit.AuditKind.Value or Data.Audit.AuditKind.Adjustment when change.PeriodId != periodId:
                    continue;
                case Data.Audit.AuditKind.Value or Data.Audit.AuditKind.Adjustment or Data.Audit.AuditKind.Profile
                    when change.UnitId is { } unitId:
                    if (older.Members.ContainsKey(unitId))
                    {
                        changed.Add(unitId);
                    }

                    continue;
                default:
                    return null;
            }
        }

        if (changed.Count > Math.Max(8, older.Members.Count / 4))
        {
            return null;
        }

        if (changed.Count == 0)
        {
            return older with { Version = version };
        }

        var framework = older.Scores[0].Framework;
        var year = await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.Year).SingleAsync(cancellationToken);
        var fresh = await ReadInputsAsync(periodId, year, framework, bases, changed.ToDictionary(id => id, id => older.Members[id]), wholeCohort: false, cancellationToken);
        // Only the changed units are scored again, unless their figures move a cohort's min or max (ScoringEngine.Rescore).
        var scores = bases.Select((_, b) => ScoringEngine.Rescore(older.Scores[b], [.. fresh[b].Values])).ToArray();
        return older with { Version = version, Scores = scores };
    }

    private async Task<ScoreCache.Scored> ScoreFromDatabaseAsync(int periodId, IReadOnlyList<ValueBasis> bases, long version, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleAsync(p => p.Id == periodId, cancellationToken);
        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var members = period.Units.ToDictionary(u => u.UnitId, u => u.UnitCode);
        var inputs = await ReadInputsAsync(periodId, period.Year, framework, bases, members, wholeCohort: true, cancellationToken);
        // The period's national reference values join its cohort rules' min and max, as the command line's --reference
        // file does (docs/improvement.md, "The national DTI"); importing them is audited, so the cache moves on.
        var references = await db.PeriodReferences.AsNoTracking().Where(r => r.PeriodId == periodId)
            .OrderBy(r => r.Id).Select(r => new ReferenceMeasure(r.Indicator, r.Label, r.Measure)).ToListAsync(cancellationToken);
        var options = references.Count == 0 ? ScoringOptions.Default : new ScoringOptions { References = references };
        var order = period.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal).ToArray();
        var scores = inputs.Select(byCode => ScoringEngine.Score(framework, order.Select(code => byCode[code]).ToArray(), options)).ToArray();
        return new ScoreCache.Scored(version, scores, period.Units.ToDictionary(u => u.UnitCode, u => u.UnitName, StringComparer.Ordinal), members);
    }

    /// <summary>
    /// The inputs of <paramref name="members"/> (unit id → code) on each basis of <paramref name="bases"/>, from one
    /// reading of the database; <paramref name="wholeCohort"/> when they are every member of the period. Only the columns
    /// scoring reads: at 1.000 units these are ~70.000 rows, and who changed them when is not scored.
    /// </summary>
    private async Task<IReadOnlyList<Dictionary<string, UnitInputs>>> ReadInputsAsync(
        int periodId, int year, Framework framework, IReadOnlyList<ValueBasis> bases, IReadOnlyDictionary<int, string> members, bool wholeCohort, CancellationToken cancellationToken)
    {
        var all = wholeCohort;
        var ids = members.Keys.ToArray();
        var values = await db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == periodId && (all || ids.Contains(v.UnitId)))
            .Select(v => new { v.UnitId, v.Indicator, v.Input, v.Value }).ToListAsync(cancellationToken);
        var adjustments = bases.Contains(ValueBasis.Reviewed)
            ? await db.ValueAdjustments.AsNoTracking().Where(a => a.PeriodId == periodId && (all || ids.Contains(a.UnitId)))
                .Select(a => new { a.UnitId, a.Indicator, a.Input, a.Value }).ToListAsync(cancellationToken)
            : [];
        var profiles = await db.UnitProfileValues.AsNoTracking()
            .Where(p => p.Year == year && ids.Contains(p.UnitId))
            .Select(p => new { p.UnitId, p.Key, p.Value })
            .ToListAsync(cancellationToken);


        var byUnit = values.ToLookup(v => v.UnitId);
        var adjustedByUnit = adjustments.ToLookup(a => a.UnitId);
        var profileByUnit = profiles.ToLookup(p => p.UnitId);
        var results = new List<Dictionary<string, UnitInputs>>();
        foreach (var basis in bases)
        {
            var inputs = new Dictionary<string, UnitInputs>(StringComparer.Ordinal);
            foreach (var (unitId, code) in members)
            {
                var unit = new UnitInputs(framework, code);
                var stored = byUnit[unitId].Select(r => (r.Indicator, r.Input, r.Value));
                if (basis == ValueBasis.Reviewed)
                {
                    // An adjustment stands in place of the reported value: set after it, it overwrites it.
                    stored = stored.Concat(adjustedByUnit[unitId].Select(a => (a.Indicator, a.Input, a.Value)));
                }

                foreach (var (indicator, name, text) in stored)
                {
                    // Stored values were validated when saved, and stored frameworks never change.
                    if (framework.FindInput(indicator, name) is { } input && ReportedValueText.ParseStored(input, text) is { } value)
                    {
                        unit.Set(input, value);
                    }
                }

                foreach (var figure in profileByUnit[unitId])
                {
                    if (framework.FindProfileField(figure.Key) is { } field)
                    {
                        unit.SetProfile(field, figure.Value);
                    }
                }

                inputs[code] = unit;
            }

            results.Add(inputs);
        }

        return results;
    }
}
