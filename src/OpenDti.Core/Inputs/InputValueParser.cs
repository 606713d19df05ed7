using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;

namespace OpenDti.Core.Inputs;

/// <summary>Reads what a unit typed or a file holds into a <see cref="ReportedValue"/> for an input.</summary>
public static class InputValueParser
{
    private static readonly string[] Yes = ["có", "co", "yes", "true", "1", "đã"];
    private static readonly string[] No = ["không", "khong", "no", "false", "0", "chưa"];

    /// <summary>
    /// Parses <paramref name="text"/> for <paramref name="input"/>. Numbers are read by
    /// <see cref="NumberReader"/> (the same rule everywhere; an ambiguous 1.234 is a thousand and more
    /// for a count, refused otherwise). A number for an input whose unit is "%" is a percentage with or
    /// without the sign ("35,74" and "35,74%" are both 0.3574).
    /// </summary>
    /// <returns>The value, or the problem (code and arguments; the caller adds the location).</returns>
    public static InputParseResult Parse(InputSpec input, string? text)
    {
        ArgumentNullException.ThrowIfNull(input);
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

                return InputParseResult.Failure(DiagnosticCodes.NotYesNo, Excerpt.Of(trimmed));

            case InputKind.Choice:
                var option = input.FindOption(trimmed);
                return option is not null
                    ? InputParseResult.Success(ReportedValue.OfOption(option.Key))
                    : InputParseResult.Failure(
                        DiagnosticCodes.UnknownOption, Excerpt.Of(trimmed), input.Name, new TextList(input.Options.Select(o => o.Key).ToArray()));

            default:
                var read = NumberReader.Read(trimmed, input.IsCount);
                if (!read.Succeeded)
                {
                    return InputParseResult.Failure(read.Code!, read.Arguments);
                }

                var number = read.Value;
                if (read.Percent || input.IsPercent)
                {
                    number /= 100m;
                }

                return InputParseResult.Success(ReportedValue.OfNumber(number));
        }
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
