using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Uploads fired at the same moment through the whole pipeline, on SQLite always and on PostgreSQL when
/// OPENDTI_TEST_POSTGRES is set: the same file six times is stored once (the unique index), and six
/// files against a quota that holds two store two (the quota is counted under the unit's lock).
/// </summary>
public sealed class EvidenceConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SixIdenticalUploadsAtOnce_OneIs201_TheOthers409NamingIt_AndOneRowIsStored(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var evidence = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/evidence";
        var bytes = SampleFiles.Pdf("sáu lần");
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => factory.ClientAsync("reporter.so-a")));

        var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(() => client.PostAsync(evidence, Form($"Bản {i}.pdf", bytes), Cancel), Cancel)));

        Assert.Equal([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)], responses.Select(r => r.StatusCode).OrderBy(s => (int)s));
        var created = JsonDocument.Parse(await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadAsStringAsync(Cancel)).RootElement;
        var name = created.GetProperty("fileName").GetString();
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var title = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("title").GetString();
            Assert.EndsWith($"đã có trong minh chứng của chỉ số 2.1 (cùng nội dung với tệp \"{name}\")", title, StringComparison.Ordinal);
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        Assert.Equal(1, await db.EvidenceFiles.CountAsync(Cancel));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SixUploadsAtOnce_AgainstAQuotaOfTwo_StoreTwo(string provider)
    {
        const int fileBytes = 1310720;
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("OpenDti:Evidence:QuotaBytes", (3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var token = await factory.TokenAsync("reporter.so-a");
        var evidence = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/evidence";
        var clients = Enumerable.Range(0, 6).Select(_ =>
        {
            var client = limited.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToArray();

        var responses = await Task.WhenAll(clients.Select((client, i) =>
        {
            var pdf = SampleFiles.Pdf("tệp " + i);
            byte[] bytes = [.. pdf, .. Enumerable.Repeat((byte)' ', fileBytes - pdf.Length)];
            return Task.Run(() => client.PostAsync(evidence, Form($"{i}.pdf", bytes), Cancel), Cancel);
        }));

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 4)],
            responses.Select(r => r.StatusCode).OrderBy(s => (int)s));
        var refusal = JsonDocument.Parse(await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Contains("đã dùng 2,5 MB trên hạn mức 3 MB", refusal.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("APP-EVIDENCE-QUOTA", refusal.GetProperty("problems")[0].GetProperty("code").GetString());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static MultipartFormDataContent Form(string fileName, byte[] bytes) => new()
    {
        { new StringContent("2.1"), "indicator" },
        { new ByteArrayContent(bytes), "file", fileName },
    };
}
