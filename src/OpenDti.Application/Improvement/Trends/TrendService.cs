using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring;
using OpenDti.Data;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Application.Improvement.Trends;

/// <summary>
/// Trends over the years (xu hướng qua các năm) and sensitivity to the cohort (độ nhạy), issue 15 points 4
/// and 5 (docs/improvement.md). A year is read from its period's latest publication when the period is
/// published, and scored as it stands otherwise; units are matched across years by the unit itself, not by
/// the code they had, so a renamed unit keeps its line. A unit formed by a merger continues into the years before it
/// with the figures of the units it absorbed, combined by the period's <see cref="MergerRule"/> and marked
/// (<see cref="TrendPoint.Merged"/>; docs/units.md).
/// </summary>
public sealed class TrendService(OpenDtiDbContext db, PeriodService periods, ResultService results, TrendCache cache, Continuity continuity)
{
    /// <summary>
    /// How <paramref name="unitCode"/>'s points on each min-max and relative-to-best indicator of period
    /// <paramref name="periodId"/> move with the cohort's best, min or max. Who may: who may read the unit's
    /// scorecard. Computed from the period's values as they stand (also in a published period), with the
    /// cohort figures its scoring used (reference values included).
    /// </summary>
    public async Task<Outcome<UnitSensitivity>> SensitivityAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (member, summary, refusal) = await MemberAsync<UnitSensitivity>(actor, periodId, unitCode, cancellationToken);
        return refusal ?? Outcome<UnitSensitivity>.Ok(await SensitivityOfAsync(summary!, member!, cancellationToken));
    }

    /// <summary>
    /// What the scorecard of <paramref name="unitCode"/> in period <paramref name="periodId"/> shows: its line over
    /// every year with a period of the same framework level that holds it, and its sensitivity to the cohort.
    /// </summary>
    public async Task<Outcome<ScorecardTrends>> ScorecardAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (member, summary, refusal) = await MemberAsync<ScorecardTrends>(actor, periodId, unitCode, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var level = await LevelOfAsync(periodId, cancellationToken);
        var mergers = await MergersAsync(cancellationToken);
        var lineage = mergers.Lineage(member!.UnitId);
        var held = await db.PeriodUnits.AsNoTracking().Where(u => lineage.Contains(u.UnitId)).Select(u => u.PeriodId).Distinct().ToListAsync(cancellationToken);
        var candidates = (await CandidatesAsync(level, cancellationToken)).Where(p => held.Contains(p.Id)).ToArray();
        var trend = await TrendsAsync(level, Choose(candidates, periodId), [(member.UnitId, member.UnitCode, member.UnitName)], summary!.MergerRule, mergers, cancellationToken);
        return Outcome<ScorecardTrends>.Ok(new ScorecardTrends(trend, await SensitivityOfAsync(summary!, member, cancellationToken)));
    }

    /// <summary>
    /// Unit <paramref name="unitCode"/>'s (current code) trends, one per framework level of the periods that held
    /// it. Who may: who may read the unit; every period that held it is read (as its scorecards are).
    /// </summary>
    public async Task<Outcome<UnitTrends>> UnitAsync(Actor actor, string unitCode, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => new { u.Id, u.Code, u.Name }).SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return Outcome<UnitTrends>.NotFound(new AppMessage("UnitNotFound", unitCode));
        }

        if (!AccessPolicy.CanReadUnit(actor, unit.Id))
        {
            return Outcome<UnitTrends>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var mergers = await MergersAsync(cancellationToken);
        var lineage = mergers.Lineage(unit.Id);
        var held = await db.PeriodUnits.AsNoTracking().Where(u => lineage.Contains(u.UnitId)).Select(u => u.PeriodId).Distinct().ToListAsync(cancellationToken);
        var all = await db.Periods.AsNoTracking()
            .Where(p => held.Contains(p.Id))
            .Select(p => new Candidate(p.Id, p.Year, p.Status, p.Framework!.Level))
            .ToListAsync(cancellationToken);
        var levels = new List<LevelTrends>();
        foreach (var level in all.Select(p => p.Level).Distinct().Order())
        {
            var chosen = Choose(all.Where(p => p.Level == level).ToArray(), null);

            // The rule of the latest year read: the period the unit is now evaluated in.
            var latest = chosen[^1];
            var rule = await db.Periods.AsNoTracking().Where(p => p.Id == latest).Select(p => p.MergerRule).SingleAsync(cancellationToken);
            levels.Add(await TrendsAsync(level, chosen, [(unit.Id, unit.Code, unit.Name)], rule, mergers, cancellationToken));
        }

        return Outcome<UnitTrends>.Ok(new UnitTrends(unit.Code, unit.Name, levels));
    }

    /// <summary>
    /// Every unit of period <paramref name="periodId"/>'s cohort over the years of its framework level, in the
    /// period's rank order. Who may: who may read the period's results; another year is read only when the reader
    /// may read that period's results too.
    /// </summary>
    public async Task<Outcome<PeriodTrends>> PeriodAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodTrends>();
        }

        if (!AccessPolicy.CanReadResults(actor, summary.Value!.Status == PeriodStatus.Published))
        {
            return Outcome<PeriodTrends>.Forbidden(new AppMessage("ResultsNotAllowed"));
        }

        var level = await LevelOfAsync(periodId, cancellationToken);
        var candidates = (await CandidatesAsync(level, cancellationToken))
            .Where(p => p.Id == periodId || AccessPolicy.CanReadResults(actor, p.Status == PeriodStatus.Published))
            .ToArray();
        var chosen = Choose(candidates, periodId);
        var members = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId)
            .Select(u => new { u.UnitId, u.UnitCode, u.UnitName }).ToListAsync(cancellationToken);
        var current = await ReadAsync(periodId, cancellationToken);
        var ordered = members
            .OrderBy(m => current.Points.TryGetValue(m.UnitId, out var p) ? p.Rank : int.MaxValue)
            .ThenBy(m => m.UnitCode, StringComparer.Ordinal)
            .Select(m => (m.UnitId, m.UnitCode, m.UnitName))
            .ToArray();
        var mergers = await MergersAsync(cancellationToken);
        return Outcome<PeriodTrends>.Ok(new PeriodTrends(summary.Value, await TrendsAsync(level, chosen, ordered, summary.Value.MergerRule, mergers, cancellationToken)));
    }

    private async Task<UnitSensitivity> SensitivityOfAsync(PeriodSummary summary, PeriodUnit member, CancellationToken cancellationToken)
    {
        var (scores, _) = await results.ScoreAsync(summary.Id, cancellationToken);
        var unit = scores.Find(member.UnitCode)!;
        var views = Sensitivity.Of(scores, unit).Select(s => new IndicatorSensitivityView(
                s.Indicator.Code.Value,
                s.Indicator.Name,
                s.Kind == CohortKind.Best ? "best" : "minmax",
                s.Figure switch { CohortFigure.Best => "best", CohortFigure.Min => "min", _ => "max" },
                s.Measure,
                s.CurrentFigure,
                s.Source,
                s.Points,
                s.Indicator.MaxPoints,
                s.IsPercent,
                s.Series.Select(p => new SensitivityStep(p.Figure, p.Points, p.Current)).ToArray())).ToArray();
        return new UnitSensitivity(summary, member.UnitCode, member.UnitName, views);
    }

    /// <summary>The member <paramref name="unitCode"/> of period <paramref name="periodId"/> when the actor may read its scorecard, or why not.</summary>
    private async Task<(PeriodUnit? Member, PeriodSummary? Summary, Outcome<T>? Refusal)> MemberAsync<T>(
        Actor actor, int periodId, string unitCode, CancellationToken cancellationToken)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return (null, null, summary.As<T>());
        }

        var member = await db.PeriodUnits.AsNoTracking().SingleOrDefaultAsync(u => u.PeriodId == periodId && u.UnitCode == unitCode, cancellationToken);
        if (member is null)
        {
            return (null, null, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId)));
        }

        return AccessPolicy.CanReadUnit(actor, member.UnitId)
            ? (member, summary.Value, null)
            : (null, null, Outcome<T>.Forbidden(new AppMessage("UnitNotAllowed", unitCode)));
    }

    private async Task<FrameworkLevel> LevelOfAsync(int periodId, CancellationToken cancellationToken) =>
        await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.Framework!.Level).SingleAsync(cancellationToken);

    private async Task<Candidate[]> CandidatesAsync(FrameworkLevel level, CancellationToken cancellationToken) =>
        [.. await db.Periods.AsNoTracking()
            .Where(p => p.Framework!.Level == level)
            .Select(p => new Candidate(p.Id, p.Year, p.Status, p.Framework!.Level))
            .ToListAsync(cancellationToken)];

    /// <summary>
    /// One period per year, oldest year first: <paramref name="preferred"/> for its own year, otherwise a published
    /// one first, then the most recently created (as the period page's comparison with last year chooses). A draft
    /// period has no figures yet and is no year of the line, unless it is the one being viewed.
    /// </summary>
    private static int[] Choose(IReadOnlyList<Candidate> candidates, int? preferred) =>
        [.. candidates
            .Where(p => p.Status != PeriodStatus.Draft || p.Id == preferred)
            .GroupBy(p => p.Year)
            .OrderBy(g => g.Key)
            .Select(g => g
                .OrderByDescending(p => p.Id == preferred)
                .ThenByDescending(p => p.Status == PeriodStatus.Published)
                .ThenByDescending(p => p.Id)
                .First().Id)];

    /// <summary>The years of <paramref name="periodIds"/> (one each, oldest first) and the lines of <paramref name="units"/> over them.</summary>
    private async Task<LevelTrends> TrendsAsync(
        FrameworkLevel level, IReadOnlyList<int> periodIds, IReadOnlyList<(int UnitId, string Code, string Name)> units, MergerRule rule, Mergers mergers,
        CancellationToken cancellationToken)
    {
        var read = new List<PeriodFigures>();
        foreach (var id in periodIds)
        {
            read.Add(await ReadAsync(id, cancellationToken));
        }

        var changes = read.Select((r, i) => i == 0 ? [] : Changes(read[i - 1].Year, r.Year)).ToArray();

        // Every earlier year read in the codes of the latest, through the confirmed crosswalk between each year's
        // framework and the next (nothing changes where there is none: nodes are matched by code).
        var original = read.Select(r => r.Year).ToArray();
        var maps = new NodeMap?[read.Count];
        for (var step = 0; step < read.Count - 1; step++)
        {
            if (!string.Equals(original[step].FrameworkCode, original[step + 1].FrameworkCode, StringComparison.Ordinal))
            {
                var map = await continuity.NodesAsync(original[step].FrameworkCode, original[step + 1].FrameworkCode, cancellationToken);
                maps[step] = map.ByCodeOnly ? null : map;
            }
        }

        for (var i = 0; i < read.Count - 1; i++)
        {
            for (var step = i; step < read.Count - 1; step++)
            {
                if (maps[step] is { } map)
                {
                    read[i] = Continue(read[i], map, original[step + 1]);
                }
            }
        }

        var years = read.Select((r, i) => r.Year with { Changes = changes[i] }).ToList();

        var populations = rule == MergerRule.Population
            ? await PopulationsAsync(units.SelectMany(u => mergers.Lineage(u.UnitId)).ToHashSet(), read.Select(r => r.Year.Year).ToHashSet(), cancellationToken)
            : new Dictionary<(int, int), decimal>();
        var lines = units
            .Select(u => new UnitTrend(u.Code, u.Name, read.Select(r => PointOf(u.UnitId, r, rule, mergers, populations)).OfType<TrendPoint>().ToArray()))
            .ToArray();
        return new LevelTrends(level, years, lines);
    }

    /// <summary>
    /// A year's figures in the main index codes of <paramref name="next"/>, through <paramref name="map"/>: a renamed
    /// main index keeps its line under its new code; merged ones are summed (points, max points; the rank among the
    /// year's units recomputed) and marked; a split one shows the whole against each of its parts, marked; a new one has
    /// no figure that year (its line starts later); a dropped one keeps its own code (its line ends).
    /// </summary>
    internal static PeriodFigures Continue(PeriodFigures figures, NodeMap map, TrendYear next)
    {
        var older = figures.Year.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
        var mapped = next.MainIndices
            .Select(m => (Index: m, Origin: map.Origin(m.Code)))
            .Select(x => (x.Index, x.Origin, Sources: x.Origin.Sources.Where(older.ContainsKey).ToArray()))
            .Where(x => x.Sources.Length > 0)
            .ToArray();
        var kept = figures.Year.MainIndices
            .Where(m => map.Dropped(m.Code, c => next.MainIndices.Any(n => n.Code == c)) && !mapped.Any(x => x.Index.Code == m.Code))
            .ToArray();
        var year = figures.Year with
        {
            MainIndices = [.. mapped.Select(x => new TrendMainIndex(x.Index.Code, x.Index.Name, x.Sources.Sum(c => older[c].MaxPoints))), .. kept],
        };

        decimal Sum(TrendPoint point, string[] sources) =>
            sources.Sum(c => point.MainIndices.FirstOrDefault(i => i.Code == c)?.Points ?? 0m);
        var all = figures.Points.Values.ToArray();
        var points = figures.Points.ToDictionary(
            p => p.Key,
            p => p.Value with
            {
                MainIndices = [.. mapped.Select(x =>
                {
                    var sum = Sum(p.Value, x.Sources);
                    var rank = x.Sources.Length == 1
                        ? p.Value.MainIndices.FirstOrDefault(i => i.Code == x.Sources[0])?.Rank ?? 1
                        : 1 + all.Count(o => Sum(o, x.Sources) > sum);
                    var was = p.Value.MainIndices.FirstOrDefault(i => i.Code == x.Sources[0]);
                    var origin = x.Origin.Marked || x.Sources[0] != x.Index.Code ? new NodeOrigin(x.Origin.Kind, x.Sources) : was?.Origin;
                    return new TrendMainIndexPoint(x.Index.Code, sum, rank) { Origin = origin };
                }), .. p.Value.MainIndices.Where(i => kept.Any(k => k.Code == i.Code))],
            });
        return new PeriodFigures(year, points);
    }

    /// <summary>The key of the general information a weighted merger reads.</summary>
    public const string PopulationKey = "population";

    /// <summary>
    /// A unit's figures in a year: its own, or, when it did not exist that year, those of the units it absorbed
    /// (each read the same way, so a merger of merged units goes back as far as its parts): every main index and
    /// the total are the mean of the parts' (the ministry's rule for DTI 2024) or their mean weighted by the parts'
    /// population of that year, rounded to 2 decimals. Its rank is where that total stands among the year's other
    /// units (the parts left out). Null when neither it nor any part has figures that year.
    /// </summary>
    internal static TrendPoint? PointOf(
        int unitId, PeriodFigures figures, MergerRule rule, Mergers mergers, IReadOnlyDictionary<(int UnitId, int Year), decimal> populations)
    {
        if (figures.Points.TryGetValue(unitId, out var own))
        {
            return own;
        }

        var parts = mergers.PartsOf(unitId)
            .Select(id => (Id: id, Point: PointOf(id, figures, rule, mergers, populations)))
            .Where(p => p.Point is not null)
            .Select(p => (p.Id, Point: p.Point!))
            .ToArray();
        if (parts.Length == 0)
        {
            return null;
        }

        var year = figures.Year.Year;
        var (weights, used) = Weights(parts.Select(p => p.Id).ToArray(), year, rule, mergers, populations);
        var sum = weights.Sum();
        decimal Combine(Func<TrendPoint, decimal> figure) =>
            Math.Round(parts.Select((p, i) => figure(p.Point) * weights[i]).Sum() / sum, 2, MidpointRounding.AwayFromZero);

        var excluded = parts.SelectMany(p => mergers.Lineage(p.Id)).ToHashSet();
        var others = figures.Points.Where(p => !excluded.Contains(p.Key)).Select(p => p.Value).ToArray();
        var total = Combine(p => p.Total);
        var mainIndices = figures.Year.MainIndices.Select(m =>
        {
            var points = Combine(p => p.MainIndices.FirstOrDefault(i => i.Code == m.Code)?.Points ?? 0m);
            var rank = 1 + others.Count(o => (o.MainIndices.FirstOrDefault(i => i.Code == m.Code)?.Points ?? 0m) > points);
            return new TrendMainIndexPoint(m.Code, points, rank);
        }).ToArray();
        var merged = new MergedFrom(
            parts.Select((p, i) => new MergedPart(mergers.CodeOf(p.Id), mergers.NameOf(p.Id), p.Point.Total, weights[i])).ToArray(),
            used);
        return new TrendPoint(year, total, 1 + others.Count(o => o.Total > total), parts.Any(p => p.Point.Submitted), mainIndices, merged);
    }

    /// <summary>
    /// The weights of merged units <paramref name="parts"/> in <paramref name="year"/> by <paramref name="rule"/>: 1 each
    /// for the mean; each part's population that year for the weighted rule, or the mean (and the rule used says so)
    /// when a part's population is missing or 0.
    /// </summary>
    internal static (decimal[] Weights, MergerRule Used) Weights(
        IReadOnlyList<int> parts, int year, MergerRule rule, Mergers mergers, IReadOnlyDictionary<(int UnitId, int Year), decimal> populations)
    {
        if (rule == MergerRule.Population)
        {
            var found = parts.Select(p => Population(p, year, mergers, populations)).ToArray();
            if (found.All(w => w is > 0m))
            {
                return (found.Select(w => w!.Value).ToArray(), MergerRule.Population);
            }
        }

        return (parts.Select(_ => 1m).ToArray(), MergerRule.Mean);
    }

    /// <summary>A unit's population of a year: its own, or, for a unit formed later by a merger, the sum of its parts'.</summary>
    private static decimal? Population(int unitId, int year, Mergers mergers, IReadOnlyDictionary<(int UnitId, int Year), decimal> populations)
    {
        if (populations.TryGetValue((unitId, year), out var own))
        {
            return own;
        }

        var parts = mergers.PartsOf(unitId);
        if (parts.Count == 0)
        {
            return null;
        }

        var found = parts.Select(p => Population(p, year, mergers, populations)).ToArray();
        return found.All(f => f is not null) ? found.Sum() : null;
    }

    private async Task<Dictionary<(int UnitId, int Year), decimal>> PopulationsAsync(HashSet<int> unitIds, HashSet<int> years, CancellationToken cancellationToken) =>
        (await db.UnitProfileValues.AsNoTracking()
            .Where(p => p.Key == PopulationKey && unitIds.Contains(p.UnitId) && years.Contains(p.Year))
            .Select(p => new { p.UnitId, p.Year, p.Value })
            .ToListAsync(cancellationToken))
        .ToDictionary(p => (p.UnitId, p.Year), p => p.Value);

    /// <summary>Every merger recorded, as <see cref="Continuity"/> reads them.</summary>
    private Task<Mergers> MergersAsync(CancellationToken cancellationToken) => continuity.MergersAsync(cancellationToken);

    /// <summary>What changed in the framework from <paramref name="before"/> to <paramref name="after"/>.</summary>
    internal static IReadOnlyList<FrameworkChange> Changes(TrendYear before, TrendYear after)
    {
        var changes = new List<FrameworkChange>();
        if (!string.Equals(before.FrameworkCode, after.FrameworkCode, StringComparison.Ordinal))
        {
            changes.Add(new FrameworkChange("framework", before.FrameworkCode, after.FrameworkCode));
        }

        if (before.TotalPoints != after.TotalPoints)
        {
            changes.Add(new FrameworkChange("total", Invariant(before.TotalPoints), Invariant(after.TotalPoints)));
        }

        var earlier = before.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
        var later = after.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
        foreach (var code in before.MainIndices.Select(m => m.Code).Union(after.MainIndices.Select(m => m.Code), StringComparer.Ordinal))
        {
            var was = earlier.GetValueOrDefault(code)?.MaxPoints;
            var now = later.GetValueOrDefault(code)?.MaxPoints;
            if (was != now)
            {
                changes.Add(new FrameworkChange(code, was is { } w ? Invariant(w) : null, now is { } n ? Invariant(n) : null));
            }
        }

        return changes;
    }

    private static string Invariant(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A period's figures: from its latest publication when published (kept by <see cref="TrendCache"/>), scored otherwise.</summary>
    private async Task<PeriodFigures> ReadAsync(int periodId, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Where(p => p.Id == periodId)
            .Select(p => new { p.Id, p.Year, p.Name, p.Status })
            .SingleAsync(cancellationToken);
        var codes = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId)
            .Select(u => new { u.UnitId, u.UnitCode }).ToListAsync(cancellationToken);
        var ids = codes.ToDictionary(c => c.UnitCode, c => c.UnitId, StringComparer.Ordinal);
        if (period.Status == PeriodStatus.Published)
        {
            var publicationId = await db.Publications.AsNoTracking().Where(p => p.PeriodId == periodId)
                .OrderByDescending(p => p.Number).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (publicationId is { } publication)
            {
                if (cache.Find(publication) is { } kept)
                {
                    return kept;
                }

                var json = await db.Publications.AsNoTracking().Where(p => p.Id == publication).Select(p => p.Snapshot).SingleAsync(cancellationToken);
                var frozen = FromSnapshot(period.Id, period.Name, PublicationSnapshot.FromJson(json), ids);
                cache.Keep(publication, frozen);
                return frozen;
            }
        }

        var (scores, _) = await results.ScoreAsync(periodId, cancellationToken);
        var framework = scores.Framework;
        var year = new TrendYear(
            period.Year, period.Id, period.Name, framework.Code, framework.TotalPoints, false, scores.Units.Count,
            framework.MainIndices.Select(m => new TrendMainIndex(m.Code.Value, m.Name, m.MaxPoints)).ToArray());
        var points = new Dictionary<int, TrendPoint>();
        foreach (var unit in scores.Units)
        {
            if (ids.TryGetValue(unit.UnitCode, out var unitId))
            {
                points[unitId] = new TrendPoint(
                    period.Year, unit.Total, unit.Rank, unit.Submitted,
                    framework.MainIndices.Select(m => new TrendMainIndexPoint(m.Code.Value, unit[m].Points, unit.MainIndexRank(m))).ToArray());
            }
        }

        return new PeriodFigures(year, points);
    }

    private static PeriodFigures FromSnapshot(int periodId, string name, PublicationSnapshot snapshot, IReadOnlyDictionary<string, int> ids)
    {
        var year = new TrendYear(
            snapshot.Period.Year, periodId, name, snapshot.Period.FrameworkCode, snapshot.Period.TotalPoints, true, snapshot.Units.Count,
            snapshot.MainIndices.Select(m => new TrendMainIndex(m.Code, m.Name, m.MaxPoints)).ToArray());
        var points = new Dictionary<int, TrendPoint>();
        foreach (var unit in snapshot.Units)
        {
            if (ids.TryGetValue(unit.Code, out var unitId))
            {
                points[unitId] = new TrendPoint(
                    snapshot.Period.Year, unit.Total, unit.Rank, unit.Submitted,
                    unit.MainIndices.Select(m => new TrendMainIndexPoint(m.Code, m.Points, m.Rank)).ToArray());
            }
        }

        return new PeriodFigures(year, points);
    }

    private sealed record Candidate(int Id, int Year, PeriodStatus Status, FrameworkLevel Level);

    /// <summary>The mergers recorded: the units each merged unit absorbed, and the codes and names of the units involved.</summary>
    internal sealed class Mergers(IReadOnlyDictionary<int, IReadOnlyList<int>> parts, IReadOnlyDictionary<int, (string Code, string Name)> units)
    {
        /// <summary>The units <paramref name="unitId"/> absorbed (none for a unit not formed by a merger).</summary>
        public IReadOnlyList<int> PartsOf(int unitId) => parts.TryGetValue(unitId, out var found) ? found : [];

        /// <summary>The unit and every unit it absorbed, directly or through earlier mergers.</summary>
        public HashSet<int> Lineage(int unitId)
        {
            var all = new HashSet<int>();
            var next = new Stack<int>([unitId]);
            while (next.TryPop(out var id))
            {
                if (all.Add(id))
                {
                    foreach (var part in PartsOf(id))
                    {
                        next.Push(part);
                    }
                }
            }

            return all;
        }

        public string CodeOf(int unitId) => units.TryGetValue(unitId, out var u) ? u.Code : "#" + unitId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public string NameOf(int unitId) => units.TryGetValue(unitId, out var u) ? u.Name : CodeOf(unitId);
    }
}

/// <summary>A period's figures for trends: its year and each unit's point, by unit id.</summary>
/// <param name="Year">The year and the framework's shape.</param>
/// <param name="Points">Each unit's figures, by unit id.</param>
public sealed record PeriodFigures(TrendYear Year, IReadOnlyDictionary<int, TrendPoint> Points);
