using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Inputs;

/// <summary>
/// What one unit reported for one framework: a value per input (or nothing: "chưa kê khai") and its
/// general-information figures. Values are checked against the input's kind and range when set.
/// </summary>
/// <remarks>Not thread-safe to modify; scoring only reads it.</remarks>
public sealed class UnitInputs
{
    private readonly ReportedValue?[] _reported;

    /// <summary>Creates an empty set of inputs for <paramref name="unitCode"/>.</summary>
    public UnitInputs(Framework framework, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentException.ThrowIfNullOrWhiteSpace(unitCode);
        Framework = framework;
        UnitCode = unitCode;
        _reported = new ReportedValue?[framework.Inputs.Count];
        Values = new Value[framework.Inputs.Count];
        Array.Fill(Values, Value.Missing);
        ProfileValues = new Value[framework.ProfileFields.Count];
        Array.Fill(ProfileValues, Value.Missing);
    }

    /// <summary>The framework these inputs are for.</summary>
    public Framework Framework { get; }

    /// <summary>The unit's code.</summary>
    public string UnitCode { get; }

    /// <summary>The values as formulas see them, by input slot.</summary>
    internal Value[] Values { get; }

    /// <summary>The profile values, by profile slot.</summary>
    internal Value[] ProfileValues { get; }

    /// <summary>How many inputs have a value.</summary>
    public int AnsweredCount { get; private set; }

    /// <summary>Whether the unit reported anything at all (inputs, not profile).</summary>
    public bool HasAnyValue => AnsweredCount > 0;

    /// <summary>
    /// Sets <paramref name="input"/> to <paramref name="value"/> after checking its kind and range.
    /// </summary>
    /// <returns>Null when the value was set; otherwise the problem, and nothing is changed.</returns>
    public Diagnostic? Set(InputSpec input, ReportedValue value, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckBelongs(input);
        var at = location ?? new SourceLocation(NodeCode: input.NodeCode, Field: input.Name);
        if (value.Kind != input.Kind)
        {
            return Diagnostic.Error(
                input.Kind switch
                {
                    InputKind.YesNo => DiagnosticCodes.NotYesNo,
                    InputKind.Choice => DiagnosticCodes.UnknownOption,
                    _ => DiagnosticCodes.NotANumber,
                },
                at,
                value.ToInvariantString(),
                input.Name,
                new Text.TextList(input.Options.Select(o => o.Key).ToArray()));
        }

        Value formulaValue;
        switch (input.Kind)
        {
            case InputKind.Number:
                var display = input.IsPercent ? value.Number * 100m : value.Number;
                if (input.Min is { } min && value.Number < (input.IsPercent ? min / 100m : min))
                {
                    return Diagnostic.Error(DiagnosticCodes.BelowMin, at, display, min);
                }

                if (input.Max is { } max && value.Number > (input.IsPercent ? max / 100m : max))
                {
                    return Diagnostic.Error(DiagnosticCodes.AboveMax, at, display, max);
                }

                if (input.IsCount && value.Number != decimal.Truncate(value.Number))
                {
                    return NotWhole(at, display, input.Name, input.Unit);
                }

                formulaValue = Value.Of(value.Number);
                break;
            case InputKind.YesNo:
                formulaValue = Value.Of(value.Answer);
                break;
            default:
                var option = input.FindOption(value.Option ?? string.Empty);
                if (option is null)
                {
                    return Diagnostic.Error(
                        DiagnosticCodes.UnknownOption, at, value.Option, input.Name, new Text.TextList(input.Options.Select(o => o.Key).ToArray()));
                }

                value = ReportedValue.OfOption(option.Key);
                formulaValue = Value.Of(option.Fraction);
                break;
        }

        if (_reported[input.Slot] is null)
        {
            AnsweredCount++;
        }

        _reported[input.Slot] = value;
        Values[input.Slot] = formulaValue;
        return null;
    }

    /// <summary>The problem of a fraction given for a count (1,5 civil servants).</summary>
    public static Diagnostic NotWhole(SourceLocation location, decimal value, string name, string? unit) =>
        Diagnostic.Error(DiagnosticCodes.NotWhole, location, new Text.ExactNumber(value), name, unit is null ? new Text.LocalizedText("CountedThings") : unit);

    /// <summary>Removes the value of <paramref name="input"/> (it becomes "chưa kê khai").</summary>
    public void Clear(InputSpec input)
    {
        CheckBelongs(input);
        if (_reported[input.Slot] is not null)
        {
            AnsweredCount--;
        }

        _reported[input.Slot] = null;
        Values[input.Slot] = Value.Missing;
    }

    /// <summary>What was reported for <paramref name="input"/>, or null.</summary>
    public ReportedValue? Get(InputSpec input)
    {
        CheckBelongs(input);
        return _reported[input.Slot];
    }

    /// <summary>The value of <paramref name="input"/> as formulas see it.</summary>
    public Value ValueOf(InputSpec input) => Values[input.Slot];

    /// <summary>The option chosen for a choice input, or null.</summary>
    public ChoiceOption? OptionOf(InputSpec input) =>
        _reported[input.Slot]?.Option is { } key ? input.FindOption(key) : null;

    /// <summary>Sets a general-information figure.</summary>
    public void SetProfile(ProfileField field, decimal value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ProfileValues[field.Slot] = Value.Of(value);
    }

    /// <summary>Removes a general-information figure.</summary>
    public void ClearProfile(ProfileField field) => ProfileValues[field.Slot] = Value.Missing;

    /// <summary>A general-information figure, or missing.</summary>
    public Value ProfileOf(ProfileField field) => ProfileValues[field.Slot];

    /// <summary>Every reported value with its input, in slot order.</summary>
    public IEnumerable<(InputSpec Input, ReportedValue Value)> Reported()
    {
        for (var slot = 0; slot < _reported.Length; slot++)
        {
            if (_reported[slot] is { } value)
            {
                yield return (Framework.Inputs[slot], value);
            }
        }
    }

    private void CheckBelongs(InputSpec input)
    {
        if (input.Slot >= Framework.Inputs.Count || !ReferenceEquals(Framework.Inputs[input.Slot], input))
        {
            throw new ArgumentException($"Input {input} does not belong to framework {Framework.Code}.", nameof(input));
        }
    }
}
