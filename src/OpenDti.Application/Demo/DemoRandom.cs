namespace OpenDti.Application.Demo;

/// <summary>
/// The demo's only source of chance: <c>new Random(2024)</c>, drawn in a fixed order, so that every
/// seeding of an empty database gives the same figures.
/// </summary>
internal sealed class DemoRandom(int seed = DemoRandom.Seed)
{
    /// <summary>The seed of the demo.</summary>
    public const int Seed = 2024;

#pragma warning disable CA5394 // Not security: reproducible demo figures.
    private readonly Random _random = new(seed);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    /// <summary>A decimal in [0, 1).</summary>
    public decimal Unit() => (decimal)_random.NextDouble();
#pragma warning restore CA5394

    /// <summary>A decimal in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public decimal Between(decimal low, decimal high) => low + ((high - low) * Unit());

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(decimal probability) => Unit() < probability;

    /// <summary>The items in a random order (Fisher–Yates).</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Next(0, i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
