using System.Globalization;

namespace OpenDti.Core.Text;

/// <summary>
/// Numbers as officials write them: Vietnamese <c>1.234,56</c> (dot for thousands, comma for
/// decimals) or English <c>1,234.56</c>. Independent of the machine's culture settings.
/// </summary>
public static class NumberText
{
    private static readonly NumberFormatInfo Vietnamese = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NegativeSign = "-",
        PercentDecimalSeparator = ",",
        PercentGroupSeparator = ".",
    };

    private static readonly NumberFormatInfo English = new()
    {
        NumberDecimalSeparator = ".",
        NumberGroupSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>The number format for <paramref name="language"/>.</summary>
    public static NumberFormatInfo FormatFor(Language language) =>
        language == Language.English ? English : Vietnamese;

    /// <summary>
    /// A number with group separators and at most <paramref name="maxDecimals"/> decimals, trailing
    /// zeros removed: 1.234,5 / 20 / 0,07.
    /// </summary>
    public static string Number(decimal value, Language language = Language.Vietnamese, int maxDecimals = 4)
    {
        var rounded = Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero);
        var format = maxDecimals == 0 ? "#,0" : "#,0." + new string('#', maxDecimals);
        return rounded.ToString(format, FormatFor(language));
    }

    /// <summary>
    /// A number as a form field shows it, so that the one number rule (<see cref="Inputs.NumberReader"/>)
    /// reads it back as the same number: 1.234,5 in Vietnamese, 1234.5 in English. Where the usual
    /// writing would be ambiguous for an input that does not count things, an integer is written without
    /// grouping (1234, not 1.234) and a fraction with a trailing zero (1,2340, not 1,234).
    /// </summary>
    public static string Field(decimal value, Language language, bool count = false)
    {
        var text = language == Language.English
            ? Inputs.NumberReader.Canonical(value).ToString(CultureInfo.InvariantCulture)
            : Number(value, language, 10);
        if (count || Inputs.NumberReader.Read(text).Problem != Inputs.NumberProblem.Ambiguous)
        {
            return text;
        }

        return value == decimal.Truncate(value) ? value.ToString("0", CultureInfo.InvariantCulture) : text + "0";
    }

    /// <summary>A number with exactly <paramref name="decimals"/> decimals: 8,93 / 5,00.</summary>
    public static string Fixed(decimal value, int decimals, Language language = Language.Vietnamese)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("#,0." + new string('0', decimals), FormatFor(language)).TrimEnd('.', ',');
    }

    /// <summary>Points as shown in results: always two decimals (8,93; 5,00; 87,50).</summary>
    public static string Points(decimal value, Language language = Language.Vietnamese) => Fixed(value, 2, language);

    /// <summary>
    /// A fraction (0.3574) as a percentage with two decimals (35,74%). Values that are whole
    /// percentages show without decimals (80%, 100%) so that thresholds read as the seeds write them.
    /// </summary>
    public static string Percent(decimal fraction, Language language = Language.Vietnamese)
    {
        var percent = fraction * 100m;
        var exact = Math.Round(percent, 4, MidpointRounding.AwayFromZero);
        if (exact == decimal.Truncate(exact))
        {
            return Number(exact, language, 0) + "%";
        }

        return Fixed(percent, 2, language) + "%";
    }

    /// <summary>A threshold as written in a rule: whole or short percentages as given (0,25%; 7%).</summary>
    public static string Threshold(decimal value, bool asPercent, Language language = Language.Vietnamese) =>
        asPercent ? Number(value * 100m, language, 4) + "%" : Number(value, language, 4);

    /// <summary>A fraction of max points as officials write it: 1/2, 1/4, 70%, 1.</summary>
    public static string Share(decimal fraction, Language language = Language.Vietnamese)
    {
        foreach (var (numerator, denominator) in CommonShares)
        {
            if (fraction * denominator == numerator)
            {
                return denominator == 1 ? numerator.ToString(CultureInfo.InvariantCulture) : $"{numerator}/{denominator}";
            }
        }

        return Percent(fraction, language);
    }

    private static readonly (int Numerator, int Denominator)[] CommonShares =
    [
        (0, 1), (1, 1), (1, 2), (1, 4), (3, 4), (1, 5), (2, 5), (3, 5), (4, 5), (1, 3), (2, 3),
    ];
}

/// <summary>A number in a message with every decimal it has (1,00001 is not shown as 1).</summary>
/// <param name="Value">The number.</param>
public sealed record ExactNumber(decimal Value) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) => NumberText.Number(Value, language, 28);
}
