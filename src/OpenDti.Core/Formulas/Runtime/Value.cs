using System.Globalization;

namespace OpenDti.Core.Formulas.Runtime;

/// <summary>Whether a <see cref="Value"/> holds a number, or why it does not.</summary>
public enum ValueState : byte
{
    /// <summary>A number.</summary>
    Defined = 0,

    /// <summary>Cannot be computed from what was reported, e.g. a ratio whose denominator is 0.</summary>
    Undefined = 1,

    /// <summary>An input the unit has not reported ("chưa kê khai"). Different from 0.</summary>
    Missing = 2,
}

/// <summary>
/// A value in a formula: a decimal number, or <see cref="ValueState.Undefined"/> (a ratio over 0),
/// or <see cref="ValueState.Missing"/> (not reported). Conditions are values too: 1 is true, 0 false.
/// </summary>
/// <remarks>
/// Missing and undefined propagate through arithmetic; missing wins over undefined, because
/// "report the figure" is the more useful thing to tell a unit. Equality is by state and number.
/// </remarks>
public readonly struct Value : IEquatable<Value>
{
    private Value(decimal number, ValueState state)
    {
        Number = number;
        State = state;
    }

    /// <summary>The number; 0 unless <see cref="IsDefined"/>.</summary>
    public decimal Number { get; }

    /// <summary>The state.</summary>
    public ValueState State { get; }

    /// <summary>Whether this holds a number.</summary>
    public bool IsDefined => State == ValueState.Defined;

    /// <summary>Whether this is not reported.</summary>
    public bool IsMissing => State == ValueState.Missing;

    /// <summary>Whether this is undefined.</summary>
    public bool IsUndefined => State == ValueState.Undefined;

    /// <summary>A missing value.</summary>
    public static Value Missing => new(0m, ValueState.Missing);

    /// <summary>An undefined value.</summary>
    public static Value Undefined => new(0m, ValueState.Undefined);

    /// <summary>True (1).</summary>
    public static Value True => new(1m, ValueState.Defined);

    /// <summary>False (0).</summary>
    public static Value False => new(0m, ValueState.Defined);

    /// <summary>The number <paramref name="number"/>.</summary>
    public static Value Of(decimal number) => new(number, ValueState.Defined);

    /// <summary>True or false.</summary>
    public static Value Of(bool condition) => condition ? True : False;

    /// <summary>A value in <paramref name="state"/> (number 0 unless defined).</summary>
    public static Value FromState(ValueState state) => new(0m, state);

    /// <inheritdoc />
    public bool Equals(Value other) => State == other.State && Number == other.Number;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(State, Number);

    /// <summary>Equality.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => State switch
    {
        ValueState.Defined => Number.ToString(CultureInfo.InvariantCulture),
        ValueState.Undefined => "undefined",
        _ => "missing",
    };
}
