using OpenDti.Core.Scoring;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// A unit's results are a view into one array holding the whole cohort's: each unit must read its own
/// part, parents' fractions are computed on read, and a node of another framework is refused.
/// </summary>
public class UnitScoresTests
{
    private static readonly Core.Frameworks.Framework Framework = TestFrameworks.SingleRule("ratio(a, b)", 8m);

    private static CohortScores Score() => ScoringEngine.Score(
        Framework,
        [TestFrameworks.Inputs(Framework, "A", "a=1", "b=4"), TestFrameworks.Inputs(Framework, "B", "a=3", "b=4")]);

    [Fact]
    public void EachUnit_ReadsItsOwnResults()
    {
        var scores = Score();
        var leaf = Framework.Leaves[0];

        Assert.Equal((2.00m, 0.25m), (scores.Find("A")![leaf].Points, scores.Find("A")![leaf].Fraction));
        Assert.Equal((6.00m, 0.75m), (scores.Find("B")![leaf].Points, scores.Find("B")![leaf].Fraction));
        Assert.Equal([6.00m, 6.00m], scores.Find("B")!.Nodes.Select(n => n.Points));
        Assert.Equal(2.00m, scores.Find("A")!["1"].Points);
    }

    [Fact]
    public void AParentsFraction_IsItsPointsOverItsMaxPoints()
    {
        var scores = Score();
        var main = Framework.MainIndices[0];

        Assert.Equal(0.25m, scores.Find("A")![main].Fraction);
        Assert.Equal(0.75m, scores.Find("B")!.Nodes[main.Index].Fraction);
    }

    [Fact]
    public void ANodeOfAnotherFramework_IsRefused()
    {
        var other = TestFrameworks.SingleRule("ratio(a, b)", 8m);
        var scores = Score();

        var error = Assert.Throws<ArgumentException>(() => scores.Find("A")![other.Leaves[0]]);
        Assert.Contains("thu", error.Message, StringComparison.Ordinal);
    }
}
