using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Frameworks;

/// <summary>Loading a framework checks its structure and reports every problem at once.</summary>
public class FrameworkValidationTests
{
    /// <summary>The codes of the errors (the test framework's unused inputs give warnings, left out here).</summary>
    private static IReadOnlyList<string> Codes(FrameworkDefinition definition) =>
        FrameworkCompiler.Compile(definition).Errors.Select(d => d.Code).ToArray();

    private static NodeDefinition Leaf(FrameworkDefinition definition) => definition.Nodes[0].Children[0];

    [Fact]
    public void ValidDefinition_Compiles()
    {
        var compilation = FrameworkCompiler.Compile(TestFrameworks.Definition("ratio(a, b)"));

        Assert.True(compilation.Succeeded);
        Assert.Equal(10m, compilation.Framework!.TotalPoints);
    }

    [Fact]
    public void ChildrenNotAddingUp_IsAnError()
    {
        var definition = TestFrameworks.Definition("a", maxPoints: 10m);
        definition.Nodes[0].MaxPoints = 12m;
        definition.TotalPoints = 12m;

        var diagnostic = Assert.Single(FrameworkCompiler.Compile(definition).Errors);

        Assert.Equal(DiagnosticCodes.PointsDoNotAddUp, diagnostic.Code);
        Assert.Equal("tổng điểm tối đa của các nút con là 10, khác điểm tối đa 12 của `1`", diagnostic.Message());
        Assert.Equal("1", diagnostic.Location.NodeCode);
    }

    [Fact]
    public void ChildrenAddingUpToMore_IsAnError_UnlessCapped()
    {
        var definition = TestFrameworks.Definition("a", maxPoints: 10m);
        definition.Nodes[0].MaxPoints = 8m;
        definition.TotalPoints = 8m;
        Assert.Equal([DiagnosticCodes.PointsExceedParent], Codes(definition));

        definition.Nodes[0].Capped = true;
        Assert.True(FrameworkCompiler.Compile(definition).Succeeded);
    }

    [Fact]
    public void Capped_WhenChildrenAddUpExactly_IsAWarning()
    {
        var definition = TestFrameworks.Definition("a");
        definition.Nodes[0].Capped = true;

        var compilation = FrameworkCompiler.Compile(definition);

        Assert.True(compilation.Succeeded);
        Assert.Equal(
            DiagnosticCodes.CappedNotNeeded,
            Assert.Single(compilation.Diagnostics, d => d.Code != DiagnosticCodes.UnusedInput).Code);
    }

    [Fact]
    public void TotalNotAddingUp_IsAnError()
    {
        var definition = TestFrameworks.Definition("a");
        definition.TotalPoints = 1000m;

        Assert.Equal([DiagnosticCodes.TotalDoesNotAddUp], Codes(definition));
    }

    [Fact]
    public void DuplicateCode_IsAnError()
    {
        var definition = TestFrameworks.Definition("a", maxPoints: 10m);
        var twin = new NodeDefinition { Code = "1.1", Name = "Trùng", MaxPoints = 0.5m, Rule = "1" };
        definition.Nodes[0].Children.Add(twin);
        definition.Nodes[0].MaxPoints = 10.5m;
        definition.TotalPoints = 10.5m;

        Assert.Contains(DiagnosticCodes.DuplicateCode, Codes(definition));
    }

    [Theory]
    [InlineData("1..2")]
    [InlineData("1 .2")]
    [InlineData(".1")]
    [InlineData("1/2")]
    public void MalformedCode_IsAnError(string code)
    {
        var definition = TestFrameworks.Definition("a");
        Leaf(definition).Code = code;

        Assert.Contains(DiagnosticCodes.InvalidCode, Codes(definition));
    }

    [Fact]
    public void IndicatorCode_MustExtendItsParentsCode()
    {
        var definition = TestFrameworks.Definition("a");
        Leaf(definition).Code = "2.1";

        Assert.Equal([DiagnosticCodes.ChildCodePrefix], Codes(definition));
    }

    [Fact]
    public void Leaf_WithoutRule_IsAnError()
    {
        var definition = TestFrameworks.Definition("a");
        Leaf(definition).Rule = null;

        Assert.Equal([DiagnosticCodes.LeafWithoutRule], Codes(definition));
    }

    [Fact]
    public void InnerNode_WithRuleOrInputs_IsAnError()
    {
        var definition = TestFrameworks.Definition("a");
        definition.Nodes[0].Rule = "1";
        definition.Nodes[0].Inputs.Add(new InputDefinition { Name = "x", Label = "x" });

        var codes = Codes(definition);

        Assert.Contains(DiagnosticCodes.InnerNodeWithRule, codes);
        Assert.Contains(DiagnosticCodes.InnerNodeWithInputs, codes);
    }

    [Fact]
    public void GroupBelowAMainIndex_IsAnError()
    {
        var definition = TestFrameworks.Definition("a");
        Leaf(definition).Kind = "group";

        Assert.Contains(DiagnosticCodes.KindPlacement, Codes(definition));
    }

    [Fact]
    public void BadInputs_AreAllReported()
    {
        var definition = TestFrameworks.Definition("a");
        var inputs = Leaf(definition).Inputs;
        inputs.Add(new InputDefinition { Name = "a", Label = "trùng" });
        inputs.Add(new InputDefinition { Name = "2x", Label = "tên sai" });
        inputs.Add(new InputDefinition { Name = "max_points", Label = "từ khóa" });
        inputs.Add(new InputDefinition { Name = "k", Label = "loại sai", Kind = "text" });
        inputs.Add(new InputDefinition { Name = "m", Label = "khoảng sai", Min = 5, Max = 1 });
        inputs.Add(new InputDefinition { Name = "ch", Label = "lựa chọn rỗng", Kind = "choice" });
        inputs.Add(new InputDefinition { Name = "n", Kind = "number" });

        var codes = Codes(definition);

        Assert.Contains(DiagnosticCodes.DuplicateInput, codes);
        Assert.Contains(DiagnosticCodes.InvalidInputName, codes);
        Assert.Contains(DiagnosticCodes.ReservedInputName, codes);
        Assert.Contains(DiagnosticCodes.UnknownInputKind, codes);
        Assert.Contains(DiagnosticCodes.MinGreaterThanMax, codes);
        Assert.Contains(DiagnosticCodes.ChoiceWithoutOptions, codes);
        Assert.Contains(DiagnosticCodes.MissingField, codes);
    }

    [Fact]
    public void OptionFraction_OutsideZeroToOne_IsAnError()
    {
        var definition = TestFrameworks.Definition("pick");
        Leaf(definition).Inputs.Single(i => i.Name == "pick").Options[0].Fraction = "3/2";

        Assert.Contains(DiagnosticCodes.OptionFractionOutOfRange, Codes(definition));
    }

    [Fact]
    public void UnusedInput_IsAWarningOnly()
    {
        var compilation = FrameworkCompiler.Compile(TestFrameworks.Definition("a"));

        Assert.True(compilation.Succeeded);
        Assert.All(compilation.Diagnostics, d => Assert.Equal(DiagnosticCodes.UnusedInput, d.Code));
    }

    [Fact]
    public void FormulaError_IsPlacedAtItsColumnWithTheNodeCode()
    {
        var definition = TestFrameworks.Definition("a");
        Leaf(definition).Rule = new FormulaText("target(a, )", new SourceLocation("f.yaml", 12, 11));

        var diagnostic = Assert.Single(FrameworkCompiler.Compile(definition).Errors);

        Assert.Equal(new SourceLocation("f.yaml", 12, 21, "1.1", "rule", new FormulaSpan("target(a, )", 11, 1)), diagnostic.Location);
        Assert.Equal(
            "f.yaml:12:21: lỗi DTI2003: chỉ số 1.1, công thức `rule`, cột 11: gặp `)` nhưng cần một biểu thức (số, tên, hàm hoặc dấu `(`)",
            diagnostic.ToLine());
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var definition = TestFrameworks.Definition("x + ");
        definition.Code = "Bad Code";
        definition.Year = null;
        definition.Level = "country";
        Leaf(definition).MaxPoints = -1m;

        var codes = Codes(definition);

        Assert.Contains(DiagnosticCodes.InvalidFrameworkCode, codes);
        Assert.Contains(DiagnosticCodes.MissingField, codes);
        Assert.Contains(DiagnosticCodes.UnknownLevel, codes);
        Assert.Contains(DiagnosticCodes.InvalidMaxPoints, codes);
        Assert.Contains(DiagnosticCodes.FormulaUnexpectedEnd, codes);
    }

    [Fact]
    public void WhenUndefined_OutsideZeroToOne_IsAnError()
    {
        Assert.Contains(DiagnosticCodes.WhenUndefinedOutOfRange, Codes(TestFrameworks.Definition("ratio(a, b)", whenUndefined: "2")));
    }
}
