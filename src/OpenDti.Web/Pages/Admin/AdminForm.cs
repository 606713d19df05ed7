using System.Globalization;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;

namespace OpenDti.Web.Pages.Admin;

/// <summary>What the admin forms read and write: days as dd/MM/yyyy, figures as the reader writes them.</summary>
public static class AdminForm
{
    private static readonly string[] DayFormats = ["dd'/'MM'/'yyyy", "d'/'M'/'yyyy"];

    /// <summary>Reads a day written dd/MM/yyyy (or d/M/yyyy), in either language.</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>
    /// Reads a figure: 1.234,5 or 1234,5 in Vietnamese; 1234.5 in English (no thousands separator, since
    /// a lone comma would be ambiguous). No percent sign.
    /// </summary>
    public static bool TryParseNumber(string? text, Language language, out decimal value)
    {
        value = 0;
        return text is not null
            && InputValueParser.TryParseNumber(text, language == Language.English ? NumberStyle.Plain : NumberStyle.Vietnamese, out value, out var percent)
            && !percent;
    }

    /// <summary>A figure as a form field shows it, so that <see cref="TryParseNumber"/> reads it back: 1.234,5 / 1234.5.</summary>
    public static string NumberField(decimal value, Language language) =>
        language == Language.English ? value.ToString("0.####", CultureInfo.InvariantCulture) : NumberText.Number(value, language);

    /// <summary>Codes separated by commas, semicolons, spaces or new lines.</summary>
    public static IReadOnlyList<string> Codes(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
