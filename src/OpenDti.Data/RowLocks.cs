using Microsoft.EntityFrameworkCore;

namespace OpenDti.Data;

/// <summary>
/// Serialises the writers of one period's settings and cohort, or of some units, for the rest of the current
/// transaction, so that what a change reads (a unit still open, the cohort as it is) still holds when it commits.
/// </summary>
/// <remarks>
/// <para>
/// On PostgreSQL the rows are locked with <c>SELECT … FOR NO KEY UPDATE</c>: a second transaction doing the same
/// waits until the first commits or rolls back, and then reads what the first wrote (each statement of a READ
/// COMMITTED transaction sees what was committed before it began). <c>NO KEY</c>: a unit created under a locked unit
/// (its key share, taken by the foreign key) is not held up. Units are locked in the order of their codes, so that two
/// changes of overlapping units never wait for each other in a circle. Take these locks before the first save of the
/// transaction: a save takes the audit chain's lock (<see cref="Audit.AuditChain"/>), which must come last.
/// </para>
/// <para>
/// SQLite has no row locks and needs none: the application's transactions begin with <c>BEGIN IMMEDIATE</c>
/// (Microsoft.Data.Sqlite's default), which lets one writer at a time through the whole database, so reads made
/// after the transaction began are already current.
/// </para>
/// </remarks>
public static class RowLocks
{
    /// <summary>Locks period <paramref name="periodId"/>'s row until the current transaction ends; a transaction must be open.</summary>
    public static async Task LockPeriodAsync(this OpenDtiDbContext db, int periodId, CancellationToken cancellationToken = default)
    {
        if (Npgsql(db))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM periods WHERE \"Id\" = {periodId} FOR NO KEY UPDATE", cancellationToken);
        }
    }

    /// <summary>Locks the units of <paramref name="codes"/> (unknown codes are passed over), in code order, until the current transaction ends.</summary>
    public static async Task LockUnitsAsync(this OpenDtiDbContext db, IReadOnlyCollection<string> codes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (Npgsql(db) && codes.Count > 0)
        {
            var list = codes.Distinct(StringComparer.Ordinal).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM units WHERE \"Code\" = ANY({list}) ORDER BY \"Code\" FOR NO KEY UPDATE", cancellationToken);
        }
    }

    /// <summary>Locks the units that belong to unit <paramref name="parentCode"/>, in code order, until the current transaction ends.</summary>
    public static async Task LockUnitsUnderAsync(this OpenDtiDbContext db, string parentCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parentCode);
        if (Npgsql(db))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM units WHERE \"ParentId\" IN (SELECT \"Id\" FROM units WHERE \"Code\" = {parentCode}) ORDER BY \"Code\" FOR NO KEY UPDATE",
                cancellationToken);
        }
    }

    private static bool Npgsql(OpenDtiDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rows are locked inside a transaction, until it ends.");
        }

        return db.Database.IsNpgsql();
    }
}
