using OpenDti.Core.Diagnostics;
using OpenDti.Core.Inputs;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Inputs;

public class InputValueParserTests
{
    private static readonly Core.Frameworks.Framework Framework = TestFrameworks.SingleRule("a");

    private static Core.Frameworks.InputSpec Input(string name) => Framework.FindInput("1.1", name)!;

    [Theory]
    [InlineData("1234,5", "1234.5")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("0,25", "0.25")]
    [InlineData("35,74%", "0.3574")]
    [InlineData(" 12 ", "12")]
    [InlineData("-3", "-3")]
    public void Numbers_ReadByTheOneRule(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), InputValueParser.Parse(Input("a"), text).Value!.Value.Number);

    [Theory]
    [InlineData("1 234", DiagnosticCodes.NotANumber)]
    [InlineData("12a", DiagnosticCodes.NotANumber)]
    [InlineData("1e5", DiagnosticCodes.NotANumber)]
    [InlineData("%", DiagnosticCodes.NotANumber)]
    [InlineData("1.234", DiagnosticCodes.NumberAmbiguous)]
    [InlineData("1.23,4", DiagnosticCodes.NumberGrouping)]
    public void Numbers_RefusedWithTheReason(string text, string code)
    {
        var result = InputValueParser.Parse(Input("a"), text);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Code);
    }

    [Fact]
    public void PercentInput_TakesThePercentWithOrWithoutTheSign()
    {
        Assert.Equal(0.3574m, InputValueParser.Parse(Input("pct"), "35,74").Value!.Value.Number);
        Assert.Equal(0.3574m, InputValueParser.Parse(Input("pct"), "35,74%").Value!.Value.Number);
    }

    [Theory]
    [InlineData("có", true)]
    [InlineData("Có", true)]
    [InlineData("co", true)]
    [InlineData("yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("không", false)]
    [InlineData("khong", false)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void YesNo(string text, bool expected) =>
        Assert.Equal(expected, InputValueParser.Parse(Input("yes"), text).Value!.Value.Answer);

    [Fact]
    public void YesNo_RefusesOtherWords() =>
        Assert.Equal(DiagnosticCodes.NotYesNo, InputValueParser.Parse(Input("yes"), "maybe").Code);

    [Fact]
    public void Choice_TakesTheOptionKey()
    {
        Assert.Equal("half", InputValueParser.Parse(Input("pick"), "Half").Value!.Value.Option);

        var wrong = InputValueParser.Parse(Input("pick"), "most");
        Assert.Equal(DiagnosticCodes.UnknownOption, wrong.Code);
        Assert.Equal("`most` không phải lựa chọn của `pick`; các lựa chọn: full, half, none", wrong.ToDiagnostic(SourceLocation.None).Message());
    }

    [Fact]
    public void RangeIsCheckedWhenSet()
    {
        var definition = TestFrameworks.Definition("a");
        definition.Nodes[0].Children[0].Inputs[0].Min = 0;
        definition.Nodes[0].Children[0].Inputs[0].Max = 100;
        var framework = Core.Frameworks.FrameworkCompiler.Compile(definition).Framework!;
        var unit = new UnitInputs(framework, "U");
        var a = framework.FindInput("1.1", "a")!;

        Assert.Equal(DiagnosticCodes.BelowMin, unit.Set(a, ReportedValue.OfNumber(-1))!.Code);
        Assert.Equal(DiagnosticCodes.AboveMax, unit.Set(a, ReportedValue.OfNumber(101))!.Code);
        Assert.Equal(0, unit.AnsweredCount);
        Assert.Null(unit.Set(a, ReportedValue.OfNumber(100)));
        Assert.Equal(1, unit.AnsweredCount);
    }
}
