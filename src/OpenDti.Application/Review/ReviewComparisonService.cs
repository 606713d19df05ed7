using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Review;

/// <summary>One indicator of one unit: the points the unit gave itself and the points as reviewed.</summary>
/// <param name="Code">Indicator code.</param>
/// <param name="SelfAssessed">Points from the values the unit reported.</param>
/// <param name="Reviewed">Points with the evaluators' adjustments.</param>
/// <param name="Difference"><paramref name="SelfAssessed"/> − <paramref name="Reviewed"/>: more than 0 when the unit over-claimed.</param>
public sealed record IndicatorComparison(string Code, decimal SelfAssessed, decimal Reviewed, decimal Difference);

/// <summary>One unit's self-assessment against the review.</summary>
/// <param name="UnitCode">Code in the period.</param>
/// <param name="UnitName">Name in the period.</param>
/// <param name="SelfAssessed">Total points from the values the unit reported.</param>
/// <param name="Reviewed">Total points as reviewed.</param>
/// <param name="Difference"><paramref name="SelfAssessed"/> − <paramref name="Reviewed"/>.</param>
/// <param name="SelfAssessedRank">Rank on the self-assessment.</param>
/// <param name="ReviewedRank">Rank as reviewed.</param>
/// <param name="Indicators">Every indicator, in framework order (as <see cref="PeriodComparison.Indicators"/>).</param>
public sealed record UnitComparison(
    string UnitCode, string UnitName, decimal SelfAssessed, decimal Reviewed, decimal Difference, int SelfAssessedRank, int ReviewedRank,
    IReadOnlyList<IndicatorComparison> Indicators);

/// <summary>An indicator on which units claimed more points than the review gave them.</summary>
/// <param name="Code">Indicator code.</param>
/// <param name="Name">Its name.</param>
/// <param name="MaxPoints">Its max points.</param>
/// <param name="TotalDifference">Self-assessed − reviewed points, summed over the units compared (over-claims less under-claims).</param>
/// <param name="AverageDifference"><paramref name="TotalDifference"/> divided by the number of units compared.</param>
/// <param name="UnitsOverClaiming">How many units claimed more than the review gave.</param>
public sealed record OverClaim(string Code, string Name, decimal MaxPoints, decimal TotalDifference, decimal AverageDifference, int UnitsOverClaiming);

/// <summary>An indicator, as the comparison's columns name it.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="MaxPoints">Max points.</param>
public sealed record ComparedIndicator(string Code, string Name, decimal MaxPoints);

/// <summary>A period's self-assessed points against the points as reviewed.</summary>
/// <param name="Period">The period.</param>
/// <param name="TotalPoints">The framework's total points.</param>
/// <param name="Indicators">Every indicator, in framework order.</param>
/// <param name="Units">The units compared, largest over-claim first (then by code): all of the cohort, or the reader's own unit.</param>
/// <param name="OverClaims">Indicators with at least one unit over-claiming, largest total over-claim first.</param>
public sealed record PeriodComparison(
    PeriodSummary Period, decimal TotalPoints, IReadOnlyList<ComparedIndicator> Indicators, IReadOnlyList<UnitComparison> Units, IReadOnlyList<OverClaim> OverClaims);

/// <summary>An input whose reported value changed after the unit's leader approved the submission.</summary>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name.</param>
/// <param name="Label">The input's label.</param>
/// <param name="AtApproval">The value when it was approved, as the reader writes it; null when there was none.</param>
/// <param name="Now">The value now; null when it was removed.</param>
/// <param name="ChangedBy">Who changed it last.</param>
/// <param name="ChangedAt">When it was changed last (UTC).</param>
/// <param name="Changes">How many changes since the approval.</param>
public sealed record ChangedInput(string Indicator, string Input, string Label, string? AtApproval, string? Now, string ChangedBy, DateTime ChangedAt, int Changes);

/// <summary>What changed in a unit's report since it was approved.</summary>
/// <param name="UnitCode">The unit.</param>
/// <param name="ApprovedAt">When the leader last approved it (UTC); null when never.</param>
/// <param name="Inputs">The inputs changed, in framework order; empty when never approved.</param>
public sealed record ChangesSinceApproval(string UnitCode, DateTime? ApprovedAt, IReadOnlyList<ChangedInput> Inputs);

/// <summary>
/// What the review changed: a period's self-assessed points against the points as reviewed (per unit and
/// indicator, and the indicators units over-claim most), and a unit's values changed since approval.
/// </summary>
public sealed class ReviewComparisonService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, ResultService results)
{
    /// <summary>
    /// The comparison of period <paramref name="periodId"/>. Who may read the period's results
    /// (<see cref="AccessPolicy.CanReadResults"/>) sees every unit; a unit's reporter or leader sees their own
    /// unit alone (and the over-claims are then their unit's).
    /// </summary>
    public async Task<Outcome<PeriodComparison>> ComparisonAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodComparison>();
        }

        var period = summary.Value!;
        string? onlyUnit = null;
        if (!AccessPolicy.CanReadResults(actor, period.Status == PeriodStatus.Published))
        {
            var own = actor.UnitId is { } unitId && (actor.IsIn(Roles.UnitReporter) || actor.IsIn(Roles.UnitLeader))
                ? await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId && u.UnitId == unitId).Select(u => u.UnitCode).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (own is null)
            {
                return Outcome<PeriodComparison>.Forbidden(new AppMessage("ResultsNotAllowed"));
            }

            onlyUnit = own;
        }

        var (scores, names) = await results.ScoreBasesAsync(periodId, [ValueBasis.SelfAssessed, ValueBasis.Reviewed], cancellationToken);
        var (self, reviewed) = (scores[0], scores[1]);
        var framework = reviewed.Framework;
        var indicators = framework.Nodes.Where(n => n.Kind == NodeKind.Indicator).ToArray();
        var units = reviewed.Units
            .Where(u => onlyUnit is null || u.UnitCode == onlyUnit)
            .Select(r =>
            {
                var s = self.Find(r.UnitCode)!;
                return new UnitComparison(
                    r.UnitCode,
                    names[r.UnitCode],
                    s.Total,
                    r.Total,
                    s.Total - r.Total,
                    s.Rank,
                    r.Rank,
                    indicators.Select(n => new IndicatorComparison(n.Code.Value, s[n].Points, r[n].Points, s[n].Points - r[n].Points)).ToArray());
            })
            .OrderByDescending(u => u.Difference).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToArray();
        var overClaims = indicators
            .Select((n, i) => (Node: n, Differences: units.Select(u => u.Indicators[i].Difference).ToArray()))
            .Where(x => x.Differences.Any(d => d > 0))
            .Select(x => new OverClaim(
                x.Node.Code.Value,
                x.Node.Name,
                x.Node.MaxPoints,
                x.Differences.Sum(),
                x.Differences.Sum() / x.Differences.Length,
                x.Differences.Count(d => d > 0)))
            .OrderByDescending(o => o.TotalDifference).ThenByDescending(o => o.UnitsOverClaiming).ThenBy(o => o.Code, IndicatorCode.StringComparer)
            .ToArray();
        return Outcome<PeriodComparison>.Ok(new PeriodComparison(
            period, framework.TotalPoints, indicators.Select(n => new ComparedIndicator(n.Code.Value, n.Name, n.MaxPoints)).ToArray(), units, overClaims));
    }

    /// <summary>
    /// Every input of <paramref name="unitCode"/> whose reported value changed after the unit's leader last approved
    /// the submission (from the audit of values): the value at approval and now, who changed it last and when. An
    /// input changed and changed back is not listed. Empty when the submission was never approved. Readable by
    /// whoever may read the unit.
    /// </summary>
    public async Task<Outcome<ChangesSinceApproval>> ChangesSinceApprovalAsync(
        Actor actor, int periodId, string unitCode, Language language = Language.Vietnamese, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<ChangesSinceApproval>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        var member = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (member is null)
        {
            return Outcome<ChangesSinceApproval>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId));
        }

        if (!AccessPolicy.CanReadUnit(actor, member.UnitId))
        {
            return Outcome<ChangesSinceApproval>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var approvedAt = await db.Submissions.AsNoTracking()
            .Where(s => s.PeriodId == periodId && s.UnitId == member.UnitId)
            .Select(s => s.ApprovedAt)
            .SingleOrDefaultAsync(cancellationToken);
        if (approvedAt is not { } since)
        {
            return Outcome<ChangesSinceApproval>.Ok(new ChangesSinceApproval(unitCode, null, []));
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        return Outcome<ChangesSinceApproval>.Ok(await ChangesAsync(framework, periodId, member.UnitId, unitCode, since, language, cancellationToken));
    }

    /// <summary>
    /// <see cref="ChangesSinceApprovalAsync"/> for the report form, from its context (the submission read once): the
    /// same rule, <see cref="AccessPolicy.CanReadUnit"/>, decides.
    /// </summary>
    internal async Task<Outcome<ChangesSinceApproval>> ChangesSinceApprovalOfAsync(Reporting.FormContext form, Language language, CancellationToken cancellationToken)
    {
        var unitCode = form.Unit.UnitCode;
        if (!AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId))
        {
            return Outcome<ChangesSinceApproval>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        return form.Submission?.ApprovedAt is { } since
            ? Outcome<ChangesSinceApproval>.Ok(await ChangesAsync(form.Framework, form.Period.Id, form.Unit.UnitId, unitCode, since, language, cancellationToken))
            : Outcome<ChangesSinceApproval>.Ok(new ChangesSinceApproval(unitCode, null, []));
    }

    private async Task<ChangesSinceApproval> ChangesAsync(
        Framework framework, int periodId, int unitId, string unitCode, DateTime since, Language language, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKind.Value && a.PeriodId == periodId && a.UnitId == unitId && a.At > since)
            .OrderBy(a => a.Sequence)
            .ToListAsync(cancellationToken);
        var changed = entries
            .GroupBy(a => (Indicator: a.Indicator!, Input: a.Input!))
            .Select(g => (First: g.First(), Last: g.Last(), Count: g.Count(), Input: framework.FindInput(g.Key.Indicator, g.Key.Input)))
            .Where(x => x.Input is not null && x.First.OldValue != x.Last.NewValue)
            .OrderBy(x => x.First.Indicator!, IndicatorCode.StringComparer).ThenBy(x => x.Input!.Slot)
            .Select(x => new ChangedInput(
                x.First.Indicator!,
                x.First.Input!,
                x.Input!.Label,
                Readable(x.Input, x.First.OldValue, language),
                Readable(x.Input, x.Last.NewValue, language),
                x.Last.UserName,
                x.Last.At,
                x.Count))
            .ToArray();
        return new ChangesSinceApproval(unitCode, since, changed);
    }

    /// <summary>A value as the audit wrote it (exchange text), as the reader writes it; the audit's text when unreadable.</summary>
    private static string? Readable(InputSpec input, string? exchange, Language language)
    {
        if (exchange is null)
        {
            return null;
        }

        var parsed = InputValueParser.Parse(input, exchange);
        return parsed.Succeeded ? ResultService.ValueText(input, parsed.Value!.Value, language) : exchange;
    }
}
