using OpenDti.Application.Demo;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The demo's value generator, on every built-in framework and many draws: every value parses, is in
/// its input's range and passes the indicator's checks, and better units score better.
/// </summary>
public class DemoValueGeneratorTests
{
    public static TheoryData<string> Codes() => new(BuiltInFrameworks.Codes);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Generate_EveryValueIsValid_AndPassesTheChecks(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var units = UnitsOf(framework);
        var profiles = new DemoProfiles(new DemoRandom());

        for (var seed = 1; seed <= 6; seed++)
        {
            var generator = new DemoValueGenerator(new DemoRandom(seed));
            foreach (var unit in units)
            {
                foreach (var quality in new[] { 0.2m, 0.5m, 0.8m, 1m })
                {
                    var profile = profiles.For(unit, 2024, framework.ProfileFields);
                    var inputs = Inputs(framework, unit, profile, generator.Generate(framework.Leaves, quality, profile));

                    Assert.Equal(framework.Inputs.Count, inputs.AnsweredCount);
                    Assert.Empty(InputChecks.Failed(inputs).Select(f => $"{unit} q={quality} seed={seed} {f.Node.Code}: {f.Check.Text}"));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Generate_BetterUnitsScoreBetter(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var unit = UnitsOf(framework)[0];
        var profile = new DemoProfiles(new DemoRandom()).For(unit, 2024, framework.ProfileFields);
        var generator = new DemoValueGenerator(new DemoRandom());
        var qualities = new[] { 0.2m, 0.5m, 0.8m, 1m };

        // A cohort of the same unit at four qualities, so that min-max rules have a spread.
        var cohort = qualities.Select(q => Inputs(framework, unit + "@" + q, profile, generator.Generate(framework.Leaves, q, profile))).ToList();
        var scores = ScoringEngine.Score(framework, cohort);
        var totals = scores.Units.OrderBy(u => decimal.Parse(u.UnitCode[(u.UnitCode.IndexOf('@', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(u => u.Total).ToArray();

        Assert.True(totals.SequenceEqual(totals.Order()), string.Join(", ", totals));
        Assert.True(totals[^1] - totals[0] > 250m, string.Join(", ", totals));
    }

    [Theory]
    [InlineData("target(pct, 80%)")]
    [InlineData("steps(ratio(a + b, c), 10% -> 1, 5% -> 1/2, else -> 1/4)")]
    [InlineData("if(yes, each(a, 2), 0) * pick")]
    [InlineData("at_least(ratio(a, b), 100%)")]
    [InlineData("min(ratio(a, profile.pop), pct) + 0 * (d + e + f + no)")]
    [InlineData("minmax(a / b)")]
    public void Generate_AnyRule_GivesValidValues(string rule)
    {
        var definition = TestFrameworks.Definition(rule);
        var leaf = definition.Nodes[0].Children[0];
        leaf.Checks.Add(new CheckDefinition { Rule = "a <= b", Message = "a ≤ b" });
        leaf.Checks.Add(new CheckDefinition { Rule = "a + b <= c", Message = "a + b ≤ c" });
        leaf.Checks.Add(new CheckDefinition { Rule = "b <= profile.pop", Message = "b ≤ pop" });
        var framework = FrameworkCompiler.Compile(definition).Framework!;
        var profile = new Dictionary<string, decimal> { ["pop"] = 1200m, ["hh"] = 330m };

        for (var seed = 1; seed <= 20; seed++)
        {
            var changes = new DemoValueGenerator(new DemoRandom(seed)).Generate(framework.Leaves, seed / 20m, profile);
            var inputs = Inputs(framework, "X", profile, changes);

            Assert.Equal(framework.Inputs.Count, inputs.AnsweredCount);
            Assert.Empty(InputChecks.Failed(inputs).Select(f => $"seed={seed} {f.Check.Text}: {string.Join(", ", changes.Select(c => c.Input + "=" + c.Value))}"));
            Assert.EndsWith("%", changes.Single(c => c.Input == "pct").Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_TheSampleFramework_GivesValidValues()
    {
        var framework = Exchange.Frameworks.FrameworkLoader.Load(TestFrameworks.RepositoryFile("samples/frameworks/example.yaml"), "example.yaml").Framework!;
        var profile = framework.ProfileFields.ToDictionary(f => f.Key, _ => 150m);
        for (var seed = 1; seed <= 10; seed++)
        {
            var inputs = Inputs(framework, "X", profile, new DemoValueGenerator(new DemoRandom(seed)).Generate(framework.Leaves, seed / 10m, profile));

            Assert.Equal(framework.Inputs.Count, inputs.AnsweredCount);
            Assert.Empty(InputChecks.Failed(inputs).Select(f => $"seed={seed} {f.Node.Code}: {f.Check.Text}"));
        }
    }

    private static string[] UnitsOf(Framework framework) => framework.Level switch
    {
        FrameworkLevel.Province => [DemoData.ProvinceCode],
        FrameworkLevel.Department => DemoData.Departments.Select(d => d.Code).ToArray(),
        _ => DemoData.Districts.Select(d => d.Code).ToArray(),
    };

    private static UnitInputs Inputs(Framework framework, string unit, IReadOnlyDictionary<string, decimal> profile, IEnumerable<Values.ValueChange> changes)
    {
        var inputs = new UnitInputs(framework, unit);
        foreach (var (key, value) in profile)
        {
            inputs.SetProfile(framework.FindProfileField(key)!, value);
        }

        foreach (var change in changes)
        {
            var input = framework.FindInput(change.Indicator, change.Input);
            Assert.NotNull(input);
            var parsed = InputValueParser.Parse(input, change.Value);
            Assert.True(parsed.Succeeded, $"{unit} {change.Indicator}/{change.Input} = {change.Value}");
            Assert.Null(inputs.Set(input, parsed.Value!.Value));
        }

        return inputs;
    }
}
