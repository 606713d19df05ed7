using OpenDti.Core.Formulas.Ast;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Text;

namespace OpenDti.Core.Scoring.Explanations;

/// <summary>
/// Prints a bound formula as officials write it: "(b + c)/a", "4/5 × “Đáp ứng ...” + 1/5 × “Hỗ trợ IPv6”": an
/// input is named by its official letter or its label, never by its variable name. With a
/// substitution function it prints the figures in place of the names: "(12.345 + 23.456)/100.167".
/// </summary>
internal static class FormulaPrinter
{
    public static string Print(BoundExpr node, Language language, Func<BoundExpr, string?>? substitute = null) =>
        Print(node, 0, false, language, substitute);

    private static int Precedence(BoundExpr node) => node switch
    {
        BoundBinary { Operator: BinaryOperator.Or } => 1,
        BoundBinary { Operator: BinaryOperator.And } => 2,
        BoundUnary { Operator: UnaryOperator.Not } => 3,
        BoundBinary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => 5,
        BoundBinary { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => 6,
        BoundRatio => 6,
        BoundBinary => 4,
        BoundUnary => 7,
        _ => 8,
    };

    private static string Print(BoundExpr node, int parent, bool right, Language language, Func<BoundExpr, string?>? substitute)
    {
        if (substitute?.Invoke(node) is { } replaced)
        {
            return replaced;
        }

        var precedence = Precedence(node);
        var text = node switch
        {
            BoundConstant { SourceText: { } source } => source.Replace("*", " × ", StringComparison.Ordinal),
            BoundConstant constant => constant.IsPercent
                ? NumberText.Threshold(constant.Value, true, language)
                : NumberText.Number(constant.Value, language),
            BoundInput input => input.Input.ShownName,
            BoundProfile profile => profile.Field.ShownName,
            BoundUnary { Operator: UnaryOperator.Negate } unary => "-" + Print(unary.Operand, precedence, false, language, substitute),
            BoundUnary unary => Localizer.Format(language, "WordNot") + " " + Print(unary.Operand, precedence, false, language, substitute),
            BoundRatio ratio => Print(ratio.Numerator, precedence, false, language, substitute) + "/" + Print(ratio.Denominator, precedence, true, language, substitute),
            BoundBinary binary => Print(binary.Left, precedence, false, language, substitute)
                + Operator(binary.Operator, language)
                + Print(binary.Right, precedence, true, language, substitute),
            BoundIf conditional => Call("if", language, substitute, conditional.Condition, conditional.Then, conditional.Otherwise),
            BoundExtremum extremum => Call(extremum.IsMax ? "max" : "min", language, substitute, [.. extremum.Arguments]),
            BoundTarget target => Call("target", language, substitute, target.Measure) [..^1] + ", " + NumberText.Threshold(target.Threshold, target.ThresholdIsPercent, language) + ")",
            BoundAtLeast atLeast => Call("at_least", language, substitute, atLeast.Measure)[..^1] + ", " + NumberText.Threshold(atLeast.Threshold, atLeast.ThresholdIsPercent, language) + ")",
            BoundSteps steps => Call("steps", language, substitute, steps.Measure)[..^1]
                + string.Concat(steps.Levels.Select(l => ", " + NumberText.Threshold(l.Threshold, steps.ThresholdsArePercent, language) + " -> " + NumberText.Share(l.Value, language)))
                + ", else -> " + NumberText.Share(steps.ElseValue, language) + ")",
            BoundEach each => Call("each", language, substitute, each.Measure)[..^1] + ", " + NumberText.Number(each.PointsEach, language) + ")",
            BoundCohort cohort => Call(cohort.Kind == CohortKind.MinMax ? "minmax" : "best", language, substitute, cohort.Measure),
            BoundWhenUndefined whenUndefined => Call("when_undefined", language, substitute, whenUndefined.Value, whenUndefined.Fallback),
            _ => node.GetType().Name,
        };

        var needsParentheses = precedence < parent || (precedence == parent && right && precedence is 5 or 6 or 4);
        return needsParentheses ? "(" + text + ")" : text;
    }

    private static string Call(string name, Language language, Func<BoundExpr, string?>? substitute, params BoundExpr[] arguments) =>
        name + "(" + string.Join(", ", arguments.Select(a => Print(a, 0, false, language, substitute))) + ")";

    private static string Operator(BinaryOperator op, Language language) => op switch
    {
        BinaryOperator.Add => " + ",
        BinaryOperator.Subtract => " - ",
        BinaryOperator.Multiply => " × ",
        BinaryOperator.Divide => "/",
        BinaryOperator.Less => " < ",
        BinaryOperator.LessOrEqual => " ≤ ",
        BinaryOperator.Greater => " > ",
        BinaryOperator.GreaterOrEqual => " ≥ ",
        BinaryOperator.Equal => " = ",
        BinaryOperator.NotEqual => " ≠ ",
        BinaryOperator.And => " " + Localizer.Format(language, "WordAnd") + " ",
        _ => " " + Localizer.Format(language, "WordOr") + " ",
    };
}
