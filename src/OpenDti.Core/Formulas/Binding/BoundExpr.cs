using OpenDti.Core.Formulas.Ast;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Formulas.Binding;

/// <summary>The static type of a formula expression.</summary>
public enum FormulaType
{
    /// <summary>A number.</summary>
    Number,

    /// <summary>A condition (true is 1, false is 0; usable as a number).</summary>
    Condition,
}

/// <summary>
/// A formula node after binding: names resolved to inputs and profile fields, types known,
/// constants folded, each node numbered so that traces can point back at it.
/// </summary>
public abstract class BoundExpr
{
    private protected BoundExpr(int start, int end, FormulaType type, bool isPercent)
    {
        Start = start;
        End = end;
        Type = type;
        IsPercent = isPercent;
    }

    /// <summary>Unique within its formula; set by the binder.</summary>
    public int Id { get; internal set; }

    /// <summary>0-based start offset in the formula text.</summary>
    public int Start { get; }

    /// <summary>0-based end offset (exclusive).</summary>
    public int End { get; }

    /// <summary>Number or condition.</summary>
    public FormulaType Type { get; }

    /// <summary>Whether the value reads best as a percentage (ratios, % inputs, % literals).</summary>
    public bool IsPercent { get; }

    /// <summary>The direct children, in order.</summary>
    public abstract IEnumerable<BoundExpr> Children { get; }

    /// <summary>This node and all its descendants, depth first.</summary>
    public IEnumerable<BoundExpr> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var descendant in child.DescendantsAndSelf())
            {
                yield return descendant;
            }
        }
    }
}

/// <summary>A constant (literals and folded constant expressions, <c>max_points</c>).</summary>
public sealed class BoundConstant(decimal value, bool isPercent, int start, int end, FormulaType type = FormulaType.Number, string? sourceText = null)
    : BoundExpr(start, end, type, isPercent)
{
    /// <summary>The value.</summary>
    public decimal Value { get; } = value;

    /// <summary>For a folded expression, the text it was written as ("1/2"), so that it prints as written.</summary>
    public string? SourceText { get; } = sourceText;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [];
}

/// <summary>An input of the indicator.</summary>
public sealed class BoundInput(InputSpec input, int start, int end)
    : BoundExpr(start, end, input.Kind == InputKind.YesNo ? FormulaType.Condition : FormulaType.Number, input.IsPercent)
{
    /// <summary>The input.</summary>
    public InputSpec Input { get; } = input;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [];
}

/// <summary>A profile field (<c>profile.key</c>).</summary>
public sealed class BoundProfile(ProfileField field, int start, int end)
    : BoundExpr(start, end, FormulaType.Number, field.Unit == "%")
{
    /// <summary>The field.</summary>
    public ProfileField Field { get; } = field;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [];
}

/// <summary><c>-x</c> or <c>not x</c>.</summary>
public sealed class BoundUnary(UnaryOperator op, BoundExpr operand, int start, int end)
    : BoundExpr(start, end, op == UnaryOperator.Not ? FormulaType.Condition : FormulaType.Number, op == UnaryOperator.Negate && operand.IsPercent)
{
    /// <summary>The operator.</summary>
    public UnaryOperator Operator { get; } = op;

    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [Operand];
}

/// <summary>A binary operation.</summary>
public sealed class BoundBinary(BinaryOperator op, BoundExpr left, BoundExpr right, int start, int end, FormulaType type, bool isPercent)
    : BoundExpr(start, end, type, isPercent)
{
    /// <summary>The operator.</summary>
    public BinaryOperator Operator { get; } = op;

    /// <summary>Left operand.</summary>
    public BoundExpr Left { get; } = left;

    /// <summary>Right operand.</summary>
    public BoundExpr Right { get; } = right;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [Left, Right];
}

/// <summary><c>if(c, x, y)</c>.</summary>
public sealed class BoundIf(BoundExpr condition, BoundExpr then, BoundExpr otherwise, int start, int end, FormulaType type)
    : BoundExpr(start, end, type, then.IsPercent && otherwise.IsPercent)
{
    /// <summary>The condition.</summary>
    public BoundExpr Condition { get; } = condition;

    /// <summary>Value when the condition holds.</summary>
    public BoundExpr Then { get; } = then;

    /// <summary>Value otherwise.</summary>
    public BoundExpr Otherwise { get; } = otherwise;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [Condition, Then, Otherwise];
}

/// <summary><c>min(...)</c> or <c>max(...)</c>.</summary>
public sealed class BoundExtremum(bool isMax, IReadOnlyList<BoundExpr> arguments, int start, int end)
    : BoundExpr(start, end, FormulaType.Number, arguments.All(a => a.IsPercent))
{
    /// <summary>Whether this is <c>max</c>.</summary>
    public bool IsMax { get; } = isMax;

    /// <summary>The arguments.</summary>
    public IReadOnlyList<BoundExpr> Arguments { get; } = arguments;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => Arguments;
}

/// <summary><c>ratio(a, b)</c>: a / b, undefined when b is 0.</summary>
public sealed class BoundRatio(BoundExpr numerator, BoundExpr denominator, int start, int end)
    : BoundExpr(start, end, FormulaType.Number, isPercent: true)
{
    /// <summary>Numerator.</summary>
    public BoundExpr Numerator { get; } = numerator;

    /// <summary>Denominator.</summary>
    public BoundExpr Denominator { get; } = denominator;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [Numerator, Denominator];
}

/// <summary>The functions that turn a measure into a fraction of max points and leave a trace.</summary>
public abstract class BoundRuleFunction(BoundExpr measure, int start, int end)
    : BoundExpr(start, end, FormulaType.Number, isPercent: false)
{
    /// <summary>The measure the function looks at.</summary>
    public BoundExpr Measure { get; } = measure;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [Measure];
}

/// <summary><c>target(x, t)</c>: min(1, x / t).</summary>
public sealed class BoundTarget(BoundExpr measure, decimal threshold, bool thresholdIsPercent, int start, int end)
    : BoundRuleFunction(measure, start, end)
{
    /// <summary>The target t.</summary>
    public decimal Threshold { get; } = threshold;

    /// <summary>Whether t reads as a percentage.</summary>
    public bool ThresholdIsPercent { get; } = thresholdIsPercent;
}

/// <summary><c>at_least(x, t)</c>: 1 if x ≥ t, else 0.</summary>
public sealed class BoundAtLeast(BoundExpr measure, decimal threshold, bool thresholdIsPercent, int start, int end)
    : BoundRuleFunction(measure, start, end)
{
    /// <summary>The threshold t.</summary>
    public decimal Threshold { get; } = threshold;

    /// <summary>Whether t reads as a percentage.</summary>
    public bool ThresholdIsPercent { get; } = thresholdIsPercent;
}

/// <summary>A level of <c>steps</c>: reaching <see cref="Threshold"/> earns <see cref="Value"/>.</summary>
/// <param name="Threshold">The threshold.</param>
/// <param name="Value">The fraction earned.</param>
public readonly record struct StepLevel(decimal Threshold, decimal Value);

/// <summary><c>steps(x, t1 -> f1, ..., else -> f0)</c>.</summary>
public sealed class BoundSteps(BoundExpr measure, IReadOnlyList<StepLevel> levels, decimal elseValue, bool thresholdsArePercent, int start, int end)
    : BoundRuleFunction(measure, start, end)
{
    /// <summary>The levels, highest threshold first.</summary>
    public IReadOnlyList<StepLevel> Levels { get; } = levels;

    /// <summary>The value when no threshold is reached.</summary>
    public decimal ElseValue { get; } = elseValue;

    /// <summary>Whether the thresholds read as percentages.</summary>
    public bool ThresholdsArePercent { get; } = thresholdsArePercent;
}

/// <summary><c>each(x, p)</c>: min(1, x × p / max points).</summary>
public sealed class BoundEach(BoundExpr measure, decimal pointsEach, decimal maxPoints, int start, int end)
    : BoundRuleFunction(measure, start, end)
{
    /// <summary>Points earned per item.</summary>
    public decimal PointsEach { get; } = pointsEach;

    /// <summary>The indicator's max points.</summary>
    public decimal MaxPoints { get; } = maxPoints;
}

/// <summary>Which cohort-relative rule.</summary>
public enum CohortKind
{
    /// <summary><c>minmax(x)</c></summary>
    MinMax,

    /// <summary><c>best(x)</c></summary>
    Best,
}

/// <summary>
/// <c>minmax(x)</c> or <c>best(x)</c>. The measure x is computed for every unit first; the node then
/// reads the unit's measure and the cohort statistics from its <see cref="Slot"/>.
/// </summary>
public sealed class BoundCohort(CohortKind kind, BoundExpr measure, int localSlot, int start, int end)
    : BoundRuleFunction(measure, start, end)
{
    /// <summary>Min-max or relative to best.</summary>
    public CohortKind Kind { get; } = kind;

    /// <summary>Index of this cohort call within its formula (0, 1, ...).</summary>
    public int LocalSlot { get; } = localSlot;

    /// <summary>The framework-wide cohort slot; set when the framework is compiled.</summary>
    public int Slot { get; internal set; } = -1;
}

/// <summary><c>when_undefined(x, f)</c>.</summary>
public sealed class BoundWhenUndefined(BoundExpr value, BoundExpr fallback, int start, int end)
    : BoundExpr(start, end, value.Type, value.IsPercent)
{
    /// <summary>The value.</summary>
    public BoundExpr Value { get; } = value;

    /// <summary>Its replacement when undefined.</summary>
    public BoundExpr Fallback { get; } = fallback;

    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [Value, Fallback];
}

/// <summary>Stands in for a part of a formula that could not be bound; suppresses follow-on errors. Never compiled.</summary>
public sealed class BoundError(int start, int end) : BoundExpr(start, end, FormulaType.Number, isPercent: false)
{
    /// <inheritdoc />
    public override IEnumerable<BoundExpr> Children => [];
}
