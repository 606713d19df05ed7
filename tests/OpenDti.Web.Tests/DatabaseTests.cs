using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The data layer through the whole pipeline on each provider: SQLite always, and a real PostgreSQL
/// server when OPENDTI_TEST_POSTGRES is set (.ci/run starts one), including two web instances on one
/// database. PostgreSQL cases are skipped, with the reason, when no server is configured.
/// </summary>
public sealed class DatabaseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    private static async Task<TestDatabase> DatabaseAsync(string provider) =>
        provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FirstStart_OnAnEmptyDatabase_LogsNoDatabaseWarningOrFailure(string provider)
    {
        // On an empty PostgreSQL database EF used to read the migrations history before creating it and
        // log that read as "fail: … Failed executing DbCommand": an alarming line on a normal first start.
        await using var database = await DatabaseAsync(provider);
        await using var opendti = new OpenDtiFactory(database);
        var seen = new StartLog();
        await using var factory = opendti.WithWebHostBuilder(web => web.ConfigureLogging(logging =>
        {
            logging.AddProvider(seen);
            logging.AddFilter<StartLog>("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        }));

        using var client = factory.CreateClient();
        var health = await client.GetAsync("/health", Cancel);

        var alarming = seen.Entries
            .Where(e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            .Select(e => $"{e.Level} {e.Category}: {e.Message}")
            .ToList();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(alarming);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Database_MigratesAndSavesValuesWithTheirAudit(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var client = await factory.ClientAsync("reporter.so-a");
        var values = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/values";

        var saved = await client.PutAsJsonAsync(values, new object[] { new { indicator = "3.2", input = "a", value = "1.150" }, new { indicator = "3.2", input = "b", value = "2.000" } }, Cancel);
        var audit = JsonDocument.Parse(await client.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/audit", Cancel)).RootElement;

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, audit.GetArrayLength());
        Assert.Equal("1150", audit[0].GetProperty("newValue").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Database_PreviewsAndAppliesAFormWorkbook_AllOrNothing_AuditedAsAnImport(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var client = await factory.ClientAsync("reporter.so-a");
        var route = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/workbook";
        var downloaded = await client.GetByteArrayAsync(route, Cancel);
        byte[] good, bad;
        using (var editor = new Testing.Workbooks.FormWorkbookEditor(downloaded))
        {
            good = editor.Set("3.2", "a", 1150).Set("3.2", "b", 2000).Save();
        }

        using (var editor = new Testing.Workbooks.FormWorkbookEditor(downloaded))
        {
            // A part above its whole: refused, and nothing of the file is saved.
            bad = editor.Set("3.2", "a", 2500).Set("3.2", "b", 2000).Save();
        }

        static MultipartFormDataContent Upload(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "bieu-mau.xlsx" } };
        var refused = await client.PostAsync(route + "?apply=true", Upload(bad), Cancel);
        var preview = await client.PostAsync(route, Upload(good), Cancel);
        var applied = await client.PostAsync(route + "?apply=true", Upload(good), Cancel);
        var audit = JsonDocument.Parse(await client.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/audit", Cancel)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(["import", "import"], audit.EnumerateArray().Select(a => a.GetProperty("channel").GetString()));
        Assert.Equal(["1150", "2000"], audit.EnumerateArray().Select(a => a.GetProperty("newValue").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Database_StoresEvidenceFilesAndServesThemBack(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var client = await factory.ClientAsync("reporter.so-a");
        var evidence = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/evidence";
        var bytes = Testing.Evidence.SampleFiles.Docx("cơ sở dữ liệu");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2.1"), "indicator" },
            { new ByteArrayContent(bytes), "file", "Kế hoạch CĐS.docx" },
            { new StringContent("25/03/2024"), "issuedOn" },
        };

        var created = await client.PostAsync(evidence, form, Cancel);
        var list = JsonDocument.Parse(await client.GetStringAsync(evidence, Cancel)).RootElement;
        var download = await client.GetByteArrayAsync(created.Headers.Location, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("Kế hoạch CĐS.docx", "2024-03-25"), (list[0].GetProperty("fileName").GetString(), list[0].GetProperty("issuedOn").GetString()));
        Assert.Equal(bytes, download);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Database_TwoSimultaneousSaves_OneWinsOneConflicts(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var values = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/values";
        using (var client = await factory.ClientAsync("reporter.so-a"))
        {
            await client.PutAsJsonAsync(values, new[] { new { indicator = "5.8", input = "a", value = "1" } }, Cancel);
        }

        var responses = await Task.WhenAll(Enumerable.Range(2, 2).Select(async n =>
        {
            using var c = await factory.ClientAsync("reporter.so-a");
            return await c.PutAsJsonAsync(values, new[] { new { indicator = "5.8", input = "a", value = n.ToString(System.Globalization.CultureInfo.InvariantCulture), version = 1 } }, Cancel);
        }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task TwoInstances_OnOneDatabase_ShareSignInsAndData()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var first = await new OpenDtiFactory(database).StartAsync();
        await using var second = await new OpenDtiFactory(database).StartAsync();
        var token = await first.TokenAsync("reporter.so-a");
        using var toFirst = first.CreateClient();
        using var toSecond = second.CreateClient();
        toFirst.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        toSecond.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var values = $"/api/periods/{first.OpenPeriodId}/units/SO-A/values";

        var saved = await toFirst.PutAsJsonAsync(values, new[] { new { indicator = "2.3", input = "da_ban_hanh", value = "có" } }, Cancel);
        var readThroughSecond = await toSecond.GetAsync(values, Cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readThroughSecond.StatusCode);
        using (var scope = second.Services.CreateScope())
        {
            // The token is accepted because both instances read their keys from the database.
            Assert.NotEmpty(scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>().DataProtectionKeys);
        }

        var value = JsonDocument.Parse(await readThroughSecond.Content.ReadAsStringAsync(Cancel)).RootElement.EnumerateArray().Single();
        Assert.Equal(("2.3", "có"), (value.GetProperty("indicator").GetString(), value.GetProperty("value").GetString()));
    }
}

/// <summary>Every entry logged, for a test to read back.</summary>
internal sealed class StartLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public IEnumerable<(string Category, LogLevel Level, string Message)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(StartLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
