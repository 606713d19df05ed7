using CsCheck;
using OpenDti.Core.Ranking;
using OpenDti.Core.Scoring;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

public class RankingTests
{
    [Fact]
    public void EqualPoints_ShareARank_AndTheNextRankIsSkipped() =>
        Assert.Equal([1, 2, 2, 4], CompetitionRanking.Rank([90m, 80m, 80m, 70m], [true, true, true, true]));

    [Fact]
    public void EntriesThatDidNotTakePart_AreRankedLast_AndShareThatRank() =>
        Assert.Equal([2, 3, 1, 3], CompetitionRanking.Rank([50m, 0m, 60m, 99m], [true, false, true, false]));

    [Fact]
    public void Groups_RankEveryEntryOfALowerGroupFirst_WhateverThePoints() =>
        Assert.Equal(
            [3, 1, 4, 2, 4, 6],
            CompetitionRanking.Rank([900m, 50m, 0m, 40m, 0m, 0m], [true, true, true, true, true, false], [1, 0, 1, 0, 1, 1]));

    [Fact]
    public void Groups_AllZero_RankAsWithoutGroups()
    {
        decimal[] points = [50m, 0m, 60m, 99m, 60m];
        bool[] participated = [true, false, true, true, true];

        Assert.Equal(CompetitionRanking.Rank(points, participated), CompetitionRanking.Rank(points, participated, [0, 0, 0, 0, 0]));
    }

    [Fact]
    public void EqualPoints_WithDifferentScales_ShareARank() =>
        Assert.Equal([1, 1, 4, 1], CompetitionRanking.Rank([1.5m, 1.50m, 1.49m, 1.500m], [true, true, true, true]));

    [Fact]
    public void NegativeAndHugePoints_AreOrderedLikeNumbers() =>
        Assert.Equal(
            [4, 1, 3, 5, 2, 5],
            CompetitionRanking.Rank([-0.01m, decimal.MaxValue, 0.00m, -7922816251426433759354395033.5m, 9223372036854775.80m, -7922816251426433759354395033.5m], [true, true, true, true, true, true]));

    [Fact]
    public void Ranks_AreTheNumberOfEntriesWithMorePointsPlusOne()
    {
        // Any mix of scales, signs and sizes, with ties: the fast path (whole hundredths) and the
        // decimal path must both agree with the definition of a competition rank.
        var points = Gen.OneOf(
            Gen.Int[-200_000, 200_000].Select(cents => cents / 100m),
            Gen.Int[0, 20].Select(n => n / 4m),
            Gen.Decimal);
        Gen.Select(points.Array[0, 40], Gen.Bool.Array[40]).Sample((values, taking) =>
        {
            var participated = values.Select((_, i) => taking[i]).ToArray();
            var ranks = CompetitionRanking.Rank(values, participated);
            var takingPart = values.Where((_, i) => participated[i]).ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                var expected = participated[i] ? takingPart.Count(v => v > values[i]) + 1 : takingPart.Length + 1;
                Assert.Equal(expected, ranks[i]);
            }
        });
    }

    [Fact]
    public void Units_WithNothingReported_RankAfterUnitsScoringZero()
    {
        var framework = TestFrameworks.SingleRule("ratio(a, b)");
        var zero = TestFrameworks.Inputs(framework, "ZERO", "a=0", "b=5");
        var silent = new Core.Inputs.UnitInputs(framework, "SILENT");

        var scores = ScoringEngine.Score(framework, [silent, zero]);

        Assert.Equal(["ZERO", "SILENT"], scores.Units.Select(u => u.UnitCode));
        Assert.Equal((1, true), (scores.Find("ZERO")!.Rank, scores.Find("ZERO")!.Submitted));
        Assert.Equal((2, false), (scores.Find("SILENT")!.Rank, scores.Find("SILENT")!.Submitted));
    }

    [Fact]
    public void MainIndices_AreRankedToo()
    {
        var framework = TestFrameworks.SingleRule("ratio(a, b)");
        var units = new[] { ("A", "a=1"), ("B", "a=3"), ("C", "a=3") }
            .Select(u => TestFrameworks.Inputs(framework, u.Item1, u.Item2, "b=4"))
            .ToArray();

        var scores = ScoringEngine.Score(framework, units);
        var mainIndex = framework.MainIndices[0];

        Assert.Equal([3, 1, 1], new[] { "A", "B", "C" }.Select(u => scores.Find(u)!.MainIndexRank(mainIndex)));
        Assert.Equal(["B", "C", "A"], scores.Units.Select(u => u.UnitCode));
    }
}
