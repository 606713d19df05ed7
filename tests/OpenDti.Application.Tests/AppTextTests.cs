using OpenDti.Application.Resources;
using OpenDti.Core.Text;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>The application's messages: Vietnamese first, every one also in English with the same arguments.</summary>
public sealed class AppTextTests
{
    [Fact]
    public void EveryMessage_HasAnEnglishText_WithTheSameArguments() => Assert.Empty(ResourceTexts.Mismatches(AppText.ResourceManager));

    [Fact]
    public void AMessage_QuotesAnArgumentOverAThousandCharacters_AsAnExcerpt()
    {
        var sent = new string('a', 2 * 1024 * 1024);

        var message = new AppMessage("UnitNotFound", sent).ToString();

        Assert.Equal($"không có đơn vị `{Excerpt.Of(sent)}`", message);
    }

    [Fact]
    public void AMessage_QuotesALongNameWhole()
    {
        var name = new string('n', AppMessage.LongestArgument);

        Assert.Equal($"không có đơn vị `{name}`", new AppMessage("UnitNotFound", name).ToString());
    }
}
