using OpenDti.Testing;
using OpenDti.Web.Resources;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>The pages' strings: Vietnamese first, every one also in English with the same arguments.</summary>
public sealed class WebTextTests
{
    [Fact]
    public void EveryString_HasAnEnglishText_WithTheSameArguments() => Assert.Empty(ResourceTexts.Mismatches(WebText.ResourceManager));

    [Fact]
    public void EveryKindOfAuditEntry_HasAName_OnTheAuditPage() =>
        Assert.All(Enum.GetValues<OpenDti.Data.Audit.AuditKind>(), kind => Assert.False(string.IsNullOrEmpty(WebText.ResourceManager.GetString("AuditKind" + kind, System.Globalization.CultureInfo.InvariantCulture)), $"AuditKind{kind}"));
}
