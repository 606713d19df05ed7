using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Inputs;

/// <summary>
/// Evaluates an indicator's consistency checks (<c>a &lt;= b</c>) on a unit's inputs. A check that
/// cannot be decided yet (an input is missing) does not fail.
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
}
