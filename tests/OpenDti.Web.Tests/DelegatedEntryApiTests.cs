using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Reporting;
using OpenDti.Core.Text;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Delegated entry through the API on each provider (docs/plans.md#delegated-entry): in the test seed SO-A's plan
/// makes SO-C the lead unit of 2.1. The plan's queries run on SQLite always, and on PostgreSQL when
/// OPENDTI_TEST_POSTGRES is set.
/// </summary>
public sealed class DelegatedEntryApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(DatabaseTests.Providers), MemberType = typeof(DatabaseTests))]
    public async Task Delegate_SavesItsIndicatorOnly_AndTheUnitsAuditAndFormNameTheDelegatesUnit(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var values = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/values";
        using (var soA = await factory.ClientAsync("reporter.so-a"))
        {
            var own = await soA.PutAsJsonAsync(values, new object[] { new { indicator = "3.2", input = "a", value = "5" }, new { indicator = "3.2", input = "b", value = "10" } }, Cancel);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using var soC = await factory.ClientAsync("reporter.so-c");
        var saved = await soC.PutAsJsonAsync(values, new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }, Cancel);
        var refused = await soC.PutAsJsonAsync(values, new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "không" }, new { indicator = "3.2", input = "a", value = "6" } }, Cancel);
        var read = JsonDocument.Parse(await soC.GetStringAsync(values, Cancel)).RootElement;
        using var leader = await factory.ClientAsync("leader.so-c");
        var leaderWrites = await leader.PutAsJsonAsync(values, new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "không" } }, Cancel);
        var workbook = await soC.GetAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/workbook", Cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("`3.2`", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(["2.1"], read.EnumerateArray().Select(v => v.GetProperty("indicator").GetString()));
        Assert.Equal("có", read[0].GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, leaderWrites.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, workbook.StatusCode);
        Assert.Contains("biểu mẫu Excel", await workbook.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // The unit's audit gives the delegate's unit by name, the whole audit by code.
        using var soAReader = await factory.ClientAsync("reporter.so-a");
        var audit = JsonDocument.Parse(await soAReader.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/audit?indicator=2.1", Cancel)).RootElement;
        Assert.Equal(("reporter.so-c", "Sở C"), (audit[0].GetProperty("userName").GetString(), audit[0].GetProperty("actorUnit").GetString()));
        using var admin = await factory.ClientAsync("admin");
        var all = JsonDocument.Parse(await admin.GetStringAsync("/api/audit?kind=value", Cancel)).RootElement.GetProperty("items");
        Assert.Equal(
            ["SO-C", null, null],
            all.EnumerateArray().Select(e => e.GetProperty("actorUnit").ValueKind == JsonValueKind.Null ? null : e.GetProperty("actorUnit").GetString()));

        // SO-A's reporter sees on the form who entered 2.1 for which unit, and 2.1's lead unit.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var account = db.Users.Single(u => u.UserName == "reporter.so-a");
        var actor = new Actor(account.Id, account.UserName!, new HashSet<string>([Roles.UnitReporter]), account.UnitId);
        var form = await scope.ServiceProvider.GetRequiredService<ReportingService>().FormAsync(actor, factory.OpenPeriodId, "SO-A", Language.Vietnamese, Cancel);
        var node = form.Value!.Nodes.Single(n => n.Node.Code.Value == "2.1");
        Assert.Equal(("Sở C", "Sở C"), (node.LeadUnit, node.Inputs.Single().EnteredFor));
        Assert.Null(form.Value.Nodes.Single(n => n.Node.Code.Value == "3.2").Inputs[0].EnteredFor);
    }
}
