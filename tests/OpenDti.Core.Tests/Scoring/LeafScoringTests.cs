using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>How one indicator's value becomes points and flags: clamping, missing, undefined, rounding.</summary>
public class LeafScoringTests
{
    private static NodeScore Score(string rule, decimal maxPoints = 10m, string? whenUndefined = null, params string[] values)
    {
        var framework = TestFrameworks.SingleRule(rule, maxPoints, whenUndefined);
        var unit = TestFrameworks.Inputs(framework, "U", values);
        return ScoringEngine.Score(framework, [unit]).Units[0][framework.Leaves[0]];
    }

    [Fact]
    public void Ratio_GivesItsShareOfMaxPoints() =>
        Assert.Equal(new NodeScore(2.50m, 0.25m, Core.Formulas.Runtime.Value.Of(0.25m), ScoreFlags.None), Score("ratio(a, b)", values: ["a=1", "b=4"]));

    [Fact]
    public void MissingInput_ScoresZero_AndIsFlaggedNotReported()
    {
        var score = Score("ratio(a, b)", values: ["a=1"]);

        Assert.Equal(0m, score.Points);
        Assert.Equal(ScoreFlags.NotReported, score.Flags);
        Assert.True(score.Measure.IsMissing);
    }

    [Fact]
    public void ReportedZero_IsNotMissing()
    {
        var score = Score("ratio(a, b)", values: ["a=0", "b=4"]);

        Assert.Equal(0m, score.Points);
        Assert.Equal(ScoreFlags.None, score.Flags);
    }

    [Fact]
    public void ZeroDenominator_IsUndefined_AndScoresWhenUndefined()
    {
        var byDefault = Score("ratio(a, b)", values: ["a=0", "b=0"]);
        var full = Score("ratio(a, b)", whenUndefined: "1", values: ["a=0", "b=0"]);
        var half = Score("ratio(a, b)", whenUndefined: "1/2", values: ["a=0", "b=0"]);

        Assert.Equal((0m, ScoreFlags.Undefined), (byDefault.Points, byDefault.Flags));
        Assert.Equal((10m, ScoreFlags.Undefined), (full.Points, full.Flags));
        Assert.Equal(5m, half.Points);
        Assert.True(byDefault.Measure.IsUndefined);
    }

    [Fact]
    public void ValueAboveOne_IsClampedToMaxPoints_AndFlagged()
    {
        var score = Score("ratio(a, b)", values: ["a=5", "b=4"]);

        Assert.Equal((10m, 1m, ScoreFlags.Clamped), (score.Points, score.Fraction, score.Flags));
        Assert.Equal(1.25m, score.Measure.Number);
    }

    [Fact]
    public void NegativeValue_IsClampedToZero_AndFlagged()
    {
        var score = Score("a - b", values: ["a=1", "b=4"]);

        Assert.Equal((0m, ScoreFlags.Clamped), (score.Points, score.Flags));
    }

    [Fact]
    public void Target_CapsAtMaxPoints_WithoutAClampedFlag()
    {
        var score = Score("target(ratio(a, b), 50%)", values: ["a=9", "b=10"]);

        Assert.Equal((10m, ScoreFlags.None), (score.Points, score.Flags));
        Assert.Equal(0.9m, score.Measure.Number);
    }

    [Theory]
    [InlineData("0.0125", 10, "0.13")]
    [InlineData("0.8925", 10, "8.93")]
    [InlineData("0.0124", 10, "0.12")]
    [InlineData("0.89249", 10, "8.92")]
    [InlineData("1", 8.5, "8.50")]
    public void Points_AreRoundedHalfAwayFromZero_ToTwoDecimals(string rule, decimal maxPoints, string expected) =>
        Assert.Equal(expected, Score(rule, maxPoints).Points.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Points_IgnoreTheLastDigitNoiseOfAQuotient()
    {
        // 1/48 × 6 is exactly 0.125; the 28-digit quotient gives 0.1249999999999999999999999998.
        var score = Score("ratio(a, 48) * 6", maxPoints: 1m, values: ["a=1"]);

        Assert.Equal(0.13m, score.Points);
    }

    [Theory]
    [InlineData("7%")]
    [InlineData("80%")]
    [InlineData("100%")]
    [InlineData("0.25%")]
    public void RatioReachingThresholdExactly_MeetsIt_WhateverTheDecimals(string threshold)
    {
        var t = decimal.Parse(threshold.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100m;
        var framework = TestFrameworks.SingleRule($"at_least(ratio(a, b), {threshold})");
        foreach (var denominator in new[] { 100m, 3m, 7m, 12345.67m, 0.03m, 1234567.891m, 999999999m })
        {
            var unit = new UnitInputs(framework, "U");
            unit.Set(framework.FindInput("1.1", "a")!, ReportedValue.OfNumber(denominator * t));
            unit.Set(framework.FindInput("1.1", "b")!, ReportedValue.OfNumber(denominator));

            var score = ScoringEngine.Score(framework, [unit]).Units[0][framework.Leaves[0]];

            Assert.True(score.Points == 10m, $"{denominator * t}/{denominator} should reach {threshold}");
        }
    }

    [Fact]
    public void ReportedPercentage_IsExact()
    {
        var score = Score("target(pct, 80%)", maxPoints: 20m, values: ["pct=35,74%"]);

        Assert.Equal(8.94m, score.Points); // 0.3574 / 0.8 × 20 = 8.935 → 8.94
        Assert.Equal(0.3574m, score.Measure.Number);
    }

    [Theory]
    [InlineData("a=20", "10.00")]
    [InlineData("a=19.99", "5.00")]
    [InlineData("a=10", "5.00")]
    [InlineData("a=9", "2.50")]
    [InlineData("a=0", "2.50")]
    public void Steps_AtTheirEdges(string value, string expected) =>
        Assert.Equal(
            expected,
            Score("steps(a, 20 -> 1, 10 -> 1/2, else -> 1/4)", values: [value]).Points.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("a=9", "9.00")]
    [InlineData("a=10", "10.00")]
    [InlineData("a=11", "10.00")]
    public void Each_CapsAtMaxPoints(string value, string expected) =>
        Assert.Equal(expected, Score("each(a, 1)", values: [value]).Points.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Choice_GivesTheOptionsShare()
    {
        Assert.Equal(5m, Score("pick", values: ["pick=half"]).Points);
        Assert.Equal(10m, Score("pick", values: ["pick=FULL"]).Points);
        Assert.Equal(0m, Score("pick", values: ["pick=none"]).Points);
    }

    [Fact]
    public void ConditionalRule_NeedsOnlyTheBranchTaken()
    {
        var score = Score("if(no, steps(a, 20 -> 1, else -> 1/4), 0)", values: ["no=không"]);

        Assert.Equal((0m, ScoreFlags.None), (score.Points, score.Flags));
    }
}
