namespace OpenDti.Core.Formulas.Runtime;

/// <summary>
/// The semantics of the formula language, in one place. Compiled formulas are expression trees
/// that call these methods, so the rules of arithmetic, comparison, missing and undefined values and
/// every rule function are written once and tested directly.
/// </summary>
/// <remarks>
/// All arithmetic is <see cref="decimal"/>. Comparisons ignore differences smaller than
/// <see cref="ComparisonTolerance"/>: such differences only come from the last of a quotient's 28
/// digits (1/3 × 3 = 0.9999999999999999999999999999), never from reported figures, so a ratio that
/// reaches a threshold exactly always meets it.
/// </remarks>
public static class FormulaRuntime
{
    /// <summary>Differences below 10⁻²⁰ are representation noise, not data.</summary>
    public const decimal ComparisonTolerance = 0.00000000000000000001m;

    private static Value Propagate(Value x, Value y) =>
        x.IsMissing || y.IsMissing ? Value.Missing : Value.Undefined;

    /// <summary><c>x + y</c></summary>
    public static Value Add(Value x, Value y) =>
        x.IsDefined && y.IsDefined ? Value.Of(x.Number + y.Number) : Propagate(x, y);

    /// <summary><c>x - y</c></summary>
    public static Value Subtract(Value x, Value y) =>
        x.IsDefined && y.IsDefined ? Value.Of(x.Number - y.Number) : Propagate(x, y);

    /// <summary><c>x * y</c></summary>
    public static Value Multiply(Value x, Value y) =>
        x.IsDefined && y.IsDefined ? Value.Of(x.Number * y.Number) : Propagate(x, y);

    /// <summary><c>x / y</c> and <c>ratio(x, y)</c>: undefined when <paramref name="y"/> is 0.</summary>
    public static Value Divide(Value x, Value y)
    {
        if (!x.IsDefined || !y.IsDefined)
        {
            return Propagate(x, y);
        }

        return y.Number == 0m ? Value.Undefined : Value.Of(x.Number / y.Number);
    }

    /// <summary><c>-x</c></summary>
    public static Value Negate(Value x) => x.IsDefined ? Value.Of(-x.Number) : x;

    /// <summary>Compares two numbers, treating differences below <see cref="ComparisonTolerance"/> as equal.</summary>
    public static int CompareNumbers(decimal x, decimal y)
    {
        var difference = x - y;
        if (Math.Abs(difference) < ComparisonTolerance)
        {
            return 0;
        }

        return difference < 0m ? -1 : 1;
    }

    /// <summary>Whether <paramref name="x"/> reaches <paramref name="threshold"/> (x ≥ t, with the tolerance).</summary>
    public static bool Reaches(decimal x, decimal threshold) => CompareNumbers(x, threshold) >= 0;

    private static Value Compare(Value x, Value y, Func<int, bool> accept) =>
        x.IsDefined && y.IsDefined ? Value.Of(accept(CompareNumbers(x.Number, y.Number))) : Propagate(x, y);

    /// <summary><c>x &lt; y</c></summary>
    public static Value Less(Value x, Value y) => Compare(x, y, c => c < 0);

    /// <summary><c>x &lt;= y</c></summary>
    public static Value LessOrEqual(Value x, Value y) => Compare(x, y, c => c <= 0);

    /// <summary><c>x &gt; y</c></summary>
    public static Value Greater(Value x, Value y) => Compare(x, y, c => c > 0);

    /// <summary><c>x &gt;= y</c></summary>
    public static Value GreaterOrEqual(Value x, Value y) => Compare(x, y, c => c >= 0);

    /// <summary><c>x = y</c></summary>
    public static Value Equal(Value x, Value y) => Compare(x, y, c => c == 0);

    /// <summary><c>x != y</c></summary>
    public static Value NotEqual(Value x, Value y) => Compare(x, y, c => c != 0);

    /// <summary>
    /// <c>x and y</c>: false if either side is false, even when the other is missing (a unit that
    /// answered "no" need not report the figure that only matters for "yes").
    /// </summary>
    public static Value And(Value x, Value y)
    {
        if ((x.IsDefined && x.Number == 0m) || (y.IsDefined && y.Number == 0m))
        {
            return Value.False;
        }

        return x.IsDefined && y.IsDefined ? Value.True : Propagate(x, y);
    }

    /// <summary><c>x or y</c>: true if either side is true, even when the other is missing.</summary>
    public static Value Or(Value x, Value y)
    {
        if ((x.IsDefined && x.Number != 0m) || (y.IsDefined && y.Number != 0m))
        {
            return Value.True;
        }

        return x.IsDefined && y.IsDefined ? Value.False : Propagate(x, y);
    }

    /// <summary><c>not x</c></summary>
    public static Value Not(Value x) => x.IsDefined ? Value.Of(x.Number == 0m) : x;

    /// <summary><c>min(x, y)</c>; missing or undefined if either is.</summary>
    public static Value Min(Value x, Value y) =>
        x.IsDefined && y.IsDefined ? Value.Of(Math.Min(x.Number, y.Number)) : Propagate(x, y);

    /// <summary><c>max(x, y)</c>; missing or undefined if either is.</summary>
    public static Value Max(Value x, Value y) =>
        x.IsDefined && y.IsDefined ? Value.Of(Math.Max(x.Number, y.Number)) : Propagate(x, y);

    /// <summary>
    /// The decision of <c>if(c, x, y)</c>: 1 to take x, 0 to take y, otherwise the state that the
    /// whole <c>if</c> takes (missing or undefined condition).
    /// </summary>
    public static int Decide(EvaluationContext context, int nodeId, Value condition)
    {
        var decision = condition.IsDefined ? (condition.Number != 0m ? 1 : 0) : condition.IsMissing ? 2 : 3;
        context.Trace?.Add(new TraceEvent(
            nodeId,
            TraceKind.If,
            condition,
            condition,
            decision switch { 1 => TraceBranch.Reached, 0 => TraceBranch.Below, _ => TraceBranch.NotComputed }));
        return decision;
    }

    /// <summary>The value of an <c>if</c> whose condition could not be decided (2 missing, 3 undefined).</summary>
    public static Value Undecided(int decision) => decision == 2 ? Value.Missing : Value.Undefined;

    private static void RecordMeasure(EvaluationContext context, Value measure)
    {
        // Arguments are evaluated before the function, so the outermost rule function writes last.
        context.Measure = measure;
        context.HasMeasure = true;
    }

    /// <summary>
    /// <c>target(x, t)</c>, "Tỷ lệ ≥ t: Điểm tối đa; &lt; t: Tỷ lệ/t × Điểm tối đa": min(1, x / t).
    /// </summary>
    public static Value Target(EvaluationContext context, int nodeId, Value measure, decimal threshold) =>
        Threshold(context, nodeId, TraceKind.Target, measure, threshold, proportionalBelow: true);

    /// <summary><c>at_least(x, t)</c>, "Tỷ lệ = 100%: Điểm tối đa; &lt; 100%: 0 điểm": 1 if x ≥ t, else 0.</summary>
    public static Value AtLeast(EvaluationContext context, int nodeId, Value measure, decimal threshold) =>
        Threshold(context, nodeId, TraceKind.AtLeast, measure, threshold, proportionalBelow: false);

    /// <summary>Full points at or above <paramref name="threshold"/>; below it x / t, or nothing.</summary>
    private static Value Threshold(EvaluationContext context, int nodeId, TraceKind kind, Value measure, decimal threshold, bool proportionalBelow)
    {
        RecordMeasure(context, measure);
        Value result;
        int branch;
        if (!measure.IsDefined)
        {
            (result, branch) = (measure, TraceBranch.NotComputed);
        }
        else if (Reaches(measure.Number, threshold))
        {
            (result, branch) = (Value.Of(1m), TraceBranch.Reached);
        }
        else
        {
            (result, branch) = (Value.Of(proportionalBelow ? measure.Number / threshold : 0m), TraceBranch.Below);
        }

        context.Trace?.Add(new TraceEvent(nodeId, kind, measure, result, branch));
        return result;
    }

    /// <summary>
    /// <c>steps(x, t1 -> f1, t2 -> f2, ..., else -> f0)</c>: the value of the first step whose
    /// threshold x reaches (thresholds are in descending order), otherwise the else value.
    /// </summary>
    public static Value Steps(
        EvaluationContext context,
        int nodeId,
        Value measure,
        decimal[] thresholds,
        decimal[] values,
        decimal elseValue)
    {
        RecordMeasure(context, measure);
        Value result;
        var branch = TraceBranch.NotComputed;
        if (!measure.IsDefined)
        {
            result = measure;
        }
        else
        {
            result = Value.Of(elseValue);
            branch = TraceBranch.Else;
            for (var i = 0; i < thresholds.Length; i++)
            {
                if (Reaches(measure.Number, thresholds[i]))
                {
                    result = Value.Of(values[i]);
                    branch = i;
                    break;
                }
            }
        }

        context.Trace?.Add(new TraceEvent(nodeId, TraceKind.Steps, measure, result, branch));
        return result;
    }

    /// <summary>
    /// <c>each(x, p)</c>, "Mỗi hoạt động ...: p điểm; tổng điểm không quá Điểm tối đa":
    /// min(1, x × p / max points).
    /// </summary>
    public static Value Each(EvaluationContext context, int nodeId, Value measure, decimal pointsEach, decimal maxPoints)
    {
        RecordMeasure(context, measure);
        Value result;
        int branch;
        if (!measure.IsDefined)
        {
            (result, branch) = (measure, TraceBranch.NotComputed);
        }
        else
        {
            var earned = measure.Number * pointsEach;
            (result, branch) = Reaches(earned, maxPoints)
                ? (Value.Of(1m), TraceBranch.Reached)
                : (Value.Of(earned / maxPoints), TraceBranch.Below);
        }

        context.Trace?.Add(new TraceEvent(nodeId, TraceKind.Each, measure, result, branch));
        return result;
    }

    /// <summary>
    /// <c>minmax(x)</c>, "Tính điểm theo phương pháp Min-Max": (x − min) / (max − min) over the
    /// cohort. When min = max a unit gets 1 if its measure is above 0, else 0.
    /// </summary>
    public static Value MinMax(EvaluationContext context, int nodeId, int slot)
    {
        var measure = context.CohortMeasures[slot];
        var statistics = context.CohortStatistics[slot];
        RecordMeasure(context, measure);
        Value result;
        int branch;
        if (!measure.IsDefined || statistics.Min is not { } min || statistics.Max is not { } max)
        {
            (result, branch) = (measure.IsDefined ? Value.Undefined : measure, TraceBranch.NotComputed);
        }
        else if (CompareNumbers(max, min) == 0)
        {
            (result, branch) = (Value.Of(measure.Number > 0m ? 1m : 0m), TraceBranch.Flat);
        }
        else
        {
            (result, branch) = (Value.Of((measure.Number - min) / (max - min)), TraceBranch.Reached);
        }

        context.Trace?.Add(new TraceEvent(nodeId, TraceKind.MinMax, measure, result, branch, statistics));
        return result;
    }

    /// <summary>
    /// <c>best(x)</c>, "Địa phương có tỷ lệ cao nhất: điểm tối đa; còn lại: tỷ lệ/tỷ lệ cao nhất":
    /// x / max over the cohort; 0 when the highest measure is not above 0.
    /// </summary>
    public static Value Best(EvaluationContext context, int nodeId, int slot)
    {
        var measure = context.CohortMeasures[slot];
        var statistics = context.CohortStatistics[slot];
        RecordMeasure(context, measure);
        Value result;
        int branch;
        if (!measure.IsDefined || statistics.Max is not { } best)
        {
            (result, branch) = (measure.IsDefined ? Value.Undefined : measure, TraceBranch.NotComputed);
        }
        else if (best <= 0m)
        {
            (result, branch) = (Value.Of(0m), TraceBranch.Flat);
        }
        else
        {
            (result, branch) = (Value.Of(measure.Number / best), TraceBranch.Reached);
        }

        context.Trace?.Add(new TraceEvent(nodeId, TraceKind.Best, measure, result, branch, statistics));
        return result;
    }

    /// <summary><c>when_undefined(x, f)</c>: <paramref name="fallback"/> when x is undefined (not when missing).</summary>
    public static Value WhenUndefined(EvaluationContext context, int nodeId, Value value, Value fallback)
    {
        var result = value.IsUndefined ? fallback : value;
        context.Trace?.Add(new TraceEvent(
            nodeId,
            TraceKind.WhenUndefined,
            value,
            result,
            value.IsUndefined ? TraceBranch.Reached : TraceBranch.Below));
        return result;
    }
}
