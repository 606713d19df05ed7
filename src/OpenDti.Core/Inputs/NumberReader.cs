using System.Globalization;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Text;

namespace OpenDti.Core.Inputs;

/// <summary>
/// The one way OpenDti reads a number someone wrote, on a page, in the API, in a CSV file or a
/// spreadsheet, so that <c>1.234,5</c> and <c>1234.5</c> mean the same everywhere whatever the
/// reader's language (docs/formulas.md, "Writing numbers").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Both <c>.</c> and <c>,</c>: the one that comes last, once, is the decimal mark; the other
/// groups thousands by three (<c>1.234.567,5</c> = <c>1,234,567.5</c>).</item>
/// <item>One kind of mark, more than once: thousands, in groups of three (<c>1.234.567</c>).</item>
/// <item>One mark, once, followed by 1, 2 or 4+ digits, or after an integer part of 0 (or none) or
/// of 4+ digits: the decimal mark (<c>1234,5</c>, <c>0.125</c>, <c>12345.678</c>).</item>
/// <item>One mark, once, followed by exactly three digits after an integer part of 1–3 digits
/// (<c>1.234</c>, <c>12,500</c>) is ambiguous: a count reads it as thousands, the only reading a
/// count allows; anywhere else it is refused with a message saying how to write it.</item>
/// <item>A leading <c>+</c> or <c>-</c>; a trailing <c>%</c> (spaces before it allowed) makes it a
/// percentage. Spaces inside the number (including U+00A0 and U+202F) are refused: "12 500" may be
/// two numbers typed into one field. Exponents (<c>1e5</c>) are refused.</item>
/// </list>
/// A number beyond <see cref="decimal.MaxValue"/> is refused as too large, never an exception.
/// Trailing decimal zeros are dropped (<c>1234,50</c> is stored as 1234.5).
/// </remarks>
public static class NumberReader
{
    /// <summary>Reads <paramref name="text"/>; <paramref name="count"/> when the number counts things (an ambiguous <c>1.234</c> is then 1234).</summary>
    public static NumberRead Read(string? text, bool count = false)
    {
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            return NumberRead.Fail(NumberProblem.NotANumber, s);
        }

        var percent = false;
        var body = s.AsSpan();
        if (body[^1] == '%')
        {
            percent = true;
            body = body[..^1].TrimEnd();
        }

        var negative = false;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Length == 0 || body.ContainsAnyExcept(NumberChars) || !char.IsAsciiDigit(body[^1]))
        {
            return NumberRead.Fail(LooksLikeHugeExponent(body) ? NumberProblem.TooLarge : NumberProblem.NotANumber, s);
        }

        var dots = body.Count('.');
        var commas = body.Count(',');
        string integer;
        var fraction = string.Empty;
        if (dots > 0 && commas > 0)
        {
            var at = body.LastIndexOfAny('.', ',');
            var mark = body[at];
            if ((mark == '.' ? dots : commas) != 1)
            {
                return NumberRead.Fail(NumberProblem.Grouping, s);
            }

            if (!Grouped(body[..at], mark == '.' ? ',' : '.'))
            {
                return NumberRead.Fail(NumberProblem.Grouping, s);
            }

            integer = Digits(body[..at]);
            fraction = body[(at + 1)..].ToString();
        }
        else if (dots + commas > 1)
        {
            if (!Grouped(body, dots > 0 ? '.' : ','))
            {
                return NumberRead.Fail(NumberProblem.Grouping, s);
            }

            integer = Digits(body);
        }
        else if (dots + commas == 1)
        {
            var at = body.IndexOfAny('.', ',');
            integer = body[..at].ToString();
            fraction = body[(at + 1)..].ToString();
            var zero = integer.AsSpan().IndexOfAnyExcept('0') < 0;
            if (fraction.Length == 3 && integer.Length is >= 1 and <= 3 && !zero)
            {
                if (!count)
                {
                    return NumberRead.Fail(NumberProblem.Ambiguous, s);
                }

                // A count cannot be 1,234 of a thing: the mark groups thousands.
                integer += fraction;
                fraction = string.Empty;
            }
        }
        else
        {
            integer = body.ToString();
        }

        var significant = integer.TrimStart('0');
        if (significant.Length > 29)
        {
            return NumberRead.Fail(NumberProblem.TooLarge, s);
        }

        var normalised = (significant.Length == 0 ? "0" : significant) + (fraction.Length > 0 ? "." + fraction : string.Empty);
        if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return NumberRead.Fail(NumberProblem.TooLarge, s);
        }

        value = Canonical(negative ? -value : value);
        return new NumberRead(value, percent, NumberProblem.None, s);
    }

    /// <summary>
    /// <paramref name="value"/> as plain text that <see cref="Read"/> reads back as the same number
    /// anywhere: invariant digits with a dot, and a trailing zero where the dot would otherwise be
    /// ambiguous (1.234 is written <c>1.2340</c>).
    /// </summary>
    public static string Write(decimal value)
    {
        var text = Canonical(value).ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integer = text.AsSpan(0, dot < 0 ? 0 : dot).TrimStart('-');
        return dot >= 0 && text.Length - dot - 1 == 3 && integer.Length is >= 1 and <= 3 && integer.IndexOfAnyExcept('0') >= 0
            ? text + "0"
            : text;
    }

    /// <summary><paramref name="value"/> without trailing decimal zeros, and 0 without a sign.</summary>
    public static decimal Canonical(decimal value) =>
        value == 0m ? 0m : value / 1.0000000000000000000000000000m;

    private static readonly System.Buffers.SearchValues<char> NumberChars = System.Buffers.SearchValues.Create("0123456789.,");

    private static readonly System.Buffers.SearchValues<char> DigitChars = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Groups of three after a first group of one to three digits, separated by <paramref name="separator"/> only.</summary>
    private static bool Grouped(ReadOnlySpan<char> text, char separator)
    {
        var first = true;
        foreach (var range in text.Split(separator))
        {
            var group = text[range];
            if (group.ContainsAnyExcept(DigitChars) || (first ? group.Length is < 1 or > 3 : group.Length != 3))
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    private static string Digits(ReadOnlySpan<char> text)
    {
        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    /// <summary>Whether the text is a number in exponent notation (1e30) beyond what a decimal holds.</summary>
    private static bool LooksLikeHugeExponent(ReadOnlySpan<char> body) =>
        body.Length <= 64
        && body.IndexOfAny('e', 'E') > 0
        && double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && Math.Abs(number) > (double)decimal.MaxValue;
}

/// <summary>What went wrong reading a number.</summary>
public enum NumberProblem
{
    /// <summary>Nothing: the number was read.</summary>
    None,

    /// <summary>Not a number at all ("12a", "1e5", "").</summary>
    NotANumber,

    /// <summary>One mark followed by three digits after 1–3 digits ("1.234"), where it could be either.</summary>
    Ambiguous,

    /// <summary>Thousands not grouped by three ("1.23.4", "12,34,567"), or a decimal mark twice.</summary>
    Grouping,

    /// <summary>Beyond the largest decimal (79.228.162.514.264.337.593.543.950.335).</summary>
    TooLarge,
}

/// <summary>The outcome of <see cref="NumberReader.Read"/>.</summary>
/// <param name="Value">The number, as written (a percentage is not yet divided by 100).</param>
/// <param name="Percent">Whether it ended with %.</param>
/// <param name="Problem">Why it could not be read, or <see cref="NumberProblem.None"/>.</param>
/// <param name="Text">The text read, trimmed.</param>
public readonly record struct NumberRead(decimal Value, bool Percent, NumberProblem Problem, string Text)
{
    /// <summary>Whether the number was read.</summary>
    public bool Succeeded => Problem == NumberProblem.None;

    /// <summary>The problem's diagnostic code.</summary>
    public string? Code => Problem switch
    {
        NumberProblem.None => null,
        NumberProblem.Ambiguous => DiagnosticCodes.NumberAmbiguous,
        NumberProblem.Grouping => DiagnosticCodes.NumberGrouping,
        NumberProblem.TooLarge => DiagnosticCodes.NumberTooLarge,
        _ => DiagnosticCodes.NotANumber,
    };

    /// <summary>The arguments of <see cref="Code"/>'s message; the text is quoted as an <see cref="Excerpt"/>.</summary>
    public object?[] Arguments => Problem switch
    {
        NumberProblem.Ambiguous => [Text, Whole(Text), Text.TrimEnd('%', ' ') + "0" + (Percent ? "%" : string.Empty), Text.Contains(',', StringComparison.Ordinal) ? "," : "."],
        NumberProblem.TooLarge => [Excerpt.Of(Text), decimal.MaxValue],
        NumberProblem.Grouping => [Excerpt.Of(Text)],
        _ => [Excerpt.Of(Text), new LocalizedText("NumberHowTo")],
    };

    /// <summary>The problem at <paramref name="location"/>.</summary>
    public Diagnostic ToDiagnostic(SourceLocation location) =>
        Diagnostic.Error(Code ?? throw new InvalidOperationException("The number was read."), location, Arguments);

    internal static NumberRead Fail(NumberProblem problem, string text) => new(0m, text.EndsWith('%'), problem, text);

    private static string Whole(string text) =>
        text.Replace(".", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
}
