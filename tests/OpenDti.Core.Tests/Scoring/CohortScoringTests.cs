using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Scoring;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>Cohort-relative rules: min-max and relative to best, with reference values and edge cases.</summary>
public class CohortScoringTests
{
    private static CohortScores Score(string rule, IReadOnlyList<ReferenceMeasure>? references = null, params string[][] units)
    {
        var framework = TestFrameworks.SingleRule(rule);
        var inputs = units.Select((values, i) => TestFrameworks.Inputs(framework, "U" + (i + 1), values)).ToArray();
        return ScoringEngine.Score(framework, inputs, new ScoringOptions { References = references ?? [] });
    }

    private static decimal Points(CohortScores scores, string unit) => scores.Find(unit)![scores.Framework.Leaves[0]].Points;

    [Fact]
    public void MinMax_SpreadsTheCohortOverZeroToMax()
    {
        var scores = Score("minmax(ratio(a, b))", null, ["a=2", "b=10"], ["a=5", "b=10"], ["a=8", "b=10"]);

        Assert.Equal([0m, 5m, 10m], new[] { "U1", "U2", "U3" }.Select(u => Points(scores, u)));
    }

    [Fact]
    public void MinMax_IgnoresUndefinedAndMissingMeasures()
    {
        var scores = Score("minmax(ratio(a, b))", null, ["a=2", "b=10"], ["a=8", "b=10"], ["a=0", "b=0"], ["a=9"]);
        var leaf = scores.Framework.Leaves[0];

        Assert.Equal(0.2m, scores.Statistics[0].Min);
        Assert.Equal(0.8m, scores.Statistics[0].Max);
        Assert.Equal(2, scores.Statistics[0].Count);
        Assert.Equal(ScoreFlags.Undefined, scores.Find("U3")![leaf].Flags);
        Assert.Equal(ScoreFlags.NotReported, scores.Find("U4")![leaf].Flags);
    }

    [Fact]
    public void MinMax_WhenMinEqualsMax_GivesFullPointsAboveZero()
    {
        var equal = Score("minmax(a)", null, ["a=3"], ["a=3"]);
        var zeros = Score("minmax(a)", null, ["a=0"], ["a=0"]);
        var single = Score("minmax(a)", null, ["a=1"]);

        Assert.Equal([10m, 10m], new[] { "U1", "U2" }.Select(u => Points(equal, u)));
        Assert.Equal([0m, 0m], new[] { "U1", "U2" }.Select(u => Points(zeros, u)));
        Assert.Equal(10m, Points(single, "U1"));
    }

    [Fact]
    public void MinMax_WithReferenceValues_EstimatesASingleUnit()
    {
        ReferenceMeasure[] references = [new("1.1", "Thấp nhất cả nước", 0m), new("1.1", "Cao nhất cả nước", 0.9979m)];

        var scores = Score("minmax(ratio(a, b))", references, ["a=4321", "b=10000"]);

        Assert.Equal(4.33m, Points(scores, "U1"));
        Assert.Equal("Cao nhất cả nước", scores.Statistics[0].MaxSource);
        Assert.Equal(1, scores.Statistics[0].Count);
    }

    [Fact]
    public void Best_IsRelativeToTheHighest()
    {
        var scores = Score("best(ratio(a, b))", null, ["a=3", "b=10"], ["a=5", "b=10"]);

        Assert.Equal(6m, Points(scores, "U1"));
        Assert.Equal(10m, Points(scores, "U2"));
    }

    [Fact]
    public void Best_WithReference_AboveEveryUnit()
    {
        var scores = Score("best(ratio(a, b))", [new("1.1", "Cao nhất cả nước 2022", 0.9185m)], ["a=3426", "b=10000"]);

        Assert.Equal(3.73m, Points(scores, "U1"));
    }

    [Fact]
    public void Best_WhenTheHighestIsZero_GivesZero()
    {
        var scores = Score("best(a)", null, ["a=0"], ["a=0"]);

        Assert.Equal(0m, Points(scores, "U1"));
    }

    [Fact]
    public void ReferenceValues_ForAnotherIndicator_AreNotUsed()
    {
        var scores = Score("best(a)", [new("9.9", "Khác", 100m)], ["a=5"]);

        Assert.Equal(10m, Points(scores, "U1"));
    }
}
