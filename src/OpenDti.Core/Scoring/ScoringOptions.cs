using OpenDti.Core.Formulas.Runtime;

namespace OpenDti.Core.Scoring;

/// <summary>How to score a cohort.</summary>
public sealed class ScoringOptions
{
    /// <summary>The default options: no reference values, all processors.</summary>
    public static ScoringOptions Default { get; } = new();

    /// <summary>Measures from outside the cohort that join the cohort rules' min and max (see <see cref="ReferenceMeasure"/>).</summary>
    public IReadOnlyList<ReferenceMeasure> References { get; init; } = [];

    /// <summary>How many threads may score units at once; 1 scores on the calling thread. Results never depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
