using System.Collections;
using System.Globalization;
using System.Resources;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Text;
using Xunit;

namespace OpenDti.Core.Tests.Text;

/// <summary>Every message exists in Vietnamese and English, and every diagnostic code has one.</summary>
public class ResourceConventionTests
{
    private static Dictionary<string, string> Read(string culture)
    {
        var set = Messages.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture} resources.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void EveryDiagnosticCode_HasAMessageInBothLanguages()
    {
        var vietnamese = Messages.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var english = Read("en");

        Assert.All(DiagnosticCodes.All, code =>
        {
            Assert.Contains(code, vietnamese);
            Assert.Contains(code, english.Keys);
        });
    }

    [Fact]
    public void EnglishAndVietnamese_HaveTheSameKeysAndPlaceholders()
    {
        var vietnamese = Messages.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var english = Read("en");

        Assert.Equal(vietnamese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vietnamese)
        {
            Assert.True(
                Placeholders(text).SetEquals(Placeholders(english[key])),
                $"{key}: placeholders differ between '{text}' and '{english[key]}'");
        }
    }

    [Fact]
    public void DiagnosticCodes_AreUnique() =>
        Assert.Equal(DiagnosticCodes.All.Count, DiagnosticCodes.All.Distinct().Count());

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).ToHashSet();
}
