using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Requests with one Idempotency-Key sent truly in parallel save once: the key's unique index decides,
/// on SQLite and (when OPENDTI_TEST_POSTGRES is set) on PostgreSQL.
/// </summary>
public sealed class IdempotencyConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EightRequestsWithOneKeyAtOnce_SaveOnce_AndAllAnswerTheSame(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var (_, key) = await AuthorizationMatrixTests.ServiceKeyAsync(factory, "LGSP", ["SO-A", "SO-B"]);
        var clients = Enumerable.Range(0, 8).Select(_ =>
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }).ToArray();
        const string body = "[{\"unit\":\"SO-A\",\"indicator\":\"3.2\",\"input\":\"b\",\"value\":\"40\"},{\"unit\":\"SO-B\",\"indicator\":\"3.2\",\"input\":\"b\",\"value\":\"50\"}]";

        using var start = new Barrier(clients.Length);
        var responses = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/periods/{factory.OpenPeriodId}/values") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "lan-gui-1");
            start.SignalAndWait(Cancel);
            var response = await client.SendAsync(request, Cancel);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Cancel), Replayed: response.Headers.Contains("Idempotency-Replayed"));
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, responses.Count(r => !r.Replayed));
        Assert.Single(responses.Select(r => r.Body.Replace("\"replayed\":true", "\"replayed\":false", StringComparison.Ordinal)).Distinct());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Value && a.Indicator == "3.2", Cancel));
        Assert.Equal(1, await db.IdempotencyRecords.CountAsync(Cancel));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
