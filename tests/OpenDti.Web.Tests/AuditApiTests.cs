using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>The audit of a unit's values through the API: every change with who, when, old, new, channel and reason.</summary>
public sealed class AuditApiTests : WebAppTest
{
    private string Values(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/values";

    private string Audit(string unit = "SO-A", string? indicator = null) =>
        $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/audit" + (indicator is null ? string.Empty : "?indicator=" + Uri.EscapeDataString(indicator));

    private static object Value(string indicator, string input, string? value) => new { indicator, input, value };

    private async Task SaveAsync(HttpClient client, string? reason, params object[] values)
    {
        var response = await client.PutAsync(Values() + (reason is null ? string.Empty : "?reason=" + Uri.EscapeDataString(reason)), Json(values), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static (string? Who, string? Indicator, string? Input, string? Old, string? New, string? Channel, string? Reason) Row(JsonElement a) =>
        (a.GetProperty("userName").GetString(), a.GetProperty("indicator").GetString(), a.GetProperty("input").GetString(),
         a.GetProperty("oldValue").GetString(), a.GetProperty("newValue").GetString(), a.GetProperty("channel").GetString(), a.GetProperty("reason").GetString());

    [Fact]
    public async Task EveryChange_ByEveryone_IsListedOldestFirst_WithWhoWhenOldNewChannelAndReason()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var leader = await Factory.ClientAsync("leader.so-a");
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await SaveAsync(reporter, null, Value("3.2", "a", "38"), Value("3.2", "b", "41"));
        await SaveAsync(evaluator, "Thẩm định: sai số", Value("3.2", "a", "37"));
        await SaveAsync(reporter, "Bổ sung", Value("2.1", "da_ban_hanh", "có"), Value("3.2", "b", null));
        var end = DateTimeOffset.UtcNow.AddSeconds(1);

        var response = await leader.GetAsync(Audit(), Cancel);
        var audit = (await JsonAsync(response)).EnumerateArray().ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [
                ("reporter.so-a", "3.2", "a", null, "38", "api", null),
                ("reporter.so-a", "3.2", "b", null, "41", "api", null),
                ("evaluator", "3.2", "a", "38", "37", "api", "Thẩm định: sai số"),
                ("reporter.so-a", "2.1", "da_ban_hanh", null, "có", "api", "Bổ sung"),
                ("reporter.so-a", "3.2", "b", "41", null, "api", "Bổ sung"),
            ],
            audit.Select(Row).ToArray());
        var times = audit.Select(a => a.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.All(times, t => Assert.InRange(t, start, end));
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Indicator_FiltersTheList()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        await SaveAsync(reporter, null, Value("3.2", "a", "38"), Value("2.1", "da_ban_hanh", "có"));
        await SaveAsync(reporter, null, Value("3.2", "b", "40"), Value("2.2", "da_ban_hanh", "không"));

        var indicator32 = (await JsonAsync(await reporter.GetAsync(Audit(indicator: "3.2"), Cancel))).EnumerateArray().ToArray();
        var indicator21 = (await JsonAsync(await reporter.GetAsync(Audit(indicator: "2.1"), Cancel))).EnumerateArray().ToArray();
        var indicator9 = await reporter.GetAsync(Audit(indicator: "9.9"), Cancel);
        var all = await JsonAsync(await reporter.GetAsync(Audit(), Cancel));

        Assert.Equal([("3.2", "a"), ("3.2", "b")], indicator32.Select(a => (a.GetProperty("indicator").GetString(), a.GetProperty("input").GetString())));
        Assert.Equal([("2.1", "có")], indicator21.Select(a => (a.GetProperty("indicator").GetString(), a.GetProperty("newValue").GetString())));
        Assert.Equal(HttpStatusCode.OK, indicator9.StatusCode);
        Assert.Equal(0, (await JsonAsync(indicator9)).GetArrayLength());
        Assert.Equal(4, all.GetArrayLength());
    }

    [Fact]
    public async Task EachUnit_HasItsOwnAudit()
    {
        using var soA = await Factory.ClientAsync("reporter.so-a");
        using var soB = await Factory.ClientAsync("reporter.so-b");
        await SaveAsync(soA, null, Value("3.2", "a", "38"));
        await soB.PutAsync(Values("SO-B"), Json(new[] { Value("3.2", "a", "12") }), Cancel);

        var a = (await JsonAsync(await soA.GetAsync(Audit("SO-A"), Cancel))).EnumerateArray().Select(e => e.GetProperty("newValue").GetString());
        var b = (await JsonAsync(await soB.GetAsync(Audit("SO-B"), Cancel))).EnumerateArray().Select(e => e.GetProperty("newValue").GetString());

        Assert.Equal(["38"], a);
        Assert.Equal(["12"], b);
    }

    [Theory]
    [InlineData("reporter.so-b", "vi", "tài khoản của bạn không được xem hoặc sửa số liệu của đơn vị `SO-A`")]
    [InlineData("leader.so-b", "en", "your account may not see or change the data of unit `SO-A`")]
    public async Task AnotherUnitsReporterOrLeader_Is403(string user, string language, string title)
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        await SaveAsync(reporter, "bí mật", Value("3.2", "a", "38"));
        using var other = language == "en" ? await EnglishClientAsync(user) : await Factory.ClientAsync(user);

        var all = await other.GetAsync(Audit(), Cancel);
        var one = await other.GetAsync(Audit(indicator: "3.2"), Cancel);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (all.StatusCode, one.StatusCode));
        Assert.Equal(title, await TitleAsync(all));
        Assert.DoesNotContain("bí mật", await one.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vi", "/api/periods/999/units/SO-A/audit", "không có kỳ đánh giá 999")]
    [InlineData("en", "/api/periods/999/units/SO-A/audit", "there is no period 999")]
    [InlineData("vi", "/api/periods/{open}/units/TINH/audit", "đơn vị `TINH` không thuộc kỳ đánh giá {open}")]
    [InlineData("en", "/api/periods/{open}/units/SO-Z/audit?indicator=3.2", "unit `SO-Z` is not part of period {open}")]
    public async Task UnknownPeriodOrUnit_Is404_WithAMessage(string language, string path, string title)
    {
        using var client = language == "en" ? await EnglishClientAsync("viewer") : await Factory.ClientAsync("viewer");
        var open = Factory.OpenPeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await client.GetAsync(path.Replace("{open}", open, StringComparison.Ordinal), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(title.Replace("{open}", open, StringComparison.Ordinal), await TitleAsync(response));
    }

    [Fact]
    public async Task TheAudit_OutlivesARenameAndAMergeOfTheUnit()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var admin = await Factory.ClientAsync("admin");
        await SaveAsync(reporter, "trước sáp nhập", Value("3.2", "a", "38"));

        await admin.PostAsync("/api/units/SO-A/rename", Json(new { name = "Sở A mới", effectiveOn = "2025-01-01" }), Cancel);
        await admin.PostAsync("/api/units/merge", Json(new { sources = new[] { "SO-A", "SO-B" }, code = "SO-AB", name = "Sở AB", effectiveOn = "2025-02-01" }), Cancel);
        var audit = (await JsonAsync(await admin.GetAsync(Audit(), Cancel))).EnumerateArray().Select(Row).ToArray();

        Assert.Equal([("reporter.so-a", "3.2", "a", null, "38", "api", "trước sáp nhập")], audit);
    }

    [Fact]
    public async Task ProfileChange_ThroughTheApi_IsInTheWholeAudit_WithOldNewChannelAndReason()
    {
        using var admin = await Factory.ClientAsync("admin");
        var changed = await admin.PutAsync("/api/units/SO-A/profile/2024?reason=" + Uri.EscapeDataString("Quyết định giao biên chế"), Json(new Dictionary<string, decimal> { ["civil_servants"] = 41 }), Cancel);
        using var evaluator = await Factory.ClientAsync("evaluator");

        var response = await evaluator.GetAsync("/api/audit?unit=SO-A&kind=profile&limit=1", Cancel);
        var page = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ("admin", "profile", "api", "SO-A", "2024", "civil_servants", "40", "41", "Quyết định giao biên chế"),
            (entry.GetProperty("userName").GetString(), entry.GetProperty("kind").GetString(), entry.GetProperty("channel").GetString(),
             entry.GetProperty("unitCode").GetString(), entry.GetProperty("subject").GetString(), entry.GetProperty("input").GetString(),
             entry.GetProperty("oldValue").GetString(), entry.GetProperty("newValue").GetString(), entry.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Number, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task WholeAudit_UnreadableFilters_Are400_NamingEachField()
    {
        using var admin = await Factory.ClientAsync("admin");

        var response = await admin.GetAsync("/api/audit?kind=mọi-thứ&from=32/01/2025&limit=0&user=a%01b", Cancel);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["from", "kind", "limit", "user"], body.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("input").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AuditPage_ListsChanges_AndChecksTheChain()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        await SaveAsync(reporter, "Lý do rất riêng", Value("2.1", "da_ban_hanh", "có"));
        using var admin = await SignedInAsync("admin");

        var page = await admin.GetStringAsync("/quan-tri/nhat-ky?kind=value&verify=1", Cancel);

        Assert.Contains("Lý do rất riêng", page, StringComparison.Ordinal);
        Assert.Matches("Nhật ký nguyên vẹn: [0-9.]+ dòng, mã băm cuối [0-9a-f]{64}", page);
    }

    [Fact]
    public async Task Form_AfterAReturn_AsksWhy_AndTheReasonOfEachSaveGoesToTheAudit()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        var before = await browser.GetStringAsync(FormPath, Cancel);
        await ReturnSoAAsync();

        var page = await browser.GetStringAsync(FormPath, Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, FormPath + "?handler=Save")
        {
            Content = JsonContent.Create(new { indicator = "2.1", input = "da_ban_hanh", value = "có", version = 0, reason = "Bổ sung theo ý kiến thẩm định" }),
        };
        request.Headers.Add("RequestVerificationToken", AntiforgeryTokenIn(page));
        var saved = await browser.SendAsync(request, Cancel);
        using var reader = await Factory.ClientAsync("evaluator");
        var audit = (await JsonAsync(await reader.GetAsync(Audit(indicator: "2.1"), Cancel))).EnumerateArray().Single();

        Assert.DoesNotContain("id=\"change-reason\"", before, StringComparison.Ordinal);
        Assert.Contains("id=\"change-reason\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("page", "Bổ sung theo ý kiến thẩm định"), (audit.GetProperty("channel").GetString(), audit.GetProperty("reason").GetString()));
    }

    private string FormPath => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai";

    /// <summary>SO-A's submission returned by the evaluators (put in that state in the database), open until 2031.</summary>
    private async Task ReturnSoAAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == "SO-A").Id;
        db.Submissions.Add(new Data.Review.Submission
        {
            PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = Core.Review.SubmissionState.Returned, Round = 1,
            AnswerBy = new DateOnly(2031, 1, 31), UpdatedBy = "evaluator", UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Cancel);
    }
}
