namespace OpenDti.Core.Formulas.Runtime;

/// <summary>
/// What a compiled formula reads while it runs for one unit: the unit's inputs and profile, its
/// cohort measures and the cohort statistics. One context is reused for every indicator of a unit;
/// it is not thread-safe, and each worker thread has its own.
/// </summary>
/// <remarks>The fields are plain fields because compiled expression trees read them directly.</remarks>
#pragma warning disable CA1051 // Visible instance fields: read by compiled expression trees on the hot path.
public sealed class EvaluationContext
{
    /// <summary>The unit's reported inputs, indexed by input slot.</summary>
    public Value[] Inputs = [];

    /// <summary>The unit's profile figures, indexed by profile slot.</summary>
    public Value[] Profile = [];

    /// <summary>The unit's measures for every cohort slot (filled in the first pass).</summary>
    public Value[] CohortMeasures = [];

    /// <summary>The cohort's statistics for every cohort slot (computed between the passes).</summary>
    public CohortStatistics[] CohortStatistics = [];

    /// <summary>The measure recorded by the outermost rule function of the formula being evaluated.</summary>
    public Value Measure;

    /// <summary>Whether <see cref="Measure"/> was recorded for the current formula.</summary>
    public bool HasMeasure;

    /// <summary>When set, rule functions report what they did (for explanations only).</summary>
    public List<TraceEvent>? Trace;

    /// <summary>Prepares for the next formula.</summary>
    public void BeginFormula()
    {
        HasMeasure = false;
        Measure = default;
    }
}
#pragma warning restore CA1051
