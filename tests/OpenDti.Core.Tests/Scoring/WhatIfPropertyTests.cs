using System.Globalization;
using CsCheck;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// The what-if is the engine: on every built-in framework, a unit's figures with random changes equal those of the
/// cohort scored for real with the same values (points of every node, main indices and their ranks, total, rank),
/// including when the change moves a cohort's min or max; and every gain of the cheapest-points list, sent to the
/// what-if and to the engine, gains exactly its points and places.
/// </summary>
public class WhatIfPropertyTests
{
    public static TheoryData<string> Frameworks() => [.. BuiltInFrameworks.Codes];

    /// <summary>A value for an input drawn from <paramref name="random"/>: mostly plausible, sometimes 0 or small, sometimes missing (null).</summary>
    internal static ReportedValue? Draw(InputSpec input, Random random) => input.Kind switch
    {
        InputKind.YesNo => random.Next(5) switch { 0 => null, var i => ReportedValue.OfAnswer(i % 2 == 0) },
        InputKind.Choice => random.Next(input.Options.Count + 1) is var i && i == input.Options.Count ? null : ReportedValue.OfOption(input.Options[i].Key),
        _ when input.IsPercent => random.Next(10) == 0 ? null : ReportedValue.OfNumber(random.Next(10_001) / 10_000m),
        _ => random.Next(10) switch
        {
            0 => null,
            1 => ReportedValue.OfNumber(0m),
            2 => ReportedValue.OfNumber(random.Next(6)),
            _ => ReportedValue.OfNumber(random.Next(501)),
        },
    };

    /// <summary>A unit's values from a seed: each input drawn from its generator.</summary>
    internal static ReportedValue?[] Values(Framework framework, int seed)
    {
        var values = new ReportedValue?[framework.Inputs.Count];
        var random = new Random(seed);
        for (var slot = 0; slot < values.Length; slot++)
        {
            values[slot] = Draw(framework.Inputs[slot], random);
        }

        return values;
    }

    internal static List<UnitInputs> Build(Framework framework, IReadOnlyList<ReportedValue?[]> cohort)
    {
        var units = new List<UnitInputs>();
        for (var u = 0; u < cohort.Count; u++)
        {
            var unit = new UnitInputs(framework, "U" + u.ToString("D2", CultureInfo.InvariantCulture));
            foreach (var field in framework.ProfileFields)
            {
                unit.SetProfile(field, 50m + u);
            }

            for (var slot = 0; slot < cohort[u].Length; slot++)
            {
                if (cohort[u][slot] is { } value)
                {
                    // Values outside an input's range are left out, as a form refuses them.
                    _ = unit.Set(framework.Inputs[slot], value);
                }
            }

            units.Add(unit);
        }

        return units;
    }

    /// <summary>The cohort with the unit's inputs replaced: what scoring "for real" scores.</summary>
    private static CohortScores Real(Framework framework, IReadOnlyList<UnitInputs> units, UnitInputs changed) =>
        ScoringEngine.Score(framework, units.Select(u => u.UnitCode == changed.UnitCode ? changed : u).ToArray());

    private static void AssertEqual(CohortScores real, WhatIfResult whatIf)
    {
        var unit = real.Find(whatIf.UnitCode)!;
        Assert.Equal(unit.Total, whatIf.Total);
        Assert.Equal(unit.Rank, whatIf.Rank);
        foreach (var node in whatIf.Nodes)
        {
            Assert.Equal(unit[node.Node], node.After);
        }

        foreach (var mainIndex in whatIf.MainIndices)
        {
            Assert.Equal(unit[mainIndex.Node].Points, mainIndex.After);
            Assert.Equal(unit.MainIndexRank(mainIndex.Node), mainIndex.RankAfter);
        }
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void WhatIf_EqualsScoringTheChangedValuesForReal(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var gen =
            from size in Gen.Int[1, 8]
            from seeds in Gen.Int.Array[size]
            from who in Gen.Int[0, size - 1]
            from changeSeeds in Gen.Int.Array[1, 4]
            from picks in Gen.Int[0, framework.Inputs.Count - 1].Array[changeSeeds.Length]
            from clears in Gen.Int[0, 5].Array[changeSeeds.Length]
            select (seeds, who, changeSeeds, picks, clears);
        gen.Sample(sample =>
        {
            var (seeds, who, changeSeeds, picks, clears) = sample;
            var units = Build(framework, seeds.Select(s => Values(framework, s)).ToArray());
            var baseline = ScoringEngine.Score(framework, units);
            var whatIf = new WhatIf(baseline, units[who].UnitCode);
            var changes = new List<InputChange>();
            for (var i = 0; i < picks.Length; i++)
            {
                var input = framework.Inputs[picks[i]];
                var value = clears[i] == 0 ? null : Draw(input, new Random(changeSeeds[i]));
                if (changes.All(c => c.Input != input) && (value is not { } v || new UnitInputs(framework, "X").Set(input, v) is null))
                {
                    changes.Add(new InputChange(input, value));
                }
            }

            var result = whatIf.Run(changes);
            AssertEqual(Real(framework, units, result.Inputs), result);
            Assert.Equal(baseline.Find(units[who].UnitCode)!.Total, result.TotalBefore);
            Assert.Equal(baseline.Find(units[who].UnitCode)!.Rank, result.RankBefore);
        }, iter: 150);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void EveryGain_GivesExactlyItsPointsAndRank_WhenScoredForReal(string code)
    {
        var framework = BuiltInFrameworks.Get(code);
        var gen =
            from size in Gen.Int[2, 6]
            from seeds in Gen.Int.Array[size]
            from who in Gen.Int[0, size - 1]
            select (seeds, who);
        gen.Sample(sample =>
        {
            var (seeds, who) = sample;
            var units = Build(framework, seeds.Select(s => Values(framework, s)).ToArray());
            var baseline = ScoringEngine.Score(framework, units);
            var whatIf = new WhatIf(baseline, units[who].UnitCode);
            var before = baseline.Find(units[who].UnitCode)!;
            var gains = Gains.Find(whatIf);
            foreach (var gain in gains)
            {
                Assert.True(gain.PointsGained > 0m, $"{gain.Indicator.Code}: no points");
                Assert.True(gain.PointsAfter > gain.PointsBefore, $"{gain.Indicator.Code}: the indicator does not rise");
                var real = Real(framework, units, whatIf.Apply(gain.Changes)).Find(before.UnitCode)!;
                Assert.Equal(before.Total + gain.PointsGained, real.Total);
                Assert.Equal(before.Rank - gain.RankGained, real.Rank);
                Assert.Equal(gain.PointsAfter, real[gain.Indicator].Points);
            }

            // Cheapest points first.
            Assert.Equal(gains.OrderByDescending(g => g.PointsPerStep).Select(g => g.PointsPerStep), gains.Select(g => g.PointsPerStep));
        }, iter: 12);
    }

    [Fact]
    public void AnAssumedBest_ScoresTheCohortAsAReferenceValueWould()
    {
        // A best above the cohort's own is what a reference measure (last year's national best) does: the engine's
        // own figures with that reference are the oracle.
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        var slots = framework.Leaves.Where(l => l.Rule!.Text.Contains("best(", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(slots);
        Gen.Int.Array[5].Sample(seeds =>
        {
            var units = Build(framework, seeds.Select(s => Values(framework, s)).ToArray());
            var baseline = ScoringEngine.Score(framework, units);
            var leaf = slots[0];
            var assumed = 1_000_000m;
            var reference = ScoringEngine.Score(framework, units, new ScoringOptions { References = [new ReferenceMeasure(leaf.Code.Value, "x", assumed)] });
            var result = new WhatIf(baseline, units[0].UnitCode).Run([], [new CohortOverride(leaf.Code.Value, null, assumed)]);
            Assert.True(result.CohortMoved);
            AssertEqual(reference, result);
        }, iter: 20);
    }

    [Fact]
    public void AYesNoGain_IsTheOtherAnswer_AndACountGain_IsTheNextStep()
    {
        var yesNo = Scoring(SingleRule("yes"), "yes=không");
        var gain = Assert.Single(Gains.Find(yesNo));
        Assert.Equal(ReportedValue.OfAnswer(true), gain.To);
        Assert.Equal(10m, gain.PointsGained);

        // 3 documents or more: 10 points; 1 or more: 5. From 1, the next step is +2.
        var count = Scoring(SingleRule("steps(a, 3 -> 1, 1 -> 1/2, else -> 0)", count: true), "a=1");
        gain = Assert.Single(Gains.Find(count));
        Assert.Equal(ReportedValue.OfNumber(3m), gain.To);
        Assert.Equal(2, gain.Steps);
        Assert.Equal(5m, gain.PointsGained);
    }

    [Fact]
    public void ARatioGain_GoesToItsTarget_AndAChoiceGain_ToTheNextOption()
    {
        var ratio = Scoring(SingleRule("target(pct, 80%)"), "pct=35,7%");
        var gain = Assert.Single(Gains.Find(ratio));
        Assert.Equal(0.8m, gain.To.Number);
        Assert.Equal(10m - 4.46m, gain.PointsGained);

        var choice = Scoring(SingleRule("pick"), "pick=none");
        gain = Assert.Single(Gains.Find(choice));
        Assert.Equal("half", gain.To.Option);
        Assert.Equal(5m, gain.PointsGained);
    }

    [Fact]
    public void AMinMaxGain_CountsTheCohort_AndTheRankItWins()
    {
        // A at 10, B at 30, C at 20: A is the cohort's min and has 0 points. Raising A raises the min with it until A
        // passes C: the smallest gain is 21 (C becomes the min: (21 - 20)/(30 - 20) = 1 point), and C falls to 0 below A.
        var framework = SingleRule("minmax(a)", count: true);
        var units = new[] { ("A", "a=10"), ("B", "a=30"), ("C", "a=20") }
            .Select(u => OpenDti.Testing.TestFrameworks.Inputs(framework, u.Item1, u.Item2)).ToArray();
        var whatIf = new WhatIf(ScoringEngine.Score(framework, units), "A");
        var gain = Assert.Single(Gains.Find(whatIf));
        Assert.Equal(21m, gain.To.Number);
        Assert.Equal(11, gain.Steps);
        Assert.Equal(1m, gain.PointsGained);
        Assert.Equal(1, gain.RankGained);

        // Reported above the best, A becomes the best and moves the cohort's max: B's points fall, and A is first.
        var result = whatIf.Run([new InputChange(framework.FindInput("1.1", "a")!, ReportedValue.OfNumber(40m))]);
        Assert.True(result.CohortMoved);
        Assert.Equal(10m, result.Total);
        Assert.Equal(1, result.Rank);
        Assert.Equal(3, result.RankBefore);
    }

    private static Framework SingleRule(string rule, bool count = false)
    {
        var definition = OpenDti.Testing.TestFrameworks.Definition(rule);
        if (count)
        {
            var leaf = definition.Nodes[0].Children[0];
            leaf.Inputs[0].Count = true;
        }

        return FrameworkCompiler.Compile(definition).Framework!;
    }

    private static WhatIf Scoring(Framework framework, string value)
    {
        var unit = OpenDti.Testing.TestFrameworks.Inputs(framework, "A", value);
        var other = OpenDti.Testing.TestFrameworks.Inputs(framework, "B", value);
        return new WhatIf(ScoringEngine.Score(framework, [unit, other]), "A");
    }
}
