using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Inputs;

/// <summary>Inputs that count things (<c>count: true</c>).</summary>
public class CountTests
{
    private static NodeDefinition Leaf(FrameworkDefinition definition) => definition.Nodes[0].Children[0];

    private static InputDefinition Input(FrameworkDefinition definition, string name) => Leaf(definition).Inputs.Single(i => i.Name == name);

    private static Framework Compile(FrameworkDefinition definition) =>
        FrameworkCompiler.Compile(definition).Framework ?? throw new InvalidOperationException("does not compile");

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
}
