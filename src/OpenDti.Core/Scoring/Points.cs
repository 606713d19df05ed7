namespace OpenDti.Core.Scoring;

/// <summary>
/// Points as published: two decimals, a third decimal of 5 rounded away from zero (as the officials'
/// spreadsheets do: 0.125 → 0.13, 8.925 → 8.93).
/// </summary>
/// <remarks>
/// Before rounding to two decimals the raw value is rounded to 20 decimals, which removes the noise a
/// 28-digit decimal quotient can leave (1/48 × 6 = 0.1249999999999999999999999998 is 0.125, so 0.13).
/// Real differences between reported figures are far larger than 10⁻²⁰.
/// </remarks>
public static class Points
{
    /// <summary>Decimals kept in points.</summary>
    public const int Decimals = 2;

    /// <summary>Rounds raw points to published points, always with two decimals (87.50, not 87.5).</summary>
    public static decimal Round(decimal raw) =>
        Normalize(Math.Round(Math.Round(raw, 20, MidpointRounding.AwayFromZero), Decimals, MidpointRounding.AwayFromZero));

    /// <summary>The same number with exactly two decimals, so that equal points are equal bit for bit and print alike.</summary>
    public static decimal Normalize(decimal points) => Math.Round(points + 0.00m, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The points of <paramref name="fraction"/> of <paramref name="maxPoints"/>, rounded.</summary>
    public static decimal Of(decimal fraction, decimal maxPoints) => Round(fraction * maxPoints);
}

/// <summary>A fraction of max points: always between 0 and 1.</summary>
public static class Fraction
{
    /// <summary>
    /// Clamps <paramref name="raw"/> to [0, 1]: a rule can never give more than max points, nor less
    /// than nothing. <paramref name="clamped"/> tells whether the value was changed.
    /// </summary>
    public static decimal Clamp(decimal raw, out bool clamped)
    {
        if (raw < 0m)
        {
            clamped = true;
            return 0m;
        }

        if (raw > 1m)
        {
            clamped = true;
            return 1m;
        }

        clamped = false;
        return raw;
    }
}
