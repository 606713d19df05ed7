using System.Globalization;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Inputs;

/// <summary>
/// The text of a reported value in data files and the API, so that what is read back can be written
/// again unchanged: numbers with a dot, percentages with their sign ("35.74%"), yes/no as có/không,
/// choices as their key. A number that <see cref="NumberReader"/> would find ambiguous is written
/// with a trailing zero (1.234 as "1.2340"), so that it reads back as the same number.
/// </summary>
public static class ReportedValueText
{
    /// <summary>The value of <paramref name="input"/> as exchange text.</summary>
    public static string Format(InputSpec input, ReportedValue value)
    {
        ArgumentNullException.ThrowIfNull(input);
        return value.Kind switch
        {
            InputKind.Number when input.IsPercent => NumberReader.Write(value.Number * 100m) + "%",
            InputKind.Number => NumberReader.Write(value.Number),
            _ => value.ToInvariantString(),
        };
    }

    /// <summary>Reads a value stored by <see cref="ReportedValue.ToInvariantString"/> (numbers as fractions for percentages).</summary>
    public static ReportedValue? ParseStored(InputSpec input, string stored)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (input.Kind)
        {
            case InputKind.Number:
                return decimal.TryParse(stored, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? ReportedValue.OfNumber(number)
                    : null;
            case InputKind.YesNo:
                return stored switch { "có" => ReportedValue.OfAnswer(true), "không" => ReportedValue.OfAnswer(false), _ => null };
            default:
                return input.FindOption(stored) is { } option ? ReportedValue.OfOption(option.Key) : null;
        }
    }
}
