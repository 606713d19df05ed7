using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A test class whose every test gets its own application on a fresh SQLite database, started
/// before the test and disposed after it.
/// </summary>
public abstract class WebAppTest : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    /// <summary>The running application.</summary>
    protected OpenDtiFactory Factory { get; private set; } = null!;

    /// <summary>Cancelled when the test run is aborted.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Factory = await new OpenDtiFactory(_database).StartAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
