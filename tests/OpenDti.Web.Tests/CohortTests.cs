using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>A period's cohort changed after it was created (<c>PUT /api/periods/{id}/cohort</c> and the page <c>/quan-tri/ky-danh-gia/{id}/don-vi</c>).</summary>
public sealed class CohortTests : WebAppTest
{
    /// <summary>
    /// A period of its own (SO-A and SO-B, 2024, open) for the matrices and the fuzz to change, so that no other row's
    /// period loses a unit; created once per application, its id.
    /// </summary>
    internal static async Task<int> CohortPeriodAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var periods = scope.ServiceProvider.GetRequiredService<PeriodService>();
        if ((await periods.ListAsync()).FirstOrDefault(p => p.Name == "Kỳ đổi đơn vị") is { } existing)
        {
            return existing.Id;
        }

        var created = await periods.CreateAsync(Actor.System("test"), "dti-department-2022", 2024, "Kỳ đổi đơn vị", new DateOnly(2024, 11, 1), new DateOnly(2030, 12, 31), ["SO-A", "SO-B"]);
        Assert.True(created.Succeeded, created.Message?.ToString());
        await periods.SetStatusAsync(Actor.System("test"), created.Value!.Id, Data.Periods.PeriodStatus.Open);
        return created.Value!.Id;
    }

    [Fact]
    public async Task AddingAUnit_RanksItAtOnce_AndIsAudited()
    {
        var evaluator = await Factory.ClientAsync("evaluator");
        var path = $"/api/periods/{Factory.OpenPeriodId}";

        // The ranking is read (and kept) first: the change must move it.
        Assert.Equal(["SO-A", "SO-B"], (await RankedAsync(evaluator, path)).Order());

        using var response = await evaluator.PutAsJsonAsync(path + "/cohort", new { units = new[] { "SO-A", "SO-B", "SO-C" } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(["SO-C"], body.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(body.GetProperty("removed").EnumerateArray());
        Assert.Equal(3, body.GetProperty("period").GetProperty("unitCount").GetInt32());

        Assert.Equal(["SO-A", "SO-B", "SO-C"], (await RankedAsync(evaluator, path)).Order());
        var audit = await CohortAuditAsync();
        var entry = Assert.Single(audit);
        Assert.Equal((null, "SO-C", "evaluator"), (entry.OldValue, entry.NewValue, entry.UserName));

        // The same list again changes nothing and writes nothing.
        using var again = await evaluator.PutAsJsonAsync(path + "/cohort", new { units = new[] { "SO-C", "SO-B", "SO-A" } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await CohortAuditAsync());
    }

    [Fact]
    public async Task RemovingAUnitThatReported_AsksFirst_ThenKeepsItsValues()
    {
        var evaluator = await Factory.ClientAsync("evaluator");
        var path = $"/api/periods/{Factory.OpenPeriodId}";
        await ReportForSoAAsync(evaluator);
        Assert.Contains("SO-A", await RankedAsync(evaluator, path));

        // SO-A reported 2.1: without a confirmation nothing changes, and the answer says what it reported.
        using var refused = await evaluator.PutAsJsonAsync(path + "/cohort", new { units = new[] { "SO-B" } }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Contains("1 số liệu", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("SO-A", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["SO-A", "SO-B"], (await RankedAsync(evaluator, path)).Order());
        Assert.Empty(await CohortAuditAsync());

        using var confirmed = await evaluator.PutAsJsonAsync(path + "/cohort", new { units = new[] { "SO-B" }, confirm = true }, Cancel);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var removed = Assert.Single((await JsonAsync(confirmed)).GetProperty("removed").EnumerateArray());
        Assert.Equal(("SO-A", 1), (removed.GetProperty("code").GetString(), removed.GetProperty("values").GetInt32()));
        Assert.Equal(["SO-B"], await RankedAsync(evaluator, path));

        var entry = Assert.Single(await CohortAuditAsync());
        Assert.Equal(("SO-A", (string?)null), (entry.OldValue, entry.NewValue));
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
            Assert.Equal(1, await db.ReportedValues.CountAsync(v => v.PeriodId == Factory.OpenPeriodId, Cancel));
        }

        // Added back, the unit finds its value again.
        using var back = await evaluator.PutAsJsonAsync(path + "/cohort", new { units = new[] { "SO-A", "SO-B" } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        using var cohort = await evaluator.GetAsync(path + "/cohort", Cancel);
        var soA = (await JsonAsync(cohort)).GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "SO-A");
        Assert.Equal(1, soA.GetProperty("values").GetInt32());
    }

    [Fact]
    public async Task APublishedPeriodsCohort_CannotChange()
    {
        var evaluator = await Factory.ClientAsync("evaluator");
        using (var published = await PublishAsync(evaluator, Factory.OpenPeriodId))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Cancel));
        }

        using var response = await evaluator.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/cohort", new { units = new[] { "SO-A", "SO-B", "SO-C" } }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("đã công bố", await TitleAsync(response), StringComparison.Ordinal);
        using var cohort = await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/cohort", Cancel);
        Assert.True((await JsonAsync(cohort)).GetProperty("locked").GetBoolean());
        Assert.Empty(await CohortAuditAsync());
    }

    [Fact]
    public async Task UnitsThatCannotJoin_AreNamed_AndNothingChanges()
    {
        var evaluator = await Factory.ClientAsync("evaluator");
        var path = $"/api/periods/{Factory.OpenPeriodId}/cohort";

        using var unknown = await evaluator.PutAsJsonAsync(path, new { units = new[] { "SO-A", "SO-B", "SO-KHONG-CO" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("SO-KHONG-CO", (await JsonAsync(unknown)).GetRawText(), StringComparison.Ordinal);

        // The province is not a department: the framework's level is named.
        using var level = await evaluator.PutAsJsonAsync(path, new { units = new[] { "SO-A", "SO-B", "TINH" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, level.StatusCode);
        Assert.Contains("TINH", (await JsonAsync(level)).GetRawText(), StringComparison.Ordinal);

        using var empty = await evaluator.PutAsJsonAsync(path, new { units = Array.Empty<string>() }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Empty(await CohortAuditAsync());
    }

    [Fact]
    public async Task ThePage_AsksBeforeRemovingAUnitThatReported()
    {
        await ReportForSoAAsync(await Factory.ClientAsync("evaluator"));
        var browser = await SignedInAsync("evaluator");
        var page = $"/quan-tri/ky-danh-gia/{Factory.OpenPeriodId}/don-vi";
        var list = await browser.GetStringAsync("/quan-tri/ky-danh-gia", Cancel);
        Assert.Contains($"href=\"{page}\"", list, StringComparison.Ordinal);

        var html = await browser.GetStringAsync(page, Cancel);
        Assert.Matches("value=\"SO-A\" checked", html);
        Assert.DoesNotMatch("value=\"SO-C\" checked", html);

        // SO-A unticked, SO-C ticked: SO-A reported, so the page asks, naming what it reported.
        using var asked = await browser.PostAsync(page, Form(html, ("Cohort", "SO-B"), ("Cohort", "SO-C")), Cancel);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await asked.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("SO-A — Sở A: 1 số liệu, 0 tài liệu kiểm chứng", confirmation, StringComparison.Ordinal);
        Assert.Contains("name=\"Confirmed\" value=\"true\"", confirmation, StringComparison.Ordinal);
        Assert.Empty(await CohortAuditAsync());

        using var done = await browser.PostAsync(page, Form(confirmation, ("Cohort", "SO-B"), ("Cohort", "SO-C"), ("Confirmed", "true")), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await browser.GetStringAsync(page, Cancel);
        Assert.Contains("thêm 1, bỏ 1", after, StringComparison.Ordinal);
        Assert.Matches("value=\"SO-C\" checked", after);
        Assert.Equal(2, (await CohortAuditAsync()).Count);
    }

    /// <summary>SO-A reports 2.1 in the open period.</summary>
    private async Task ReportForSoAAsync(HttpClient client)
    {
        using var saved = await client.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", AntiforgeryTokenIn(html))]);

    private static async Task<List<string>> RankedAsync(HttpClient client, string periodPath)
    {
        using var response = await client.GetAsync(periodPath + "/results", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitCode").GetString()!).ToList();
    }

    private async Task<List<Data.Audit.AuditEntry>> CohortAuditAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == Data.Audit.AuditKind.Period && a.PeriodId == Factory.OpenPeriodId && a.Input == "cohort")
            .OrderBy(a => a.Sequence).ToListAsync(Cancel);
    }
}
