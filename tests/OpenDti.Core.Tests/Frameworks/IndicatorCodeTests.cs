using OpenDti.Core.Frameworks;
using Xunit;

namespace OpenDti.Core.Tests.Frameworks;

public class IndicatorCodeTests
{
    [Theory]
    [InlineData("5.2", "5.10")]
    [InlineData("1.9", "1.10")]
    [InlineData("8.8", "8.8.1")]
    [InlineData("8.8.1.4", "8.8.2")]
    [InlineData("5.12", "5.12.1")]
    [InlineData("2", "10")]
    [InlineData("I", "II")]
    public void Codes_AreOrderedNaturally(string before, string after)
    {
        Assert.True(IndicatorCode.Parse(before) < IndicatorCode.Parse(after));
        Assert.True(IndicatorCode.Compare(after, before) > 0);
    }

    [Fact]
    public void Sorting_PutsTheTenthAfterTheNinth()
    {
        string[] codes = ["1.10", "1.2", "1.1", "1.9", "10", "2"];

        Assert.Equal(["1.1", "1.2", "1.9", "1.10", "2", "10"], codes.Order(IndicatorCode.StringComparer));
    }

    [Theory]
    [InlineData("5.12.1", "5.12", true)]
    [InlineData("5.12", "5.1", false)]
    [InlineData("5.1", "5.1", false)]
    public void IsChildOf_ComparesWholeSegments(string child, string parent, bool expected) =>
        Assert.Equal(expected, IndicatorCode.Parse(child).IsChildOf(IndicatorCode.Parse(parent)));
}
