using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Inputs;

/// <summary>
/// Checks between inputs declared in a framework (<c>checks: [{ rule, message, level }]</c>): validated when the
/// framework compiles, evaluated on a unit's figures, and told in people's words (labels and figures).
/// </summary>
public class CrossInputCheckTests
{
    private static FrameworkDefinition WithCheck(string rule, string? level, string message = "Phần không thể lớn hơn tổng")
    {
        var definition = TestFrameworks.Definition("ratio(a, b)");
        definition.Nodes[0].Children[0].Checks.Add(new CheckDefinition { Rule = rule, Message = message, Level = level });
        return definition;
    }

    private static Framework Compile(FrameworkDefinition definition) =>
        FrameworkCompiler.Compile(definition).Framework ?? throw new InvalidOperationException("does not compile");

    [Theory]
    [InlineData(null, CheckLevel.Warn)]
    [InlineData("warn", CheckLevel.Warn)]
    [InlineData("refuse", CheckLevel.Refuse)]
    [InlineData(" Refuse ", CheckLevel.Refuse)]
    public void Level_IsReadFromTheFramework_WarnByDefault(string? level, CheckLevel expected)
    {
        var framework = Compile(WithCheck("a <= b", level));

        Assert.Equal(expected, Assert.Single(framework.Leaves[0].Checks).Level);
    }

    [Fact]
    public void AnUnknownLevel_IsALocatedError()
    {
        var compiled = FrameworkCompiler.Compile(WithCheck("a <= b", "block"));

        Assert.Null(compiled.Framework);
        var error = Assert.Single(compiled.Errors);
        Assert.Equal(DiagnosticCodes.CheckLevelUnknown, error.Code);
        Assert.Equal(("1.1", "checks.level"), (error.Location.NodeCode, error.Location.Field));
        Assert.Contains("`block`", error.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARuleThatNamesNoInput_IsALocatedError_ByTheFormulaLanguage()
    {
        var compiled = FrameworkCompiler.Compile(WithCheck("ket_noi <= b", "refuse"));

        var error = Assert.Single(compiled.Errors);
        Assert.Equal(DiagnosticCodes.UnknownName, error.Code);
        Assert.Equal("1.1", error.Location.NodeCode);
    }

    [Fact]
    public void ABreach_NamesTheInputsByTheirLabels_WithTheFigures()
    {
        var framework = Compile(WithCheck("a <= b", "refuse"));
        var inputs = TestFrameworks.Inputs(framework, "U", "a=60", "b=41");

        var breach = Assert.Single(InputChecks.Breaches(inputs));

        Assert.True(breach.Refuses);
        Assert.Equal("a", breach.Input!.Name);
        var diagnostic = breach.ToDiagnostic();
        Assert.True(diagnostic.IsError);
        Assert.Equal(("1.1", "a"), (diagnostic.Location.NodeCode, diagnostic.Location.Field));
        Assert.Equal("Phần không thể lớn hơn tổng: cần “a = số thử” ≤ “b = số thử”, nhưng số liệu cho 60 ≤ 41", diagnostic.Message());
        Assert.Equal(
            "Phần không thể lớn hơn tổng: “a = số thử” ≤ “b = số thử” is required, but the figures give 60 ≤ 41",
            diagnostic.Message(Language.English));
    }

    [Fact]
    public void AWarning_IsAWarning_AndAProfileFieldIsNamedByItsLabel()
    {
        var framework = Compile(WithCheck("a + b <= profile.pop", null, "Không quá dân số"));
        var inputs = TestFrameworks.Inputs(framework, "U", "a=1200", "b=300", "profile.pop=1000");

        var diagnostic = Assert.Single(InputChecks.Breaches(inputs)).ToDiagnostic();

        Assert.False(diagnostic.IsError);
        Assert.Equal("Không quá dân số: cần “a = số thử” + “b = số thử” ≤ “Dân số”, nhưng số liệu cho 1.200 + 300 ≤ 1.000", diagnostic.Message());
    }

    [Fact]
    public void Breaches_AreOnlyThoseReadingATouchedInput_AndAnUndecidedCheckIsNone()
    {
        var definition = WithCheck("a <= b", "refuse");
        definition.Nodes[0].Children[0].Checks.Add(new CheckDefinition { Rule = "c <= d", Message = "c ≤ d", Level = "warn" });
        var framework = Compile(definition);
        var inputs = TestFrameworks.Inputs(framework, "U", "a=5", "b=4", "c=9", "d=1");
        var leaf = framework.Leaves[0];

        Assert.Equal(2, InputChecks.Breaches(inputs).Count);
        var touched = Assert.Single(InputChecks.Breaches(inputs, new HashSet<InputSpec> { leaf.Inputs.Single(i => i.Name == "d") }));
        Assert.Equal("c <= d", touched.Check.Text);
        Assert.Empty(InputChecks.Breaches(TestFrameworks.Inputs(framework, "U", "a=5")));
        Assert.Empty(InputChecks.Breaches(TestFrameworks.Inputs(framework, "U", "a=4", "b=4", "c=1", "d=1")));
    }

    [Fact]
    public void Explanations_NameInputsByTheirLabels_NeverByTheirVariableNames()
    {
        var framework = TestFrameworks.SingleRule("1/2 * yes + 1/2 * no");
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "U", "yes=có")]);

        Assert.Equal("Chưa kê khai “Câu hỏi không” nên Điểm = 0", scores.Explain(scores.Units[0], framework.Leaves[0]).Text);
        Assert.Equal("1/2 × “Câu hỏi có” + 1/2 × “Câu hỏi không”", scores.Explain(scores.Units[0], framework.Leaves[0]).MeasureFormula);
    }

    [Fact]
    public void Explanations_NameAProfileFieldByItsLabel()
    {
        var framework = TestFrameworks.SingleRule("ratio(a, profile.pop)");
        var scores = ScoringEngine.Score(framework, [TestFrameworks.Inputs(framework, "U", "a=1", "profile.pop=4")]);

        Assert.Equal("Tỷ lệ = a/“Dân số” = 1/4 = 25% nên Điểm = 25% × 10 = 2,50", scores.Explain(scores.Units[0], framework.Leaves[0]).Text);
    }
}
