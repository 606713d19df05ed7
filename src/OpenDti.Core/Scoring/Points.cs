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
    /// <remarks>
    /// This runs for every indicator of every unit, so it works on the decimal's 96-bit mantissa with
    /// integer arithmetic: the same result, bit for bit, as <c>Math.Round(Math.Round(raw, 20), 2)</c>
    /// with halves away from zero, at a fraction of the cost (see docs/performance.md).
    /// </remarks>
    public static decimal Round(decimal raw)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(raw, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (scale <= Decimals)
        {
            return Normalize(raw);
        }

        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        if (scale > 20)
        {
            mantissa = RoundHalfAway(mantissa, scale - 20);
            scale = 20;
        }

        mantissa = RoundHalfAway(mantissa, scale - Decimals);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, Decimals);
    }

    /// <summary>10⁰ … 10²⁸: every scale a decimal can have.</summary>
    private static readonly UInt128[] PowersOfTen = CreatePowersOfTen();

    private static UInt128[] CreatePowersOfTen()
    {
        var powers = new UInt128[29];
        powers[0] = 1;
        for (var n = 1; n < powers.Length; n++)
        {
            powers[n] = powers[n - 1] * 10;
        }

        return powers;
    }

    /// <summary><paramref name="value"/> / 10^<paramref name="digits"/>, a remainder of half or more rounded up (the sign is applied by the caller).</summary>
    private static UInt128 RoundHalfAway(UInt128 value, int digits)
    {
        var divisor = PowersOfTen[digits];
        var quotient = value / divisor;
        var remainder = value - (quotient * divisor);
        return remainder * 2 >= divisor ? quotient + 1 : quotient;
    }

    /// <summary>The same number with exactly two decimals, so that equal points are equal bit for bit and print alike.</summary>
    public static decimal Normalize(decimal points) => points.Scale switch
    {
        Decimals => points,
        < Decimals => points + 0.00m,
        _ => Math.Round(points, Decimals, MidpointRounding.AwayFromZero),
    };

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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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
