using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace OpenDti.Testing;

/// <summary>Checks a resource file pair: Vietnamese first, every text also in English with the same arguments.</summary>
public static partial class ResourceTexts
{
    /// <summary>
    /// The texts of <paramref name="resources"/> that have no English text, an English text with no
    /// Vietnamese one, or other arguments ({0}, {1}) in English than in Vietnamese; empty when all agree.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(ResourceManager resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var vietnamese = Texts(resources, CultureInfo.InvariantCulture);
        var english = Texts(resources, CultureInfo.GetCultureInfo("en"));
        var problems = new List<string>();
        problems.AddRange(vietnamese.Keys.Except(english.Keys).Order(StringComparer.Ordinal).Select(k => $"{k}: no English text"));
        problems.AddRange(english.Keys.Except(vietnamese.Keys).Order(StringComparer.Ordinal).Select(k => $"{k}: no Vietnamese text"));
        problems.AddRange(vietnamese
            .Where(t => english.TryGetValue(t.Key, out var en) && !Arguments(t.Value).SetEquals(Arguments(en)))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key}: \"{t.Value}\" and \"{english[t.Key]}\" differ in their arguments"));
        return problems;
    }

    private static Dictionary<string, string> Texts(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new MissingManifestResourceException(culture.Name);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static HashSet<string> Arguments(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
