using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using Xunit;

namespace OpenDti.Cli.Tests;

/// <summary><c>opendti audit verify</c>: the audit's hash chain read whole, the first broken link named.</summary>
[Collection(AdminPasswordVariable.Collection)]
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opendti-audit").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Verify_AnIntactAudit_SaysSo_WithTheLastHash()
    {
        CreateDatabase();

        var (exitCode, output, error) = Cli.Run("audit", "verify", "--data-directory", _directory);

        Assert.Equal((0, string.Empty), (exitCode, error));
        Assert.Matches("^Nhật ký nguyên vẹn: 5 dòng, dòng cuối 5, mã băm cuối [0-9a-f]{64} ", output);
    }

    [Fact]
    public async Task Verify_AnEditedEntry_NamesIt_AndExitsWithOne()
    {
        CreateDatabase();
        await using (var provider = Database())
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"UserName\" = 'someone else' WHERE \"Sequence\" = 2", TestContext.Current.CancellationToken);
        }

        var (exitCode, output, error) = Cli.Run("audit", "verify", "--data-directory", _directory, "--lang", "en");

        Assert.Equal((1, string.Empty), (exitCode, output));
        Assert.StartsWith("The audit was tampered with: the first broken link is at entry 2 (id 2): the entry was edited after it was written. 5 entries read.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WithoutADatabase_SaysWhere_AndCreatesNothing()
    {
        var missing = Path.Combine(_directory, "none");

        var (exitCode, _, error) = Cli.Run("audit", "verify", "--data-directory", missing);

        Assert.Equal(1, exitCode);
        Assert.Equal($"lỗi: không có cơ sở dữ liệu ở {Path.Combine(missing, "opendti.db")}", error.Trim());
        Assert.False(Directory.Exists(missing));
    }

    /// <summary>A database made by <c>opendti admin create</c>: four built-in frameworks and an account, five audit entries.</summary>
    private void CreateDatabase()
    {
        Environment.SetEnvironmentVariable("OPENDTI_ADMIN_PASSWORD", "Quản-trị-viên-2024!");
        try
        {
            Assert.Equal(0, Cli.Run("admin", "create", "--user", "quantri", "--data-directory", _directory).ExitCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENDTI_ADMIN_PASSWORD", null);
        }
    }

    private ServiceProvider Database() =>
        new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory))
            .BuildServiceProvider();
}
