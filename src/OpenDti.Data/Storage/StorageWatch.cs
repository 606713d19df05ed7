using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDti.Data.Storage;

/// <summary>The last time the database could not store something, and why.</summary>
/// <param name="Problem">Full or read-only.</param>
/// <param name="At">When (UTC).</param>
public sealed record StorageIncident(StorageProblem Problem, DateTime At);

/// <summary>
/// Remembers the last save that failed because the database could not store anything (a full disk, a
/// read-only file), until a save succeeds again, so that <c>/health</c> can say so between requests.
/// One per process; it watches every <c>SaveChanges</c> and is told of failures met elsewhere.
/// </summary>
public sealed class StorageWatch(TimeProvider time) : SaveChangesInterceptor
{
    private StorageIncident? _last;

    /// <summary>The last storage failure not followed by a successful save, or null.</summary>
    public StorageIncident? Last => Volatile.Read(ref _last);

    /// <summary>Records a storage failure met outside <c>SaveChanges</c> (a transaction, a raw command).</summary>
    public void Failed(StorageProblem problem) => Volatile.Write(ref _last, new StorageIncident(problem, time.GetUtcNow().UtcDateTime));

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Volatile.Write(ref _last, null);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _last, null);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Record(eventData.Exception);

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Record(Exception exception)
    {
        if (StorageFailure.Of(exception) is { } problem)
        {
            Failed(problem);
        }
    }
}
