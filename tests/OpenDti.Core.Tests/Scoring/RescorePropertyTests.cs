using CsCheck;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// Scoring a cohort again after a few units changed (<see cref="ScoringEngine.Rescore"/>) is scoring it from scratch: on
/// every built-in framework, with random cohorts and random changes, whether or not the change moves a cohort's min or
/// max; and the cohort it started from is left as it was.
/// </summary>
public class RescorePropertyTests
{
    public static TheoryData<string> Frameworks() => [.. BuiltInFrameworks.Codes];

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Rescore_EqualsScoringTheCohortFromScratch(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var gen =
            from size in Gen.Int[1, 10]
            from seeds in Gen.Int.Array[size]
            from changing in Gen.Int[0, size - 1].Array[1, 3]
            from changeSeed in Gen.Int
            from inputs in Gen.Int[1, 4]
            select (seeds, changing, changeSeed, inputs);
        var paths = new int[2];
        gen.Sample(sample =>
        {
            var (seeds, changing, changeSeed, inputs) = sample;
            var units = WhatIfPropertyTests.Build(framework, seeds.Select(s => WhatIfPropertyTests.Values(framework, s)).ToArray());
            var baseline = ScoringEngine.Score(framework, units);
            var ranksBefore = baseline.Units.Select(u => (u.UnitCode, u.Rank, u.Total)).ToArray();

            var random = new Random(changeSeed);
            var changed = changing.Distinct().Select(u => Changed(units[u], inputs, random)).ToArray();
            var rescored = ScoringEngine.Rescore(baseline, changed);
            var real = ScoringEngine.Score(framework, units.Select(u => changed.FirstOrDefault(c => c.UnitCode == u.UnitCode) ?? u).ToArray());

            AssertSame(real, rescored);
            Assert.Equal(ranksBefore, baseline.Units.Select(u => (u.UnitCode, u.Rank, u.Total)).ToArray());
            var moved = Enumerable.Range(0, real.Statistics.Count)
                .Any(s => real.Statistics[s].Min != baseline.Statistics[s].Min || real.Statistics[s].Max != baseline.Statistics[s].Max);
            paths[moved ? 1 : 0]++;
        }, iter: 120);

        // Both ways were taken: only the changed units scored, and the whole cohort scored because a figure moved.
        Assert.True(paths[0] > 0, "no sample left the cohort's figures where they were");
        if (framework.CohortSlots.Count > 0)
        {
            Assert.True(paths[1] > 0, "no sample moved a cohort's figure");
        }
    }

    [Fact]
    public void AUnitNotInTheCohort_OrChangedTwice_IsRefused()
    {
        var framework = BuiltInFrameworks.Get("dti-department-2022");
        var units = WhatIfPropertyTests.Build(framework, [WhatIfPropertyTests.Values(framework, 1), WhatIfPropertyTests.Values(framework, 2)]);
        var baseline = ScoringEngine.Score(framework, units);

        Assert.Throws<ArgumentException>(() => ScoringEngine.Rescore(baseline, [new UnitInputs(framework, "KHAC")]));
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rescore(baseline, [units[0], units[0]]));
    }

    /// <summary>A copy of <paramref name="unit"/> with a few inputs drawn again (some cleared).</summary>
    private static UnitInputs Changed(UnitInputs unit, int count, Random random)
    {
        var framework = unit.Framework;
        var copy = new UnitInputs(framework, unit.UnitCode);
        foreach (var field in framework.ProfileFields)
        {
            if (unit.ProfileOf(field).IsDefined)
            {
                copy.SetProfile(field, unit.ProfileOf(field).Number);
            }
        }

        foreach (var (input, value) in unit.Reported())
        {
            _ = copy.Set(input, value);
        }

        for (var i = 0; i < count; i++)
        {
            var input = framework.Inputs[random.Next(framework.Inputs.Count)];
            if (WhatIfPropertyTests.Draw(input, random) is { } value)
            {
                _ = copy.Set(input, value);
            }
            else
            {
                copy.Clear(input);
            }
        }

        return copy;
    }

    private static void AssertSame(CohortScores expected, CohortScores actual)
    {
        Assert.Equal(expected.Units.Select(u => u.UnitCode), actual.Units.Select(u => u.UnitCode));
        foreach (var unit in expected.Units)
        {
            var other = actual.Find(unit.UnitCode)!;
            Assert.Equal(unit.Total, other.Total);
            Assert.Equal(unit.Rank, other.Rank);
            Assert.Equal(unit.Complete, other.Complete);
            foreach (var node in expected.Framework.Nodes)
            {
                Assert.Equal(unit[node], other[node]);
            }

            foreach (var mainIndex in expected.Framework.MainIndices)
            {
                Assert.Equal(unit.MainIndexRank(mainIndex), other.MainIndexRank(mainIndex));
            }
        }

        for (var s = 0; s < expected.Statistics.Count; s++)
        {
            Assert.Equal(expected.Statistics[s].Min, actual.Statistics[s].Min);
            Assert.Equal(expected.Statistics[s].Max, actual.Statistics[s].Max);
            Assert.Equal(expected.Statistics[s].Count, actual.Statistics[s].Count);
        }
    }
}
