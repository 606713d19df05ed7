using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Other systems: service accounts and their API keys, values for many units in one request (JSON and
/// CSV), all or nothing with located problems, and the Idempotency-Key.
/// </summary>
public sealed class ServiceApiTests : WebAppTest
{
    private string Bulk => $"/api/periods/{Factory.OpenPeriodId}/values";

    private HttpClient WithKey(string key)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");

    private async Task<List<AuditEntry>> AuditAsync(string indicator)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKind.Value && a.Indicator == indicator).OrderBy(a => a.Sequence).ToListAsync(Cancel);
    }

    [Fact]
    public async Task AnAdministrator_CreatesAKey_ShownOnce_StoredAsAHash_ListedByPrefix_AndRevokesIt()
    {
        using var admin = await Factory.ClientAsync("admin");

        var created = await admin.PostAsJsonAsync("/api/service-accounts", new { name = "LGSP tỉnh", unitCodes = new[] { "SO-A", "SO-B" }, indicators = new[] { "2.1" } }, Cancel);
        var body = await JsonAsync(created);
        var key = body.GetProperty("apiKey").GetString()!;
        var id = body.GetProperty("id").GetInt32();
        var list = await admin.GetStringAsync("/api/service-accounts", Cancel);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var stored = await db.ServiceAccounts.AsNoTracking().SingleAsync(a => a.Id == id, Cancel);
        var revoke = await admin.DeleteAsync($"/api/service-accounts/{id}", Cancel);
        var afterRevoke = await WithKey(key).GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Account && a.Subject == "service:LGSP tỉnh").OrderBy(a => a.Sequence).ToListAsync(Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("odti_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 45);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains(key[..12], list, StringComparison.Ordinal);
        Assert.Equal(Application.Integration.ServiceAccountService.Hash(key), stored.KeyHash);
        Assert.DoesNotContain(key, System.Text.Json.JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(["admin service-account", "admin revoked"], audit.Select(a => $"{a.UserName} {a.Input}").ToArray());
    }

    [Fact]
    public async Task CreatingAnAccount_WithoutNameOrWithAnUnknownUnit_IsRefused_NamingEach()
    {
        using var admin = await Factory.ClientAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/service-accounts", new { name = " ", unitCodes = new[] { "SO-A", "SO-KHONG" } }, Cancel);
        var problems = (await JsonAsync(response)).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()).ToArray();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["cần tên của tài khoản dịch vụ", "không có đơn vị `SO-KHONG`"], problems);
    }

    [Fact]
    public async Task AKey_WritesItsUnitsAndIndicators_AndNothingElse_AndTheAuditNamesIt()
    {
        var (_, key) = await AuthorizationMatrixTests.ServiceKeyAsync(Factory, "Cổng DVC", ["SO-A"], ["2.1", "3.2"]);
        using var service = WithKey(key);

        var saved = await service.PutAsJsonAsync(Bulk, new[] { new { unit = "SO-A", indicator = "2.1", input = "da_ban_hanh", value = "có" } }, Cancel);
        var otherUnit = await service.PutAsJsonAsync(Bulk, new[] { new { unit = "SO-B", indicator = "2.1", input = "da_ban_hanh", value = "có" } }, Cancel);
        var otherIndicator = await service.PutAsJsonAsync(Bulk, new[] { new { unit = "SO-A", indicator = "3.6", input = "a", value = "1" } }, Cancel);
        var oneUnitRoute = await service.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", new[] { new { indicator = "3.6", input = "a", value = "1" } }, Cancel);
        var read = await JsonAsync(await service.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel));
        var scorecard = await service.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/scorecard", Cancel);
        var evidence = await service.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/evidence", Cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherUnit.StatusCode);
        Assert.Equal("tài khoản của bạn không được xem hoặc sửa số liệu của đơn vị `SO-B`", await TitleAsync(otherUnit));
        Assert.Equal(HttpStatusCode.Forbidden, otherIndicator.StatusCode);
        Assert.Equal("tài khoản dịch vụ này không được ghi số liệu của chỉ số `3.6` (đơn vị `SO-A`)", await TitleAsync(otherIndicator));
        Assert.Equal(HttpStatusCode.Forbidden, oneUnitRoute.StatusCode);
        Assert.Equal(["2.1"], read.EnumerateArray().Select(v => v.GetProperty("indicator").GetString()).ToArray());
        Assert.Equal(HttpStatusCode.Forbidden, scorecard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, evidence.StatusCode);
        var entry = Assert.Single(await AuditAsync("2.1"));
        Assert.Equal(("service:Cổng DVC", AuditChannel.Api, "SO-A"), (entry.UserName, entry.Channel, (await UnitCodeAsync(entry.UnitId))));
        Assert.Empty(await AuditAsync("3.6"));
    }

    private async Task<string?> UnitCodeAsync(int? unitId)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>().Units.Where(u => u.Id == unitId).Select(u => u.Code).SingleOrDefaultAsync(Cancel);
    }

    [Fact]
    public async Task ManyUnits_InJsonAndInCsv_AreSaved_AsTheOneUnitRouteWouldSaveThem()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var json = await evaluator.PutAsJsonAsync(Bulk, new object[]
        {
            new { unit = "SO-A", indicator = "3.2", input = "a", value = "1.234" },
            new { unit = "SO-A", indicator = "3.2", input = "b", value = 2000 },
            new { unit = "SO-B", indicator = "2.1", input = "da_ban_hanh", value = true },
        }, Cancel);
        var csv = await evaluator.PutAsync(Bulk, Csv("unit;indicator;input;value\nSO-B;3.2;a;15\nSO-B;3.2;b;20\nSO-A;2.1;da_ban_hanh;không\n"), Cancel);
        var a = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel));
        var b = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", Cancel));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var body = await JsonAsync(json);
        Assert.Equal((3, 3, false), (body.GetProperty("values").GetInt32(), body.GetProperty("changed").GetInt32(), body.GetProperty("replayed").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        string Values(System.Text.Json.JsonElement list) => string.Join(" ", list.EnumerateArray().Select(v => $"{v.GetProperty("indicator").GetString()}/{v.GetProperty("input").GetString()}={v.GetProperty("value").GetString()}"));
        Assert.Equal("2.1/da_ban_hanh=không 3.2/a=1234 3.2/b=2000", Values(a));
        Assert.Equal("2.1/da_ban_hanh=có 3.2/a=15 3.2/b=20", Values(b));
        Assert.All(await AuditAsync("3.2"), e => Assert.Equal(("evaluator", AuditChannel.Api), (e.UserName, e.Channel)));
    }

    [Fact]
    public async Task OneBadRow_RefusesEverything_AndEveryProblemIsLocated()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var json = await evaluator.PutAsJsonAsync(Bulk, new object[]
        {
            new { unit = "SO-A", indicator = "2.1", input = "da_ban_hanh", value = "có" },
            new { unit = "SO-B", indicator = "3.2", input = "a", value = "30" },
            new { unit = "SO-B", indicator = "3.2", input = "b", value = "20" },
            new { unit = "SO-X", indicator = "2.1", input = "da_ban_hanh", value = "có" },
            new { unit = "SO-A", indicator = "3.6", input = "b", value = "năm" },
        }, Cancel);
        var csv = await evaluator.PutAsync(Bulk, Csv("unit,indicator,input,value\nSO-A,2.1,da_ban_hanh,có\nSO-B,9.9,a,1\n"), Cancel);
        var header = await evaluator.PutAsync(Bulk, Csv("don_vi,chi_so,o,gia_tri\nSO-A,2.1,da_ban_hanh,có\n"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        var problems = (await JsonAsync(json)).GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("index").GetInt32()} {p.GetProperty("unit").GetString()} {p.GetProperty("indicator").GetString()}/{p.GetProperty("input").GetString()}").ToArray();
        Assert.Equal(["1 SO-B 3.2/a", "3 SO-X 2.1/da_ban_hanh", "4 SO-A 3.6/b"], problems);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        var row = Assert.Single((await JsonAsync(csv)).GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "SO-B", "9.9", "DTI6003"), (row.GetProperty("row").GetInt32(), row.GetProperty("unit").GetString(), row.GetProperty("indicator").GetString(), row.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Equal(1, (await JsonAsync(header)).GetProperty("problems")[0].GetProperty("row").GetInt32());
        Assert.Empty(await AuditAsync("2.1"));
        Assert.Empty(await AuditAsync("3.2"));
    }

    [Fact]
    public async Task ALockedUnit_RefusesTheWholeRequest()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            var unitId = db.Units.Single(u => u.Code == "SO-B").Id;
            db.Submissions.Add(new Data.Review.Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, UpdatedBy = "test", State = Core.Review.SubmissionState.Submitted, Round = 1 });
            await db.SaveChangesAsync(Cancel);
        }

        using var evaluator = await Factory.ClientAsync("evaluator");
        var response = await evaluator.PutAsJsonAsync(Bulk, new[]
        {
            new { unit = "SO-A", indicator = "2.1", input = "da_ban_hanh", value = "có" },
            new { unit = "SO-B", indicator = "2.1", input = "da_ban_hanh", value = "có" },
        }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("SO-B", (await JsonAsync(response)).GetProperty("problems")[0].GetProperty("unit").GetString());
        Assert.Empty(await AuditAsync("2.1"));
    }

    [Fact]
    public async Task TheSameIdempotencyKey_SavesOnce_AnswersTheSame_AndRefusesAnotherBody()
    {
        var (_, key) = await AuthorizationMatrixTests.ServiceKeyAsync(Factory, "LGSP", ["SO-A", "SO-B"]);
        using var service = WithKey(key);
        async Task<HttpResponseMessage> SendAsync(string idempotencyKey, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Bulk) { Content = Csv($"unit,indicator,input,value\nSO-A,3.2,b,{value}\n") };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await service.SendAsync(request, Cancel);
        }

        var first = await SendAsync("lo-2025-001", "100");
        var again = await SendAsync("lo-2025-001", "100");
        var other = await SendAsync("lo-2025-001", "200");
        var next = await SendAsync("lo-2025-002", "200");
        using var admin = await Factory.ClientAsync("admin");
        var sameKeyOtherCaller = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, Bulk)
        {
            Content = Csv("unit,indicator,input,value\nSO-A,3.2,b,300\n"),
            Headers = { { "Idempotency-Key", "lo-2025-001" } },
        }, Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (firstBody, againBody) = (await JsonAsync(first), await JsonAsync(again));
        Assert.Equal(firstBody.GetProperty("units").GetRawText(), againBody.GetProperty("units").GetRawText());
        Assert.Equal((1, true), (againBody.GetProperty("changed").GetInt32(), againBody.GetProperty("replayed").GetBoolean()));
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.StartsWith("Idempotency-Key này đã dùng cho một yêu cầu khác", await TitleAsync(other), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameKeyOtherCaller.StatusCode);
        Assert.Equal(["100", "200", "300"], (await AuditAsync("3.2")).Select(e => e.NewValue).ToArray());
    }

    [Fact]
    public async Task BadBodies_AnswerLocatedProblems_Never500()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        var cases = new (HttpContent Content, HttpStatusCode Status)[]
        {
            (RawJson("{\"unit\":1}"), HttpStatusCode.BadRequest),
            (RawJson("[{\"unit\":\"SO-A\",\"indicator\":"), HttpStatusCode.BadRequest),
            (RawJson("null"), HttpStatusCode.BadRequest),
            (RawJson("[]"), HttpStatusCode.BadRequest),
            (RawJson("[null]"), HttpStatusCode.BadRequest),
            (new ByteArrayContent([0xff, 0xfe, 0x00]) { Headers = { ContentType = new("text/csv") } }, HttpStatusCode.BadRequest),
            (new StringContent("x", Encoding.UTF8, "application/xml"), HttpStatusCode.UnsupportedMediaType),
        };

        foreach (var (content, status) in cases)
        {
            var response = await evaluator.PutAsync(Bulk, content, Cancel);
            Assert.Equal(status, response.StatusCode);
            Assert.False(string.IsNullOrEmpty(await TitleAsync(response)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, Bulk) { Content = RawJson("[{\"unit\":\"SO-A\",\"indicator\":\"2.1\",\"input\":\"da_ban_hanh\",\"value\":\"có\"}]") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 201));
        Assert.Equal(HttpStatusCode.BadRequest, (await evaluator.SendAsync(request, Cancel)).StatusCode);
    }

    [Fact]
    public async Task ThePage_CreatesAnAccount_ShowsItsKeyOnce_AndRevokesIt()
    {
        using var browser = await SignedInAsync("admin");
        var form = await browser.GetStringAsync("/quan-tri/tai-khoan-dich-vu", Cancel);

        var created = await browser.PostAsync("/quan-tri/tai-khoan-dich-vu?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "LGSP tỉnh",
            ["UnitCodes"] = "SO-A, SO-B",
            ["Indicators"] = "",
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
        }), Cancel);
        var html = await created.Content.ReadAsStringAsync(Cancel);
        var key = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"api-key\">([^<]+)</code>").Groups[1].Value;
        var again = await browser.GetStringAsync("/quan-tri/tai-khoan-dich-vu", Cancel);
        using var service = WithKey(key);
        var works = await service.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", Cancel);
        var revoked = await browser.PostAsync("/quan-tri/tai-khoan-dich-vu?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = System.Text.RegularExpressions.Regex.Match(again, "name=\"id\" value=\"(\\d+)\"").Groups[1].Value,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(again),
        }), Cancel);
        var bad = await browser.PostAsync("/quan-tri/tai-khoan-dich-vu?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "X",
            ["UnitCodes"] = "SO-KHONG",
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(again),
        }), Cancel);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith("odti_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, again, StringComparison.Ordinal);
        Assert.Contains(key[..12], again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("không có đơn vị", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
