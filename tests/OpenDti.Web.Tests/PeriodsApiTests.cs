using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>Periods through the API: creation with its cohort and dates, status changes, unknown and malformed ids.</summary>
public sealed class PeriodsApiTests : WebAppTest
{
    private static object NewPeriod(string opensOn = "2026-01-01", string closesOn = "2026-02-01", string frameworkCode = "dti-department-2022", string[]? unitCodes = null) =>
        new { frameworkCode, year = 2026, name = "Kỳ thử 2026", opensOn, closesOn, unitCodes };

    private async Task<int> PeriodCountAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/periods", Cancel))).GetArrayLength();

    private async Task<HttpResponseMessage> SetStatusAsync(HttpClient client, int id, string status) =>
        await client.PutAsync($"/api/periods/{id}/status", Json(new { status }), Cancel);

    [Fact]
    public async Task Create_WithUnits_IsADraftWithThoseUnits_ListedAndReadable()
    {
        using var client = await Factory.ClientAsync("evaluator");

        var response = await client.PostAsync("/api/periods", Json(NewPeriod(unitCodes: ["SO-A"])), Cancel);
        var created = await JsonAsync(response);
        var id = created.GetProperty("id").GetInt32();
        var read = await JsonAsync(await client.GetAsync($"/api/periods/{id}", Cancel));
        var listed = (await JsonAsync(await client.GetAsync("/api/periods", Cancel))).EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ("dti-department-2022", 2026, "Kỳ thử 2026", "draft", "2026-01-01", "2026-02-01", 1),
            (created.GetProperty("frameworkCode").GetString(), created.GetProperty("year").GetInt32(), created.GetProperty("name").GetString(), created.GetProperty("status").GetString(),
             created.GetProperty("opensOn").GetString(), created.GetProperty("closesOn").GetString(), created.GetProperty("unitCount").GetInt32()));
        Assert.Equal(created.GetRawText(), read.GetRawText());
        Assert.Equal(created.GetRawText(), listed.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/periods/{id}/units/SO-A/values", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/periods/{id}/units/SO-B/values", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Create_WithoutUnits_TakesEveryUnitOfTheFrameworksLevel_ActiveWhenItOpens()
    {
        using var client = await Factory.ClientAsync("admin");
        await client.PostAsync("/api/units/SO-B/close", Json(new { effectiveOn = "2026-01-01" }), Cancel);
        await client.PostAsync("/api/units", Json(new { code = "SO-N", name = "Sở N", level = "department", parentCode = "TINH", activeFrom = "2026-06-01" }), Cancel);

        var december = await JsonAsync(await client.PostAsync("/api/periods", Json(NewPeriod("2025-12-01", "2025-12-31")), Cancel));
        var january = await JsonAsync(await client.PostAsync("/api/periods", Json(NewPeriod("2026-01-01", "2026-02-01")), Cancel));
        var july = await JsonAsync(await client.PostAsync("/api/periods", Json(NewPeriod("2026-07-01", "2026-08-01")), Cancel));

        // SO-A and SO-C (OpenDtiFactory's delegate, a department outside the open period), with SO-B until it closes and SO-N once it opens.
        Assert.Equal(3, december.GetProperty("unitCount").GetInt32());
        Assert.Equal(2, january.GetProperty("unitCount").GetInt32());
        Assert.Equal(3, july.GetProperty("unitCount").GetInt32());
        var id = july.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/periods/{id}/units/SO-N/values", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/periods/{id}/units/TINH/values", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("vi", "ngày đóng phải sau ngày mở")]
    [InlineData("en", "the closing day must come after the opening day")]
    public async Task Create_WithDatesOutOfOrder_Is400_AndCreatesNothing(string language, string title)
    {
        using var client = language == "en" ? await EnglishClientAsync("evaluator") : await Factory.ClientAsync("evaluator");
        var before = await PeriodCountAsync(client);

        var response = await client.PostAsync("/api/periods", Json(NewPeriod("2026-02-01", "2026-01-31")), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, await TitleAsync(response));
        Assert.Equal(before, await PeriodCountAsync(client));
    }

    [Fact]
    public async Task Create_WithAnUnknownFrameworkOrUnit_Is404_AsDocumented()
    {
        using var client = await Factory.ClientAsync("evaluator");
        var before = await PeriodCountAsync(client);

        var framework = await client.PostAsync("/api/periods", Json(NewPeriod(frameworkCode: "khong-co")), Cancel);
        var unit = await client.PostAsync("/api/periods", Json(NewPeriod(unitCodes: ["SO-A", "SO-Z"])), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, framework.StatusCode);
        Assert.Equal("không có bộ chỉ số `khong-co`", await TitleAsync(framework));
        Assert.Equal(HttpStatusCode.NotFound, unit.StatusCode);
        Assert.Equal("không có đơn vị `SO-Z`", await TitleAsync(unit));
        Assert.Equal(before, await PeriodCountAsync(client));
    }

    [Fact]
    public async Task Status_MovesThroughTheLifeOfAPeriod_AndDecidesWhoMayDoWhat()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        var id = (await JsonAsync(await evaluator.PostAsync("/api/periods", Json(NewPeriod(closesOn: "2099-12-31", unitCodes: ["SO-A", "SO-B"])), Cancel))).GetProperty("id").GetInt32();
        var values = $"/api/periods/{id}/units/SO-A/values";
        var value = Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } });

        var whileDraft = await reporter.PutAsync(values, value, Cancel);
        var opened = await SetStatusAsync(evaluator, id, "open");
        var whileOpen = await reporter.PutAsync(values, value, Cancel);
        var resultsWhileOpen = await reporter.GetAsync($"/api/periods/{id}/results", Cancel);
        var closed = await SetStatusAsync(evaluator, id, "Closed");
        var whileClosed = await reporter.PutAsync(values, value, Cancel);
        var publishedByStatus = await SetStatusAsync(evaluator, id, "published");
        var published = await PublishAsync(evaluator, id);
        var resultsWhenPublished = await reporter.GetAsync($"/api/periods/{id}/results", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, whileDraft.StatusCode);
        Assert.Equal("open", (await JsonAsync(opened)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, whileOpen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, resultsWhileOpen.StatusCode);
        Assert.Equal("closed", (await JsonAsync(closed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, whileClosed.StatusCode);
        Assert.Equal("kỳ đánh giá \"Kỳ thử 2026\" đang ở trạng thái đã đóng: không nhận số liệu", await TitleAsync(whileClosed));
        Assert.Equal(HttpStatusCode.Conflict, publishedByStatus.StatusCode);
        Assert.Equal(
            "không thể chuyển kỳ đánh giá từ trạng thái đã đóng sang đã công bố bằng cách đổi trạng thái: hãy dùng chức năng công bố kết quả",
            await TitleAsync(publishedByStatus));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(1, (await JsonAsync(published)).GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.OK, resultsWhenPublished.StatusCode);
        Assert.Equal("published", (await JsonAsync(await reporter.GetAsync($"/api/periods/{id}", Cancel))).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("vi", "archived", "trạng thái phải là draft, open, closed hoặc published")]
    [InlineData("en", "archived", "the status must be draft, open, closed or published")]
    [InlineData("vi", "", "trạng thái phải là draft, open, closed hoặc published")]
    public async Task Status_ThatIsNotOneOfTheFour_Is400_AndChangesNothing(string language, string status, string title)
    {
        using var client = language == "en" ? await EnglishClientAsync("evaluator") : await Factory.ClientAsync("evaluator");

        var response = await SetStatusAsync(client, Factory.DraftPeriodId, status);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, await TitleAsync(response));
        Assert.Equal("draft", (await JsonAsync(await client.GetAsync($"/api/periods/{Factory.DraftPeriodId}", Cancel))).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("vi", "không có kỳ đánh giá 999")]
    [InlineData("en", "there is no period 999")]
    public async Task UnknownPeriod_Is404_ForReadAndStatus(string language, string title)
    {
        using var client = language == "en" ? await EnglishClientAsync("admin") : await Factory.ClientAsync("admin");

        var read = await client.GetAsync("/api/periods/999", Cancel);
        var status = await SetStatusAsync(client, 999, "open");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, status.StatusCode));
        Assert.Equal(title, await TitleAsync(read));
        Assert.Equal(title, await TitleAsync(status));
    }

    public static TheoryData<string, string> PeriodRoutes() => new()
    {
        { "GET", "/api/periods/{0}" },
        { "PUT", "/api/periods/{0}/status" },
        { "GET", "/api/periods/{0}/units/SO-A/values" },
        { "PUT", "/api/periods/{0}/units/SO-A/values" },
        { "GET", "/api/periods/{0}/results" },
        { "GET", "/api/periods/{0}/units/SO-A/scorecard" },
        { "GET", "/api/periods/{0}/units/SO-A/audit" },
    };

    [Theory]
    [MemberData(nameof(PeriodRoutes))]
    public async Task UnknownOrMalformedPeriodId_Is404_NeverA500(string method, string route)
    {
        using var client = await Factory.ClientAsync("evaluator");
        var outcomes = new List<string>();
        foreach (var id in new[] { "999", "0", "-1", "2147483647", "abc", "1.5", "99999999999", "%20", new string('9', 2000) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(CultureInfo.InvariantCulture, route, id))
            {
                Content = method == "PUT" ? RawJson(route.EndsWith("status", StringComparison.Ordinal) ? "{\"status\": \"open\"}" : "[]") : null,
            };
            using var response = await client.SendAsync(request, Cancel);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                outcomes.Add($"{id[..Math.Min(id.Length, 20)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
            }
        }

        Assert.True(outcomes.Count == 0, string.Join("\n", outcomes));
    }

    [Theory]
    [InlineData("/api/periods/{open}/units/{0}/values")]
    [InlineData("/api/periods/{open}/units/{0}/scorecard")]
    [InlineData("/api/periods/{open}/units/{0}/audit")]
    public async Task UnknownOrMalformedUnitCodeInAPeriod_Is404(string route)
    {
        using var client = await Factory.ClientAsync("evaluator");
        var outcomes = new List<string>();
        foreach (var code in new[] { "SO-Z", "so-a", new string('Z', 2000), "S%C6%A0-A", "%2E%2E", })
        {
            var path = string.Format(CultureInfo.InvariantCulture, route.Replace("{open}", Factory.OpenPeriodId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), code);
            using var response = await client.GetAsync(path, Cancel);

            // ".." is resolved (RFC 3986) into the period's own path, where only PUT …/values (many units) exists: 405 there.
            var parentRoute = code == "%2E%2E" && route.EndsWith("/values", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.MethodNotAllowed;
            if (response.StatusCode != HttpStatusCode.NotFound && !parentRoute)
            {
                outcomes.Add($"{code[..Math.Min(code.Length, 20)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
            }
        }

        Assert.True(outcomes.Count == 0, string.Join("\n", outcomes));
    }

    [Theory]
    [InlineData("POST", "/api/periods", "{\"frameworkCode\": ")]
    [InlineData("POST", "/api/periods", "{\"frameworkCode\": \"dti-department-2022\", \"year\": 2026, \"name\": \"Kỳ\", \"opensOn\": \"1/1/2026\", \"closesOn\": \"2026-02-01\"}")]
    [InlineData("POST", "/api/periods", "{\"frameworkCode\": \"dti-department-2022\", \"year\": \"2026a\", \"name\": \"Kỳ\", \"opensOn\": \"2026-01-01\", \"closesOn\": \"2026-02-01\"}")]
    [InlineData("PUT", "/api/periods/{draft}/status", "{\"status\": ")]
    [InlineData("PUT", "/api/periods/{draft}/status", "{}")]
    [InlineData("PUT", "/api/periods/{draft}/status", "{\"status\": 1}")]
    [InlineData("PUT", "/api/periods/{open}/units/SO-A/values", "{\"indicator\": \"2.1\"}")]
    [InlineData("PUT", "/api/periods/{open}/units/SO-A/values", "[{\"indicator\": \"2.1\", \"input\": \"da_ban_hanh\", \"value\": {\"x\": 1}}]")]
    [InlineData("PUT", "/api/periods/{open}/units/SO-A/values", "[{\"indicator\": \"2.1\", \"input\": \"da_ban_hanh\", \"value\": \"có\", \"version\": \"một\"}]")]
    public async Task MalformedOrIncompleteBody_Is400_AndChangesNothing(string method, string path, string body)
    {
        using var client = await Factory.ClientAsync("evaluator");
        var before = (await JsonAsync(await client.GetAsync("/api/periods", Cancel))).GetRawText();
        path = path
            .Replace("{draft}", Factory.DraftPeriodId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{open}", Factory.OpenPeriodId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = RawJson(body) };
        using var response = await client.SendAsync(request, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        Assert.Equal(before, (await JsonAsync(await client.GetAsync("/api/periods", Cancel))).GetRawText());
        Assert.Equal(0, (await JsonAsync(await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/audit", Cancel))).GetArrayLength());
    }

    [Fact]
    public async Task UnfinishedRule_IsSetWhenCreating_AndChangedLater_ByName()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var created = await JsonAsync(await evaluator.PostAsync(
            "/api/periods",
            Json(new { frameworkCode = "dti-department-2022", year = 2026, name = "Kỳ thử", opensOn = "2026-01-01", closesOn = "2026-02-01", unfinishedPoints = "AsReported" }),
            Cancel));
        var id = created.GetProperty("id").GetInt32();
        var changed = await evaluator.PutAsync($"/api/periods/{id}/unfinished-units", Json(new { ranking = "withOthers" }), Cancel);
        var unknown = await evaluator.PutAsync($"/api/periods/{id}/unfinished-units", Json(new { points = "1" }), Cancel);
        var badCreate = await evaluator.PostAsync(
            "/api/periods", Json(new { frameworkCode = "dti-department-2022", year = 2026, name = "Kỳ thử", opensOn = "2026-01-01", closesOn = "2026-02-01", unfinishedRanking = "first" }), Cancel);

        Assert.Equal(("afterFinalised", "asReported"), (created.GetProperty("unfinishedRanking").GetString(), created.GetProperty("unfinishedPoints").GetString()));
        var after = await JsonAsync(changed);
        Assert.Equal(("withOthers", "asReported"), (after.GetProperty("unfinishedRanking").GetString(), after.GetProperty("unfinishedPoints").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, badCreate.StatusCode));
        Assert.Equal("quy định cho đơn vị không hoàn thành thẩm định không hợp lệ: ranking là afterFinalised hoặc withOthers, points là zero hoặc asReported", await TitleAsync(unknown));
    }

    [Fact]
    public async Task Get_GivesTheDocumentedFields()
    {
        using var client = await Factory.ClientAsync("leader.so-b");

        var period = await JsonAsync(await client.GetAsync($"/api/periods/{Factory.DraftPeriodId}", Cancel));

        Assert.Equal(
            ["id", "frameworkCode", "year", "name", "status", "opensOn", "closesOn", "unitCount", "appealDays", "unfinishedRanking", "unfinishedPoints", "contributorsCloseOn", "mergerRule"],
            period.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Kỳ nháp", "draft", 2025, 2), (period.GetProperty("name").GetString(), period.GetProperty("status").GetString(), period.GetProperty("year").GetInt32(), period.GetProperty("unitCount").GetInt32()));
        Assert.Equal(JsonValueKind.Number, period.GetProperty("id").ValueKind);
    }
}
