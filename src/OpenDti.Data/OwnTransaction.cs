using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenDti.Data;

/// <summary>
/// A transaction for one use case's writes: a new one, or, when the caller already holds one (the demo
/// seeding, a use case calling another), that one, which the caller then commits or rolls back.
/// </summary>
public sealed class OwnTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;

    private OwnTransaction(IDbContextTransaction? own) => _own = own;

    /// <summary>Begins a transaction unless <paramref name="database"/>'s connection is already in one.</summary>
    public static async Task<OwnTransaction> BeginAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new OwnTransaction(database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null);
    }

    /// <summary>Commits the transaction begun here; a caller's transaction is the caller's to commit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => _own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Rolls back the transaction begun here; a caller's transaction is the caller's to roll back.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken = default) => _own?.RollbackAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
