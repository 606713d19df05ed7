using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring.Explanations;
using OpenDti.Core.Text;

namespace OpenDti.Core.Inputs;

/// <summary>
/// Evaluates an indicator's cross-input checks (<c>a &lt;= b</c>, declared under <c>checks</c> with
/// <c>level: warn</c> or <c>level: refuse</c>) on a unit's inputs. A check that cannot be decided yet
/// (an input is missing) does not fail.
/// </summary>
public static class InputChecks
{
    /// <summary>The checks of <paramref name="node"/> that fail for <paramref name="inputs"/>.</summary>
    public static IReadOnlyList<InputCheck> Failed(UnitInputs inputs, FrameworkNode node)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Checks.Count == 0)
        {
            return [];
        }

        var context = new EvaluationContext { Inputs = inputs.Values, Profile = inputs.ProfileValues };
        var failed = new List<InputCheck>();
        foreach (var check in node.Checks)
        {
            var value = check.Evaluate(context);
            if (value.IsDefined && value.Number == 0m)
            {
                failed.Add(check);
            }
        }

        return failed;
    }

    /// <summary>Every failing check of every indicator for <paramref name="inputs"/>.</summary>
    public static IEnumerable<(FrameworkNode Node, InputCheck Check)> Failed(UnitInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var leaf in inputs.Framework.Leaves)
        {
            foreach (var check in Failed(inputs, leaf))
            {
                yield return (leaf, check);
            }
        }
    }

    /// <summary>
    /// Every failing check for <paramref name="inputs"/>, with what to tell the unit; when
    /// <paramref name="touched"/> is given, only the checks reading one of those inputs (a save reports
    /// only what it changes, so values stored before a check was declared never block other saves).
    /// </summary>
    public static IReadOnlyList<CheckBreach> Breaches(UnitInputs inputs, IReadOnlySet<InputSpec>? touched = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var breaches = new List<CheckBreach>();
        foreach (var (node, check) in Failed(inputs))
        {
            if (touched is null || check.Formula.Inputs.Any(touched.Contains))
            {
                breaches.Add(new CheckBreach(node, check, inputs));
            }
        }

        return breaches;
    }
}

/// <summary>A cross-input check that does not hold for a unit's figures.</summary>
/// <param name="Node">The indicator.</param>
/// <param name="Check">The check.</param>
/// <param name="Inputs">The figures it was evaluated on.</param>
public sealed record CheckBreach(FrameworkNode Node, InputCheck Check, UnitInputs Inputs)
{
    /// <summary>Whether the breach refuses the save (otherwise it warns).</summary>
    public bool Refuses => Check.Level == CheckLevel.Refuse;

    /// <summary>The input the breach is shown next to: the first the check reads (null if it reads only profile fields).</summary>
    public InputSpec? Input => Check.Formula.Inputs.Count > 0 ? Check.Formula.Inputs[0] : null;

    /// <summary>
    /// The problem, an error when the check refuses and a warning otherwise: the framework's message, the
    /// condition with each input named by its label, and the same condition with the unit's figures
    /// ("“a = Số máy tính kết nối Internet” ≤ “b = Tổng số máy tính”", "60 ≤ 41").
    /// </summary>
    public Diagnostic ToDiagnostic()
    {
        var location = new SourceLocation(NodeCode: Node.Code.ToString(), Field: Input?.Name);
        // The framework's message often ends a sentence: the condition follows it after a colon.
        object?[] arguments = [Check.Message.TrimEnd().TrimEnd('.'), new Condition(this, Figures: false), new Condition(this, Figures: true)];
        return Refuses
            ? Diagnostic.Error(DiagnosticCodes.CheckFailed, location, arguments)
            : Diagnostic.Warning(DiagnosticCodes.CheckFailed, location, arguments);
    }

    private sealed record Condition(CheckBreach Breach, bool Figures) : ILocalizable
    {
        public string ToString(Language language) =>
            FormulaPrinter.Print(Breach.Check.Formula.Root, language, node => node switch
            {
                BoundInput input when Figures && Breach.Inputs.ValueOf(input.Input) is { IsDefined: true } v =>
                    input.Input.IsPercent ? NumberText.Percent(v.Number, language) : NumberText.Number(v.Number, language, 10),
                BoundInput input => InputParts.Quoted(input.Input),
                BoundProfile profile when Figures && Breach.Inputs.ProfileOf(profile.Field) is { IsDefined: true } v =>
                    NumberText.Number(v.Number, language, 10),
                BoundProfile profile => "“" + profile.Field.Label.Trim() + "”",
                _ => null,
            });
    }
}
