using Microsoft.EntityFrameworkCore;

namespace OpenDti.Data.Periods;

/// <summary>
/// Serialises the writers of one unit's data in one period for the rest of the current transaction,
/// so that a check made inside it (a quota) still holds when it commits.
/// </summary>
/// <remarks>
/// On PostgreSQL the unit's <c>period_units</c> row is locked (<c>SELECT … FOR UPDATE</c>): a second
/// transaction doing the same waits until the first commits or rolls back, and uploads of other units
/// or periods are not held up. SQLite has no row locks and needs none: the application's transactions
/// begin with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which already lets one writer
/// at a time through the whole database.
/// </remarks>
public static class PeriodUnitLock
{
    /// <summary>Locks (<paramref name="periodId"/>, <paramref name="unitId"/>) until the current transaction ends; a transaction must be open.</summary>
    public static async Task LockAsync(this OpenDtiDbContext db, int periodId, int unitId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A period unit is locked inside a transaction, until it ends.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM period_units WHERE \"PeriodId\" = {periodId} AND \"UnitId\" = {unitId} FOR UPDATE", cancellationToken);
        }
    }
}
