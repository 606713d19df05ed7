using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;

namespace OpenDti.Benchmarks;

/// <summary>
/// The audit's hash chain on SQLite at provincial scale: reading and checking it whole (what
/// <c>opendti audit verify</c> and <c>/health</c> do), and the cost of one audited save (the chain's
/// last hash read and the entry sealed in the saving transaction). A province of 1.000 units reporting
/// 100 inputs each writes 100.000 value entries a year, before corrections.
/// </summary>
[MemoryDiagnoser]
public class AuditChainBenchmarks
{
    private string _directory = string.Empty;
    private ServiceProvider _services = null!;

    /// <summary>Entries in the audit.</summary>
    [Params(10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("opendti-audit-bench").FullName;
        _services = new ServiceCollection()
            .AddLogging()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, DatabaseRegistration.SqliteConnectionString(_directory))
            .BuildServiceProvider();
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        db.Database.Migrate();
        for (var written = 0; written < Entries; written += 1000)
        {
            for (var i = 0; i < 1000; i++)
            {
                db.AuditEntries.Add(Entry(written + i));
            }

            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The whole chain read in order and every link checked.</summary>
    [Benchmark]
    public async Task<long> Verify()
    {
        using var scope = _services.CreateScope();
        var report = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>());
        return report.Intact ? report.Count : throw new InvalidOperationException("broken chain");
    }

    /// <summary>One value change saved with its audit entry, sealed (a transaction of its own, committed to disk).</summary>
    [Benchmark]
    public async Task<int> SaveOneAuditedChange()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        db.AuditEntries.Add(Entry(0));
        return await db.SaveChangesAsync();
    }

    private static AuditEntry Entry(int i) => new()
    {
        At = DateTime.UtcNow,
        UserId = "user-" + (i % 1000),
        UserName = "reporter.xa-" + (i % 1000),
        Kind = AuditKind.Value,
        Channel = AuditChannel.Page,
        PeriodId = 1,
        UnitId = i % 1000,
        Indicator = "3." + (i % 40),
        Input = "a",
        OldValue = (i % 97).ToString(System.Globalization.CultureInfo.InvariantCulture),
        NewValue = (i % 89).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Reason = i % 10 == 0 ? "Bổ sung theo ý kiến thẩm định" : null,
    };
}
