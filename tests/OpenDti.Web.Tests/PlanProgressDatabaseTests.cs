using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Contributors, the contributors' deadline, assignments and progress through the whole pipeline on each
/// provider (PostgreSQL when OPENDTI_TEST_POSTGRES is set, skipped otherwise), as <see cref="DatabaseTests"/> does.
/// </summary>
public sealed class PlanProgressDatabaseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => DatabaseTests.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Database_KeepsContributorsDeadlinesAssignmentsAndProgress(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        await ProgressMatrix.EnsurePlanAsync(factory);

        using (var admin = await factory.ClientAsync("admin"))
        {
            var unit = await admin.PostAsJsonAsync("/api/units", new { code = "CA-TINH", name = "Công an tỉnh", level = "department", parentCode = "TINH", notScored = true }, Cancel);
            Assert.Equal(HttpStatusCode.OK, unit.StatusCode);
        }

        using var evaluator = await factory.ClientAsync("evaluator");
        var deadline = await evaluator.PutAsJsonAsync($"/api/periods/{factory.OpenPeriodId}/contributors-deadline", new { contributorsCloseOn = "2030-12-01" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, deadline.StatusCode);

        using var lead = await factory.ClientAsync("reporter.so-b");
        var todo = JsonDocument.Parse(await lead.GetStringAsync("/api/me/todo", Cancel)).RootElement;
        var item = Assert.Single(todo.EnumerateArray(), i => i.GetProperty("kind").GetString() == "contribute");
        Assert.Equal(("2.1", "SO-A"), (item.GetProperty("indicator").GetString(), item.GetProperty("unitCode").GetString()));

        var saved = await lead.PutAsJsonAsync($"/api/periods/{factory.OpenPeriodId}/progress", new { rows = new[] { new { unit = "SO-A", indicator = "2.1", term = "quarter1", status = "inProgress", text = "Đang dự thảo" } } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("SO-A"), "unit" },
            { new StringContent("2.1"), "indicator" },
            { new StringContent("quarter1"), "term" },
            { new ByteArrayContent(Testing.Evidence.SampleFiles.Pdf("du thao")), "file", "du-thao.pdf" },
        };
        var uploaded = await lead.PostAsync($"/api/periods/{factory.OpenPeriodId}/progress/documents", form, Cancel);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);

        var progress = JsonDocument.Parse(await evaluator.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/progress", Cancel)).RootElement;
        var report = Assert.Single(Assert.Single(progress.GetProperty("rows").EnumerateArray()).GetProperty("reports").EnumerateArray());
        Assert.Equal(("inProgress", "du-thao.pdf"), (report.GetProperty("status").GetString(), Assert.Single(report.GetProperty("documents").EnumerateArray()).GetProperty("fileName").GetString()));
        Assert.Equal(["2.1"], progress.GetProperty("overdue").EnumerateArray().Select(a => a.GetProperty("indicator").GetString()));

        var deadlines = JsonDocument.Parse(await lead.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/deadlines", Cancel)).RootElement;
        Assert.Equal("2030-12-01", deadlines.GetProperty("contributorsCloseOn").GetString());
        Assert.Equal(["2.1"], deadlines.GetProperty("lateAssignments").EnumerateArray().Select(a => a.GetProperty("indicator").GetString()));
        var evidence = JsonDocument.Parse(await evaluator.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/evidence", Cancel)).RootElement;
        Assert.Equal(0, evidence.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThirtySimultaneousReports_OfOneTerm_AreSavedOrAConflict_NeverAnError(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        await ProgressMatrix.EnsurePlanAsync(factory);
        var token = await factory.TokenAsync("reporter.so-b");

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await client.PutAsJsonAsync(
                $"/api/periods/{factory.OpenPeriodId}/progress",
                new { rows = new[] { new { unit = "SO-A", indicator = "2.1", term = "year", status = "inProgress", text = "Lần " + i } } },
                Cancel);
            return response.StatusCode;
        }));

        Assert.All(answers, a => Assert.Contains(a, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.OK, answers);
        using var evaluator = await factory.ClientAsync("evaluator");
        var progress = JsonDocument.Parse(await evaluator.GetStringAsync($"/api/periods/{factory.OpenPeriodId}/progress", Cancel)).RootElement;
        Assert.Single(Assert.Single(progress.GetProperty("rows").EnumerateArray()).GetProperty("reports").EnumerateArray());
    }
}
