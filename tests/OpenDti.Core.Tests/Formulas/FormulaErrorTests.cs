using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Text;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Formulas;

/// <summary>
/// A formula problem names its code, the column in the formula, what was found and what was
/// expected. Each case asserts the whole message.
/// </summary>
public class FormulaErrorTests
{
    public static TheoryData<string, string> SyntaxErrors => new()
    {
        { "target(ratio(b + c, a), )", "DTI2003 cột 25: gặp `)` nhưng cần một biểu thức (số, tên, hàm hoặc dấu `(`)" },
        { "ratio(a b)", "DTI2003 cột 9: gặp `b` nhưng cần `)`" },
        { "a +", "DTI2004 cột 4: công thức kết thúc sớm; cần một biểu thức (số, tên, hàm hoặc dấu `(`)" },
        { "target(a, 80%", "DTI2004 cột 14: công thức kết thúc sớm; cần `)`" },
        { "a # b", "DTI2002 cột 3: ký tự `#` không dùng được trong công thức" },
        { "a < b < c", "DTI2003 cột 7: gặp `<` nhưng cần kết thúc công thức" },
        { "", "DTI2001 cột 1: công thức trống" },
        { "a and", "DTI2004 cột 6: công thức kết thúc sớm; cần một biểu thức (số, tên, hàm hoặc dấu `(`)" },
        { "(a + b", "DTI2004 cột 7: công thức kết thúc sớm; cần `)`" },
        { "a b", "DTI2003 cột 3: gặp `b` nhưng cần kết thúc công thức" },
        { "profile.", "DTI2004 cột 9: công thức kết thúc sớm; cần một tên" },
    };

    public static TheoryData<string, string> NameAndTypeErrors => new()
    {
        { "x + a", "DTI3001 cột 1: không có tên `x`; chỉ số này có các đầu vào: a, b, c, d, e, f, pct, yes, no, pick" },
        { "profile.population", "DTI3002 cột 1: không có thông tin chung `profile.population`; bộ chỉ số có: pop, hh" },
        { "rate(a, b)", "DTI3003 cột 1: không có hàm `rate`; các hàm là: if, min, max, ratio, target, at_least, steps, each, minmax, best, when_undefined" },
        { "if(a > 1, 2)", "DTI3004 cột 1: hàm `if` cần 3 đối số (điều kiện, giá trị khi đúng, giá trị khi sai), nhưng có 2 đối số" },
        { "target(a, b)", "DTI3005 cột 11: đối số `t` của hàm `target` phải là hằng số, ví dụ 80% hoặc 1/2" },
        { "steps(a, 10 -> 1, 20 -> 1/2)", "DTI3006 cột 19: các ngưỡng của steps phải giảm dần: 20 đứng sau 10" },
        { "steps(a, 10 -> 2)", "DTI3007 cột 16: giá trị 2 phải nằm trong khoảng 0 đến 1 (phần của Điểm tối đa)" },
        { "minmax(best(a))", "DTI3008 cột 8: không thể dùng `best` bên trong đối số của minmax hoặc best" },
        { "if(a, 1, 0)", "DTI3010 cột 4: cần một điều kiện: phép so sánh, and/or/not hoặc đầu vào có/không" },
        { "a and yes", "DTI3010 cột 1: cần một điều kiện: phép so sánh, and/or/not hoặc đầu vào có/không" },
        { "ratio(a, 1 -> 2)", "DTI3011 cột 10: dấu `->` chỉ dùng cho các bậc của steps(...)" },
        { "steps(a, else -> 0, 1 -> 1)", "DTI3012 cột 10: `else -> ...` phải là bậc cuối cùng của steps" },
        { "target(a, 0)", "DTI3013 cột 11: giá trị này của hàm `target` phải lớn hơn 0" },
        { "steps(a, 1)", "DTI3014 cột 10: steps cần các bậc dạng `ngưỡng -> phần điểm` sau đối số đầu" },
        { "a / (1 - 1)", "DTI3015 cột 1: chia cho 0" },
    };

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    [MemberData(nameof(NameAndTypeErrors))]
    public void BadFormula_ReportsCodeColumnAndExpectation(string formula, string expected)
    {
        var issue = Assert.Single(Bind(formula).Issues);

        Assert.Equal(expected, Describe(issue, Language.Vietnamese));
    }

    [Fact]
    public void BadFormula_MessageHasAnEnglishTranslation()
    {
        var issue = Assert.Single(Bind("target(ratio(b + c, a), )").Issues);

        Assert.Equal(
            "DTI2003 cột 25: found `)` where an expression (a number, a name, a function or `(`) was expected",
            Describe(issue, Language.English));
    }

    [Fact]
    public void UnknownName_DoesNotAlsoReportATypeError()
    {
        var result = Bind("if(x, 1, 0)");

        Assert.Equal([DiagnosticCodes.UnknownName], result.Issues.Select(i => i.Code));
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var result = Bind("ratio(x, y) + rate(z)");

        Assert.Equal(
            [DiagnosticCodes.UnknownName, DiagnosticCodes.UnknownName, DiagnosticCodes.UnknownFunction, DiagnosticCodes.UnknownName],
            result.Issues.Select(i => i.Code));
    }

    [Fact]
    public void CohortFunction_InCheck_IsRefused()
    {
        var scope = new FormulaScope(Scope.InputsAndProfile.Inputs, Scope.InputsAndProfile.Profile, 10m, allowCohort: false, purpose: "check");

        var issue = Assert.Single(FormulaBinder.Bind("minmax(a) > 0", scope, FormulaType.Condition).Issues);

        Assert.Equal(DiagnosticCodes.CohortNotAllowed, issue.Code);
    }

    [Fact]
    public void Check_MustBeACondition()
    {
        var scope = new FormulaScope(Scope.InputsAndProfile.Inputs, Scope.InputsAndProfile.Profile, 10m, allowCohort: false, purpose: "check");

        var issue = Assert.Single(FormulaBinder.Bind("a + b", scope, FormulaType.Condition).Issues);

        Assert.Equal(DiagnosticCodes.ConditionExpected, issue.Code);
    }

    [Theory]
    [InlineData("1/2", "0.5")]
    [InlineData("70%", "0.7")]
    [InlineData("0.25", "0.25")]
    [InlineData("1", "1")]
    public void Constant_IsFolded(string text, string expected)
    {
        var result = FormulaBinder.BindConstant(text);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Value);
    }

    [Fact]
    public void Constant_WithAName_IsRefused()
    {
        var result = FormulaBinder.BindConstant("a / 2");

        Assert.Null(result.Value);
        Assert.Equal(DiagnosticCodes.UnknownName, Assert.Single(result.Issues).Code);
    }

    private static BindResult Bind(string formula) =>
        FormulaBinder.Bind(formula, new FormulaScope(Scope.InputsAndProfile.Inputs, Scope.InputsAndProfile.Profile, 10m));

    private static string Describe(FormulaIssue issue, Language language)
    {
        var diagnostic = Diagnostic.Error(issue.Code, SourceLocation.None, [.. issue.Arguments]);
        return $"{issue.Code} cột {issue.Start + 1}: {diagnostic.Message(language)}";
    }

    /// <summary>The inputs and profile of the standard test framework.</summary>
    private static class Scope
    {
        public static (IReadOnlyList<Core.Frameworks.InputSpec> Inputs, IReadOnlyList<Core.Frameworks.ProfileField> Profile) InputsAndProfile { get; } = Load();

        private static (IReadOnlyList<Core.Frameworks.InputSpec>, IReadOnlyList<Core.Frameworks.ProfileField>) Load()
        {
            var framework = TestFrameworks.SingleRule("a");
            return (framework.Leaves[0].Inputs, framework.ProfileFields);
        }
    }
}
