using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Inputs;

/// <summary>Inputs that count things (<c>count: true</c>) and inputs that are a part of another (<c>part_of</c>).</summary>
public class PartsAndCountsTests
{
    private static NodeDefinition Leaf(FrameworkDefinition definition) => definition.Nodes[0].Children[0];

    private static InputDefinition Input(FrameworkDefinition definition, string name) => Leaf(definition).Inputs.Single(i => i.Name == name);

    private static Framework Compile(FrameworkDefinition definition) =>
        FrameworkCompiler.Compile(definition).Framework ?? throw new InvalidOperationException("does not compile");

    [Fact]
    public void PartOf_LinksThePartToItsWhole()
    {
        var definition = TestFrameworks.Definition("ratio(b, a)");
        Input(definition, "b").PartOf = "a";

        var framework = Compile(definition);

        Assert.Same(framework.FindInput("1.1", "a"), framework.FindInput("1.1", "b")!.PartOf);
        Assert.Null(framework.FindInput("1.1", "a")!.PartOf);
    }

    [Theory]
    [InlineData("b", "z", DiagnosticCodes.PartOfUnknownInput, "`b` ghi `part_of: z` nhưng chỉ số không có đầu vào `z` nào khác; các đầu vào: a, c, d, e, f, pct, yes, no, pick")]
    [InlineData("b", "b", DiagnosticCodes.PartOfUnknownInput, "`b` ghi `part_of: b` nhưng chỉ số không có đầu vào `b` nào khác; các đầu vào: a, c, d, e, f, pct, yes, no, pick")]
    [InlineData("b", "yes", DiagnosticCodes.PartOfOtherKind, "`b` là một phần của `yes` thì cả hai phải là đầu vào số cùng loại (cùng là phần trăm hoặc cùng không)")]
    [InlineData("pick", "a", DiagnosticCodes.PartOfOtherKind, "`pick` là một phần của `a` thì cả hai phải là đầu vào số cùng loại (cùng là phần trăm hoặc cùng không)")]
    [InlineData("pct", "a", DiagnosticCodes.PartOfOtherKind, "`pct` là một phần của `a` thì cả hai phải là đầu vào số cùng loại (cùng là phần trăm hoặc cùng không)")]
    public void PartOf_NamingNoInputOrOneOfAnotherKind_IsALocatedError(string part, string whole, string code, string message)
    {
        var definition = TestFrameworks.Definition("ratio(b, a)");
        Input(definition, part).PartOf = whole;
        Input(definition, part).FieldLocations["part_of"] = new SourceLocation("f.yaml", 12, 17);

        var diagnostic = Assert.Single(FrameworkCompiler.Compile(definition).Errors);

        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(message, diagnostic.Message());
        Assert.Equal(("f.yaml", 12, "1.1", "inputs.part_of"), (diagnostic.Location.File, diagnostic.Location.Line, diagnostic.Location.NodeCode, diagnostic.Location.Field));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("pick")]
    [InlineData("pct")]
    public void Count_OnAnInputThatIsNotACountedNumber_IsAnError(string name)
    {
        var definition = TestFrameworks.Definition("a");
        Input(definition, name).Count = true;

        Assert.Equal([DiagnosticCodes.CountNotANumber], FrameworkCompiler.Compile(definition).Errors.Select(d => d.Code));
    }

    [Fact]
    public void Count_RefusesFractions_WithTheInputAndItsUnit()
    {
        var definition = TestFrameworks.Definition("a");
        Input(definition, "a").Count = true;
        Input(definition, "a").Unit = "người";
        Input(definition, "b").Count = true;
        var framework = Compile(definition);
        var unit = new UnitInputs(framework, "U");

        var fraction = unit.Set(framework.FindInput("1.1", "a")!, ReportedValue.OfNumber(1.5m));
        var tiny = unit.Set(framework.FindInput("1.1", "b")!, ReportedValue.OfNumber(2.00001m));

        Assert.Equal("giá trị 1,5 không phải số nguyên; `a` đếm số người nên chỉ nhận số nguyên", fraction!.Message());
        Assert.Equal("the value 2.00001 is not a whole number; `b` counts things, so only whole numbers are accepted", tiny!.Message(Language.English));
        Assert.Null(unit.Set(framework.FindInput("1.1", "a")!, ReportedValue.OfNumber(1234m)));
        Assert.Equal(1, unit.AnsweredCount);
    }

    [Fact]
    public void Count_ReadsAnAmbiguousNumberAsThousands_AndAFractionIsRefused()
    {
        var definition = TestFrameworks.Definition("a");
        Input(definition, "a").Count = true;
        var framework = Compile(definition);
        var a = framework.FindInput("1.1", "a")!;

        Assert.Equal(1234m, InputValueParser.Parse(a, "1.234").Value!.Value.Number);
        Assert.Equal(1234m, InputValueParser.Parse(a, "1,234").Value!.Value.Number);
        Assert.Equal(1.5m, InputValueParser.Parse(a, "1,5").Value!.Value.Number);
        Assert.NotNull(new UnitInputs(framework, "U").Set(a, InputValueParser.Parse(a, "1,5").Value!.Value));
    }

    [Fact]
    public void Parts_AboveTheirWhole_AreFound_AndAMissingWholeIsNotCompared()
    {
        var definition = TestFrameworks.Definition("ratio(b + c, a)");
        Input(definition, "b").PartOf = "a";
        Input(definition, "c").PartOf = "a";
        var framework = Compile(definition);
        var (a, b, c) = (framework.FindInput("1.1", "a")!, framework.FindInput("1.1", "b")!, framework.FindInput("1.1", "c")!);
        var unit = new UnitInputs(framework, "U");
        unit.Set(b, ReportedValue.OfNumber(120m));

        Assert.Empty(InputParts.Exceeding(unit));

        unit.Set(a, ReportedValue.OfNumber(100m));
        unit.Set(c, ReportedValue.OfNumber(100m));
        var exceeding = Assert.Single(InputParts.Exceeding(unit));

        Assert.Equal((b, a, 120m, 100m), (exceeding.Part, exceeding.Whole, exceeding.PartValue, exceeding.WholeValue));
        Assert.Equal("“b = số thử” = 120 lớn hơn “a = số thử” = 100: phần không thể lớn hơn tổng của nó", exceeding.ToDiagnostic().Message());
        Assert.Equal(("1.1", "b"), (exceeding.ToDiagnostic().Location.NodeCode, exceeding.ToDiagnostic().Location.Field));
    }
}
