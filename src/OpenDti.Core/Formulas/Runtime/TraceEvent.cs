namespace OpenDti.Core.Formulas.Runtime;

/// <summary>
/// One step of an evaluation, recorded only when an explanation is asked for: which rule function
/// ran (identified by the bound node id), on what measure, and which branch it took.
/// </summary>
/// <param name="NodeId">Id of the bound formula node that produced the event.</param>
/// <param name="Kind">The function.</param>
/// <param name="Measure">The value the function looked at.</param>
/// <param name="Result">What it returned.</param>
/// <param name="Branch">Which branch applied (see <see cref="TraceBranch"/>; for steps, the level index).</param>
/// <param name="Statistics">For a cohort function: the cohort figures used.</param>
public readonly record struct TraceEvent(
    int NodeId,
    TraceKind Kind,
    Value Measure,
    Value Result,
    int Branch,
    CohortStatistics? Statistics = null);

/// <summary>The functions that leave a trace.</summary>
public enum TraceKind
{
    /// <summary><c>target(x, t)</c></summary>
    Target,

    /// <summary><c>at_least(x, t)</c></summary>
    AtLeast,

    /// <summary><c>steps(x, ...)</c></summary>
    Steps,

    /// <summary><c>each(x, p)</c></summary>
    Each,

    /// <summary><c>minmax(x)</c></summary>
    MinMax,

    /// <summary><c>best(x)</c></summary>
    Best,

    /// <summary><c>if(c, x, y)</c></summary>
    If,

    /// <summary><c>when_undefined(x, f)</c></summary>
    WhenUndefined,
}

/// <summary>Branch codes shared by the trace and the explanation.</summary>
public static class TraceBranch
{
    /// <summary>The value could not be computed (missing or undefined); the function passed it on.</summary>
    public const int NotComputed = -1;

    /// <summary>Below the threshold (target, at_least), condition false (if), not capped (each).</summary>
    public const int Below = 0;

    /// <summary>At or above the threshold, condition true, capped at max points (each).</summary>
    public const int Reached = 1;

    /// <summary>Cohort rule where the lowest and highest measures are equal.</summary>
    public const int Flat = 2;

    /// <summary>Steps: no threshold reached, the else value applies.</summary>
    public const int Else = 1000;
}
