using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OpenDti.Data;
using OpenDti.Data.Audit;

namespace OpenDti.Application.Audit;

/// <summary>A set of rows replaced whole (a period's baseline, its reference values), with its audit entry.</summary>
internal static class WholeSet
{
    /// <summary>
    /// Deletes the rows of <paramref name="set"/> matching <paramref name="old"/>, adds <paramref name="rows"/> and the
    /// audit entry <paramref name="entry"/> makes from how many were deleted, in one transaction. Another import of the
    /// same set at the same moment is a conflict: one of them wins whole.
    /// </summary>
    public static async Task<Outcome<int>> ReplaceAsync<T>(
        OpenDtiDbContext db, DbSet<T> set, Expression<Func<T, bool>> old, IReadOnlyCollection<T> rows, Func<int, AuditEntry> entry, CancellationToken cancellationToken)
        where T : class
    {
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        var before = await set.Where(old).ExecuteDeleteAsync(cancellationToken);
        set.AddRange(rows);
        db.AuditEntries.Add(entry(before));
        return await CommitAsync(db, transaction, rows.Count, cancellationToken);
    }

    /// <summary>
    /// Saves and commits a whole set's replacement begun in <paramref name="transaction"/>: <paramref name="count"/> rows,
    /// or a 409 when a concurrent replacement got there first (a unique index refused a row); the tracker is then cleared.
    /// </summary>
    public static async Task<Outcome<int>> CommitAsync(OpenDtiDbContext db, OwnTransaction transaction, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Conflict(new AppMessage("ConcurrentChange"));
        }

        return Outcome<int>.Ok(count);
    }
}
