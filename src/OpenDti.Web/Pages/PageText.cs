using System.Globalization;
using OpenDti.Core.Text;
using OpenDti.Web.Resources;

namespace OpenDti.Web.Pages;

/// <summary>The pages' strings from <c>Resources/WebText.resx</c>, in the language chosen with the language link (a cookie), Vietnamese by default.</summary>
public static class PageText
{
    /// <summary>The cookie that holds the chosen language.</summary>
    public const string LanguageCookie = "opendti-lang";

    /// <summary>The language of this request.</summary>
    public static Language LanguageOf(HttpContext http) =>
        LanguageExtensions.ParseLanguage(http.Request.Query["lang"].FirstOrDefault() ?? http.Request.Cookies[LanguageCookie]);

    /// <summary>The string <paramref name="key"/>.</summary>
    public static string Get(HttpContext http, string key, params object?[] args)
    {
        var template = WebText.ResourceManager.GetString(key, LanguageOf(http).ResourceCulture()) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
