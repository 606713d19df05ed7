using Microsoft.Extensions.Caching.Memory;

namespace OpenDti.Application.Review;

/// <summary>
/// Publications read back from their JSON, by publication id. A publication never changes (a correction is a new
/// publication with a new id), so a kept snapshot is never stale, on any instance. Reading a 1.000-unit snapshot
/// back is most of what a period page costs when the year before it is published: it is done once, not on every
/// request.
/// </summary>
public sealed class PublicationSnapshots : IDisposable
{
    /// <summary>At most this many units are kept, all snapshots together.</summary>
    public const long UnitLimit = 50_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = UnitLimit });

    /// <summary>The snapshot of publication <paramref name="publicationId"/>: kept, or read with <paramref name="read"/> and kept.</summary>
    public async Task<PublicationSnapshot> GetAsync(int publicationId, Func<Task<string>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_cache.TryGetValue(publicationId, out PublicationSnapshot? kept) && kept is not null)
        {
            return kept;
        }

        var snapshot = PublicationSnapshot.FromJson(await read());
        _cache.Set(publicationId, snapshot, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, snapshot.Units.Count),
            SlidingExpiration = TimeSpan.FromHours(1),
        });
        return snapshot;
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
