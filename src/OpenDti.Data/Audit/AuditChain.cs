using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OpenDti.Data.Audit;

/// <summary>What a check of the audit chain found.</summary>
/// <param name="Count">How many entries were read.</param>
/// <param name="LastSequence">The last entry's place in the chain (0 when there is none).</param>
/// <param name="LastHash">The last entry's hash: write it down elsewhere to detect later that entries were cut from the end.</param>
/// <param name="Break">The first broken link, or null when the chain holds.</param>
public sealed record AuditChainReport(long Count, long LastSequence, string? LastHash, AuditChainBreak? Break)
{
    /// <summary>Whether every link holds.</summary>
    public bool Intact => Break is null;
}

/// <summary>Why a link of the chain is broken.</summary>
public enum AuditBreakKind
{
    /// <summary>The entry's fields no longer give its hash: it was edited.</summary>
    Edited,

    /// <summary>Entries are missing before this one: the sequence jumps.</summary>
    Missing,

    /// <summary>The entry does not hold the hash of the one before it: an entry before it was replaced or inserted.</summary>
    Link,

    /// <summary>The entry has no hash although entries after the start of the chain must have one.</summary>
    Unsealed,
}

/// <summary>The first broken link of the audit chain.</summary>
/// <param name="Sequence">The place in the chain where it breaks (the entry expected there).</param>
/// <param name="EntryId">The id of the entry found there.</param>
/// <param name="Kind">What is wrong.</param>
public sealed record AuditChainBreak(long Sequence, long EntryId, AuditBreakKind Kind);

/// <summary>
/// The audit entries form a hash chain: entry <c>n</c> holds the SHA-256 of entry <c>n − 1</c>
/// (<see cref="AuditEntry.PreviousHash"/>) and its own hash over its fields and that link
/// (<see cref="AuditEntry.Hash"/>). Editing an entry in the database changes its hash; deleting one
/// leaves a gap in <see cref="AuditEntry.Sequence"/>; both are found by <see cref="VerifyAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// Entries are sealed by <see cref="OpenDtiDbContext"/> as they are saved, inside the saving
/// transaction, after taking the chain's lock: on PostgreSQL a transaction-scoped advisory lock, on
/// SQLite the database's write lock that every OpenDti transaction takes when it begins. Two instances
/// writing at once therefore never fork the chain, and a transaction that rolls back leaves no link.
/// </para>
/// <para>
/// The chain has no secret: someone who can write to the database and recompute every hash after the
/// one they changed, or who deletes entries at the end, is not detected by the chain alone. The last
/// hash reported by <c>opendti audit verify</c> and <c>/health</c> is the anchor to keep elsewhere
/// (docs/security.md).
/// </para>
/// </remarks>
public static class AuditChain
{
    /// <summary>The link held by the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The key of the PostgreSQL advisory lock held while entries are sealed.</summary>
    internal const long PostgresLockKey = 0x4F445449_41554449; // "ODTIAUDI"

    /// <summary>
    /// <paramref name="at"/> as it is stored and hashed: UTC, to the microsecond (PostgreSQL keeps no
    /// more), so that what is hashed before saving is what is read back.
    /// </summary>
    public static DateTime Normalize(DateTime at) =>
        DateTime.SpecifyKind(new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Unspecified), DateTimeKind.Utc);

    /// <summary>The hash of <paramref name="entry"/>'s fields and its <see cref="AuditEntry.PreviousHash"/>.</summary>
    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(256);
        Field(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        Field(text, entry.UserId);
        Field(text, entry.UserName);
        Field(text, entry.Kind.ToString());
        Field(text, entry.Channel.ToString());
        Field(text, entry.PeriodId?.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.UnitId?.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.Subject);
        Field(text, entry.Indicator);
        Field(text, entry.Input);
        Field(text, entry.OldValue);
        Field(text, entry.NewValue);
        Field(text, entry.Reason);
        if (entry.ActorUnitId is { } actorUnit)
        {
            // Only when set, so that the entries sealed before it existed keep their hashes.
            text.Append("actor-unit=");
            Field(text, actorUnit.ToString(CultureInfo.InvariantCulture));
        }

        Field(text, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Length-prefixed, so that no two different entries give the same text, and null differs from "".
    private static void Field(StringBuilder text, string? value) =>
        (value is null ? text.Append("-1:") : text.Append(value.Length).Append(':').Append(value)).Append('|');

    /// <summary>
    /// Seals <paramref name="entries"/> (new, in the order given) after the chain's last entry. The caller
    /// is inside a transaction; this takes the chain's lock for the rest of it.
    /// </summary>
    internal static async Task SealAsync(OpenDtiDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await LockAsync(db, cancellationToken);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Hash != null)
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        Link(entries, last?.Sequence ?? 0, last?.Hash ?? Genesis);
    }

    /// <summary>Gives <paramref name="entries"/>, in order, the places after <paramref name="sequence"/> and the links after <paramref name="previous"/>.</summary>
    private static void Link(IEnumerable<AuditEntry> entries, long sequence, string previous)
    {
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.At = Normalize(entry.At);
            entry.PreviousHash = previous;
            entry.Hash = HashOf(entry);
            previous = entry.Hash;
        }
    }

    /// <summary>
    /// Seals entries written before the chain existed (no hash yet), oldest first, when they all come
    /// before the first sealed entry; called once at start-up after the migrations. Entries without a
    /// hash after a sealed one are left as they are, for <see cref="VerifyAsync"/> to report.
    /// </summary>
    /// <returns>How many entries were sealed.</returns>
    public static async Task<int> SealEarlierEntriesAsync(OpenDtiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.AuditEntries.AnyAsync(a => a.Hash == null, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        var firstSealed = await db.AuditEntries.Where(a => a.Hash != null).MinAsync(a => (long?)a.Sequence, cancellationToken);
        if (firstSealed is not null)
        {
            return 0;
        }

        var earlier = await db.AuditEntries.Where(a => a.Hash == null).OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        Link(earlier, 0, Genesis);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return earlier.Count;
    }

    /// <summary>Reads the whole chain in order and reports the first broken link, if any.</summary>
    public static async Task<AuditChainReport> VerifyAsync(OpenDtiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long count = 0;
        long expected = 1;
        var previous = Genesis;
        AuditChainBreak? broken = null;
        var entries = db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            count++;
            if (broken is null)
            {
                broken = entry.Sequence != expected ? new AuditChainBreak(expected, entry.Id, AuditBreakKind.Missing)
                    : entry.Hash is null ? new AuditChainBreak(entry.Sequence, entry.Id, AuditBreakKind.Unsealed)
                    : entry.PreviousHash != previous ? new AuditChainBreak(entry.Sequence, entry.Id, AuditBreakKind.Link)
                    : HashOf(entry) != entry.Hash ? new AuditChainBreak(entry.Sequence, entry.Id, AuditBreakKind.Edited)
                    : null;
            }

            expected = entry.Sequence + 1;
            previous = entry.Hash ?? string.Empty;
        }

        return new AuditChainReport(count, expected - 1, count == 0 ? null : previous, broken);
    }

    private static async Task LockAsync(OpenDtiDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }
    }
}
