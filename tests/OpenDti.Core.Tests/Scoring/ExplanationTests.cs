using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>Every point comes with a sentence, in Vietnamese with Vietnamese numbers, and a structured explanation.</summary>
public class ExplanationTests
{
    private static string Explain(string rule, decimal maxPoints, string? whenUndefined, params string[] values) =>
        ExplainFull(rule, maxPoints, whenUndefined, values).Text;

    private static Core.Scoring.Explanations.Explanation ExplainFull(string rule, decimal maxPoints, string? whenUndefined, params string[] values)
    {
        var framework = TestFrameworks.SingleRule(rule, maxPoints, whenUndefined);
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "U", values)]);
        return scores.Explain(scores.Units[0], framework.Leaves[0]);
    }

    [Fact]
    public void TargetBelow_ReadsAsInScoringMd() =>
        Assert.Equal(
            "Tỷ lệ = (b + c)/a = (2.000 + 1.574)/10.000 = 35,74% < 80% nên Điểm = 35,74%/80% × 20 = 8,94",
            Explain("target(ratio(b + c, a), 80%)", 20m, null, "a=10000", "b=2000", "c=1574"));

    [Fact]
    public void TargetReached() =>
        Assert.Equal(
            "Tỷ lệ = a/b = 9/10 = 90% ≥ 80% nên Điểm = Điểm tối đa = 20,00",
            Explain("target(ratio(a, b), 80%)", 20m, null, "a=9", "b=10"));

    [Fact]
    public void PlainRatio() =>
        Assert.Equal("Tỷ lệ = a/b = 1/4 = 25% nên Điểm = 25% × 10 = 2,50", Explain("ratio(a, b)", 10m, null, "a=1", "b=4"));

    [Fact]
    public void AllOrNothing_Below() =>
        Assert.Equal(
            "Tỷ lệ = a/b = 59/100 = 59% < 100% nên Điểm = 0",
            Explain("at_least(ratio(a, b), 100%)", 10m, null, "a=59", "b=100"));

    [Fact]
    public void LevelSteps_NameTheLevel() =>
        Assert.Equal(
            "Tỷ lệ = (a + b)/c = (0,3 + 0,5)/10 = 8% ≥ 7% (mức 2) nên Điểm = 70% × 5 = 3,50",
            Explain("steps(ratio(a + b, c), 10% -> 1, 7% -> 70%, 3% -> 30%, else -> 0)", 5m, null, "a=0.3", "b=0.5", "c=10"));

    [Fact]
    public void LevelSteps_Else() =>
        Assert.Equal(
            "a = 0,4 < 0,5 (mức 4) nên Điểm = 0",
            Explain("steps(a, 2 -> 1, 1 -> 70%, 0.5 -> 30%, else -> 0)", 2m, null, "a=0.4"));

    [Fact]
    public void CountSteps_BehindACondition() =>
        Assert.Equal(
            "Câu hỏi có: Có; a = 15 ≥ 10 (mức 2) nên Điểm = 1/2 × 10 = 5,00",
            Explain("if(yes, steps(a, 20 -> 1, 10 -> 1/2, else -> 1/4), 0)", 10m, null, "yes=có", "a=15"));

    [Fact]
    public void FalseCondition_GivingZero() =>
        Assert.Equal("Câu hỏi có: Không nên Điểm = 0", Explain("if(yes, steps(a, 20 -> 1, else -> 1/4), 0)", 10m, null, "yes=không"));

    [Fact]
    public void CountPerPoint_Capped() =>
        Assert.Equal(
            "a = 12 × 1 điểm = 12 điểm, không quá Điểm tối đa 10 nên Điểm = 10,00",
            Explain("each(a, 1)", 10m, null, "a=12"));

    [Fact]
    public void YesNo() =>
        Assert.Equal("Câu hỏi có: Có nên Điểm = Điểm tối đa = 10,00", Explain("yes", 10m, null, "yes=có"));

    [Fact]
    public void Choice() =>
        Assert.Equal("Lựa chọn: Một nửa nên Điểm = 1/2 × 10 = 5,00", Explain("pick", 10m, null, "pick=half"));

    [Fact]
    public void Parts_ShowTheFiguresInTheFormula_NamingInputsByTheirLabels() =>
        Assert.Equal(
            "Điểm = (4/5 × “Câu hỏi có” + 1/5 × “Câu hỏi không”) × Điểm tối đa = (4/5 × 1 + 1/5 × 0) × 10 = 8,00",
            Explain("4/5 * yes + 1/5 * no", 10m, null, "yes=có", "no=không"));

    [Fact]
    public void NotReported_NamesWhatIsMissing() =>
        Assert.Equal("Chưa kê khai a, c nên Điểm = 0", Explain("ratio(a + c, b)", 10m, null, "b=4"));

    [Fact]
    public void ZeroDenominator_SaysSo() =>
        Assert.Equal(
            "Tỷ lệ = a/b = 0/0 không xác định vì mẫu số bằng 0 nên Điểm = Điểm tối đa = 5,00",
            Explain("ratio(a, b)", 5m, "1", "a=0", "b=0"));

    [Fact]
    public void Clamped_SaysSo() =>
        Assert.Equal(
            "Tỷ lệ = a/b = 5/4 = 125% nên Điểm = 125% × 10 = 10,00 (giá trị vượt 100% được tính bằng 100%)",
            Explain("ratio(a, b)", 10m, null, "a=5", "b=4"));

    [Fact]
    public void English_IsAvailable()
    {
        var framework = TestFrameworks.SingleRule("target(ratio(a, b), 80%)", 20m);
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "U", "a=1234.5", "b=10000")]);

        Assert.Equal(
            "Ratio = a/b = 1,234.5/10,000 = 12.35% < 80% so Points = 12.35%/80% × 20 = 3.09",
            scores.Explain(scores.Units[0], framework.Leaves[0], Language.English).Text);
    }

    [Fact]
    public void Structured_ListsInputsMeasureAndBranch()
    {
        var explanation = ExplainFull("target(ratio(b + c, a), 80%)", 20m, null, "a=10000", "b=2000", "c=1574");

        Assert.Equal(["b", "c", "a"], explanation.Inputs.Select(i => i.Name));
        Assert.All(explanation.Inputs, i => Assert.Equal("reported", i.Source));
        Assert.Equal("(b + c)/a", explanation.MeasureFormula);
        Assert.Equal(Value.Of(0.3574m), explanation.Measure);
        Assert.Equal("35,74%", explanation.MeasureDisplay);
        Assert.Equal("below", explanation.Branch);
        var step = Assert.Single(explanation.Steps);
        Assert.Equal(("target", 0.8m), (step.Function, step.Threshold));
    }

    [Fact]
    public void Cohort_ShowsTheFiguresUsed()
    {
        var framework = TestFrameworks.SingleRule("minmax(ratio(a, b))");
        var units = new[] { ("A", "a=2"), ("B", "a=5"), ("C", "a=8") }.Select(u => TestFrameworks.Inputs(framework, u.Item1, u.Item2, "b=10")).ToArray();
        var scores = ScoringEngine.Score(framework, units);

        var explanation = scores.Explain(scores.Find("B")!, framework.Leaves[0]);

        Assert.Equal(
            "Tỷ lệ = a/b = 5/10 = 50%; trong nhóm đánh giá thấp nhất 20% (A), cao nhất 80% (C) nên Điểm = (50% - 20%)/(80% - 20%) × 10 = 5,00",
            explanation.Text);
        var step = Assert.Single(explanation.Steps);
        Assert.Equal((0.2m, 0.8m, 3), (step.CohortMin, step.CohortMax, step.CohortUnits));
    }

    [Fact]
    public void Parent_AddsItsChildren()
    {
        var framework = TestFrameworks.SingleRule("ratio(a, b)");
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "U", "a=1", "b=4")]);

        Assert.Equal("Bằng điểm của 1.1 = 2,50", scores.Explain(scores.Units[0], framework.Roots[0]).Text);
    }

    [Fact]
    public void Explaining_DoesNotChangeTheScores()
    {
        var framework = TestFrameworks.SingleRule("target(ratio(a, b), 80%)");
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "U", "a=1", "b=3")]);
        var before = scores.Units[0][framework.Leaves[0]];

        scores.Explain(scores.Units[0], framework.Leaves[0]);

        Assert.Equal(before, scores.Units[0][framework.Leaves[0]]);
    }
}
