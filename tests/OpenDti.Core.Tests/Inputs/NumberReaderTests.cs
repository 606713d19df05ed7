using System.Globalization;
using CsCheck;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using Xunit;

namespace OpenDti.Core.Tests.Inputs;

/// <summary>The one rule for numbers written anywhere, one case per line of Cases/number-cases.txt.</summary>
public class NumberReaderTests
{
    public static TheoryData<string, bool, string> Cases()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Inputs", "Cases", "number-cases.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('⇶');
            var text = parts[0].TrimEnd(' ');
            var count = text.StartsWith("count: ", StringComparison.Ordinal);
            data.Add(count ? text["count: ".Length..] : text, count, parts[1].Trim());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_ReadsAsTheCaseSays(string text, bool count, string expected)
    {
        var read = NumberReader.Read(text, count);

        var actual = read.Succeeded
            ? read.Value.ToString(CultureInfo.InvariantCulture) + (read.Percent ? "%" : string.Empty)
            : read.Code;
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Ambiguous_SaysHowToWriteEitherReading()
    {
        var diagnostic = NumberReader.Read("1.234").ToDiagnostic(SourceLocation.None);

        Assert.Equal("`1.234` chưa rõ nghĩa: viết 1234 nếu là số nguyên, hoặc 1.2340 nếu `.` là dấu thập phân", diagnostic.Message());
        Assert.Equal("`1.234` is ambiguous: write 1234 for the whole number, or 1.2340 if `.` is the decimal mark", diagnostic.Message(Language.English));
        Assert.Equal(1234m, NumberReader.Read("1234").Value);
        Assert.Equal(1.234m, NumberReader.Read("1.2340").Value);
    }

    [Fact]
    public void TooLarge_NamesTheLargestNumber() =>
        Assert.Equal(
            "`79228162514264337593543950336` quá lớn: số lớn nhất ghi nhận được là 79.228.162.514.264.337.593.543.950.335",
            NumberReader.Read("79228162514264337593543950336").ToDiagnostic(SourceLocation.None).Message());

    [Fact]
    public void NotANumber_QuotesAnExcerpt_NotAHugeText()
    {
        var huge = new string('x', 2_000_000);

        var message = NumberReader.Read(huge).ToDiagnostic(SourceLocation.None).Message();

        Assert.StartsWith("`" + new string('x', 50) + "…` không phải là số: viết số như", message, StringComparison.Ordinal);
        Assert.True(message.Length < 200, message);
    }

    [Fact]
    public void Write_ReadsBackAsTheSameNumber_ForAnyDecimal() =>
        Gen.Decimal.Sample(value =>
        {
            var written = NumberReader.Write(value);
            var read = NumberReader.Read(written);
            return read.Succeeded && read.Value == value && !read.Percent;
        });

    [Theory]
    [InlineData("1.234", "1.2340")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("1234.567", "1234.567")]
    [InlineData("0.125", "0.125")]
    [InlineData("1.50", "1.5")]
    public void Write_AddsAZeroOnlyWhereTheDotWouldBeAmbiguous(string value, string written) =>
        Assert.Equal(written, NumberReader.Write(decimal.Parse(value, CultureInfo.InvariantCulture)));
}
