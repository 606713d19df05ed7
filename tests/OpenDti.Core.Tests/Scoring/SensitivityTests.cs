using CsCheck;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// Sensitivity to the cohort: each point of a series is what scoring a real cohort whose best (or min, or
/// max) is that figure gives the unit, and the series' current point is the unit's points as scored.
/// </summary>
public class SensitivityTests
{
    /// <summary>Measures of 2 to 9 units: whole numbers 0 … 500, a few missing (null).</summary>
    private static readonly Gen<decimal?[]> Measures =
        Gen.Int[0, 10].SelectMany(k => k == 0 ? Gen.Const((decimal?)null) : Gen.Int[0, 500].Select(n => (decimal?)n)).Array[2, 9];

    [Theory]
    [InlineData("best(a)", "a")]
    [InlineData("minmax(a)", "a")]
    [InlineData("best(ratio(a, b))", "ratio")]
    [InlineData("minmax(ratio(a, b))", "ratio")]
    public void EveryPointOfASeries_IsWhatScoringACohortWithThatFigureGives(string rule, string shape)
    {
        var framework = TestFrameworks.SingleRule(rule, maxPoints: 20m);
        var leaf = framework.FindNode("1.1")!;
        var ratio = shape == "ratio";

        Measures.Where(m => m[0] is not null).Sample(measures =>
        {
            var scores = ScoringEngine.Score(framework, Cohort(framework, measures, ratio));
            var unit = scores.Find("U0")!;
            var sensitivities = Sensitivity.Of(scores, unit);
            Assert.Equal(rule.StartsWith("best", StringComparison.Ordinal) ? 1 : 2, sensitivities.Count);
            foreach (var sensitivity in sensitivities)
            {
                Assert.Same(leaf, sensitivity.Indicator);
                Assert.Equal(unit[leaf].Points, sensitivity.Points);
                Assert.Single(sensitivity.Series, p => p.Current);
                Assert.Equal(unit[leaf].Points, sensitivity.Series.Single(p => p.Current).Points);
                Assert.Equal(sensitivity.Series.Select(p => p.Figure).Order(), sensitivity.Series.Select(p => p.Figure));
                foreach (var point in sensitivity.Series)
                {
                    // A real cohort whose figure is point.Figure: every other unit's measure brought to it where it
                    // passes it, and a reference measure equal to it.
                    var moved = measures.Select((m, i) => i == 0 || m is null ? m : sensitivity.Figure == CohortFigure.Min
                        ? Math.Max(m.Value, Scale(point.Figure, ratio))
                        : Math.Min(m.Value, Scale(point.Figure, ratio))).ToArray();
                    var options = new ScoringOptions { References = [new ReferenceMeasure("1.1", "Tham chiếu", point.Figure)] };
                    var real = ScoringEngine.Score(framework, Cohort(framework, moved, ratio), options);
                    var statistics = real.Statistics[0];
                    Assert.Equal(point.Figure, sensitivity.Figure == CohortFigure.Min ? statistics.Min : statistics.Max);
                    Assert.Equal(sensitivity.Figure == CohortFigure.Min ? scores.Statistics[0].Max : scores.Statistics[0].Min, sensitivity.Figure == CohortFigure.Min ? statistics.Max : statistics.Min);
                    Assert.Equal(real.Find("U0")![leaf].Points, point.Points);
                }
            }
        });
    }

    [Fact]
    public void ABestSeries_GivesMorePointsAsTheBestFalls_AndFullPointsWhenTheUnitIsTheBest()
    {
        var framework = TestFrameworks.SingleRule("best(ratio(a, b))", maxPoints: 10m);
        var scores = ScoringEngine.Score(framework, [
            TestFrameworks.Inputs(framework, "A", "a=40", "b=100"),
            TestFrameworks.Inputs(framework, "B", "a=80", "b=100"),
        ]);

        var sensitivity = Assert.Single(Sensitivity.Of(scores, scores.Find("A")!));

        Assert.Equal((CohortKind.Best, CohortFigure.Best, 0.4m, 0.8m, 5.00m, true), (sensitivity.Kind, sensitivity.Figure, sensitivity.Measure, sensitivity.CurrentFigure, sensitivity.Points, sensitivity.IsPercent));
        Assert.Equal(
            ["0.4 → 10.00", "0.6 → 6.67", "0.72 → 5.56", "0.8 → 5.00 (now)", "0.88 → 4.55", "1 → 4.00"],
            sensitivity.Series.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Figure:0.####} → {p.Points:0.00}{(p.Current ? " (now)" : "")}")));
        Assert.Equal(10.00m, Sensitivity.PointsAt(scores, scores.Find("A")!, framework.FindNode("1.1")!, CohortFigure.Best, 0.4m));
    }

    [Fact]
    public void AUnitWithoutAMeasure_HasNoSeries_AndAnIndicatorWithoutACohortRuleIsLeftOut()
    {
        var framework = TestFrameworks.SingleRule("minmax(a)");
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "A", "b=1"), TestFrameworks.Inputs(framework, "B", "a=3")]);

        var sensitivities = Sensitivity.Of(scores, scores.Find("A")!);
        Assert.Equal([CohortFigure.Min, CohortFigure.Max], sensitivities.Select(s => s.Figure));
        Assert.All(sensitivities, s => Assert.Empty(s.Series));
        Assert.All(sensitivities, s => Assert.Null(s.Measure));

        var plain = TestFrameworks.SingleRule("ratio(a, b)");
        var plainScores = ScoringEngine.Score(plain, [TestFrameworks.Inputs(plain, "A", "a=1", "b=2")]);
        Assert.Empty(Sensitivity.Of(plainScores, plainScores.Find("A")!));
        Assert.Throws<ArgumentException>(() => Sensitivity.PointsAt(plainScores, plainScores.Find("A")!, plain.FindNode("1.1")!, CohortFigure.Best, 1m));
    }

    [Theory]
    [InlineData("dti-province-2022")]
    [InlineData("dti-department-2022")]
    [InlineData("dti-district-2023")]
    public void OnABuiltInFramework_EveryCohortIndicatorHasASeries_WhoseCurrentPointIsItsScore(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var random = new Random(15);
        var units = Enumerable.Range(0, 6).Select(u =>
        {
            var inputs = new UnitInputs(framework, "U" + u);
            foreach (var field in framework.ProfileFields)
            {
                inputs.SetProfile(field, 1000m + random.Next(0, 5000));
            }

            foreach (var input in framework.Inputs)
            {
                var value = input.Kind switch
                {
                    InputKind.YesNo => ReportedValue.OfAnswer(random.Next(2) == 0),
                    InputKind.Choice => ReportedValue.OfOption(input.Options[random.Next(input.Options.Count)].Key),
                    _ when input.IsPercent => ReportedValue.OfNumber(random.Next(0, 101) / 100m),
                    _ => ReportedValue.OfNumber(random.Next(0, 300)),
                };
                inputs.Set(input, value);
            }

            return inputs;
        }).ToArray();
        var scores = ScoringEngine.Score(framework, units);
        var cohortLeaves = framework.Leaves.Where(l => l.Rule!.Text.Contains("minmax(", StringComparison.Ordinal) || l.Rule.Text.Contains("best(", StringComparison.Ordinal)).ToArray();

        foreach (var unit in scores.Units)
        {
            var sensitivities = Sensitivity.Of(scores, unit);
            Assert.Equal(cohortLeaves.Select(l => l.Code.Value).Distinct(), sensitivities.Select(s => s.Indicator.Code.Value).Distinct());
            foreach (var sensitivity in sensitivities.Where(s => s.Series.Count > 0))
            {
                Assert.Equal(unit[sensitivity.Indicator].Points, sensitivity.Series.Single(p => p.Current).Points);
                Assert.All(sensitivity.Series, p => Assert.InRange(p.Points, 0m, sensitivity.Indicator.MaxPoints));
            }
        }
    }

    /// <summary>A measure as the input a (a ratio's a is out of b = 100).</summary>
    private static decimal Scale(decimal figure, bool ratio) => ratio ? figure * 100m : figure;

    private static UnitInputs[] Cohort(Framework framework, decimal?[] measures, bool ratio) =>
        measures.Select((m, i) =>
        {
            var values = new List<string> { "b=100" };
            if (m is { } a)
            {
                values.Add("a=" + a.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture));
            }

            return TestFrameworks.Inputs(framework, "U" + i, [.. values]);
        }).ToArray();
}
