using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenDti.Data;
using OpenDti.Data.Storage;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A database that cannot store anything (read-only, or full) answers 503 with a clear problem and no
/// stack trace, <c>/health</c> says Unhealthy and why, nothing saved before is lost, and saving works
/// again once the disk does. The conditions are SQLite's own: <c>PRAGMA query_only</c> makes every
/// write fail with SQLITE_READONLY, as a read-only file or folder does, and <c>PRAGMA max_page_count</c>
/// at the current size makes a write that needs room fail with SQLITE_FULL, as a full disk does.
/// </summary>
public sealed class StorageFailureTests : WebAppTest
{
    private readonly Disk _disk = new();

    private readonly StartLog _log = new();

    private string Values => $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values";

    [Fact]
    public async Task ReadOnlyDatabase_Answers503_HealthSaysWhy_AndNothingSavedBeforeIsLost()
    {
        await using var host = Broken();
        using var client = await ClientAsync(host, "reporter.so-a");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync(Values, Json(new[] { new { indicator = "3.2", input = "b", value = "40" } }), Cancel)).StatusCode);

        _disk.State = DiskState.ReadOnly;
        using var refused = await client.PutAsync(Values, Json(new[] { new { indicator = "3.2", input = "a", value = "5" } }), Cancel);
        using var health = await client.GetAsync("/health", Cancel);
        using var read = await client.GetAsync(Values, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        var problem = await JsonAsync(refused);
        Assert.Equal("Máy chủ chưa lưu được: thư mục hoặc tệp dữ liệu chỉ cho phép đọc", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("Exception", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var status = await JsonAsync(health);
        Assert.Equal(("Unhealthy", "Unhealthy"), (status.GetProperty("status").GetString(), status.GetProperty("checks").GetProperty("storage").GetString()));
        Assert.StartsWith("Máy chủ chưa lưu được: thư mục hoặc tệp dữ liệu chỉ cho phép đọc / The server cannot save now: the data folder or file is read-only", status.GetProperty("details").GetProperty("storage").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(["3.2/b=40"], (await JsonAsync(read)).EnumerateArray().Select(v => $"{v.GetProperty("indicator")}/{v.GetProperty("input")}={v.GetProperty("value")}"));

        _disk.State = DiskState.Writable;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync(Values, Json(new[] { new { indicator = "3.2", input = "a", value = "5" } }), Cancel)).StatusCode);
        Assert.Equal("Healthy", (await JsonAsync(await client.GetAsync("/health", Cancel))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task FullDisk_RefusesAnUpload_With503InEnglishToo_AndHealthSaysSoUntilASaveSucceeds()
    {
        await using var host = Broken();
        using var client = await ClientAsync(host, "reporter.so-a");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var evidence = $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/evidence";
        var big = SampleFiles.Pdf(new string('x', 400_000));

        _disk.State = DiskState.Full;
        using var refused = await client.PostAsync(evidence, EvidenceForm("2.1", "Quyết định.pdf", big), Cancel);
        using var health = await client.GetAsync("/health", Cancel);
        using var list = await client.GetAsync(evidence, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("The server cannot save now: the data disk is full", (await JsonAsync(refused)).GetProperty("title").GetString());
        Assert.Contains("the data disk is full", (await JsonAsync(health)).GetProperty("details").GetProperty("storage").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await JsonAsync(list)).GetArrayLength());
        // The journal says it once, naming the request, and EF's own "An error occurred using a transaction" stays out.
        var logged = _log.Entries.Where(e => e.Level >= LogLevel.Warning && !e.Category.Contains("HealthChecks", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(logged, e => e.Category == "OpenDti.Web.Api.StorageFailures").Message;
        Assert.StartsWith($"Máy chủ chưa lưu được, trả lời 503 / the server cannot save, answered 503 (ổ đĩa đầy / disk full): POST {evidence}:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(logged, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

        _disk.State = DiskState.Writable;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync(evidence, EvidenceForm("2.1", "Quyết định.pdf", big), Cancel)).StatusCode);
        Assert.Equal("Healthy", (await JsonAsync(await client.GetAsync("/health", Cancel))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadOnlyDatabase_OnTheFormPage_SaysTheServerCannotSaveNow()
    {
        await using var host = Broken();
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await SignInAsync(browser, "reporter.so-a", OpenDtiFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var form = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai", Cancel);

        _disk.State = DiskState.ReadOnly;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai?handler=Save")
        {
            Content = Json(new { indicator = "3.2", input = "a", value = "5", version = 0 }),
        };
        request.Headers.Add("RequestVerificationToken", AntiforgeryTokenIn(form));
        using var saved = await browser.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, saved.StatusCode);
        Assert.Equal("Máy chủ chưa lưu được: thư mục hoặc tệp dữ liệu chỉ cho phép đọc", (await JsonAsync(saved)).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(StorageFailure.SqliteFull, StorageProblem.Full)]
    [InlineData(StorageFailure.SqliteReadOnly, StorageProblem.ReadOnly)]
    [InlineData(1544, StorageProblem.ReadOnly)] // SQLITE_READONLY_DIRECTORY: the folder cannot take a journal
    [InlineData(264, StorageProblem.ReadOnly)] // SQLITE_READONLY_RECOVERY
    [InlineData(14, StorageProblem.ReadOnly)] // SQLITE_CANTOPEN: a WAL database on a folder mounted read-only
    [InlineData(5, null)] // SQLITE_BUSY is not a storage failure
    [InlineData(19, null)] // SQLITE_CONSTRAINT neither: it is a conflict
    public void SqliteCodes_AreMappedToStorageProblems_AlsoInsideDbUpdateException(int code, StorageProblem? expected)
    {
        var sqlite = new SqliteException("sqlite", code & 0xFF, code);

        Assert.Equal(expected, StorageFailure.Of(sqlite));
        Assert.Equal(expected, StorageFailure.Of(new DbUpdateException("save", sqlite)));
    }

    [Theory]
    [InlineData("53100", StorageProblem.Full)]
    [InlineData("25006", StorageProblem.ReadOnly)]
    [InlineData("23505", null)]
    [InlineData("40001", null)]
    public void PostgresStates_AreMappedToStorageProblems(string sqlState, StorageProblem? expected)
    {
        var postgres = new PostgresException("postgres", "ERROR", "ERROR", sqlState);

        Assert.Equal(expected, StorageFailure.Of(new DbUpdateException("save", postgres)));
        Assert.Null(StorageFailure.Of(new InvalidOperationException("other")));
    }

    /// <summary>A second host on the test database whose every connection the disk's state applies to (no pooling, so each open applies it afresh).</summary>
    /// <summary>
    /// A database too busy to answer in time (here: another connection holds SQLite's write lock past the command
    /// timeout, as a long queue of writers would) answers 503 with Retry-After and a clear problem, not 500; nothing
    /// is saved, /health stays healthy, and the same request succeeds once the lock is released.
    /// </summary>
    [Fact]
    public async Task ABusyDatabase_Answers503_WithRetryAfter_NothingSaved_AndTheSameRequestLaterSucceeds()
    {
        await using var host = Factory.WithWebHostBuilder(builder =>
            builder.UseSetting("OpenDti:Database:ConnectionString", Factory.Database.ConnectionString + ";Pooling=False;Default Timeout=1"));
        using var client = await ClientAsync(host, "reporter.so-a");
        var change = Json(new[] { new { indicator = "3.2", input = "a", value = "5" } });

        await using (var holder = new SqliteConnection(Factory.Database.ConnectionString + ";Pooling=False"))
        {
            await holder.OpenAsync(Cancel);
            await using var writer = holder.BeginTransaction(deferred: false);
            using var refused = await client.PutAsync(Values, change, Cancel);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
            var problem = await JsonAsync(refused);
            Assert.Equal("Máy chủ đang bận, chưa xử lý được yêu cầu này", problem.GetProperty("title").GetString());
            Assert.DoesNotContain("Exception", problem.ToString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", (await JsonAsync(await client.GetAsync("/health", Cancel))).GetProperty("status").GetString());
        }

        Assert.Empty((await JsonAsync(await client.GetAsync(Values, Cancel))).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync(Values, Json(new[] { new { indicator = "3.2", input = "a", value = "5" } }), Cancel)).StatusCode);
    }

    [Fact]
    public async Task AnOpenRead_DoesNotHoldUpASave_OnTheWriteAheadLog_AndSqliteWaitsInsideTheCommandTimeout()
    {
        // One second of command timeout: with SQLite's rollback journal the reader below holds its shared lock
        // until it ends, the save cannot commit past it and is answered 503 after that second.
        await using var host = Factory.WithWebHostBuilder(builder =>
            builder.UseSetting("OpenDti:Database:ConnectionString", Factory.Database.ConnectionString + ";Pooling=False;Default Timeout=1"));
        using var client = await ClientAsync(host, "reporter.so-a");

        await using (var reader = new SqliteConnection(Factory.Database.ConnectionString + ";Pooling=False"))
        {
            await reader.OpenAsync(Cancel);
            await using var reading = reader.BeginTransaction(deferred: true);
            await using var count = reader.CreateCommand();
            count.Transaction = reading;
            count.CommandText = "SELECT count(*) FROM reported_values";
            var before = await count.ExecuteScalarAsync(Cancel);

            using var saved = await client.PutAsync(Values, Json(new[] { new { indicator = "3.2", input = "a", value = "5" } }), Cancel);

            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(before, await count.ExecuteScalarAsync(Cancel)); // the reader still reads the database as it began
        }

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        await db.Database.OpenConnectionAsync(Cancel);
        await using var pragma = db.Database.GetDbConnection().CreateCommand();
        var settings = new List<string>();
        foreach (var name in new[] { "journal_mode", "synchronous", "busy_timeout" })
        {
            pragma.CommandText = "PRAGMA " + name;
            settings.Add($"{name}={await pragma.ExecuteScalarAsync(Cancel)}");
        }

        Assert.Equal(["journal_mode=wal", "synchronous=2", "busy_timeout=500"], settings);
    }

    private WebApplicationFactory<Program> Broken() =>
        Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("OpenDti:Database:ConnectionString", Factory.Database.ConnectionString + ";Pooling=False");
            builder.ConfigureTestServices(services => services.ConfigureDbContext<OpenDtiDbContext>(options => options.AddInterceptors(_disk)));
            builder.ConfigureLogging(logging => logging.AddProvider(_log));
        });

    private async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> host, string user)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Factory.TokenAsync(user));
        return client;
    }

    private enum DiskState
    {
        Writable,
        ReadOnly,
        Full,
    }

    /// <summary>Puts every connection the host opens in the disk's state, with SQLite's own pragmas.</summary>
    private sealed class Disk : DbConnectionInterceptor
    {
        public volatile DiskState State;

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
            await ApplyAsync(connection, cancellationToken);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            ApplyAsync(connection, CancellationToken.None).GetAwaiter().GetResult();

        private async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            var pages = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA page_count", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            await ScalarAsync(connection, State == DiskState.ReadOnly ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0", cancellationToken);
            await ScalarAsync(connection, "PRAGMA max_page_count = " + (State == DiskState.Full ? pages : 1073741823), cancellationToken);
        }

        private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }
    }
}
