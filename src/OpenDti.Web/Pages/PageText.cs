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

    /// <summary>A number as the reader writes it: 1.234,56 in Vietnamese, 1,234.56 in English.</summary>
    public static string Number(HttpContext http, decimal value, int maxDecimals = 4) => NumberText.Number(value, LanguageOf(http), maxDecimals);

    /// <summary>Points with two decimals: 8,93 / 87,50.</summary>
    public static string Points(HttpContext http, decimal value) => NumberText.Points(value, LanguageOf(http));

    /// <summary>A share as a percentage: 87,5%.</summary>
    public static string Percent(HttpContext http, decimal fraction) => NumberText.Number(fraction * 100, LanguageOf(http), 1) + "%";

    /// <summary>A day as officials write it, in either language: 15/01/2025.</summary>
    public static string Day(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment, in Vietnam's time, day first: 15/01/2025 08:30.</summary>
    public static string Moment(DateTime utc) =>
        Application.VietnamTime.ToLocal(utc).ToString("dd'/'MM'/'yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> with its first letter capital, for a domain name of a state or step
    /// ("đã gửi", "gửi hồ sơ") that starts a button, a cell or a sentence.
    /// </summary>
    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The string <paramref name="key"/>.</summary>
    public static string Get(HttpContext http, string key, params object?[] args)
    {
        var template = WebText.ResourceManager.GetString(key, LanguageOf(http).ResourceCulture()) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
