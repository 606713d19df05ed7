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
