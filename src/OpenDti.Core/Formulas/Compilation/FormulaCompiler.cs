using System.Linq.Expressions;
using System.Reflection;
using OpenDti.Core.Formulas.Ast;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;

namespace OpenDti.Core.Formulas.Compilation;

/// <summary>
/// Turns a bound formula into a delegate, once per framework: an expression tree whose every
/// operation is a call to <see cref="FormulaRuntime"/>, compiled to IL. Scoring a unit then costs a
/// delegate call per indicator; nothing is re-interpreted per unit.
/// </summary>
/// <remarks>
/// The arguments of <c>minmax</c> and <c>best</c> are compiled separately (<see cref="CompileCohortArgument"/>)
/// because the cohort's statistics must be known before any unit's points can be computed; in the
/// main formula a cohort call only reads the unit's measure and the statistics from its slot.
/// </remarks>
public static class FormulaCompiler
{
    private static readonly ParameterExpression Context = Expression.Parameter(typeof(EvaluationContext), "context");

    private static readonly FieldInfo InputsField = typeof(EvaluationContext).GetField(nameof(EvaluationContext.Inputs))!;
    private static readonly FieldInfo ProfileField = typeof(EvaluationContext).GetField(nameof(EvaluationContext.Profile))!;
    private static readonly MethodInfo ValueOf = typeof(Value).GetMethod(nameof(Value.Of), [typeof(decimal)])!;

    private static MethodInfo Runtime(string name) =>
        typeof(FormulaRuntime).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new InvalidOperationException($"FormulaRuntime.{name} is missing.");

    /// <summary>Compiles the whole formula.</summary>
    public static Func<EvaluationContext, Value> Compile(BoundFormula formula) => Lambda(formula.Root);

    /// <summary>Compiles the argument (the measure) of a cohort call.</summary>
    public static Func<EvaluationContext, Value> CompileCohortArgument(BoundCohort cohort) => Lambda(cohort.Measure);

    private static Func<EvaluationContext, Value> Lambda(BoundExpr root) =>
        Expression.Lambda<Func<EvaluationContext, Value>>(Emit(root), Context).Compile();

    private static Expression Constant(decimal value) => Expression.Call(ValueOf, Expression.Constant(value));

    private static Expression Emit(BoundExpr node) => node switch
    {
        BoundConstant constant => Constant(constant.Value),
        BoundInput input => Expression.ArrayIndex(Expression.Field(Context, InputsField), Expression.Constant(input.Input.Slot)),
        BoundProfile profile => Expression.ArrayIndex(Expression.Field(Context, ProfileField), Expression.Constant(profile.Field.Slot)),
        BoundUnary unary => Expression.Call(
            Runtime(unary.Operator == UnaryOperator.Not ? nameof(FormulaRuntime.Not) : nameof(FormulaRuntime.Negate)),
            Emit(unary.Operand)),
        BoundBinary binary => Expression.Call(Runtime(binary.Operator.ToString()), Emit(binary.Left), Emit(binary.Right)),
        BoundIf conditional => EmitIf(conditional),
        BoundExtremum extremum => extremum.Arguments
            .Select(Emit)
            .Aggregate((left, right) => Expression.Call(
                Runtime(extremum.IsMax ? nameof(FormulaRuntime.Max) : nameof(FormulaRuntime.Min)), left, right)),
        BoundRatio ratio => Expression.Call(Runtime(nameof(FormulaRuntime.Divide)), Emit(ratio.Numerator), Emit(ratio.Denominator)),
        BoundTarget target => Expression.Call(
            Runtime(nameof(FormulaRuntime.Target)), Context, Expression.Constant(target.Id), Emit(target.Measure), Expression.Constant(target.Threshold)),
        BoundAtLeast atLeast => Expression.Call(
            Runtime(nameof(FormulaRuntime.AtLeast)), Context, Expression.Constant(atLeast.Id), Emit(atLeast.Measure), Expression.Constant(atLeast.Threshold)),
        BoundSteps steps => Expression.Call(
            Runtime(nameof(FormulaRuntime.Steps)),
            Context,
            Expression.Constant(steps.Id),
            Emit(steps.Measure),
            Expression.Constant(steps.Levels.Select(l => l.Threshold).ToArray()),
            Expression.Constant(steps.Levels.Select(l => l.Value).ToArray()),
            Expression.Constant(steps.ElseValue)),
        BoundEach each => Expression.Call(
            Runtime(nameof(FormulaRuntime.Each)),
            Context,
            Expression.Constant(each.Id),
            Emit(each.Measure),
            Expression.Constant(each.PointsEach),
            Expression.Constant(each.MaxPoints)),
        BoundCohort cohort => Expression.Call(
            Runtime(cohort.Kind == CohortKind.MinMax ? nameof(FormulaRuntime.MinMax) : nameof(FormulaRuntime.Best)),
            Context,
            Expression.Constant(cohort.Id),
            Expression.Constant(cohort.Slot >= 0 ? cohort.Slot : cohort.LocalSlot)),
        BoundWhenUndefined whenUndefined => Expression.Call(
            Runtime(nameof(FormulaRuntime.WhenUndefined)),
            Context,
            Expression.Constant(whenUndefined.Id),
            Emit(whenUndefined.Value),
            Emit(whenUndefined.Fallback)),
        _ => throw new InvalidOperationException($"Cannot compile {node.GetType().Name}."),
    };

    private static Expression EmitIf(BoundIf conditional)
    {
        // Only the branch taken is evaluated, so a figure that matters only for "yes" may stay
        // unreported when the answer is "no".
        var decision = Expression.Variable(typeof(int), "decision");
        return Expression.Block(
            typeof(Value),
            [decision],
            Expression.Assign(
                decision,
                Expression.Call(Runtime(nameof(FormulaRuntime.Decide)), Context, Expression.Constant(conditional.Id), Emit(conditional.Condition))),
            Expression.Condition(
                Expression.Equal(decision, Expression.Constant(1)),
                Emit(conditional.Then),
                Expression.Condition(
                    Expression.Equal(decision, Expression.Constant(0)),
                    Emit(conditional.Otherwise),
                    Expression.Call(Runtime(nameof(FormulaRuntime.Undecided)), decision))));
    }
}
