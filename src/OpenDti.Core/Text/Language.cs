using System.Globalization;

namespace OpenDti.Core.Text;

/// <summary>The languages OpenDti speaks. Vietnamese is the first language; English is available.</summary>
public enum Language
{
    /// <summary>Tiếng Việt: the officials' language and the default.</summary>
    Vietnamese = 0,

    /// <summary>English.</summary>
    English = 1,
}

/// <summary>Conversions between <see cref="Language"/> and cultures or short codes.</summary>
public static class LanguageExtensions
{
    private static readonly CultureInfo VietnameseCulture = CultureInfo.GetCultureInfo("vi");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>The culture used to look up resources for <paramref name="language"/>.</summary>
    public static CultureInfo ResourceCulture(this Language language) =>
        language == Language.English ? EnglishCulture : VietnameseCulture;

    /// <summary>The two-letter code: "vi" or "en".</summary>
    public static string Code(this Language language) => language == Language.English ? "en" : "vi";

    /// <summary>Parses "vi" or "en" (any case); anything else is Vietnamese.</summary>
    public static Language ParseLanguage(string? code) =>
        code is not null && code.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? Language.English
            : Language.Vietnamese;
}
