namespace OpenDti.Core.Frameworks;

/// <summary>
/// An input of an indicator, as compiled: what the unit reports, how to check it, and the slot that
/// holds its value in a unit's inputs.
/// </summary>
public sealed class InputSpec
{
    internal InputSpec(
        string nodeCode,
        string name,
        string label,
        InputKind kind,
        string? unit,
        decimal? min,
        decimal? max,
        IReadOnlyList<ChoiceOption> options,
        string? help,
        int slot,
        bool isCount = false)
    {
        NodeCode = nodeCode;
        Name = name;
        Label = label;
        Kind = kind;
        Unit = unit;
        Min = min;
        Max = max;
        Options = options;
        Help = help;
        Slot = slot;
        IsCount = isCount;
    }

    /// <summary>The indicator this input belongs to.</summary>
    public string NodeCode { get; }

    /// <summary>The name used in formulas: the official letter (a, b, c) or a short name.</summary>
    public string Name { get; }

    /// <summary>The official wording: "a = Số lượng văn bản ...".</summary>
    public string Label { get; }

    /// <summary>Number, yes/no or choice.</summary>
    public InputKind Kind { get; }

    /// <summary>The unit of a number ("người", "tỷ đồng", "%"). With "%", values are fractions (35,74% = 0.3574).</summary>
    public string? Unit { get; }

    /// <summary>The smallest number accepted, if any.</summary>
    public decimal? Min { get; }

    /// <summary>The largest number accepted, if any.</summary>
    public decimal? Max { get; }

    /// <summary>The options of a choice, in order.</summary>
    public IReadOnlyList<ChoiceOption> Options { get; }

    /// <summary>Extra help shown next to the input.</summary>
    public string? Help { get; }

    /// <summary>Index of this input's value in a unit's inputs.</summary>
    public int Slot { get; }

    /// <summary>
    /// Whether the number counts things (people, documents, systems): only whole numbers are accepted,
    /// and an ambiguous <c>1.234</c> reads as 1234 (<see cref="Inputs.NumberReader"/>).
    /// </summary>
    public bool IsCount { get; }

    /// <summary>
    /// The input of the same indicator this one is a part of (<c>b ≤ a</c>: records processed online
    /// are part of records received), or null. Values where the part exceeds its whole are refused.
    /// </summary>
    public InputSpec? PartOf { get; internal set; }

    /// <summary>Whether the number is a percentage.</summary>
    public bool IsPercent => Kind == InputKind.Number && Unit == "%";

    /// <summary>
    /// The input as a person reads it in a formula or a message: the official letter where the label
    /// defines it ("a" for "a = Số lượng ..."), otherwise the label in quotes (“Người đứng đầu đã chủ trì
    /// ...”), never a variable name such as <c>chu_tri_hop</c>.
    /// </summary>
    public string ShownName => ShownNames.Of(Name, Label);

    /// <summary>The option with <paramref name="key"/>, or null.</summary>
    public ChoiceOption? FindOption(string key)
    {
        foreach (var option in Options)
        {
            if (string.Equals(option.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{NodeCode}/{Name}";
}

/// <summary>An option of a choice input and the fraction of max points it earns.</summary>
/// <param name="Key">The key reported in files and the API ("bi_thu").</param>
/// <param name="Label">The official wording ("Trưởng ban là Bí thư/Chủ tịch tỉnh").</param>
/// <param name="Fraction">The value in formulas: a share of max points, 0..1.</param>
/// <param name="FractionText">The fraction as written ("1/2").</param>
/// <param name="Index">Position in the list.</param>
public sealed record ChoiceOption(string Key, string Label, decimal Fraction, string FractionText, int Index);

/// <summary>A field of a unit's general information ("thông tin chung") that formulas read as <c>profile.key</c>.</summary>
/// <param name="Key">The key used in formulas and files ("population").</param>
/// <param name="Label">The official wording ("Số lượng dân số").</param>
/// <param name="Unit">The unit ("người").</param>
/// <param name="Slot">Index of the value in a unit's profile.</param>
public sealed record ProfileField(string Key, string Label, string? Unit, int Slot)
{
    /// <summary>Whether the figure counts things (people, communes): whole numbers only.</summary>
    public bool IsCount { get; init; }

    /// <summary>The smallest figure accepted, if any; figures are never below 0.</summary>
    public decimal? Min { get; init; }

    /// <summary>The field as a person reads it in a formula: its label in quotes (“Số lượng dân số”).</summary>
    public string ShownName => ShownNames.Of(Key, Label);
}

/// <summary>How inputs and profile fields are named to people (<see cref="InputSpec.ShownName"/>).</summary>
internal static class ShownNames
{
    public static string Of(string name, string label)
    {
        var trimmed = label.Trim();
        if (trimmed.Length == 0)
        {
            return name;
        }

        // "a = Số lượng ..." defines the letter the official text uses: the letter is how officials write the formula.
        if (trimmed.StartsWith(name, StringComparison.Ordinal) && trimmed[name.Length..].TrimStart().StartsWith('='))
        {
            return name;
        }

        return "“" + trimmed + "”";
    }
}
