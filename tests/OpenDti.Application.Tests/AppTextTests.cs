using OpenDti.Application.Resources;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>The application's messages: Vietnamese first, every one also in English with the same arguments.</summary>
public sealed class AppTextTests
{
    [Fact]
    public void EveryMessage_HasAnEnglishText_WithTheSameArguments() => Assert.Empty(ResourceTexts.Mismatches(AppText.ResourceManager));
}
