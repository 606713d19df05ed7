namespace OpenDti.Core.Frameworks;

/// <summary>
/// The code of a framework node ("5.12.3", "8.8.2.1", or "I" for a group), ordered naturally:
/// segments are compared one by one, numbers as numbers, so 5.2 &lt; 5.10 and 8.8 &lt; 8.8.1.
/// </summary>
/// <remarks>Equality is ordinal on the text. The default value is the empty code and sorts first.</remarks>
public readonly struct IndicatorCode : IEquatable<IndicatorCode>, IComparable<IndicatorCode>
{
    private readonly string? _value;

    private IndicatorCode(string value) => _value = value;

    /// <summary>The code as written.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <paramref name="text"/> is a well-formed code: letters or digits, separated by single dots.</summary>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] == '.' || text[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (text[i - 1] == '.')
                {
                    return false;
                }
            }
            else if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a code; throws for malformed text (use <see cref="IsValid"/> on user input first).</summary>
    public static IndicatorCode Parse(string text) =>
        IsValid(text) ? new IndicatorCode(text) : throw new FormatException($"'{text}' is not an indicator code.");

    /// <summary>A code from text that may be malformed; only for placeholders while reporting errors.</summary>
    internal static IndicatorCode Unchecked(string text) => new(text);

    /// <summary>The dot-separated segments.</summary>
    public string[] Segments => Value.Split('.');

    /// <summary>Whether this code starts with <paramref name="parent"/> followed by a dot.</summary>
    public bool IsChildOf(IndicatorCode parent) =>
        Value.Length > parent.Value.Length
        && Value.StartsWith(parent.Value, StringComparison.Ordinal)
        && Value[parent.Value.Length] == '.';

    /// <inheritdoc />
    public int CompareTo(IndicatorCode other) => Compare(Value, other.Value);

    /// <summary>Natural order of two code strings.</summary>
    public static int Compare(string? left, string? right)
    {
        var a = (left ?? string.Empty).Split('.');
        var b = (right ?? string.Empty).Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumber = long.TryParse(a[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x);
            var bNumber = long.TryParse(b[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y);
            var order = (aNumber, bNumber) switch
            {
                (true, true) => x.CompareTo(y),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>A comparer of code strings in natural order.</summary>
    public static IComparer<string> StringComparer { get; } = Comparer<string>.Create(Compare);

    /// <inheritdoc />
    public bool Equals(IndicatorCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IndicatorCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparison.Ordinal.GetHashCode() ^ Value.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality.</summary>
    public static bool operator ==(IndicatorCode left, IndicatorCode right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IndicatorCode left, IndicatorCode right) => !left.Equals(right);

    /// <summary>Natural order.</summary>
    public static bool operator <(IndicatorCode left, IndicatorCode right) => left.CompareTo(right) < 0;

    /// <summary>Natural order.</summary>
    public static bool operator >(IndicatorCode left, IndicatorCode right) => left.CompareTo(right) > 0;

    /// <summary>Natural order.</summary>
    public static bool operator <=(IndicatorCode left, IndicatorCode right) => left.CompareTo(right) <= 0;

    /// <summary>Natural order.</summary>
    public static bool operator >=(IndicatorCode left, IndicatorCode right) => left.CompareTo(right) >= 0;
}
