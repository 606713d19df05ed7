using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Results;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Improvement;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Improvement;

/// <summary>
/// Gap analysis (phân tích điểm chưa đạt, docs/improvement.md): for a unit, every leaf indicator with its points,
/// the points lost, the measure against the one that gives full points, the cause, the owner from the plan and
/// last year's points; for a period, where the cohort loses most. The points are the scorecard's: a published
/// period's latest publication, any other period scored as it stands (<see cref="ResultService"/>). Who reads is
/// who reads the scorecard (a unit) or the ranking (a period); causes are written by the unit's reporters and
/// leaders for their unit and by evaluators, audited with the old and new text, refused when stale.
/// </summary>
public sealed class GapService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, ResultService results, PlanService plans, TimeProvider time)
{
    /// <summary>The gap analysis of <paramref name="unitCode"/> in period <paramref name="periodId"/>.</summary>
    public async Task<Outcome<UnitGaps>> UnitAsync(Actor actor, int periodId, string unitCode, Language language = Language.Vietnamese, CancellationToken cancellationToken = default)
    {
        var (context, failure) = await MemberAsync<UnitGaps>(actor, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (period, member) = context!.Value;
        var cohort = await CohortAsync(period, cancellationToken);
        var unit = cohort.Units.Single(u => u.Result.UnitCode == member.UnitCode);
        var framework = cohort.Framework;

        // The plan of the member gives the owners and last year's points (its baseline: last year's publication or
        // the imported sheet); a plan the reader may not open gives neither.
        var plan = await plans.GetAsync(actor, periodId, member.UnitCode, cancellationToken);
        var planItems = plan.Succeeded ? plan.Value!.Items.ToDictionary(i => i.Indicator, StringComparer.Ordinal) : [];
        var causes = await db.GapCauses.AsNoTracking()
            .Where(c => c.PeriodId == periodId && c.UnitId == member.UnitId)
            .ToDictionaryAsync(c => c.Indicator, StringComparer.Ordinal, cancellationToken);

        var items = framework.Leaves.Select((leaf, order) =>
            {
                var score = unit.Leaf(leaf);
                causes.TryGetValue(leaf.Code.Value, out var cause);
                planItems.TryGetValue(leaf.Code.Value, out var planItem);
                var main = leaf.MainIndex ?? leaf;
                return (Order: order, Item: new GapItem(
                    leaf.Code.Value,
                    leaf.Name,
                    main.Code.Value,
                    main.Name,
                    score.Points,
                    leaf.MaxPoints,
                    Lost(leaf, score.Points),
                    Measure(leaf, score.Measure, cohort, language),
                    cause is null ? null : new GapCauseText(cause.Text, cause.Version, cause.UpdatedAt, cause.UpdatedBy),
                    Owner(leaf, planItems),
                    planItem?.LastYear?.Points,
                    score.Flags)
                {
                    LastYearOrigin = planItem?.LastYear?.Origin,
                });
            })
            .OrderByDescending(x => x.Item.PointsLost)
            .ThenBy(x => x.Order)
            .Select(x => x.Item)
            .ToArray();

        var summary = (await periods.GetAsync(periodId, cancellationToken)).Value!;
        return Outcome<UnitGaps>.Ok(new UnitGaps(
            summary,
            framework.Name,
            member.UnitCode,
            member.UnitName,
            unit.Result.Total,
            framework.TotalPoints,
            unit.Result.Rank,
            unit.Result.MainIndices,
            AccessPolicy.CanWriteGapCause(actor, member.UnitId),
            items)
        {
            LastYearMerged = plan.Succeeded ? plan.Value!.LastYearMerged : null,
        });
    }

    /// <summary>The gap analysis of period <paramref name="periodId"/>: the indicators where its units lose most.</summary>
    public async Task<Outcome<PeriodGaps>> PeriodAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<PeriodGaps>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (!AccessPolicy.CanReadResults(actor, period.Status == PeriodStatus.Published))
        {
            return Outcome<PeriodGaps>.Forbidden(new AppMessage("ResultsNotAllowed"));
        }

        var cohort = await CohortAsync(period, cancellationToken);
        var leaves = cohort.Framework.Leaves;
        var lost = new decimal[leaves.Count];
        var points = new decimal[leaves.Count];
        var losing = new int[leaves.Count];
        foreach (var unit in cohort.Units)
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                var got = unit.Points(leaves[i]);
                var gap = Lost(leaves[i], got);
                points[i] += got;
                lost[i] += gap;
                losing[i] += gap > 0 ? 1 : 0;
            }
        }

        var count = cohort.Units.Count;
        var items = leaves.Select((leaf, i) => new PeriodGapItem(
                leaf.Code.Value,
                leaf.Name,
                (leaf.MainIndex ?? leaf).Code.Value,
                leaf.MaxPoints,
                lost[i],
                losing[i],
                count == 0 ? 0m : Math.Round(lost[i] / count, 2, MidpointRounding.AwayFromZero),
                count == 0 ? 0m : Math.Round(points[i] / count, 2, MidpointRounding.AwayFromZero)))
            .Select((item, order) => (item, order))
            .OrderByDescending(x => x.item.PointsLost)
            .ThenBy(x => x.order)
            .Select(x => x.item)
            .ToArray();
        var summary = (await periods.GetAsync(periodId, cancellationToken)).Value!;
        return Outcome<PeriodGaps>.Ok(new PeriodGaps(summary, cohort.Framework.Name, count, items));
    }

    /// <summary>
    /// Writes why <paramref name="unitCode"/> lost points on <paramref name="indicator"/> in period <paramref name="periodId"/>:
    /// <paramref name="text"/> replaces the cause of version <paramref name="version"/> (0: none yet); an empty text clears it.
    /// A stale version is a conflict; the old and new texts are audited.
    /// </summary>
    public async Task<Outcome<GapCauseSaved>> SaveCauseAsync(
        Actor actor, int periodId, string unitCode, string indicator, string? text, int version, CancellationToken cancellationToken = default)
    {
        var (context, failure) = await MemberAsync<GapCauseSaved>(actor, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (period, member) = context!.Value;
        if (!AccessPolicy.CanWriteGapCause(actor, member.UnitId))
        {
            return Outcome<GapCauseSaved>.Forbidden(new AppMessage("GapCauseNotAllowed", member.UnitCode));
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var code = (indicator ?? string.Empty).Trim();
        if (framework.FindNode(code) is not { IsLeaf: true } leaf)
        {
            return Outcome<GapCauseSaved>.NotFound(new AppMessage("GapIndicatorUnknown", Excerpt.Of(code)!, framework.Code));
        }

        var cause = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (cause is { Length: > ImprovementLimits.Cause })
        {
            var message = new AppMessage("GapCauseTooLong", ImprovementLimits.Cause, cause.Length);
            return Outcome<GapCauseSaved>.Invalid(message, [new Problem("APP-TOO-LONG", message, leaf.Code.Value, "text")]);
        }

        if (version < 0)
        {
            var message = new AppMessage("GapCauseVersionInvalid", version);
            return Outcome<GapCauseSaved>.Invalid(message, [new Problem("APP-VERSION", message, leaf.Code.Value, "version")]);
        }

        var existing = await db.GapCauses
            .SingleOrDefaultAsync(c => c.PeriodId == periodId && c.UnitId == member.UnitId && c.Indicator == leaf.Code.Value, cancellationToken);
        var current = existing?.Version ?? 0;
        if (version != current)
        {
            var message = new AppMessage("GapCauseConflict", leaf.Code.Value, version, current, existing?.UpdatedBy ?? "-");
            return Outcome<GapCauseSaved>.Conflict(message, [new Problem("APP-VERSION", message, leaf.Code.Value, "version")]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (existing?.Text == cause)
        {
            // Nothing changes: no write, no audit, the same version.
            return Outcome<GapCauseSaved>.Ok(new GapCauseSaved(leaf.Code.Value, cause, current, existing?.UpdatedAt ?? now, existing?.UpdatedBy ?? actor.UserName));
        }

        db.AuditEntries.Add(AuditTrail.Entry(actor, now, AuditKind.Gap, "cause", existing?.Text, cause, periodId: periodId, unitId: member.UnitId, indicator: leaf.Code.Value));
        var saved = new GapCauseSaved(leaf.Code.Value, cause, 0, now, actor.UserName);
        if (cause is null)
        {
            db.GapCauses.Remove(existing!);
        }
        else if (existing is null)
        {
            db.GapCauses.Add(new GapCause { PeriodId = periodId, UnitId = member.UnitId, Indicator = leaf.Code.Value, Text = cause, Version = 1, UpdatedAt = now, UpdatedBy = actor.UserName });
            saved = saved with { Version = 1 };
        }
        else
        {
            existing.Text = cause;
            existing.Version++;
            existing.UpdatedAt = now;
            existing.UpdatedBy = actor.UserName;
            saved = saved with { Version = existing.Version };
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            // Another write of the same cause since it was read (its version moved, or it was added first).
            db.ChangeTracker.Clear();
            var message = new AppMessage("GapCauseConflict", leaf.Code.Value, version, version + 1, "-");
            return Outcome<GapCauseSaved>.Conflict(message, [new Problem("APP-VERSION", message, leaf.Code.Value, "version")]);
        }

        return Outcome<GapCauseSaved>.Ok(saved);
    }

    /// <summary>Points lost on a leaf: its max points less its points, never below 0.</summary>
    public static decimal Lost(FrameworkNode leaf, decimal points) => Math.Max(0m, leaf.MaxPoints - points);

    /// <summary>
    /// The lead unit of the most specific plan row over <paramref name="node"/>: the node's own row when it names a
    /// lead unit, else its parent's, and so on up to its main index; null when none does.
    /// </summary>
    public static PlanUnit? Owner(FrameworkNode node, IReadOnlyDictionary<string, PlanItem> planItems) => OwnerRow(node, planItems)?.LeadUnit;

    /// <summary>The most specific plan row over <paramref name="node"/> that names a lead unit (see <see cref="Owner"/>).</summary>
    public static PlanItem? OwnerRow(FrameworkNode node, IReadOnlyDictionary<string, PlanItem> planItems)
    {
        ArgumentNullException.ThrowIfNull(planItems);
        for (var at = node; at is not null; at = at.Parent)
        {
            if (planItems.TryGetValue(at.Code.Value, out var item) && item.LeadUnit is not null)
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>The deciding rule function of a leaf: the first target, at_least, steps, each, minmax or best in its rule.</summary>
    internal static BoundRuleFunction? RuleFunction(FrameworkNode leaf) =>
        leaf.Rule?.Formula.Root.DescendantsAndSelf().OfType<BoundRuleFunction>().FirstOrDefault();

    /// <summary>The measure against the full-points threshold (docs/improvement.md says how each rule gives it).</summary>
    private static GapMeasure? Measure(FrameworkNode leaf, decimal? measure, Cohort cohort, Language language)
    {
        if (RuleFunction(leaf) is not { } function)
        {
            // A rule without a rule function gives its value as the fraction of max points: a yes/no gives full
            // points on "Có", a ratio (ratio(a, b)) at 100%; any other such rule says nothing more than its points.
            var root = leaf.Rule?.Formula.Root;
            string YesNo(bool yes) => Localizer.Format(language, yes ? "ValueYes" : "ValueNo");
            return root switch
            {
                { Type: FormulaType.Condition } => new GapMeasure(measure, measure is { } answer ? YesNo(answer != 0m) : null, 1m, YesNo(true)),
                { IsPercent: true } => new GapMeasure(measure, measure is { } ratio ? NumberText.Percent(ratio, language) : null, 1m, NumberText.Percent(1m, language)),
                _ => null,
            };
        }

        var percent = function.Measure.IsPercent;
        string Show(decimal value, bool asPercent) => asPercent ? NumberText.Percent(value, language) : NumberText.Number(value, language);
        (decimal? Value, string? Text) full = function switch
        {
            BoundTarget target => (target.Threshold, NumberText.Threshold(target.Threshold, target.ThresholdIsPercent, language)),
            BoundAtLeast atLeast => (atLeast.Threshold, NumberText.Threshold(atLeast.Threshold, atLeast.ThresholdIsPercent, language)),
            BoundSteps steps when steps.Levels.Count > 0 && steps.Levels.Where(l => l.Value >= 1m).Select(l => (StepLevel?)l).LastOrDefault() is { } top =>
                (top.Threshold, NumberText.Threshold(top.Threshold, steps.ThresholdsArePercent, language)),
            BoundEach each when each.PointsEach > 0 => (Math.Ceiling(each.MaxPoints / each.PointsEach), NumberText.Number(Math.Ceiling(each.MaxPoints / each.PointsEach), language)),
            BoundCohort cohortCall when cohort.Best(leaf, cohortCall) is { } best => (best, Show(best, percent)),
            _ => (null, null),
        };
        return new GapMeasure(measure, measure is { } m ? Show(m, percent) : null, full.Value, full.Text);
    }

    private async Task<((Period Period, PeriodUnit Member)? Context, Outcome<T>? Failure)> MemberAsync<T>(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        var code = (unitCode ?? string.Empty).Trim();
        var member = period.Units.SingleOrDefault(u => string.Equals(u.UnitCode, code, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            return (null, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", Excerpt.Of(code)!, periodId)));
        }

        if (!AccessPolicy.CanReadUnit(actor, member.UnitId))
        {
            return (null, Outcome<T>.Forbidden(new AppMessage("UnitNotAllowed", member.UnitCode)));
        }

        return ((period, member), null);
    }

    /// <summary>
    /// The cohort's points as the scorecard gives them: the latest publication of a published period, the period
    /// scored as it stands otherwise (through the score cache).
    /// </summary>
    private async Task<Cohort> CohortAsync(Period period, CancellationToken cancellationToken)
    {
        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        if (period.Status == PeriodStatus.Published)
        {
            var json = await db.Publications.AsNoTracking()
                .Where(p => p.PeriodId == period.Id)
                .OrderByDescending(p => p.Number)
                .Select(p => p.Snapshot)
                .FirstOrDefaultAsync(cancellationToken);
            if (json is not null)
            {
                return Cohort.Frozen(framework, Review.PublicationSnapshot.FromJson(json));
            }
        }

        var (scores, names) = await results.ScoreAsync(period.Id, cancellationToken);
        return Cohort.Scored(scores, names);
    }

    /// <summary>A leaf's result for a unit.</summary>
    private readonly record struct LeafScore(decimal Points, decimal? Measure, IReadOnlyList<string> Flags);

    /// <summary>A unit of the cohort: its result and its leaves' points.</summary>
    private sealed class CohortUnit(UnitResult result, Func<FrameworkNode, LeafScore> leaf, Func<FrameworkNode, decimal> points)
    {
        public UnitResult Result { get; } = result;

        public LeafScore Leaf(FrameworkNode node) => leaf(node);

        public decimal Points(FrameworkNode node) => points(node);
    }

    /// <summary>The cohort, scored now or as published.</summary>
    private sealed class Cohort(Framework framework, IReadOnlyList<CohortUnit> units, Func<FrameworkNode, BoundCohort, decimal?> best)
    {
        public Framework Framework { get; } = framework;

        public IReadOnlyList<CohortUnit> Units { get; } = units;

        /// <summary>The cohort's highest measure of a min-max or relative-to-best call (reference values included when scored now).</summary>
        public decimal? Best(FrameworkNode leaf, BoundCohort call) => best(leaf, call);

        public static Cohort Scored(CohortScores scores, IReadOnlyDictionary<string, string> names)
        {
            var framework = scores.Framework;
            var units = scores.Units.Select(u => new CohortUnit(
                    new UnitResult(
                        u.UnitCode, names[u.UnitCode], u.Total, u.Rank, u.Submitted, u.Complete, u.AnsweredInputs, u.TotalInputs,
                        framework.MainIndices.Select(m => new MainIndexResult(m.Code.Value, m.Name, u[m].Points, m.MaxPoints, u.MainIndexRank(m))).ToArray()),
                    node =>
                    {
                        var score = u[node];
                        return new LeafScore(score.Points, score.Measure.IsDefined ? score.Measure.Number : null, ScoreFlagNames.Names(score.Flags));
                    },
                    node => u[node].Points))
                .ToArray();
            return new Cohort(framework, units, (_, call) => call.Slot >= 0 && call.Slot < scores.Statistics.Count ? scores.Statistics[call.Slot].Max : null);
        }

        public static Cohort Frozen(Framework framework, Review.PublicationSnapshot snapshot)
        {
            var results = FrozenResults.Units(snapshot).ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
            var units = snapshot.Units.Select(u =>
                {
                    var nodes = u.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
                    return new CohortUnit(
                        results[u.Code],
                        node => nodes.TryGetValue(node.Code.Value, out var n) ? new LeafScore(n.Points, n.Measure, n.Flags) : new LeafScore(0m, null, []),
                        node => nodes.TryGetValue(node.Code.Value, out var n) ? n.Points : 0m);
                })
                .ToArray();

            // A publication keeps each unit's measure, not the cohort's statistics: the best is the highest measure published.
            return new Cohort(framework, units, (leaf, _) => units.Select(u => u.Leaf(leaf).Measure).Max());
        }
    }
}
