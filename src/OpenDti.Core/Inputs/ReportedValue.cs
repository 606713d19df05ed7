using System.Globalization;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Inputs;

/// <summary>What a unit reported for one input: a number, a yes/no answer, or an option key.</summary>
public readonly record struct ReportedValue
{
    private ReportedValue(InputKind kind, decimal number, bool answer, string? option)
    {
        Kind = kind;
        Number = number;
        Answer = answer;
        Option = option;
    }

    /// <summary>Which kind of value.</summary>
    public InputKind Kind { get; }

    /// <summary>The number (percentages as fractions: 35,74% is 0.3574).</summary>
    public decimal Number { get; }

    /// <summary>The yes/no answer.</summary>
    public bool Answer { get; }

    /// <summary>The option key.</summary>
    public string? Option { get; }

    /// <summary>A number.</summary>
    public static ReportedValue OfNumber(decimal number) => new(InputKind.Number, number, false, null);

    /// <summary>A yes/no answer.</summary>
    public static ReportedValue OfAnswer(bool answer) => new(InputKind.YesNo, answer ? 1m : 0m, answer, null);

    /// <summary>An option key.</summary>
    public static ReportedValue OfOption(string key) => new(InputKind.Choice, 0m, false, key);

    /// <summary>The value as it would be written in a data file (invariant: "0.3574", "có", "bi_thu").</summary>
    public string ToInvariantString() => Kind switch
    {
        InputKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        InputKind.YesNo => Answer ? "có" : "không",
        _ => Option ?? string.Empty,
    };

    /// <inheritdoc />
    public override string ToString() => ToInvariantString();
}
