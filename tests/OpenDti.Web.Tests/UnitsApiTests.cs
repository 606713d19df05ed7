using System.Net;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Units through the API: the hierarchy, creation, renames, closures, merges and splits that keep
/// past periods intact, general information per year, and who may read a unit.
/// </summary>
public sealed class UnitsApiTests : WebAppTest
{
    private async Task<JsonElement> UnitAsync(HttpClient client, string code, int? year = null) =>
        await JsonAsync(await client.GetAsync($"/api/units/{code}" + (year is null ? string.Empty : $"?year={year}"), Cancel));

    private async Task<JsonElement[]> ListAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/units", Cancel))).EnumerateArray().ToArray();

    /// <summary>The kinds of the unit's history after its creation.</summary>
    private static string[] Changes(JsonElement unit) =>
        unit.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).Where(k => k != "Created").ToArray();

    private static JsonElement Event(JsonElement unit, string kind) =>
        unit.GetProperty("history").EnumerateArray().First(e => e.GetProperty("kind").GetString() == kind);

    private async Task<JsonElement> ResultOfAsync(string unitCode)
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        var results = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/results", Cancel));
        return results.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == unitCode);
    }

    [Fact]
    public async Task List_GivesEveryUnit_ByLevelThenCode_WithItsLevelAndParent()
    {
        using var client = await Factory.ClientAsync("reporter.so-b");

        var units = await ListAsync(client);

        Assert.Equal(
            [("TINH", "Tỉnh Thử", "province", null), ("SO-A", "Sở A", "department", "TINH"), ("SO-B", "Sở B", "department", "TINH"), ("SO-C", "Sở C", "department", "TINH")],
            units.Select(u => (u.GetProperty("code").GetString(), u.GetProperty("name").GetString(), u.GetProperty("level").GetString(), u.GetProperty("parentCode").GetString())));
        Assert.All(units, u => Assert.Equal(JsonValueKind.Null, u.GetProperty("closedOn").ValueKind));
    }

    [Fact]
    public async Task Create_AnExistingCode_Is409_AndAnUnknownParent_Is404()
    {
        using var client = await Factory.ClientAsync("admin");

        var created = await JsonAsync(await client.PostAsync("/api/units", Json(new { code = "SO-F", name = "Sở F", level = "department", parentCode = "TINH" }), Cancel));
        Assert.Equal(("SO-F", "TINH"), (created.GetProperty("code").GetString(), created.GetProperty("parentCode").GetString()));
        var existing = await client.PostAsync("/api/units", Json(new { code = "SO-A", name = "Sở A khác", level = "department", parentCode = "TINH" }), Cancel);
        var orphan = await client.PostAsync("/api/units", Json(new { code = "SO-D", name = "Sở D", level = "department", parentCode = "TINH-KHAC" }), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, existing.StatusCode);
        Assert.Equal("đã có đơn vị mã `SO-A`", await TitleAsync(existing));
        Assert.Equal(HttpStatusCode.NotFound, orphan.StatusCode);
        Assert.Equal("không có đơn vị `TINH-KHAC`", await TitleAsync(orphan));
        Assert.Equal("Sở A", (await UnitAsync(client, "SO-A")).GetProperty("name").GetString());
        Assert.DoesNotContain(await ListAsync(client), u => u.GetProperty("code").GetString() == "SO-D");
    }

    [Theory]
    [InlineData("vi", "cấp đơn vị phải là province, department, district hoặc commune")]
    [InlineData("en", "the level must be province, department, district or commune")]
    public async Task Create_WithAnUnknownLevel_Is400_SayingTheLevels(string language, string title)
    {
        using var client = language == "en" ? await EnglishClientAsync("admin") : await Factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/units", Json(new { code = "SO-E", name = "Sở E", level = "ward", parentCode = "TINH" }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, await TitleAsync(response));
    }

    [Fact]
    public async Task Rename_ChangesTheNameFromADate_AndThePeriodAlreadySetUpKeepsTheOldName()
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/units/SO-A/rename", Json(new { name = "Sở A mới", effectiveOn = "2025-03-01", note = "Quyết định 12" }), Cancel);
        var unit = await UnitAsync(client, "SO-A");
        var result = await ResultOfAsync("SO-A");
        var values = await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sở A mới", (await JsonAsync(response)).GetProperty("name").GetString());
        Assert.Equal("Sở A mới", unit.GetProperty("name").GetString());
        Assert.Equal(["Renamed"], Changes(unit));
        var renamed = Event(unit, "Renamed");
        Assert.Equal(("2025-03-01", "Sở A", "Sở A mới", "Quyết định 12"), (renamed.GetProperty("effectiveOn").GetString(), renamed.GetProperty("oldName").GetString(), renamed.GetProperty("newName").GetString(), renamed.GetProperty("note").GetString()));
        Assert.Equal("Sở A", result.GetProperty("unitName").GetString());
        Assert.Equal(HttpStatusCode.OK, values.StatusCode);
    }

    [Fact]
    public async Task Close_StopsTheUnitFromADate_RefusesFurtherChanges_AndKeepsItsPastValues()
    {
        using var admin = await Factory.ClientAsync("admin");
        using var reporter = await Factory.ClientAsync("reporter.so-b");
        await reporter.PutAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }), Cancel);

        var closed = await admin.PostAsync("/api/units/SO-B/close", Json(new { effectiveOn = "2025-06-30", note = "Giải thể" }), Cancel);
        var again = await admin.PostAsync("/api/units/SO-B/close", Json(new { effectiveOn = "2025-07-01" }), Cancel);
        var rename = await admin.PostAsync("/api/units/SO-B/rename", Json(new { name = "Sở B mới", effectiveOn = "2025-07-01" }), Cancel);
        var listed = (await ListAsync(admin)).Single(u => u.GetProperty("code").GetString() == "SO-B");
        var unit = await UnitAsync(admin, "SO-B");
        var values = (await JsonAsync(await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", Cancel))).EnumerateArray();

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("2025-06-30", (await JsonAsync(closed)).GetProperty("closedOn").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        Assert.StartsWith("đơn vị `SO-B` đã ngừng hoạt động từ ", await TitleAsync(rename), StringComparison.Ordinal);
        Assert.Equal("2025-06-30", listed.GetProperty("closedOn").GetString());
        Assert.Equal(("2025-06-30", "Sở B"), (unit.GetProperty("closedOn").GetString(), unit.GetProperty("name").GetString()));
        Assert.Equal(["Closed"], Changes(unit));
        Assert.Equal(("2025-06-30", "Giải thể"), (Event(unit, "Closed").GetProperty("effectiveOn").GetString(), Event(unit, "Closed").GetProperty("note").GetString()));
        Assert.Contains(values, v => v.GetProperty("indicator").GetString() == "2.1" && v.GetProperty("value").GetString() == "có");
    }

    [Fact]
    public async Task Merge_ClosesTheSources_CreatesTheNewUnit_AndKeepsTheOpenPeriodsUnits()
    {
        using var client = await Factory.ClientAsync("admin");
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        await reporter.PutAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }), Cancel);
        var before = await ResultOfAsync("SO-A");

        var response = await client.PostAsync("/api/units/merge", Json(new { sources = new[] { "SO-A", "SO-B" }, code = "SO-AB", name = "Sở AB", effectiveOn = "2025-01-01", note = "Nghị quyết 5" }), Cancel);
        var merged = await JsonAsync(response);
        var units = await ListAsync(client);
        var source = await UnitAsync(client, "SO-A");
        var after = await ResultOfAsync("SO-A");
        var cohort = await JsonAsync(await client.PostAsync("/api/periods", Json(new { frameworkCode = "dti-department-2022", year = 2025, name = "Kỳ sau sáp nhập", opensOn = "2025-11-01", closesOn = "2025-12-31" }), Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("SO-AB", "Sở AB", "department", "TINH"), (merged.GetProperty("code").GetString(), merged.GetProperty("name").GetString(), merged.GetProperty("level").GetString(), merged.GetProperty("parentCode").GetString()));
        Assert.Equal(
            [("SO-A", "2025-01-01"), ("SO-AB", null), ("SO-B", "2025-01-01"), ("SO-C", null)],
            units.Where(u => u.GetProperty("code").GetString()!.StartsWith("SO-", StringComparison.Ordinal)).Select(u => (u.GetProperty("code").GetString(), u.GetProperty("closedOn").GetString())));
        Assert.Equal(["MergedInto"], Changes(source));
        Assert.Equal(("2025-01-01", "Nghị quyết 5"), (Event(source, "MergedInto").GetProperty("effectiveOn").GetString(), Event(source, "MergedInto").GetProperty("note").GetString()));
        Assert.Equal(before.GetRawText(), after.GetRawText());
        // SO-AB, and SO-C (OpenDtiFactory's delegate, a department outside the open period).
        Assert.Equal(2, cohort.GetProperty("unitCount").GetInt32());
    }

    [Fact]
    public async Task Merge_WithAnUnknownOrClosedSource_ChangesNothing()
    {
        using var client = await Factory.ClientAsync("admin");
        await client.PostAsync("/api/units/SO-B/close", Json(new { effectiveOn = "2025-01-01" }), Cancel);

        var unknown = await client.PostAsync("/api/units/merge", Json(new { sources = new[] { "SO-A", "SO-Z" }, code = "SO-AZ", name = "Sở AZ", effectiveOn = "2025-02-01" }), Cancel);
        var closed = await client.PostAsync("/api/units/merge", Json(new { sources = new[] { "SO-A", "SO-B" }, code = "SO-AB", name = "Sở AB", effectiveOn = "2025-02-01" }), Cancel);
        var units = await ListAsync(client);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("không có đơn vị `SO-Z`", await TitleAsync(unknown));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal(["TINH", "SO-A", "SO-B", "SO-C"], units.Select(u => u.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, units[1].GetProperty("closedOn").ValueKind);
    }

    [Fact]
    public async Task Split_CreatesTheParts_AndClosesTheSource()
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/units/SO-A/split", Json(new { parts = new[] { new { code = "SO-A1", name = "Sở A1" }, new { code = "SO-A2", name = "Sở A2" } }, keepSource = false, effectiveOn = "2025-01-01", note = "Chia tách" }), Cancel);
        var parts = (await JsonAsync(response)).EnumerateArray().ToArray();
        var units = await ListAsync(client);
        var source = await UnitAsync(client, "SO-A");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("SO-A1", "Sở A1"), ("SO-A2", "Sở A2")], parts.Select(p => (p.GetProperty("code").GetString(), p.GetProperty("name").GetString())));
        Assert.Equal(["SO-A", "SO-A1", "SO-A2", "SO-B", "SO-C"], units.Where(u => u.GetProperty("level").GetString() == "department").Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("2025-01-01", source.GetProperty("closedOn").GetString());
        Assert.Equal(["SplitInto", "SplitInto", "Closed"], Changes(source));
        Assert.Equal(["Created"], (await UnitAsync(client, "SO-A1")).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Split_KeepingTheSource_LeavesItActive()
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/units/SO-A/split", Json(new { parts = new[] { new { code = "SO-A3", name = "Sở A3" } }, keepSource = true, effectiveOn = "2025-01-01" }), Cancel);
        var source = await UnitAsync(client, "SO-A");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, source.GetProperty("closedOn").ValueKind);
        Assert.Equal(["SplitInto"], Changes(source));
    }

    [Fact]
    public async Task Profile_IsReadAndWrittenPerYear_AndAWriteKeepsTheOtherFigures()
    {
        using var client = await Factory.ClientAsync("admin");

        var first = await client.PutAsync("/api/units/SO-A/profile/2025", Json(new Dictionary<string, decimal> { ["civil_servants"] = 41, ["public_employees"] = 62m }), Cancel);
        var second = await client.PutAsync("/api/units/SO-A/profile/2025", Json(new Dictionary<string, decimal> { ["civil_servants"] = 43 }), Cancel);
        var in2025 = await UnitAsync(client, "SO-A", 2025);
        var in2024 = await UnitAsync(client, "SO-A", 2024);
        var in2023 = await UnitAsync(client, "SO-A", 2023);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2025, in2025.GetProperty("profileYear").GetInt32());
        Assert.Equal(43m, in2025.GetProperty("profile").GetProperty("civil_servants").GetDecimal());
        Assert.Equal(62m, in2025.GetProperty("profile").GetProperty("public_employees").GetDecimal());
        Assert.Equal(40m, in2024.GetProperty("profile").GetProperty("civil_servants").GetDecimal());
        Assert.Equal(4m, in2024.GetProperty("profile").GetProperty("subordinate_units").GetDecimal());
        Assert.Empty(in2023.GetProperty("profile").EnumerateObject());
    }

    [Fact]
    public async Task Reporter_ReadsHisOwnUnit_NotAnother()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        using var english = await EnglishClientAsync("leader.so-a");

        var own = await client.GetAsync("/api/units/SO-A?year=2024", Cancel);
        var other = await client.GetAsync("/api/units/SO-B", Cancel);
        var otherInEnglish = await english.GetAsync("/api/units/SO-B", Cancel);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(40m, (await JsonAsync(own)).GetProperty("profile").GetProperty("civil_servants").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("tài khoản của bạn không được xem hoặc sửa số liệu của đơn vị `SO-B`", await TitleAsync(other));
        Assert.Equal("your account may not see or change the data of unit `SO-B`", await TitleAsync(otherInEnglish));
    }

    public static TheoryData<string, string, string?> UnitRoutes() => new()
    {
        { "GET", "/api/units/{0}", null },
        { "GET", "/api/units/{0}?year=2024", null },
        { "PUT", "/api/units/{0}/profile/2025", "{\"civil_servants\": 1}" },
        { "POST", "/api/units/{0}/rename", "{\"name\": \"Tên mới\", \"effectiveOn\": \"2025-01-01\"}" },
        { "POST", "/api/units/{0}/close", "{\"effectiveOn\": \"2025-01-01\"}" },
        { "POST", "/api/units/{0}/split", "{\"parts\": [{\"code\": \"SO-Y1\", \"name\": \"Y1\"}], \"keepSource\": false, \"effectiveOn\": \"2025-01-01\"}" },
        { "POST", "/api/units/{0}/move", "{\"parentCode\": \"TINH\", \"effectiveOn\": \"2025-07-01\"}" },
    };

    [Theory]
    [MemberData(nameof(UnitRoutes))]
    public async Task UnknownOrMalformedCode_Is404_OnEveryRoute(string method, string route, string? body)
    {
        using var client = await Factory.ClientAsync("admin");
        var outcomes = new List<string>();
        foreach (var code in new[] { "SO-Z", new string('Z', 2000), "S%C6%A0-%C3%82", "SO-A%20", "%2E%2E" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, code)) { Content = body is null ? null : RawJson(body) };
            using var response = await client.SendAsync(request, Cancel);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                outcomes.Add($"{code[..Math.Min(code.Length, 20)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
            }
        }

        Assert.True(outcomes.Count == 0, string.Join("\n", outcomes));
        Assert.DoesNotContain(await ListAsync(client), u => u.GetProperty("code").GetString() == "SO-Y1");
    }

    [Theory]
    [InlineData("GET", "/api/units/SO-A?year=abc", null)]
    [InlineData("GET", "/api/units/SO-A?year=99999999999", null)]
    [InlineData("PUT", "/api/units/SO-A/profile/2025", "{\"civil_servants\": ")]
    [InlineData("PUT", "/api/units/SO-A/profile/2025", "{\"civil_servants\": \"bốn mươi\"}")]
    [InlineData("PUT", "/api/units/SO-A/profile/2025", "[1, 2]")]
    [InlineData("POST", "/api/units", "{\"code\": ")]
    [InlineData("POST", "/api/units", "{}")]
    [InlineData("POST", "/api/units/SO-A/rename", "{\"name\": \"Sở A\", \"effectiveOn\": \"01/02/2025\"}")]
    [InlineData("POST", "/api/units/SO-A/close", "not json")]
    public async Task BadRequest_Is400_AndChangesNothing(string method, string path, string? body)
    {
        using var client = await Factory.ClientAsync("admin");
        var before = (await ListAsync(client)).Select(u => u.GetRawText()).ToArray();

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : RawJson(body) };
        using var response = await client.SendAsync(request, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        Assert.Equal(before, (await ListAsync(client)).Select(u => u.GetRawText()));
        Assert.Equal(40m, (await UnitAsync(client, "SO-A", 2024)).GetProperty("profile").GetProperty("civil_servants").GetDecimal());
        Assert.Empty((await UnitAsync(client, "SO-A", 2025)).GetProperty("profile").EnumerateObject());
        Assert.Empty(Changes(await UnitAsync(client, "SO-A")));
    }
}
