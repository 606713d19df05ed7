using System.Globalization;
using System.Text;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing.Province;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// The hand-written dti-province-2022 scorer (the benchmarks' baseline, docs/performance.md) and the
/// engine agree exactly on generated cohorts: every node's points, every total, every rank. Without
/// this the benchmark would compare two different computations.
/// </summary>
public class HandWrittenAgreementTests
{
    private static readonly Framework Province = BuiltInFrameworks.Get("dti-province-2022");

    private static readonly HandWrittenProvince HandWritten = new(Province);

    [Theory]
    [InlineData(700, 2022)]
    [InlineData(700, 1)]
    [InlineData(700, 7)]
    [InlineData(700, 12345)]
    [InlineData(1500, 99)]
    public void HandWrittenAndEngine_AgreeOnEveryNodeTotalAndRank(int units, int seed)
    {
        var cohort = ProvinceCohort.Generate(Province, units, seed);

        AssertAgree(cohort, new ScoringOptions { MaxDegreeOfParallelism = 1 });
    }

    [Fact]
    public void HandWrittenAndEngine_AgreeWhenTheEngineRunsInParallel() =>
        AssertAgree(ProvinceCohort.Generate(Province, 700, 3), ScoringOptions.Default);

    /// <summary>Tiny cohorts: min = max in every min-max rule (flat), a best of 0, a lone unit.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(1, 5)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(0, 1)]
    public void HandWrittenAndEngine_AgreeOnTinyCohorts(int units, int seed) =>
        AssertAgree(ProvinceCohort.Generate(Province, units, seed), new ScoringOptions { MaxDegreeOfParallelism = 1 });

    [Fact]
    public void HandWrittenAndEngine_AgreeWhenEveryCohortMeasureIsEqual()
    {
        // Every unit the same: min = max for every min-max rule, so points go to whoever is above 0.
        var template = ProvinceCohort.Generate(Province, 1, 11)[0];
        var cohort = Enumerable.Range(1, 4).Select(i => Copy(template, "C" + i)).ToList();
        cohort.Add(new UnitInputs(Province, "EMPTY"));

        AssertAgree(cohort, new ScoringOptions { MaxDegreeOfParallelism = 1 });
    }

    /// <summary>
    /// Differences below 10⁻²⁰ do not count in comparisons. No plausible figure of this framework comes
    /// that close to a threshold (its rules never multiply a quotient before comparing it), so the
    /// generator cannot reach this path; these units do.
    /// </summary>
    [Fact]
    public void HandWrittenAndEngine_AgreeOnDifferencesBelowTheTolerance()
    {
        var cohort = ProvinceCohort.Generate(Province, 20, 5).ToList();
        var near = Copy(cohort[0], "NEAR");
        Set(near, "6.8", "a", 999_999_999_999_999_999_999m);     // a / b = 1 − 10⁻²¹: at_least 100% holds
        Set(near, "6.8", "b", 1_000_000_000_000_000_000_000m);
        Set(near, "5.12.2", "a", 1.999999999999999999999m);      // 2 − 10⁻²¹: the 2 tỷ step holds
        // each(a, 1) of 6.21 counts activities: a count is a whole number, so 10 − 10⁻²¹ cannot be reported.
        Assert.NotNull(near.Set(Province.FindInput("6.21", "a")!, ReportedValue.OfNumber(9.999999999999999999999m)));
        var far = Copy(cohort[0], "FAR");
        Set(far, "6.8", "a", 99_999_999_999_999_999_999m);       // a / b = 1 − 10⁻¹⁹: it does not
        Set(far, "6.8", "b", 100_000_000_000_000_000_000m);
        Set(far, "5.12.2", "a", 1.9999999999999999999m);
        cohort.Add(near);
        cohort.Add(far);

        var scores = ScoringEngine.Score(Province, cohort, new ScoringOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(8m, scores.Find("NEAR")!["6.8"].Points);
        Assert.Equal(2m, scores.Find("NEAR")!["5.12.2"].Points);
        Assert.Equal(0m, scores.Find("FAR")!["6.8"].Points);
        Assert.Equal(1.4m, scores.Find("FAR")!["5.12.2"].Points);
        AssertAgree(cohort, new ScoringOptions { MaxDegreeOfParallelism = 1 });
    }

    /// <summary>The generated cohort reaches every path the benchmark should cost (asked of the engine's own flags).</summary>
    [Fact]
    public void GeneratedCohort_ExercisesEveryScoringPath()
    {
        var cohort = ProvinceCohort.Generate(Province, 700);
        var scores = ScoringEngine.Score(Province, cohort, new ScoringOptions { MaxDegreeOfParallelism = 1 });
        var leaves = scores.Units.SelectMany(u => Province.Leaves.Select(l => (Unit: u, Leaf: l, Score: u[l]))).ToArray();

        bool Any(Func<(UnitScores Unit, FrameworkNode Leaf, NodeScore Score), bool> predicate) => leaves.Any(predicate);
        bool Flag((UnitScores Unit, FrameworkNode Leaf, NodeScore Score) x, ScoreFlags flag) => (x.Score.Flags & flag) != 0;
        bool Points((UnitScores Unit, FrameworkNode Leaf, NodeScore Score) x, string code, decimal points) =>
            x.Leaf.Code.Value == code && x.Score.Points == points && (x.Score.Flags & ScoreFlags.NotReported) == 0;

        Assert.True(Any(x => Flag(x, ScoreFlags.NotReported)), "missing inputs");
        Assert.True(Any(x => Flag(x, ScoreFlags.Undefined) && x.Score.Points == 0m), "undefined, when_undefined 0");
        Assert.True(Any(x => Flag(x, ScoreFlags.Undefined) && x.Leaf.Code.Value == "5.5" && x.Score.Points == 5m), "undefined, when_undefined 1 (5.5)");
        Assert.True(Any(x => Flag(x, ScoreFlags.Undefined) && x.Leaf.Code.Value == "5.11" && x.Score.Points == 5m), "undefined, when_undefined 1 (5.11)");
        Assert.True(Any(x => Flag(x, ScoreFlags.Clamped)), "clamped");

        // Every level of every kind of steps, on the threshold too.
        foreach (var level in new[] { 10m, 5m, 2.5m, 0m })
        {
            Assert.True(Any(x => Points(x, "1.5", level)), $"1.5 at {level}");
        }

        foreach (var level in new[] { 5m, 3.5m, 1.5m, 0m })
        {
            Assert.True(Any(x => Points(x, "5.12.1", level)), $"5.12.1 at {level}");
        }

        foreach (var level in new[] { 2m, 1.4m, 0.6m, 0m })
        {
            Assert.True(Any(x => Points(x, "5.12.2", level)), $"5.12.2 at {level}");
        }

        Assert.Contains(cohort, u => ValueOf(u, "5.12.1", "c") is { } c && c != 0m
            && ValueOf(u, "5.12.1", "a") + ValueOf(u, "5.12.1", "b") == c * 0.07m);

        // Targets reached exactly and from above, at_least both ways, each below and at the cap.
        Assert.Contains(cohort, u => ValueOf(u, "8.2", "a") is { } a && a != 0m && a == ValueOf(u, "8.2", "b") * 0.8m);
        Assert.True(Any(x => Points(x, "6.8", 8m)) && Any(x => Points(x, "6.8", 0m)), "at_least");
        Assert.True(Any(x => Points(x, "6.21", 10m)) && Any(x => x.Leaf.Code.Value == "6.21" && x.Score.Points is > 0m and < 10m), "each");

        // Cohort rules: the lowest and highest of every min-max, the best.
        foreach (var code in new[] { "4.5", "4.6", "4.11", "5.1", "5.9", "5.10", "8.6", "8.7" })
        {
            var max = Province.FindNode(code)!.MaxPoints;
            Assert.True(Any(x => Points(x, code, 0m)) && Any(x => Points(x, code, max)), $"min-max {code}");
        }

        Assert.True(Any(x => Points(x, "7.10", 10m)) && Any(x => x.Leaf.Code.Value == "7.10" && x.Score.Points is > 0m and < 10m), "best");

        // Ranks: ties, and units that reported nothing ranked last.
        Assert.Contains(scores.Units, u => !u.Submitted && u.Rank == scores.Units.Count(s => s.Submitted) + 1);
        Assert.True(
            scores.Units.Where(u => u.Submitted).GroupBy(u => u.MainIndexRank(Province.MainIndices[1])).Any(g => g.Count() > 1),
            "ties on main index 2");
    }

    /// <summary>The assertion can fail: a cohort altered for the hand-written scorer only is caught.</summary>
    [Fact]
    public void Agreement_DetectsADifference()
    {
        var cohort = ProvinceCohort.Generate(Province, 50, 8);
        var altered = cohort.Select(u => Copy(u, u.UnitCode)).ToArray();
        var input = Province.FindInput("2.1", "da_ban_hanh")!;
        var unit = altered.First(u => u.ValueOf(input).IsDefined);
        Assert.Null(unit.Set(input, ReportedValue.OfAnswer(unit.ValueOf(input).Number == 0m)));

        var engine = ScoringEngine.Score(Province, cohort, new ScoringOptions { MaxDegreeOfParallelism = 1 });
        var handWritten = HandWritten.Score(altered);

        Assert.NotEmpty(Differences(cohort, engine, handWritten));
    }

    private static void AssertAgree(IReadOnlyList<UnitInputs> cohort, ScoringOptions options)
    {
        var engine = ScoringEngine.Score(Province, cohort, options);
        var handWritten = HandWritten.Score(cohort);

        var differences = Differences(cohort, engine, handWritten);

        Assert.True(differences.Count == 0, $"{differences.Count} differences, the first ones:\n{string.Join('\n', differences.Take(20))}");
    }

    private static List<string> Differences(IReadOnlyList<UnitInputs> cohort, CohortScores engine, HandWrittenProvince.Result handWritten)
    {
        var differences = new List<string>();
        Assert.Equal(cohort.Count, handWritten.Count);
        for (var u = 0; u < cohort.Count; u++)
        {
            var scores = engine.Find(cohort[u].UnitCode)!;
            foreach (var node in Province.Nodes)
            {
                if (scores[node].Points != handWritten.Points(u, node.Index))
                {
                    differences.Add(Describe(cohort[u], node, $"engine {scores[node].Points}, hand-written {handWritten.Points(u, node.Index)}"));
                }
            }

            if (scores.Total != handWritten.Total(u))
            {
                differences.Add($"{cohort[u].UnitCode} total: engine {scores.Total}, hand-written {handWritten.Total(u)}");
            }

            if (scores.Rank != handWritten.Rank(u))
            {
                differences.Add($"{cohort[u].UnitCode} rank: engine {scores.Rank}, hand-written {handWritten.Rank(u)}");
            }

            for (var i = 0; i < Province.MainIndices.Count; i++)
            {
                var rank = scores.MainIndexRank(Province.MainIndices[i]);
                if (rank != handWritten.MainIndexRank(u, i))
                {
                    differences.Add($"{cohort[u].UnitCode} rank on {Province.MainIndices[i].Code}: engine {rank}, hand-written {handWritten.MainIndexRank(u, i)}");
                }
            }
        }

        return differences;
    }

    private static string Describe(UnitInputs unit, FrameworkNode node, string what)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{unit.UnitCode} {node.Code}: {what}");
        if (node.Rule is { } rule)
        {
            text.Append(CultureInfo.InvariantCulture, $" [{rule.Text}:");
            foreach (var input in node.Inputs)
            {
                text.Append(CultureInfo.InvariantCulture, $" {input.Name}={unit.ValueOf(input)}");
            }

            text.Append(']');
        }

        return text.ToString();
    }

    private static void Set(UnitInputs unit, string node, string name, decimal value) =>
        Assert.Null(unit.Set(Province.FindInput(node, name)!, ReportedValue.OfNumber(value)));

    private static decimal? ValueOf(UnitInputs unit, string node, string name) =>
        unit.ValueOf(Province.FindInput(node, name)!) is { IsDefined: true } value ? value.Number : null;

    private static UnitInputs Copy(UnitInputs source, string code)
    {
        var copy = new UnitInputs(Province, code);
        foreach (var (input, value) in source.Reported())
        {
            Assert.Null(copy.Set(input, value));
        }

        foreach (var field in Province.ProfileFields)
        {
            if (source.ProfileOf(field) is { IsDefined: true } value)
            {
                copy.SetProfile(field, value.Number);
            }
        }

        return copy;
    }
}
