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

    /// <summary>A period's cohort scored on each basis asked for, with the units' names, at <paramref name="Version"/>.</summary>
    public sealed record Scored(long Version, IReadOnlyList<CohortScores> Scores, IReadOnlyDictionary<string, string> Names);
}
