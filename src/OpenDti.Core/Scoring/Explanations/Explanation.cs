using OpenDti.Core.Formulas.Runtime;

namespace OpenDti.Core.Scoring.Explanations;

/// <summary>
/// Why a unit got its points on a node: the inputs used and where each came from, the measure, the
/// cohort figures, the branch of the rule that applied, and a sentence for people, e.g.
/// "Tỷ lệ = (b + c)/a = 35,74% &lt; 80% nên Điểm = 35,74%/80% × 20 = 8,93".
/// </summary>
public sealed class Explanation
{
    /// <summary>The node's code.</summary>
    public required string NodeCode { get; init; }

    /// <summary>Points.</summary>
    public required decimal Points { get; init; }

    /// <summary>Max points.</summary>
    public required decimal MaxPoints { get; init; }

    /// <summary>Fraction of max points.</summary>
    public required decimal Fraction { get; init; }

    /// <summary>Flags.</summary>
    public required ScoreFlags Flags { get; init; }

    /// <summary>The rule as written (null for a parent).</summary>
    public string? Rule { get; init; }

    /// <summary>The inputs and profile figures the rule reads.</summary>
    public IReadOnlyList<ExplainedInput> Inputs { get; init; } = [];

    /// <summary>The measure's formula as written ("(b + c)/a"), if the rule has a measure.</summary>
    public string? MeasureFormula { get; init; }

    /// <summary>The measure.</summary>
    public Value Measure { get; init; }

    /// <summary>The measure as displayed ("35,74%").</summary>
    public string? MeasureDisplay { get; init; }

    /// <summary>What the rule functions did, in evaluation order.</summary>
    public IReadOnlyList<ExplanationStep> Steps { get; init; } = [];

    /// <summary>The branch of the deciding rule function ("below", "reached", "level_2", "else", ...), if any.</summary>
    public string? Branch { get; init; }

    /// <summary>For a parent: the children's points that were added.</summary>
    public IReadOnlyList<ExplainedChild> Children { get; init; } = [];

    /// <summary>The sentence.</summary>
    public required string Text { get; init; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>An input or profile figure a rule read.</summary>
/// <param name="Name">Name in the formula ("a", "profile.population").</param>
/// <param name="Label">Official wording.</param>
/// <param name="Source">"reported" (kê khai) or "profile" (thông tin chung).</param>
/// <param name="Value">The value as the formula saw it.</param>
/// <param name="Display">The value for people ("1.234", "Có", "35,74%", "chưa kê khai").</param>
/// <param name="Option">For a choice: the option key.</param>
public sealed record ExplainedInput(string Name, string Label, string Source, Value Value, string Display, string? Option);

/// <summary>A rule function's work: which function, on what, which branch, with what cohort figures.</summary>
/// <param name="Function">target, at_least, steps, each, minmax, best, if, when_undefined.</param>
/// <param name="Branch">Which branch applied.</param>
/// <param name="Measure">The value looked at.</param>
/// <param name="Result">The value returned.</param>
/// <param name="Formula">The measure's formula as written.</param>
/// <param name="Threshold">The threshold or target, if any.</param>
/// <param name="CohortMin">For a cohort function: the lowest measure in the cohort.</param>
/// <param name="CohortMax">For a cohort function: the highest.</param>
/// <param name="CohortMinSource">Unit or reference that holds the lowest.</param>
/// <param name="CohortMaxSource">Unit or reference that holds the highest.</param>
/// <param name="CohortUnits">How many units had a defined measure.</param>
/// <param name="References">Reference values that joined the cohort.</param>
public sealed record ExplanationStep(
    string Function,
    string Branch,
    Value Measure,
    Value Result,
    string? Formula,
    decimal? Threshold = null,
    decimal? CohortMin = null,
    decimal? CohortMax = null,
    string? CohortMinSource = null,
    string? CohortMaxSource = null,
    int? CohortUnits = null,
    IReadOnlyList<ReferenceMeasure>? References = null);

/// <summary>A child's points in a parent's explanation.</summary>
/// <param name="Code">Child code.</param>
/// <param name="Points">Its points.</param>
/// <param name="MaxPoints">Its max points.</param>
public sealed record ExplainedChild(string Code, decimal Points, decimal MaxPoints);
