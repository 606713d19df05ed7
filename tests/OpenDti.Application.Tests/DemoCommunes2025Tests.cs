using OpenDti.Application.Demo;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>The demo's values for communes on the commune framework of 2025, from a list of commune codes.</summary>
public class DemoCommunes2025Tests
{
    private static readonly Framework Framework = BuiltInFrameworks.Get(DemoCommunes2025.Framework);

    private static readonly string[] Codes = [.. Enumerable.Range(1, 40).Select(i => $"XA-{i:00}")];

    [Fact]
    public void Values_AreTheSameForTheSameCommunes_InAnyOrder()
    {
        var first = DemoCommunes2025.Values(Framework, Codes);
        var second = DemoCommunes2025.Values(Framework, Enumerable.Reverse(Codes));

        Assert.Equal(Codes, first.Keys.Order(StringComparer.Ordinal));
        Assert.All(Codes, code => Assert.Equal(first[code], second[code]));
        Assert.NotEqual(first["XA-01"], first["XA-02"]);
    }

    [Fact]
    public void Values_AnswerEveryInput_AndEveryValueIsAccepted()
    {
        foreach (var (code, changes) in DemoCommunes2025.Values(Framework, Codes))
        {
            var inputs = Inputs(code, changes);

            Assert.Equal(Framework.Inputs.Count, inputs.AnsweredCount);
            Assert.Empty(InputChecks.Failed(inputs).Select(f => $"{code} {f.Node.Code}: {f.Check.Text}"));
        }
    }

    [Fact]
    public void Values_ScoreLikeRealCommunes_AFewStrong_MostMiddling_AFewWeak_WeakestOnTheDigitalEconomy()
    {
        var scores = ScoringEngine.Score(Framework, DemoCommunes2025.Values(Framework, Codes).Select(v => Inputs(v.Key, v.Value)).ToList());
        var shares = scores.Units.Select(u => u.Total / Framework.TotalPoints).Order().ToArray();
        var text = string.Join(", ", shares.Select(s => s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(shares.Count(s => s >= 0.8m) is >= 3 and <= 10, text);
        Assert.True(shares.Count(s => s < 0.45m) is >= 3 and <= 10, text);
        Assert.True(shares.Count(s => s >= 0.45m && s < 0.8m) >= 20, text);

        // The digital economy (main index 5) is the weakest on average, as at most communes.
        decimal Average(FrameworkNode main) => scores.Units.Average(u => u[main].Points / main.MaxPoints);
        var economy = Framework.MainIndices.Single(m => m.Code.Value == "5");
        Assert.All(Framework.MainIndices.Where(m => m != economy), m => Assert.True(Average(economy) < Average(m), $"{m.Code}: {Average(m)} vs {Average(economy)}"));
    }

    [Fact]
    public void Values_SpendingAddsUp_RecurrentPlusInvestmentIsTheWholeBudget()
    {
        foreach (var (code, changes) in DemoCommunes2025.Values(Framework, Codes))
        {
            decimal Amount(string indicator) => decimal.Parse(changes.Single(c => c.Indicator == indicator).Value!, System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal(Amount("4.7"), Amount("4.8") + Amount("4.9"));
            Assert.InRange(Amount("4.7"), 0.1m, 2.5m);
            Assert.True(Amount("4.9") > 0m, code);
        }
    }

    [Fact]
    public void Qualities_AreAFewStrong_MostMiddling_AFewWeak()
    {
        var qualities = DemoCommunes2025.Qualities(54, new DemoRandom(DemoCommunes2025.Seed));

        Assert.Equal(54, qualities.Count);
        Assert.Equal(9, qualities.Count(q => q >= 0.8m));
        Assert.Equal(9, qualities.Count(q => q <= 0.4m));
        Assert.All(qualities, q => Assert.True(q is >= 0.2m and <= 0.95m && q is not (> 0.4m and < 0.45m) and not (> 0.75m and < 0.8m), q.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static UnitInputs Inputs(string unit, IEnumerable<Values.ValueChange> changes)
    {
        var inputs = new UnitInputs(Framework, unit);
        foreach (var change in changes)
        {
            var input = Framework.FindInput(change.Indicator, change.Input);
            Assert.NotNull(input);
            var parsed = InputValueParser.Parse(input, change.Value);
            Assert.True(parsed.Succeeded, $"{unit} {change.Indicator}/{change.Input} = {change.Value}");
            Assert.Null(inputs.Set(input, parsed.Value!.Value));
        }

        return inputs;
    }
}
