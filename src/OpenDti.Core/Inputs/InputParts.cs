using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;

namespace OpenDti.Core.Inputs;

/// <summary>
/// The rule of inputs declared <c>part_of</c> another (<see cref="InputSpec.PartOf"/>): a part never
/// exceeds its whole. Unlike a consistency check it is not a warning: values breaking it are refused.
/// A part compared with a whole not reported yet is not an error.
/// </summary>
public static class InputParts
{
    /// <summary>Every part of <paramref name="inputs"/> whose value is above its whole's, both reported.</summary>
    public static IEnumerable<PartExceedsWhole> Exceeding(UnitInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var part in inputs.Framework.Inputs)
        {
            if (part.PartOf is { } whole
                && inputs.Get(part) is { } partValue
                && inputs.Get(whole) is { } wholeValue
                && partValue.Number > wholeValue.Number)
            {
                yield return new PartExceedsWhole(part, whole, partValue.Number, wholeValue.Number);
            }
        }
    }

    /// <summary>An input named by its label, as people read it: “a = Số lượng máy tính có kết nối Internet”.</summary>
    internal static string Quoted(InputSpec input) => "“" + input.Label.Trim() + "”";
}

/// <summary>A part reported above its whole.</summary>
/// <param name="Part">The part (b).</param>
/// <param name="Whole">The whole it is a part of (a).</param>
/// <param name="PartValue">What was reported for the part.</param>
/// <param name="WholeValue">What was reported for the whole.</param>
public sealed record PartExceedsWhole(InputSpec Part, InputSpec Whole, decimal PartValue, decimal WholeValue)
{
    /// <summary>The problem at <paramref name="location"/>, naming both inputs by their labels, with their values.</summary>
    public Diagnostic ToDiagnostic(SourceLocation? location = null) =>
        Diagnostic.Error(
            DiagnosticCodes.PartExceedsWhole,
            location ?? new SourceLocation(NodeCode: Part.NodeCode, Field: Part.Name),
            InputParts.Quoted(Part),
            new Figure(PartValue, Part.IsPercent),
            InputParts.Quoted(Whole),
            new Figure(WholeValue, Whole.IsPercent));

    private sealed record Figure(decimal Value, bool Percent) : ILocalizable
    {
        public string ToString(Language language) =>
            Percent ? NumberText.Percent(Value, language) : NumberText.Number(Value, language, 10);
    }
}
