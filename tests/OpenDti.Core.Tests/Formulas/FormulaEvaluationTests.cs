using System.Globalization;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Formulas;

/// <summary>The formula language's semantics, one case per line of Cases/formula-cases.txt.</summary>
public class FormulaEvaluationTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "Formulas", "Cases", "formula-cases.txt");
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('⇶');
            data.Add(parts[0].Trim(), parts[1].Trim());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formula_EvaluatesToExpected(string formula, string expected)
    {
        var value = Evaluate(formula);

        var actual = value.State switch
        {
            ValueState.Missing => "missing",
            ValueState.Undefined => "undefined",
            _ => value.Number.ToString(CultureInfo.InvariantCulture),
        };
        if (value.IsDefined && expected is not ("missing" or "undefined"))
        {
            Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value.Number);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Evaluates <paramref name="formula"/> for the standard unit of the case file, before clamping.</summary>
    internal static Value Evaluate(string formula)
    {
        var framework = TestFrameworks.SingleRule(formula);
        var unit = TestFrameworks.Inputs(
            framework, "U", "a=3", "b=4", "c=0", "e=10", "f=2.5", "pct=35,74%", "yes=có", "no=không", "pick=half", "profile.pop=100");
        var context = new EvaluationContext { Inputs = unit.Values, Profile = unit.ProfileValues };
        return framework.Leaves[0].Rule!.Evaluate(context);
    }
}
