using System.Globalization;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Inputs;

/// <summary>Reads what a unit typed or a file holds into a <see cref="ReportedValue"/> for an input.</summary>
public static class InputValueParser
{
    private static readonly string[] Yes = ["có", "co", "yes", "true", "1", "đã"];
    private static readonly string[] No = ["không", "khong", "no", "false", "0", "chưa"];

    /// <summary>
    /// Parses <paramref name="text"/> for <paramref name="input"/>. A number for an input whose unit is
    /// "%" is a percentage with or without the sign ("35,74" and "35,74%" are both 0.3574).
    /// </summary>
    /// <returns>The value, or the problem (code and arguments; the caller adds the location).</returns>
    public static InputParseResult Parse(InputSpec input, string? text, NumberStyle style = NumberStyle.Plain)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return InputParseResult.Failure(DiagnosticCodes.EmptyValue, input.Name);
        }

        switch (input.Kind)
        {
            case InputKind.YesNo:
                var lowered = trimmed.ToLowerInvariant();
                if (Array.IndexOf(Yes, lowered) >= 0)
                {
                    return InputParseResult.Success(ReportedValue.OfAnswer(true));
                }

                if (Array.IndexOf(No, lowered) >= 0)
                {
                    return InputParseResult.Success(ReportedValue.OfAnswer(false));
                }

                return InputParseResult.Failure(DiagnosticCodes.NotYesNo, trimmed);

            case InputKind.Choice:
                var option = input.FindOption(trimmed);
                return option is not null
                    ? InputParseResult.Success(ReportedValue.OfOption(option.Key))
                    : InputParseResult.Failure(
                        DiagnosticCodes.UnknownOption, trimmed, input.Name, string.Join(", ", input.Options.Select(o => o.Key)));

            default:
                if (!TryParseNumber(trimmed, style, out var number, out var percent))
                {
                    return InputParseResult.Failure(
                        DiagnosticCodes.NotANumber, trimmed, new Text.LocalizedText(style == NumberStyle.Plain ? "NumberStylePlain" : "NumberStyleVietnamese"));
                }

                if (percent || input.IsPercent)
                {
                    number /= 100m;
                }

                return InputParseResult.Success(ReportedValue.OfNumber(number));
        }
    }

    /// <summary>Parses a number written in <paramref name="style"/>; <paramref name="percent"/> tells whether it ended with %.</summary>
    public static bool TryParseNumber(string text, NumberStyle style, out decimal value, out bool percent)
    {
        value = 0m;
        var s = text.Trim();
        percent = s.EndsWith('%');
        if (percent)
        {
            s = s[..^1].TrimEnd();
        }

        if (s.Length == 0 || s.Any(char.IsWhiteSpace))
        {
            return false;
        }

        string normalised;
        if (style == NumberStyle.Vietnamese)
        {
            normalised = NormaliseVietnamese(s) ?? string.Empty;
        }
        else
        {
            var marks = s.Count(c => c is '.' or ',');
            if (marks > 1)
            {
                return false;
            }

            normalised = s.Replace(',', '.');
        }

        return normalised.Length > 0
            && normalised.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+')
            && decimal.TryParse(
                normalised,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out value);
    }

    private static string? NormaliseVietnamese(string s)
    {
        var commas = s.Count(c => c == ',');
        var dots = s.Count(c => c == '.');
        if (commas > 1)
        {
            return null;
        }

        if (commas == 1)
        {
            var parts = s.Split(',');
            var integer = parts[0];
            if (dots > 0 && !IsGrouped(integer))
            {
                return null;
            }

            return integer.Replace(".", string.Empty, StringComparison.Ordinal) + "." + parts[1];
        }

        if (dots == 0)
        {
            return s;
        }

        // "1.234.567" groups thousands; a single dot that does not ("1.5") is a decimal mark.
        if (IsGrouped(s))
        {
            return s.Replace(".", string.Empty, StringComparison.Ordinal);
        }

        return dots == 1 ? s : null;
    }

    private static bool IsGrouped(string integerPart)
    {
        var unsigned = integerPart.TrimStart('-', '+');
        var groups = unsigned.Split('.');
        if (groups.Length < 2 || groups[0].Length is < 1 or > 3)
        {
            return false;
        }

        return groups.Skip(1).All(g => g.Length == 3);
    }
}

/// <summary>The outcome of <see cref="InputValueParser.Parse"/>.</summary>
public sealed class InputParseResult
{
    private InputParseResult(ReportedValue? value, string? code, object?[] arguments)
    {
        Value = value;
        Code = code;
        Arguments = arguments;
    }

    /// <summary>The value, when it parsed.</summary>
    public ReportedValue? Value { get; }

    /// <summary>The diagnostic code, when it did not.</summary>
    public string? Code { get; }

    /// <summary>The arguments of the diagnostic.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>Whether it parsed.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>The problem as a diagnostic at <paramref name="location"/>.</summary>
    public Diagnostic ToDiagnostic(SourceLocation location) =>
        Diagnostic.Error(Code ?? throw new InvalidOperationException("The value parsed."), location, [.. Arguments]);

    internal static InputParseResult Success(ReportedValue value) => new(value, null, []);

    internal static InputParseResult Failure(string code, params object?[] arguments) => new(null, code, arguments);
}
