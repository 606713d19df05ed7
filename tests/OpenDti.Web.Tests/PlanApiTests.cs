using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The plan through the API (docs/plans.md): GET and PUT /api/periods/{id}/plan, copy, the baseline as JSON
/// or CSV; problems located by indicator and field; stale versions refused; every node in the answer.
/// </summary>
public sealed class PlanApiTests : WebAppTest
{
    private string Plan(string? unit = "SO-A", int? period = null) =>
        $"/api/periods/{period ?? Factory.OpenPeriodId}/plan" + (unit is null ? string.Empty : "?unit=" + Uri.EscapeDataString(unit));

    private static JsonElement RowOf(JsonElement plan, string indicator) =>
        plan.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == indicator);

    private static (string? Code, string? Indicator, string? Input)[] Problems(JsonElement problem) =>
        problem.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("indicator").GetString(), p.GetProperty("input").GetString()))
            .ToArray();

    [Fact]
    public async Task Get_NeedsTheUnitInAManyMemberCohort_GivesEveryNode_AndAMembersUserTheirOwn()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var reporter = await Factory.ClientAsync("reporter.so-b");

        var unnamed = await evaluator.GetAsync(Plan(unit: null), Cancel);
        var plan = await evaluator.GetAsync(Plan(), Cancel);
        var own = await reporter.GetAsync(Plan(unit: null), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal([("APP-PLAN-UNIT", null, "unit")], Problems(await JsonAsync(unnamed)));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var body = await JsonAsync(plan);
        using var scope = Factory.Services.CreateScope();
        var framework = (await scope.ServiceProvider.GetRequiredService<Application.Frameworks.FrameworkCatalog>().GetAsync("dti-department-2022", Cancel)).Value!;
        Assert.Equal(framework.Nodes.Select(n => n.Code.Value), body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("indicator").GetString()));
        Assert.Equal(("SO-A", true, JsonValueKind.Null), (body.GetProperty("unit").GetString(), body.GetProperty("canEdit").GetBoolean(), body.GetProperty("lastYearPeriod").ValueKind));
        Assert.Equal("SO-B", (await JsonAsync(own)).GetProperty("unit").GetString());
        Assert.False((await JsonAsync(own)).GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync(Plan("SO-Z"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Put_SavesTheRows_TheGetShowsThem_AndTheAuditListsEachField()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var saved = await evaluator.PutAsync(Plan(), Json(new object[]
        {
            new { indicator = "1.1", guidingBody = "Bộ Thông tin và Truyền thông", leadUnit = "SO-B", coordinatingUnits = new[] { "TINH" }, target = "≥ 80%", deadline = "31/12/2026", note = "Ghi chú" },
            new { indicator = "1.2", leadUnit = "so-a", deadline = "Hàng năm", classification = "đẩy mạnh", classificationReason = "Chưa có kết quả năm trước" },
        }), Cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var plan = await JsonAsync(await evaluator.GetAsync(Plan(), Cancel));
        var first = RowOf(plan, "1.1");
        Assert.Equal(
            ("Bộ Thông tin và Truyền thông", "SO-B", "Sở B", "TINH", "≥ 80%", "31/12/2026", "Ghi chú", 1, "evaluator"),
            (first.GetProperty("guidingBody").GetString(), first.GetProperty("leadUnit").GetString(), first.GetProperty("leadUnitName").GetString(),
             first.GetProperty("coordinatingUnits")[0].GetString(), first.GetProperty("target").GetString(), first.GetProperty("deadline").GetString(),
             first.GetProperty("note").GetString(), first.GetProperty("version").GetInt32(), first.GetProperty("updatedBy").GetString()));
        var second = RowOf(plan, "1.2");
        Assert.Equal(("SO-A", "Hàng năm", "push", JsonValueKind.Null, "Chưa có kết quả năm trước"),
            (second.GetProperty("leadUnit").GetString(), second.GetProperty("deadline").GetString(), second.GetProperty("classification").GetString(),
             second.GetProperty("derivedClassification").ValueKind, second.GetProperty("classificationReason").GetString()));
        Assert.Equal(0, RowOf(plan, "1.3").GetProperty("version").GetInt32());

        var audit = (await JsonAsync(await evaluator.GetAsync("/api/audit?kind=plan&limit=100", Cancel))).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("indicator").GetString(), e.GetProperty("input").GetString(), e.GetProperty("newValue").GetString()))
            .ToArray();
        Assert.Contains(("1.1", "leadUnit", "SO-B"), audit);
        Assert.Contains(("1.1", "deadline", "31/12/2026"), audit);
        Assert.Contains(("1.2", "classification", "Push"), audit);
        Assert.Equal(10, audit.Length);
    }

    [Fact]
    public async Task Put_WithProblems_IsRefusedAsAWhole_400WithEachLocated_AndAStaleVersionIs409()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var refused = await evaluator.PutAsync(Plan(), Json(new object?[]
        {
            new { indicator = "1.1", leadUnit = "SO-B" },
            new { indicator = "9.9" },
            new { indicator = "1.2", leadUnit = "SO-B", coordinatingUnits = new[] { "SO-B" } },
            new { indicator = "1.3", deadline = "31/02/2026" },
            new { indicator = "1.4", classification = "duy trì" },
            new { indicator = "2.1", leadUnit = "KHONG-CO" },
            new { indicator = "1.1" },
            null,
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
            [
                ("APP-PLAN-INDICATOR", "9.9", "indicator"),
                ("APP-PLAN-UNIT", "1.2", "coordinatingUnits"),
                ("APP-PLAN-DEADLINE", "1.3", "deadline"),
                ("APP-PLAN-REASON", "1.4", "classificationReason"),
                ("APP-PLAN-UNIT", "2.1", "leadUnit"),
                ("APP-DUPLICATE", "1.1", "indicator"),
                ("APP-PLAN-INDICATOR", null, "indicator"),
            ],
            Problems(await JsonAsync(refused)));
        Assert.Equal(0, RowOf(await JsonAsync(await evaluator.GetAsync(Plan(), Cancel)), "1.1").GetProperty("version").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync(Plan(), Json(new[] { new { indicator = "1.1", leadUnit = "SO-B", version = 0 } }), Cancel)).StatusCode);
        var stale = await evaluator.PutAsync(Plan(), Json(new[] { new { indicator = "1.1", leadUnit = "SO-A", version = 0 } }), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal([("APP-VERSION", "1.1", "version")], Problems(await JsonAsync(stale)));

        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.PutAsync(Plan(), RawJson("{\"indicator\":\"1.1\"}"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.PutAsync(Plan(unit: null), Json(new[] { new { indicator = "1.1" } }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientAsync("admin")).PutAsync(Plan(), Json(new[] { new { indicator = "1.1" } }), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Baseline_AsCsv_GivesLastYearAndMaintainOrPush_AndABadFileIsNamedByLine()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        var url = $"/api/periods/{Factory.OpenPeriodId}/baseline";

        var imported = await evaluator.PutAsync(url, Csv("unit,indicator,points,measure\nSO-A,1.1,20,Có\nSO-A,3.2,\"12,5\",\"62,5%\"\n"), Cancel);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await JsonAsync(imported)).GetProperty("imported").GetInt32());
        var plan = await JsonAsync(await evaluator.GetAsync(Plan(), Cancel));
        var full = RowOf(plan, "1.1");
        Assert.Equal((20m, "Có", "imported", "maintain", 0m),
            (full.GetProperty("lastYear").GetProperty("points").GetDecimal(), full.GetProperty("lastYear").GetProperty("measureText").GetString(),
             full.GetProperty("lastYear").GetProperty("source").GetString(), full.GetProperty("classification").GetString(), full.GetProperty("pointsLost").GetDecimal()));
        var partial = RowOf(plan, "3.2");
        Assert.Equal(("push", 7.5m), (partial.GetProperty("classification").GetString(), partial.GetProperty("pointsLost").GetDecimal()));

        var header = await evaluator.PutAsync(url, Csv("don_vi,chi_tieu,diem\nSO-A,1.1,20\n"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        var problem = (await JsonAsync(header)).GetProperty("problems")[0];
        Assert.Equal(("DTI6001", 1), (problem.GetProperty("code").GetString(), problem.GetProperty("line").GetInt32()));

        var unknown = await evaluator.PutAsync(url, Csv("unit,indicator,points,measure\nSO-A,1.1,20,\nSO-Z,1.1,20,\n"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var located = (await JsonAsync(unknown)).GetProperty("problems")[0];
        Assert.Equal("APP-BASELINE-UNIT", located.GetProperty("code").GetString());
        Assert.Contains("3", located.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(12.5m, RowOf(await JsonAsync(await evaluator.GetAsync(Plan(), Cancel)), "3.2").GetProperty("lastYear").GetProperty("points").GetDecimal());

        using var xml = new StringContent("<a/>", Encoding.UTF8, "application/xml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await evaluator.PutAsync(url, xml, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.PutAsync(url, RawJson("{}"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync(url, Json(new[] { new { unit = "SO-B", indicator = "1.1", points = (object)8.5m } }), Cancel)).StatusCode);
        Assert.Equal(JsonValueKind.Null, RowOf(await JsonAsync(await evaluator.GetAsync(Plan(), Cancel)), "1.1").GetProperty("lastYear").ValueKind);
    }

    [Fact]
    public async Task Copy_ToTheDraftPeriod_MovesTheDeadline_AndRefusesASecondCopy()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        await evaluator.PutAsync(Plan(), Json(new[] { new { indicator = "1.1", leadUnit = "SO-B", deadline = "10/12/2024" } }), Cancel);
        var copy = $"/api/periods/{Factory.DraftPeriodId}/plan/copy";

        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.PostAsync(copy, null, Cancel)).StatusCode);
        var copied = await evaluator.PostAsync(copy + "?from=" + Factory.OpenPeriodId, null, Cancel);
        var again = await evaluator.PostAsync(copy + "?from=" + Factory.OpenPeriodId, null, Cancel);

        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
        // The row written here and SO-A's 2.1 that OpenDtiFactory seeds for delegated entry.
        Assert.Equal(2, (await JsonAsync(copied)).GetProperty("copied").GetInt32());
        Assert.Equal("10/12/2025", RowOf(await JsonAsync(await evaluator.GetAsync(Plan(period: Factory.DraftPeriodId), Cancel)), "1.1").GetProperty("deadline").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}

/// <summary>The plan's queries (coordinators, counts per period, the units named) on SQLite and PostgreSQL.</summary>
public sealed class PlanProviderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThePlan_IsSavedReadCopiedAndGivenABaseline_OnEveryProvider(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var evaluator = await factory.ClientAsync("evaluator");
        using var named = await factory.ClientAsync("reporter.so-b");
        var plan = $"/api/periods/{factory.OpenPeriodId}/plan?unit=SO-A";

        var first = await evaluator.PutAsync(plan, JsonContent(new[] { new { indicator = "1.1", leadUnit = "SO-B", coordinatingUnits = new[] { "TINH", "SO-B" } } }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync(plan, JsonContent(new[] { new { indicator = "1.1", leadUnit = "SO-B", coordinatingUnits = new[] { "TINH" }, deadline = "10/12/2024" } }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync(plan, JsonContent(new[] { new { indicator = "1.1", leadUnit = "SO-B", coordinatingUnits = Array.Empty<string>(), deadline = "10/12/2024", version = 1 } }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync($"/api/periods/{factory.OpenPeriodId}/baseline", new StringContent("unit,indicator,points,measure\nSO-A,1.1,20,\n", Encoding.UTF8, "text/csv"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PostAsync($"/api/periods/{factory.DraftPeriodId}/plan/copy?from={factory.OpenPeriodId}", null, Cancel)).StatusCode);

        var read = JsonDocument.Parse(await named.GetStringAsync(plan, Cancel)).RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "1.1");
        var copied = JsonDocument.Parse(await evaluator.GetStringAsync($"/api/periods/{factory.DraftPeriodId}/plan?unit=SO-A", Cancel)).RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "1.1");
        Assert.Equal(("SO-B", 0, 2, "maintain"), (read.GetProperty("leadUnit").GetString(), read.GetProperty("coordinatingUnits").GetArrayLength(), read.GetProperty("version").GetInt32(), read.GetProperty("classification").GetString()));
        Assert.Equal(("SO-B", "10/12/2025"), (copied.GetProperty("leadUnit").GetString(), copied.GetProperty("deadline").GetString()));
    }

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
