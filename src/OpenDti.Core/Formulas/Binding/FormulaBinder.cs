using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Ast;
using OpenDti.Core.Formulas.Parsing;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Text;

namespace OpenDti.Core.Formulas.Binding;

/// <summary>
/// Parses and binds a formula: resolves every name against a <see cref="FormulaScope"/>, checks
/// types and the shape of every function call, folds constants and numbers cohort calls. All the
/// problems of a formula are reported together.
/// </summary>
public static class FormulaBinder
{
    /// <summary>The functions of the language, for messages and docs.</summary>
    public static IReadOnlyList<string> Functions { get; } =
        ["if", "min", "max", "ratio", "target", "at_least", "steps", "each", "minmax", "best", "when_undefined"];

    /// <summary>Names that cannot be used for inputs.</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["max_points", "profile", "and", "or", "not", "else"];

    /// <summary>Parses and binds <paramref name="text"/> in <paramref name="scope"/>.</summary>
    /// <param name="text">The formula.</param>
    /// <param name="scope">What it may refer to.</param>
    /// <param name="expected">Condition for checks; Number for rules and constants (conditions are accepted as 1/0).</param>
    public static BindResult Bind(string text, FormulaScope scope, FormulaType expected = FormulaType.Number)
    {
        var parsed = FormulaParser.Parse(text);
        if (parsed.Error is { } error)
        {
            return new BindResult(null, [ToIssue(error)]);
        }

        var binder = new Binder(scope, text);
        var root = binder.Bind(parsed.Expression!, insideCohort: false);
        if (expected == FormulaType.Condition)
        {
            binder.RequireCondition(root);
        }

        if (binder.Issues.Count > 0)
        {
            return new BindResult(null, binder.Issues);
        }

        return new BindResult(new BoundFormula(text, root, binder.CohortCalls), []);
    }

    /// <summary>Binds a formula that must be a constant (an option's fraction, <c>when_undefined</c>): "1/2", "70%", "0.25".</summary>
    public static ConstantResult BindConstant(string text)
    {
        var result = Bind(text, FormulaScope.Constants);
        if (result.Formula is null)
        {
            return new ConstantResult(null, result.Issues);
        }

        return result.Formula.Root is BoundConstant constant
            ? new ConstantResult(constant.Value, [])
            : new ConstantResult(null, [new FormulaIssue(DiagnosticCodes.InvalidConstant, 0, text.Length, [text])]);
    }

    private static FormulaIssue ToIssue(FormulaSyntaxError error) => error.Kind switch
    {
        FormulaErrorKind.Empty => new FormulaIssue(DiagnosticCodes.FormulaEmpty, 0, 1, []),
        FormulaErrorKind.InvalidCharacter => new FormulaIssue(
            DiagnosticCodes.FormulaInvalidCharacter, error.Position, error.Position + error.Length, [error.Found]),
        FormulaErrorKind.Unexpected => new FormulaIssue(
            DiagnosticCodes.FormulaUnexpectedToken,
            error.Position,
            error.Position + error.Length,
            [error.Found, new Expectations(error.Expectations)]),
        _ => new FormulaIssue(
            DiagnosticCodes.FormulaUnexpectedEnd, error.Position, error.Position + 1, [new Expectations(error.Expectations)]),
    };

    /// <summary>The list of what the grammar expected, rendered per language.</summary>
    private sealed record Expectations(IReadOnlyList<string> Items) : ILocalizable
    {
        public string ToString(Language language)
        {
            var parts = Items
                .Select(item => item switch
                {
                    FormulaParser.ExpectExpression => Localizer.Format(language, "ExpectExpression"),
                    FormulaParser.ExpectName => Localizer.Format(language, "ExpectName"),
                    FormulaParser.ExpectOperator => Localizer.Format(language, "ExpectOperator"),
                    _ => item,
                })
                .Distinct()
                .ToList();
            return parts.Count == 0
                ? Localizer.Format(language, "ExpectEnd")
                : string.Join(Localizer.Format(language, "ListOr"), parts);
        }
    }

    private sealed class Binder(FormulaScope scope, string text)
    {
        public List<FormulaIssue> Issues { get; } = [];

        public List<BoundCohort> CohortCalls { get; } = [];

        private void Report(string code, int start, int end, params object?[] arguments) =>
            Issues.Add(new FormulaIssue(code, start, Math.Max(end, start + 1), arguments));

        private void Report(string code, Expr at, params object?[] arguments) => Report(code, at.Start, at.End, arguments);

        public void RequireCondition(BoundExpr bound)
        {
            if (bound.Type != FormulaType.Condition && bound is not BoundError)
            {
                Report(DiagnosticCodes.ConditionExpected, bound.Start, bound.End);
            }
        }

        private static BoundError Placeholder(Expr at) => new(at.Start, at.End);

        public BoundExpr Bind(Expr expression, bool insideCohort)
        {
            var bound = expression switch
            {
                NumberLiteral literal => new BoundConstant(literal.Value, literal.IsPercent, literal.Start, literal.End),
                NameReference name => BindName(name),
                ProfileReference profile => BindProfile(profile),
                UnaryExpr unary => BindUnary(unary, insideCohort),
                BinaryExpr binary => BindBinary(binary, insideCohort),
                CallExpr call => BindCall(call, insideCohort),
                _ => throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}."),
            };
            return bound;
        }

        private BoundExpr BindName(NameReference name)
        {
            if (name.Name == "max_points")
            {
                return new BoundConstant(scope.MaxPoints, false, name.Start, name.End);
            }

            if (scope.TryGetInput(name.Name, out var input))
            {
                return new BoundInput(input, name.Start, name.End);
            }

            var known = scope.InputNames.ToList();
            Report(
                DiagnosticCodes.UnknownName,
                name,
                name.Name,
                known.Count == 0 ? new LocalizedText("NoInputs") : new TextList(known));
            return Placeholder(name);
        }

        private BoundExpr BindProfile(ProfileReference profile)
        {
            if (profile.Key.Contains('.', StringComparison.Ordinal))
            {
                // "x.y" where x is not "profile".
                Report(DiagnosticCodes.UnknownName, profile, profile.Key, new TextList(scope.InputNames));
                return Placeholder(profile);
            }

            if (scope.TryGetProfile(profile.Key, out var field))
            {
                return new BoundProfile(field, profile.Start, profile.End);
            }

            var known = scope.ProfileKeys.ToList();
            Report(
                DiagnosticCodes.UnknownProfileKey,
                profile,
                profile.Key,
                known.Count == 0 ? new LocalizedText("NoProfileFields") : new TextList(known));
            return Placeholder(profile);
        }

        private BoundExpr BindUnary(UnaryExpr unary, bool insideCohort)
        {
            var operand = Bind(unary.Operand, insideCohort);
            if (unary.Operator == UnaryOperator.Not)
            {
                RequireCondition(operand);
            }

            var bound = new BoundUnary(unary.Operator, operand, unary.Start, unary.End);
            return Fold(bound, unary.Operator == UnaryOperator.Not
                ? FormulaRuntime.Not(ConstantOf(operand))
                : FormulaRuntime.Negate(ConstantOf(operand)), operand is BoundConstant);
        }

        private static Value ConstantOf(BoundExpr bound) =>
            bound is BoundConstant constant ? Value.Of(constant.Value) : Value.Missing;

        private BoundExpr Fold(BoundExpr bound, Value folded, bool allConstant) =>
            allConstant && folded.IsDefined
                ? new BoundConstant(folded.Number, false, bound.Start, bound.End, bound.Type, text[bound.Start..bound.End].Trim())
                : bound;

        private BoundExpr BindBinary(BinaryExpr binary, bool insideCohort)
        {
            var left = Bind(binary.Left, insideCohort);
            var right = Bind(binary.Right, insideCohort);
            var op = binary.Operator;

            if (op is BinaryOperator.And or BinaryOperator.Or)
            {
                RequireCondition(left);
                RequireCondition(right);
            }

            var type = op is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide
                ? FormulaType.Number
                : FormulaType.Condition;
            var isPercent = op switch
            {
                BinaryOperator.Divide => true,
                BinaryOperator.Add or BinaryOperator.Subtract => left.IsPercent && right.IsPercent,
                _ => false,
            };

            var bound = new BoundBinary(op, left, right, binary.Start, binary.End, type, isPercent);
            var allConstant = left is BoundConstant && right is BoundConstant;
            if (op == BinaryOperator.Divide && right is BoundConstant { Value: 0m })
            {
                Report(DiagnosticCodes.ConstantDivisionByZero, binary);
                return Placeholder(binary);
            }

            var x = ConstantOf(left);
            var y = ConstantOf(right);
            var folded = op switch
            {
                BinaryOperator.Add => FormulaRuntime.Add(x, y),
                BinaryOperator.Subtract => FormulaRuntime.Subtract(x, y),
                BinaryOperator.Multiply => FormulaRuntime.Multiply(x, y),
                BinaryOperator.Divide => FormulaRuntime.Divide(x, y),
                BinaryOperator.Less => FormulaRuntime.Less(x, y),
                BinaryOperator.LessOrEqual => FormulaRuntime.LessOrEqual(x, y),
                BinaryOperator.Greater => FormulaRuntime.Greater(x, y),
                BinaryOperator.GreaterOrEqual => FormulaRuntime.GreaterOrEqual(x, y),
                BinaryOperator.Equal => FormulaRuntime.Equal(x, y),
                BinaryOperator.NotEqual => FormulaRuntime.NotEqual(x, y),
                BinaryOperator.And => FormulaRuntime.And(x, y),
                _ => FormulaRuntime.Or(x, y),
            };
            return Fold(bound, folded, allConstant);
        }

        private BoundExpr BindCall(CallExpr call, bool insideCohort)
        {
            var function = call.Function.ToLowerInvariant();
            if (!Functions.Contains(function))
            {
                Report(DiagnosticCodes.UnknownFunction, call.Start, call.NameEnd, call.Function, new TextList(Functions));
                foreach (var argument in call.Arguments)
                {
                    Bind(argument.Value, insideCohort);
                }

                return Placeholder(call);
            }

            if (function != "steps")
            {
                foreach (var argument in call.Arguments.Where(a => a.IsStep))
                {
                    Report(DiagnosticCodes.StepOutsideSteps, argument.Start, argument.End);
                }
            }

            return function switch
            {
                "if" => BindIf(call, insideCohort),
                "min" or "max" => BindExtremum(call, function == "max", insideCohort),
                "ratio" => BindRatio(call, insideCohort),
                "target" or "at_least" => BindThreshold(call, function, insideCohort),
                "steps" => BindSteps(call, insideCohort),
                "each" => BindEach(call, insideCohort),
                "minmax" or "best" => BindCohort(call, function, insideCohort),
                _ => BindWhenUndefined(call, insideCohort),
            };
        }

        private bool CheckArity(CallExpr call, int count, string signatureKey)
        {
            if (call.Arguments.Count == count)
            {
                return true;
            }

            Report(DiagnosticCodes.WrongArgumentCount, call, call.Function, new LocalizedText(signatureKey), call.Arguments.Count);
            foreach (var argument in call.Arguments)
            {
                Bind(argument.Value, insideCohort: false);
            }

            return false;
        }

        private BoundExpr BindIf(CallExpr call, bool insideCohort)
        {
            if (!CheckArity(call, 3, "SignatureIf"))
            {
                return Placeholder(call);
            }

            var condition = Bind(call.Arguments[0].Value, insideCohort);
            RequireCondition(condition);
            var then = Bind(call.Arguments[1].Value, insideCohort);
            var otherwise = Bind(call.Arguments[2].Value, insideCohort);
            var type = then.Type == FormulaType.Condition && otherwise.Type == FormulaType.Condition
                ? FormulaType.Condition
                : FormulaType.Number;
            if (condition is BoundConstant constant)
            {
                return constant.Value != 0m ? then : otherwise;
            }

            return new BoundIf(condition, then, otherwise, call.Start, call.End, type);
        }

        private BoundExpr BindExtremum(CallExpr call, bool isMax, bool insideCohort)
        {
            if (call.Arguments.Count < 2)
            {
                Report(DiagnosticCodes.WrongArgumentCount, call, call.Function, new LocalizedText("SignatureMinMax"), call.Arguments.Count);
                return Placeholder(call);
            }

            var arguments = call.Arguments.Select(a => Bind(a.Value, insideCohort)).ToList();
            var bound = new BoundExtremum(isMax, arguments, call.Start, call.End);
            if (arguments.TrueForAll(a => a is BoundConstant))
            {
                Func<Value, Value, Value> combine = isMax ? FormulaRuntime.Max : FormulaRuntime.Min;
                var folded = arguments.Select(ConstantOf).Aggregate(combine);
                return Fold(bound, folded, allConstant: true);
            }

            return bound;
        }

        private BoundExpr BindRatio(CallExpr call, bool insideCohort)
        {
            if (!CheckArity(call, 2, "SignatureRatio"))
            {
                return Placeholder(call);
            }

            var numerator = Bind(call.Arguments[0].Value, insideCohort);
            var denominator = Bind(call.Arguments[1].Value, insideCohort);
            if (denominator is BoundConstant { Value: 0m })
            {
                Report(DiagnosticCodes.ConstantDivisionByZero, call);
                return Placeholder(call);
            }

            var bound = new BoundRatio(numerator, denominator, call.Start, call.End);
            return Fold(
                bound,
                FormulaRuntime.Divide(ConstantOf(numerator), ConstantOf(denominator)),
                numerator is BoundConstant && denominator is BoundConstant);
        }

        private decimal? RequireConstant(Argument argument, CallExpr call, string argumentName, bool insideCohort)
        {
            var bound = Bind(argument.Value, insideCohort);
            if (bound is BoundConstant constant)
            {
                return constant.Value;
            }

            Report(DiagnosticCodes.ConstantExpected, argument.Start, argument.End, argumentName, call.Function);
            return null;
        }

        private BoundExpr BindThreshold(CallExpr call, string function, bool insideCohort)
        {
            if (!CheckArity(call, 2, function == "target" ? "SignatureTarget" : "SignatureAtLeast"))
            {
                return Placeholder(call);
            }

            var measure = Bind(call.Arguments[0].Value, insideCohort);
            var threshold = RequireConstant(call.Arguments[1], call, "t", insideCohort);
            if (threshold is null)
            {
                return Placeholder(call);
            }

            if (function == "target" && threshold <= 0m)
            {
                Report(DiagnosticCodes.ThresholdNotPositive, call.Arguments[1].Start, call.Arguments[1].End, call.Function);
                return Placeholder(call);
            }

            var percent = measure.IsPercent || IsPercentLiteral(call.Arguments[1].Value);
            return function == "target"
                ? new BoundTarget(measure, threshold.Value, percent, call.Start, call.End)
                : new BoundAtLeast(measure, threshold.Value, percent, call.Start, call.End);
        }

        private static bool IsPercentLiteral(Expr expression) => expression is NumberLiteral { IsPercent: true };

        private BoundExpr BindSteps(CallExpr call, bool insideCohort)
        {
            if (call.Arguments.Count < 2 || call.Arguments[0].IsStep)
            {
                Report(DiagnosticCodes.WrongArgumentCount, call, call.Function, new LocalizedText("SignatureSteps"), call.Arguments.Count);
                return Placeholder(call);
            }

            var measure = Bind(call.Arguments[0].Value, insideCohort);
            var levels = new List<StepLevel>();
            decimal elseValue = 0m;
            var percent = measure.IsPercent;
            var ok = true;
            for (var i = 1; i < call.Arguments.Count; i++)
            {
                var argument = call.Arguments[i];
                if (!argument.IsStep)
                {
                    Report(DiagnosticCodes.StepExpected, argument.Start, argument.End);
                    ok = false;
                    continue;
                }

                if (argument.IsElse && i != call.Arguments.Count - 1)
                {
                    Report(DiagnosticCodes.ElseNotLast, argument.Start, argument.End);
                    ok = false;
                }

                var value = RequireConstant(argument, call, argument.IsElse ? "else" : "->", insideCohort);
                if (value is { } v && (v < 0m || v > 1m))
                {
                    Report(DiagnosticCodes.FractionOutOfRange, argument.Value.Start, argument.Value.End, v);
                    ok = false;
                }

                if (argument.IsElse)
                {
                    elseValue = value ?? 0m;
                    ok &= value is not null;
                    continue;
                }

                var thresholdBound = Bind(argument.Threshold!, insideCohort);
                if (thresholdBound is not BoundConstant threshold)
                {
                    Report(DiagnosticCodes.ConstantExpected, argument.Threshold!.Start, argument.Threshold.End, "t", call.Function);
                    ok = false;
                    continue;
                }

                percent |= IsPercentLiteral(argument.Threshold!);
                if (levels.Count > 0 && threshold.Value >= levels[^1].Threshold)
                {
                    Report(
                        DiagnosticCodes.StepsNotDescending,
                        argument.Threshold!.Start,
                        argument.Threshold.End,
                        threshold.Value,
                        levels[^1].Threshold);
                    ok = false;
                }

                if (value is null)
                {
                    ok = false;
                    continue;
                }

                levels.Add(new StepLevel(threshold.Value, value.Value));
            }

            return ok ? new BoundSteps(measure, levels, elseValue, percent, call.Start, call.End) : Placeholder(call);
        }

        private BoundExpr BindEach(CallExpr call, bool insideCohort)
        {
            if (!CheckArity(call, 2, "SignatureEach"))
            {
                return Placeholder(call);
            }

            var measure = Bind(call.Arguments[0].Value, insideCohort);
            var points = RequireConstant(call.Arguments[1], call, "p", insideCohort);
            if (points is null)
            {
                return Placeholder(call);
            }

            if (points <= 0m || scope.MaxPoints <= 0m)
            {
                Report(DiagnosticCodes.ThresholdNotPositive, call.Arguments[1].Start, call.Arguments[1].End, call.Function);
                return Placeholder(call);
            }

            return new BoundEach(measure, points.Value, scope.MaxPoints, call.Start, call.End);
        }

        private BoundExpr BindCohort(CallExpr call, string function, bool insideCohort)
        {
            if (!CheckArity(call, 1, "SignatureCohort"))
            {
                return Placeholder(call);
            }

            if (!scope.AllowCohort)
            {
                Report(DiagnosticCodes.CohortNotAllowed, call.Start, call.NameEnd, call.Function, scope.Purpose);
                return Placeholder(call);
            }

            if (insideCohort)
            {
                Report(DiagnosticCodes.NestedCohort, call.Start, call.NameEnd, call.Function);
                return Placeholder(call);
            }

            var measure = Bind(call.Arguments[0].Value, insideCohort: true);
            var bound = new BoundCohort(
                function == "minmax" ? CohortKind.MinMax : CohortKind.Best,
                measure,
                CohortCalls.Count,
                call.Start,
                call.End);
            CohortCalls.Add(bound);
            return bound;
        }

        private BoundExpr BindWhenUndefined(CallExpr call, bool insideCohort)
        {
            if (!CheckArity(call, 2, "SignatureWhenUndefined"))
            {
                return Placeholder(call);
            }

            var value = Bind(call.Arguments[0].Value, insideCohort);
            var fallback = Bind(call.Arguments[1].Value, insideCohort);
            return new BoundWhenUndefined(value, fallback, call.Start, call.End);
        }
    }
}

/// <summary>The outcome of <see cref="FormulaBinder.Bind"/>: a bound formula, or the problems found.</summary>
/// <param name="Formula">The bound formula when there were no problems.</param>
/// <param name="Issues">Every problem found.</param>
public sealed record BindResult(BoundFormula? Formula, IReadOnlyList<FormulaIssue> Issues);

/// <summary>The outcome of <see cref="FormulaBinder.BindConstant"/>.</summary>
/// <param name="Value">The constant when there were no problems.</param>
/// <param name="Issues">Every problem found.</param>
public sealed record ConstantResult(decimal? Value, IReadOnlyList<FormulaIssue> Issues);
