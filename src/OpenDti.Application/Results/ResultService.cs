using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
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
    IReadOnlyList<MainIndexResult> MainIndices);

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
public sealed record Scorecard(PeriodSummary Period, string UnitCode, string UnitName, decimal Total, int Rank, IReadOnlyList<ScorecardNode> Nodes);

/// <summary>Scores a period's cohort from the stored values and the units' general information of the period's year.</summary>
public sealed class ResultService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods)
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

        var (scores, names) = await ScoreAsync(periodId, cancellationToken);
        var framework = scores.Framework;
        var units = scores.Units.Select(u => new UnitResult(
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
        return Outcome<PeriodResults>.Ok(new PeriodResults(summary.Value, units));
    }

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
        return Outcome<Scorecard>.Ok(new Scorecard(summary, member.UnitCode, member.UnitName, unit.Total, unit.Rank, nodes));
    }

    /// <summary>Scores the whole cohort of <paramref name="periodId"/>; also gives each unit's name in the period.</summary>
    public async Task<(CohortScores Scores, IReadOnlyDictionary<string, string> Names)> ScoreAsync(int periodId, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleAsync(p => p.Id == periodId, cancellationToken);
        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var unitIds = period.Units.Select(u => u.UnitId).ToArray();
        var values = await db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == periodId).ToListAsync(cancellationToken);
        var profiles = await db.UnitProfileValues.AsNoTracking()
            .Where(p => p.Year == period.Year && unitIds.Contains(p.UnitId))
            .ToListAsync(cancellationToken);

        var inputs = new List<UnitInputs>();
        var byUnit = values.ToLookup(v => v.UnitId);
        var profileByUnit = profiles.ToLookup(p => p.UnitId);
        foreach (var member in period.Units.OrderBy(u => u.UnitCode, StringComparer.Ordinal))
        {
            var unit = new UnitInputs(framework, member.UnitCode);
            foreach (var record in byUnit[member.UnitId])
            {
                // Stored values were validated when saved, and stored frameworks never change.
                if (framework.FindInput(record.Indicator, record.Input) is { } input && ReportedValueText.ParseStored(input, record.Value) is { } value)
                {
                    unit.Set(input, value);
                }
            }

            foreach (var figure in profileByUnit[member.UnitId])
            {
                if (framework.FindProfileField(figure.Key) is { } field)
                {
                    unit.SetProfile(field, figure.Value);
                }
            }

            inputs.Add(unit);
        }

        var scores = ScoringEngine.Score(framework, inputs);
        return (scores, period.Units.ToDictionary(u => u.UnitCode, u => u.UnitName, StringComparer.Ordinal));
    }
}
