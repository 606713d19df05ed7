using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The migration that adds the unique indexes of evidence files, on a database that already holds
/// copies of one file (stored by simultaneous uploads before the index existed): it must keep the
/// first, mark the others deleted, and then create the index.
/// </summary>
public sealed class EvidenceMigrationTests
{
    private const string BeforeTheIndex = "20261124052513_AddReview";

    // Up to the migration under test only: later ones rebuild evidence_files with foreign keys checked, which
    // the rows below (written without their period, unit and appeal) cannot pass, and real rows always do.
    private const string TheIndex = "20261206030829_EvidenceOneCopyPerIndicator";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_KeepsTheFirstCopy_AndMarksTheOthersDeleted()
    {
        var directory = Directory.CreateTempSubdirectory("opendti-migration").FullName;
        // Rows are written without their period, unit and appeal: only the evidence table matters here.
        var services = new ServiceCollection()
            .AddOpenDtiDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "opendti.db")};Foreign Keys=False")
            .BuildServiceProvider();
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync(BeforeTheIndex, Ct);
            (long Id, int Unit, string Indicator, string Sha, int? Appeal, bool Deleted)[] rows =
            [
                (1, 1, "2.1", "aa", null, false),
                (2, 1, "2.1", "aa", null, false),
                (3, 1, "2.1", "aa", null, false),
                (4, 1, "2.1", "aa", null, true),
                (5, 1, "2.2", "aa", null, false),
                (6, 2, "2.1", "aa", null, false),
                (7, 1, "2.1", "aa", 9, false),
                (8, 1, "2.1", "aa", 9, false),
            ];
            foreach (var row in rows)
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    INSERT INTO evidence_files ("Id", "PeriodId", "UnitId", "Indicator", "FileName", "ContentType", "Size", "Sha256", "UploadedBy", "UploadedAt", "DeletedAt", "DeletedBy", "AppealId")
                    VALUES ({row.Id}, 1, {row.Unit}, {row.Indicator}, {"f" + row.Id + ".pdf"}, 'application/pdf', 1, {row.Sha}, 'reporter', '2024-11-20 08:00:00', {(row.Deleted ? "2024-11-21 08:00:00" : null)}, {(row.Deleted ? "reporter" : null)}, {row.Appeal})
                    """,
                    Ct);
            }

            await migrator.MigrateAsync(TheIndex, Ct);

            var files = await db.EvidenceFiles.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.DeletedBy }).ToListAsync(Ct);
            Assert.Equal(
                [(1L, null), (2L, "migration: duplicate"), (3L, "migration: duplicate"), (4L, "reporter"), (5L, null), (6L, null), (7L, null), (8L, "migration: duplicate")],
                files.Select(f => (f.Id, f.DeletedBy)));
            Assert.Contains("IX_evidence_files_live_file", await IndexesAsync(db));
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<List<string>> IndexesAsync(OpenDtiDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evidence_files'").ToListAsync(Ct);
}
