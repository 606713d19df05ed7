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
    /// Reads a figure by the one number rule (<see cref="NumberReader"/>: 1.234,5 = 1234.5 in either
    /// language; an ambiguous 1.234 is 1234 for a <paramref name="count"/>, refused otherwise); the value,
    /// or why it is not one, in <paramref name="language"/>. No percent sign.
    /// </summary>
    public static (decimal Value, string? Problem) ReadNumber(string? text, bool count, Language language)
    {
        var read = NumberReader.Read(text, count);
        if (read.Succeeded && !read.Percent)
        {
            return (read.Value, null);
        }

        var diagnostic = read.Succeeded
            ? Core.Diagnostics.Diagnostic.Error(Core.Diagnostics.DiagnosticCodes.NotANumber, Core.Diagnostics.SourceLocation.None, Excerpt.Of(read.Text), new LocalizedText("NumberHowTo"))
            : read.ToDiagnostic(Core.Diagnostics.SourceLocation.None);
        return (0m, diagnostic.Message(language));
    }

    /// <summary>A figure as a form field shows it, so that <see cref="ReadNumber"/> reads it back: 1.234,5 / 1234.5.</summary>
    public static string NumberField(decimal value, Language language, bool count) => NumberText.Field(value, language, count);

    /// <summary>Codes separated by commas, semicolons, spaces or new lines.</summary>
    public static IReadOnlyList<string> Codes(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
