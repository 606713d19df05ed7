using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Crosswalks through the API (docs/frameworks.md, "Crosswalks between editions"): a refusal names each problem and
/// saves nothing, a confirmation is stored with its version and audited, a stale one is 409; on SQLite and, when
/// OPENDTI_TEST_POSTGRES is set, PostgreSQL.
/// </summary>
public sealed class CrosswalkApiTests : WebAppTest
{
    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACrosswalk_IsRefusedLocated_ThenStoredOnce_ReadBack_AndAStaleOneConflicts(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var admin = await factory.ClientAsync("admin");
        var path = AuthorizationMatrixTests.CrosswalkPath;
        var lines = AuthorizationMatrixTests.CrosswalkLines(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(path, Cancel)).StatusCode);

        // The first line names a node the district framework does not have: refused, located, nothing saved.
        var wrong = lines.ToArray();
        wrong[0] = new { from = "99.9", to = (string?)null, kind = "dropped" };
        using (var refused = await admin.PutAsJsonAsync(path, new { version = 0, links = wrong }, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problems = (await JsonAsync(refused)).GetProperty("problems").EnumerateArray().ToArray();
            Assert.Contains(problems, p => p.GetProperty("code").GetString() == "DTI8001" && p.GetProperty("indicator").GetString() == "99.9" && p.GetProperty("message").GetString()!.StartsWith("links:1", StringComparison.Ordinal));
        }

        using (var csv = await admin.PutAsync(path + "/csv?version=0", new StringContent("from,to,kind,from_name,to_name\n1,,dropped,,\n,1,gộp,,\n", Encoding.UTF8, "text/csv"), Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
            Assert.Contains((await JsonAsync(csv)).GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "DTI8007" && p.GetProperty("message").GetString()!.Contains(".csv:3", StringComparison.Ordinal));
        }

        Assert.Equal((0, 0), await CountsAsync(factory));

        using (var saved = await admin.PutAsJsonAsync(path, new { version = 0, links = lines }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(1, (await JsonAsync(saved)).GetProperty("version").GetInt32());
        }

        var read = await JsonAsync(await admin.GetAsync(path, Cancel));
        Assert.Equal((true, "admin", lines.Length), (read.GetProperty("confirmed").GetBoolean(), read.GetProperty("confirmedBy").GetString(), read.GetProperty("links").GetArrayLength()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync(path, new { version = 0, links = lines }, Cancel)).StatusCode);
        using (var again = await admin.PutAsync(path + "/csv?version=1", new StringContent(AuthorizationMatrixTests.CrosswalkCsv, Encoding.UTF8, "text/csv"), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(2, (await JsonAsync(again)).GetProperty("version").GetInt32());
        }

        Assert.Equal((1, 2), await CountsAsync(factory));
        var csvBack = await admin.GetStringAsync(path + "/csv", Cancel);
        Assert.Contains("\n,1,new,,", csvBack.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The crosswalks stored, and the audit entries of crosswalks confirmed.</summary>
    private static async Task<(int Crosswalks, int Audited)> CountsAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        return (await db.Crosswalks.CountAsync(Cancel), await db.AuditEntries.CountAsync(a => a.Input == Application.Frameworks.CrosswalkService.AuditInput, Cancel));
    }
}
