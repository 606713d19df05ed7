using OpenDti.Testing;
using OpenDti.Web.Resources;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>The pages' strings: Vietnamese first, every one also in English with the same arguments.</summary>
public sealed class WebTextTests
{
    [Fact]
    public void EveryString_HasAnEnglishText_WithTheSameArguments() => Assert.Empty(ResourceTexts.Mismatches(WebText.ResourceManager));
}
