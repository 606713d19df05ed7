using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OpenDti.Core.Scoring;
using OpenDti.Data;

namespace OpenDti.Application.Results;

/// <summary>
/// The scored cohorts of recent periods, so that a page does not read every value of a period and score
/// every unit again when nothing changed. At provincial scale that reading is most of a page's time: a
/// 1.000-unit cohort holds ~70.000 values.
/// </summary>
/// <remarks>
/// <para>
/// What can move a score — a value, an adjustment, a unit's general figures, a unit, a period, a
/// publication — is written together with its audit entry, in the same transaction (docs/security.md,
/// "Audit"). The audit chain's last sequence number is therefore a version of everything that is
/// scored, the same on every instance sharing the database, and one indexed read. An entry is used only
/// when that number has not moved since it was scored; it is read before the values, so an entry is
/// never older than the number it is kept under.
/// </para>
/// <para>
/// Inside a transaction the cache is neither read nor filled: the transaction may see its own
/// uncommitted entries, and a sequence number given out by a transaction that rolls back is given out
/// again to the next.
/// </para>
/// </remarks>
public sealed class ScoreCache : IDisposable
{
    /// <summary>At most this many units' scores are kept, all periods and bases together.</summary>
    public const long UnitLimit = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = UnitLimit });

    /// <summary>One scoring at a time per period and bases: whoever waits gets what the first one scored.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _scoring = new(StringComparer.Ordinal);

    /// <summary>The version of everything scored, or null when the cache must not be used (inside a transaction).</summary>
    public static async Task<long?> VersionAsync(OpenDtiDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        return await db.AuditEntries.MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>The scores of <paramref name="periodId"/> on <paramref name="bases"/> kept at <paramref name="version"/>, if any.</summary>
    public Scored? Find(int periodId, IReadOnlyList<ValueBasis> bases, long version) =>
        _cache.TryGetValue(Key(periodId, bases), out Scored? scored) && scored!.Version == version ? scored : null;

    /// <summary>The latest scores kept of <paramref name="periodId"/> on <paramref name="bases"/>, whatever their version.</summary>
    public Scored? Latest(int periodId, IReadOnlyList<ValueBasis> bases) =>
        _cache.TryGetValue(Key(periodId, bases), out Scored? scored) ? scored : null;

    /// <summary>
    /// Waits until no other request of this instance is scoring <paramref name="periodId"/> on
    /// <paramref name="bases"/>, then holds that place until disposed: thirty readers arriving after a change
    /// score the cohort once, not thirty times at once.
    /// </summary>
    public async Task<IDisposable> ScoringAsync(int periodId, IReadOnlyList<ValueBasis> bases, CancellationToken cancellationToken)
    {
        var gate = _scoring.GetOrAdd(Key(periodId, bases), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <summary>Keeps <paramref name="scored"/> for <paramref name="periodId"/> on <paramref name="bases"/>.</summary>
    public void Keep(int periodId, IReadOnlyList<ValueBasis> bases, Scored scored) =>
        _cache.Set(Key(periodId, bases), scored, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, scored.Scores.Sum(s => (long)s.Units.Count)),
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private static string Key(int periodId, IReadOnlyList<ValueBasis> bases) =>
        periodId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + string.Join(",", bases);

    /// <summary>
    /// A period's cohort scored on each basis asked for, with the units' names, at <paramref name="Version"/>;
    /// <paramref name="Members"/> gives each member's code by unit id, to bring a few units up to date.
    /// </summary>
    public sealed record Scored(long Version, IReadOnlyList<CohortScores> Scores, IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<int, string> Members);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
