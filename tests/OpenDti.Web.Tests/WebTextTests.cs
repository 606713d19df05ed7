using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using OpenDti.Web.Resources;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>The pages' strings: Vietnamese first, every one also in English with the same arguments.</summary>
public sealed partial class WebTextTests
{
    [Fact]
    public void EveryMessage_HasAnEnglishText_WithTheSameArguments()
    {
        var vietnamese = Texts(CultureInfo.InvariantCulture);
        var english = Texts(CultureInfo.GetCultureInfo("en"));

        Assert.Equal(vietnamese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(vietnamese, text => Assert.True(
            Arguments(text.Value).SetEquals(Arguments(english[text.Key])),
            $"{text.Key}: \"{text.Value}\" and \"{english[text.Key]}\""));
    }

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = WebText.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new MissingManifestResourceException(culture.Name);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static HashSet<string> Arguments(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
