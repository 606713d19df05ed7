using Microsoft.Extensions.Caching.Memory;

namespace OpenDti.Application.Improvement.Trends;

/// <summary>
/// The figures trends read from publications, by publication id. A publication never changes (a correction is
/// a new publication with a new id), so an entry can never be stale; reading a 1.000-unit snapshot back from its
/// JSON is most of a trend's time.
/// </summary>
public sealed class TrendCache : IDisposable
{
    /// <summary>At most this many units' figures are kept, all publications together.</summary>
    public const long UnitLimit = 50_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = UnitLimit });

    /// <summary>The figures of publication <paramref name="publicationId"/>, if kept.</summary>
    public PeriodFigures? Find(int publicationId) => _cache.TryGetValue(publicationId, out PeriodFigures? figures) ? figures : null;

    /// <summary>Keeps <paramref name="figures"/> for publication <paramref name="publicationId"/>.</summary>
    public void Keep(int publicationId, PeriodFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        _cache.Set(publicationId, figures, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, figures.Points.Count),
            SlidingExpiration = TimeSpan.FromHours(1),
        });
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
