using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring.Explanations;
using OpenDti.Core.Text;

namespace OpenDti.Core.Scoring;

/// <summary>The results of scoring a cohort: every unit in rank order, and the cohort figures used.</summary>
public sealed class CohortScores
{
    private readonly Dictionary<string, UnitScores> _byUnit;
    private readonly Value[][] _cohortMeasures;
    private readonly Dictionary<UnitScores, int> _positions;

    internal CohortScores(
        Framework framework,
        IReadOnlyList<UnitScores> unitsInInputOrder,
        Value[][] cohortMeasures,
        CohortStatistics[] statistics,
        ScoringOptions options)
    {
        Framework = framework;
        _cohortMeasures = cohortMeasures;
        StatisticsArray = statistics;
        Options = options;
        _positions = new Dictionary<UnitScores, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < unitsInInputOrder.Count; i++)
        {
            _positions[unitsInInputOrder[i]] = i;
        }

        Units = unitsInInputOrder
            .OrderBy(u => u.Rank)
            .ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToArray();
        _byUnit = Units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
    }

    /// <summary>The framework.</summary>
    public Framework Framework { get; }

    /// <summary>Every unit, by rank then code.</summary>
    public IReadOnlyList<UnitScores> Units { get; }

    /// <summary>The statistics of every cohort slot.</summary>
    public IReadOnlyList<CohortStatistics> Statistics => StatisticsArray;

    internal CohortStatistics[] StatisticsArray { get; }

    /// <summary>The options used.</summary>
    public ScoringOptions Options { get; }

    /// <summary>The unit with <paramref name="unitCode"/>, or null.</summary>
    public UnitScores? Find(string unitCode) => _byUnit.GetValueOrDefault(unitCode);

    /// <summary>
    /// Explains <paramref name="node"/>'s points for <paramref name="unit"/>: inputs used, measure,
    /// cohort figures, branch taken, and a sentence in <paramref name="language"/>.
    /// </summary>
    public Explanation Explain(UnitScores unit, FrameworkNode node, Language language = Language.Vietnamese)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(node);
        return ExplanationBuilder.Build(this, unit, node, language);
    }

    internal Value[] CohortMeasuresOf(UnitScores unit) => _cohortMeasures[_positions[unit]];
}
