using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Rules that only one of many simultaneous requests may pass, held by the database rather than by a
/// check before the write: requests fired truly in parallel on SQLite always and on PostgreSQL when
/// OPENDTI_TEST_POSTGRES is set, and instances started together on one new PostgreSQL database.
/// </summary>
public sealed class ConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    private static async Task<TestDatabase> DatabaseAsync(string provider) =>
        provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Appeals_SixFiledAtOnceOnOneIndicator_LeaveOnePending(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var publications = scope.ServiceProvider.GetRequiredService<Application.Review.PublicationService>();
            var preview = await publications.PreviewAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, Cancel);
            var published = await publications.PublishAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, null, preview.Value!.Confirmation, Cancel);
            Assert.True(published.Succeeded, published.Message?.ToString());
        }

        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => factory.ClientAsync("reporter.so-a")));
        var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(() => client.PostAsJsonAsync(
            $"/api/periods/{factory.OpenPeriodId}/units/SO-A/appeals", new { indicators = new[] { "2.1" }, reason = "Phúc khảo " + i }, Cancel))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        using var check = factory.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        Assert.Equal(1, await db.Appeals.CountAsync(a => a.State == AppealState.Pending, Cancel));
        Assert.Equal(1, await db.AppealIndicators.CountAsync(a => a.Pending && a.Indicator == "2.1", Cancel));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Values_SavedWhileTheUnitSubmits_AreEitherInBeforeTheSubmissionOrRefused(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var period = $"/api/periods/{factory.OpenPeriodId}/units/SO-A";
        var clients = await Task.WhenAll(Enumerable.Range(0, 21).Select(_ => factory.ClientAsync("reporter.so-a")));

        // Twenty saves of different inputs and the submission, all at once.
        var inputs = new[] { ("5.8", "a"), ("1.4", "a") };
        var saves = clients.Take(20).Select((client, i) => Task.Run(() => client.PutAsJsonAsync(
            period + "/values", new[] { new { indicator = inputs[i % 2].Item1, input = inputs[i % 2].Item2, value = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) } }, Cancel))).ToArray();
        var submit = Task.Run(() => clients[20].PostAsync(period + "/submit", null, Cancel));
        var saved = await Task.WhenAll(saves);
        var submitted = await submit;

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.All(saved, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var unitId = await db.Units.Where(u => u.Code == "SO-A").Select(u => u.Id).SingleAsync(Cancel);
        var submittedAt = await db.ReviewEvents.Where(e => e.PeriodId == factory.OpenPeriodId && e.UnitId == unitId).Select(e => e.At).SingleAsync(Cancel);
        var changes = await db.AuditEntries.Where(a => a.Kind == AuditKind.Value && a.UnitId == unitId).Select(a => a.At).ToListAsync(Cancel);
        Assert.Equal(saved.Count(r => r.StatusCode == HttpStatusCode.OK), changes.Count);
        Assert.All(changes, at => Assert.True(at <= submittedAt, $"a value was written at {at:O}, after the submission at {submittedAt:O}"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_AfterManySimultaneousSaves_IsOneIntactChain_AndTheRouteSaysSo(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var users = new[] { "reporter.so-a", "reporter.so-b" };
        var clients = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => factory.ClientAsync(users[i % 2])));

        var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(() => client.PutAsJsonAsync(
            $"/api/periods/{factory.OpenPeriodId}/units/{(i % 2 == 0 ? "SO-A" : "SO-B")}/values",
            new[] { new { indicator = "5.8", input = "a", value = (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            Cancel))));
        using var evaluator = await factory.ClientAsync("evaluator");
        var verify = JsonDocument.Parse(await evaluator.GetStringAsync("/api/audit/verify", Cancel)).RootElement;

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.Equal(verify.GetProperty("count").GetInt64(), verify.GetProperty("lastSequence").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_AnEntryEditedInTheDatabase_ShowsInTheRouteAndTheHealthDetail(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        long sequence;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            var entry = await db.AuditEntries.Where(a => a.Kind == AuditKind.Profile).OrderBy(a => a.Sequence).FirstAsync(Cancel);
            sequence = entry.Sequence;
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"NewValue\" = '4000' WHERE \"Id\" = {entry.Id}", Cancel);
        }

        using var admin = await factory.ClientAsync("admin");
        var verify = JsonDocument.Parse(await admin.GetStringAsync("/api/audit/verify", Cancel)).RootElement;
        using var anonymous = factory.CreateClient();
        var health = JsonDocument.Parse(await anonymous.GetStringAsync("/health", Cancel)).RootElement;

        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal((sequence, "edited"), (verify.GetProperty("break").GetProperty("sequence").GetInt64(), verify.GetProperty("break").GetProperty("kind").GetString()));
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("audit").GetString());
        Assert.Contains($"entry {sequence} ", health.GetProperty("details").GetProperty("audit").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_StartingTogetherOnANewPostgresDatabase_BothStart_AndPrepareItOnce()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var factories = Enumerable.Range(0, 3).Select(_ => new OpenDtiFactory(database)).ToArray();
        try
        {
            await Task.WhenAll(factories.Select(f => Task.Run(() => f.StartAsync(seed: false))));

            using var scope = factories[0].Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            Assert.Equal(Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Codes.Count, await db.Frameworks.CountAsync(Cancel));
            Assert.Equal(Data.Identity.Roles.All.Count, await db.Roles.CountAsync(Cancel));
            Assert.True((await AuditChain.VerifyAsync(db, Cancel)).Intact);
        }
        finally
        {
            foreach (var factory in factories)
            {
                await factory.DisposeAsync();
            }
        }
    }
}
