using OpenDti.Application.Periods;
using OpenDti.Application.Review;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;

namespace OpenDti.Application.Results;

/// <summary>
/// The records the result pages and the API read, built from a publication's snapshot instead of a
/// fresh scoring: what a published period shows, whatever changed since.
/// </summary>
internal static class FrozenResults
{
    /// <summary>Every unit's result, by rank, as published.</summary>
    public static UnitResult[] Units(PublicationSnapshot snapshot) =>
        snapshot.Units.Select(u => new UnitResult(
                u.Code, u.Name, u.Total, u.Rank, u.Submitted, u.Complete, u.AnsweredInputs, u.TotalInputs, MainIndices(snapshot, u))
            {
                NotSubmitted = u.NotSubmitted,
            })
            .ToArray();

    /// <summary>The main index columns, as published.</summary>
    public static MainIndexColumn[] Columns(PublicationSnapshot snapshot) =>
        snapshot.MainIndices.Select(m => new MainIndexColumn(m.Code, m.Name, m.MaxPoints, m.Provisional)).ToArray();

    /// <summary>The indicators (the heat map's columns), as published.</summary>
    public static IndicatorColumn[] Indicators(PublicationSnapshot snapshot) =>
        snapshot.Nodes.Where(n => n.Kind == NodeKind.Indicator)
            .Select(n => new IndicatorColumn(n.Code, n.Name, n.MainIndex ?? string.Empty, n.MaxPoints))
            .ToArray();

    /// <summary>Each unit's fraction of every indicator's max points, in the order of <see cref="Indicators"/>.</summary>
    public static Dictionary<string, IReadOnlyList<decimal>> IndicatorFractions(PublicationSnapshot snapshot)
    {
        var indicators = snapshot.Nodes.Where(n => n.Kind == NodeKind.Indicator).Select(n => n.Code).ToArray();
        return snapshot.Units.ToDictionary(
            u => u.Code,
            u =>
            {
                var fractions = u.Nodes.ToDictionary(n => n.Code, n => n.Fraction, StringComparer.Ordinal);
                return (IReadOnlyList<decimal>)indicators.Select(code => Math.Round(fractions.GetValueOrDefault(code), 4)).ToArray();
            },
            StringComparer.Ordinal);
    }

    /// <summary>The scorecard of <paramref name="unit"/> as published, explained in <paramref name="language"/>.</summary>
    public static Scorecard Scorecard(PeriodSummary period, PublicationSnapshot snapshot, SnapshotUnit unit, Language language)
    {
        var points = unit.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var values = unit.Values.ToDictionary(v => (v.Indicator, v.Input), v => v.Value);
        var nodes = snapshot.Nodes
            .Where(n => points.ContainsKey(n.Code))
            .Select(n =>
            {
                var p = points[n.Code];
                return new ScorecardNode(n.Code, n.Name, n.Kind, n.Depth, p.Points, p.MaxPoints, p.Fraction, p.Measure, p.Flags, p.Explanation.In(language));
            })
            .ToArray();
        return new Scorecard(period, unit.Code, unit.Name, unit.Total, unit.Rank, nodes)
        {
            MainIndices = MainIndices(snapshot, unit),
            NotSubmitted = unit.NotSubmitted,
            Inputs = snapshot.Inputs
                .Select(i => new ScorecardInput(
                    i.Indicator, i.Input, i.Label, i.Unit, values.TryGetValue((i.Indicator, i.Input), out var value) ? value.In(language) : null))
                .ToArray(),
        };
    }

    private static MainIndexResult[] MainIndices(PublicationSnapshot snapshot, SnapshotUnit unit)
    {
        var indices = snapshot.MainIndices.ToDictionary(m => m.Code, StringComparer.Ordinal);
        return unit.MainIndices
            .Select(m => new MainIndexResult(m.Code, indices[m.Code].Name, m.Points, indices[m.Code].MaxPoints, m.Rank))
            .ToArray();
    }
}
