using OpenDti.Core.Text;
using Xunit;

namespace OpenDti.Core.Tests.Text;

public class NumberTextTests
{
    [Theory]
    [InlineData("1234.56", "1.234,56")]
    [InlineData("1234567", "1.234.567")]
    [InlineData("0.07", "0,07")]
    [InlineData("20", "20")]
    [InlineData("-3.5", "-3,5")]
    public void Number_IsWrittenTheVietnameseWay(string value, string expected) =>
        Assert.Equal(expected, NumberText.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Number_InEnglish() => Assert.Equal("1,234.56", NumberText.Number(1234.56m, Language.English));

    [Theory]
    [InlineData("8.925", "8,93")]
    [InlineData("5", "5,00")]
    [InlineData("627.42", "627,42")]
    [InlineData("1000", "1.000,00")]
    public void Points_HaveTwoDecimals(string value, string expected) =>
        Assert.Equal(expected, NumberText.Points(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0.3574", "35,74%")]
    [InlineData("0.8", "80%")]
    [InlineData("1", "100%")]
    [InlineData("0.0025", "0,25%")]
    [InlineData("0.33333333", "33,33%")]
    public void Percent(string value, string expected) =>
        Assert.Equal(expected, NumberText.Percent(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0.5", "1/2")]
    [InlineData("0.25", "1/4")]
    [InlineData("0.8", "4/5")]
    [InlineData("0.7", "70%")]
    [InlineData("1", "1")]
    public void Share_AsOfficialsWriteIt(string value, string expected) =>
        Assert.Equal(expected, NumberText.Share(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
