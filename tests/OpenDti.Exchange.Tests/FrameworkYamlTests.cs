using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Frameworks;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Exchange.Tests;

/// <summary>Reading framework files: every problem points at its file, line and column.</summary>
public class FrameworkYamlTests
{
    private const string Header = """
        code: thu
        name: Thử
        year: 2024
        level: department
        total_points: 10
        nodes:
          - code: "1"
            name: Chính
            max_points: 10
            children:
              - code: "1.1"
                name: Lá
                max_points: 10
                inputs:
                  - name: a
                    label: a = số
                  - name: b
                    label: b = số

        """;

    private static FrameworkLoadResult Load(string rule) => FrameworkLoader.Load(Header + rule, "thu.yaml");

    [Fact]
    public void PlainFormula_ErrorIsAtItsLineAndColumn()
    {
        var diagnostic = Assert.Single(Load("        rule: target(ratio(a, b), )\n").Errors);

        Assert.Equal(("thu.yaml", 19, 35), (diagnostic.Location.File, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(
            "thu.yaml:19:35: lỗi DTI2003: chỉ số 1.1, công thức `rule`, cột 21: gặp `)` nhưng cần một biểu thức (số, tên, hàm hoặc dấu `(`)",
            diagnostic.ToLine());
        Assert.Equal(
            """
            thu.yaml:19:35: lỗi DTI2003: chỉ số 1.1, công thức `rule`, cột 21: gặp `)` nhưng cần một biểu thức (số, tên, hàm hoặc dấu `(`)
                target(ratio(a, b), )
                                    ^
            """.ReplaceLineEndings(),
            diagnostic.ToDisplay());
    }

    [Fact]
    public void QuotedFormula_ErrorColumnSkipsTheQuote()
    {
        var diagnostic = Assert.Single(Load("        rule: \"ratio(a, x)\"\n").Errors);

        Assert.Equal((19, 25), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(DiagnosticCodes.UnknownName, diagnostic.Code);
    }

    [Fact]
    public void BlockFormula_ErrorIsOnTheRightLine()
    {
        var diagnostic = Assert.Single(Load("        rule: |\n          target(\n            ratio(a, x), 80%)\n").Errors);

        Assert.Equal((21, 22), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Fact]
    public void UnknownField_IsAnError_WithTheFieldsThatExist()
    {
        var result = FrameworkLoader.Load(Header.Replace("max_points: 10\n    children", "max_point: 10\n    children", StringComparison.Ordinal) + "        rule: ratio(a, b)\n", "thu.yaml");

        var unknown = Assert.Single(result.Errors, d => d.Code == DiagnosticCodes.YamlUnknownField);
        Assert.Equal(9, unknown.Location.Line);
        Assert.StartsWith("trường `max_point` không có trong định dạng; các trường dùng được: code, name, kind, max_points", unknown.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void YamlSyntaxError_GivesLineAndColumn()
    {
        var result = FrameworkLoader.Load("code: thu\nname: [unclosed\nyear: 2024\n", "bad.yaml");

        var diagnostic = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal("bad.yaml", diagnostic.Location.File);
        Assert.NotNull(diagnostic.Location.Line);
    }

    [Fact]
    public void NotANumber_IsAnError()
    {
        var result = FrameworkLoader.Load(Header.Replace("total_points: 10", "total_points: mười", StringComparison.Ordinal) + "        rule: a\n", "thu.yaml");

        Assert.Contains(result.Errors, d => d.Code == DiagnosticCodes.YamlNotANumber && d.Location.Line == 5);
    }

    [Fact]
    public void EmptyFile_IsAnError() =>
        Assert.Equal(DiagnosticCodes.YamlEmpty, Assert.Single(FrameworkLoader.Load("", "empty.yaml").Errors).Code);

    [Fact]
    public void ValidationErrors_CarryTheNodesLine()
    {
        var result = FrameworkLoader.Load(Header.Replace("max_points: 10\n        inputs", "max_points: 9\n        inputs", StringComparison.Ordinal) + "        rule: ratio(a, b)\n", "thu.yaml");

        var diagnostic = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.PointsDoNotAddUp, diagnostic.Code);
        Assert.Equal(("1", 9), (diagnostic.Location.NodeCode, diagnostic.Location.Line));
    }

    [Fact]
    public void WrittenYaml_ReadsBackToTheSameFramework()
    {
        var original = FrameworkLoader.Load(TestFrameworks.RepositoryFile("samples/frameworks/example.yaml"), "example.yaml").Framework!;

        var yaml = FrameworkYamlWriter.Write(original.Definition);
        var reloaded = FrameworkLoader.Load(yaml, "written.yaml");

        Assert.Empty(reloaded.Diagnostics);
        Assert.Equal(FrameworkJsonWriter.Write(original), FrameworkJsonWriter.Write(reloaded.Framework!));
        Assert.Equal(yaml, FrameworkYamlWriter.Write(reloaded.Framework!.Definition));
        Assert.Contains("code: \"1.1\"", yaml, StringComparison.Ordinal);
        Assert.Contains("Nhận thức số", yaml, StringComparison.Ordinal);
        Assert.Equal(3, reloaded.Framework.Leaves.Sum(l => l.Inputs.Count(i => i.PartOf is not null)));
        Assert.Equal("a", reloaded.Framework.FindInput("3.4", "b")!.PartOf!.Name);
        Assert.True(reloaded.Framework.FindInput("2.1", "a")!.IsCount);
        Assert.Equal((true, 1m), (reloaded.Framework.FindProfileField("civil_servants")!.IsCount, reloaded.Framework.FindProfileField("civil_servants")!.Min));
    }

    [Fact]
    public void DocumentationExample_IsTheSampleFile_AndLoadsWithoutAnyDiagnostic()
    {
        var doc = TestFrameworks.RepositoryFile("docs/frameworks.md");
        var start = doc.IndexOf("<!-- example:start -->\n```yaml\n", StringComparison.Ordinal) + "<!-- example:start -->\n```yaml\n".Length;
        var end = doc.IndexOf("```\n<!-- example:end -->", StringComparison.Ordinal);
        var example = doc[start..end];

        Assert.Equal(TestFrameworks.RepositoryFile("samples/frameworks/example.yaml"), example);
        Assert.Empty(FrameworkLoader.Load(example, "docs/frameworks.md").Diagnostics);
    }
}
