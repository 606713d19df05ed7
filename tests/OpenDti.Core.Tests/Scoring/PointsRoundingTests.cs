using CsCheck;
using OpenDti.Core.Scoring;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// <see cref="Points.Round"/> works on the mantissa for speed; it must equal, bit for bit, the rule it
/// implements: round to 20 decimals, then to 2, halves away from zero, with two decimals.
/// </summary>
public class PointsRoundingTests
{
    private static decimal Reference(decimal raw)
    {
        var rounded = Math.Round(Math.Round(raw, 20, MidpointRounding.AwayFromZero), 2, MidpointRounding.AwayFromZero);
        return Math.Round(rounded + 0.00m, 2, MidpointRounding.AwayFromZero);
    }

    private static void Same(decimal raw)
    {
        var expected = Reference(raw);
        var actual = Points.Round(raw);
        Assert.True(
            expected == actual && decimal.GetBits(expected).SequenceEqual(decimal.GetBits(actual)),
            $"{raw}: expected {expected}, got {actual}");
    }

    [Theory]
    [InlineData("0.125")]
    [InlineData("-0.125")]
    [InlineData("8.925")]
    [InlineData("0.1249999999999999999999999998")]
    [InlineData("0.12499999999999999999")]
    [InlineData("0.124999999999999999994")]
    [InlineData("0.124999999999999999995")]
    [InlineData("1000")]
    [InlineData("1000.5")]
    [InlineData("0")]
    [InlineData("7.9228162514264337593543950335")]
    [InlineData("79228162514264.337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void EdgeCases_MatchTheRule(string raw) => Same(decimal.Parse(raw, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void RatiosTimesMaxPoints_MatchTheRule() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 100_000], Gen.Int[1, 4000]).Sample((a, b, halfPoints) =>
            Same(((decimal)a / b) * (halfPoints / 2m)), iter: 200_000);

    [Fact]
    public void AnyDecimal_MatchesTheRule() =>
        Gen.Select(Gen.Int, Gen.Int, Gen.Int[0, 1 << 20], Gen.Bool, Gen.Byte[0, 28]).Sample((lo, mid, hi, negative, scale) =>
            Same(new decimal(lo, mid, hi, negative, scale)), iter: 200_000);
}
