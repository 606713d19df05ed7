using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Exchange.Values;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The bad inputs of issue 12 that answered 500 or echoed what was sent, each as it was sent; and the
/// one number rule giving the same stored value through the page, the API and a CSV file.
/// </summary>
public sealed class BadInputTests : WebAppTest
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    private string Values => $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values";

    private string FormPage => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai";

    [Theory]
    [InlineData("[{\"indicator\":\"6.13\",\"input\":\"c\",\"value\":1e30}]", "DTI4010", "`1e30` quá lớn: số lớn nhất ghi nhận được là 79.228.162.514.264.337.593.543.950.335")]
    [InlineData("[{\"indicator\":\"6.13\",\"input\":\"c\",\"value\":79228162514264337593543950336}]", "DTI4010", "`79228162514264337593543950336` quá lớn: số lớn nhất ghi nhận được là 79.228.162.514.264.337.593.543.950.335")]
    [InlineData("[{\"indicator\":\"6.13\",\"input\":\"c\",\"value\":\"1000000000000000000000000000000\"}]", "DTI4010", "`1000000000000000000000000000000` quá lớn: số lớn nhất ghi nhận được là 79.228.162.514.264.337.593.543.950.335")]
    [InlineData("[{\"indicator\":\"3.2\",\"input\":\"a\",\"value\":2.5}]", "DTI4011", "giá trị 2,5 không phải số nguyên; `a` đếm số máy tính nên chỉ nhận số nguyên")]
    [InlineData("[{\"indicator\":\"6.13\",\"input\":\"c\",\"value\":\"1.234\"}]", "DTI4008", "`1.234` chưa rõ nghĩa: viết 1234 nếu là số nguyên, hoặc 1.2340 nếu `.` là dấu thập phân")]
    public async Task HugeOrAmbiguousNumbers_AreALocated400(string body, string code, string message)
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        using var response = await client.PutAsync(Values, RawJson(body), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await JsonAsync(response)).GetProperty("problems").EnumerateArray());
        Assert.Equal((code, message), (problem.GetProperty("code").GetString(), problem.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("indicator").GetString()));
    }

    [Fact]
    public async Task NullItem_IsRefusedAsAnItemNamingNoIndicator()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        using var response = await client.PutAsync(Values, RawJson("[null]"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DTI6003", Assert.Single((await JsonAsync(response)).GetProperty("problems").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task InvalidUtf8_IsA400SayingWhere()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var body = new ByteArrayContent([.. Encoding.UTF8.GetBytes("[{\"indicator\":\"3.2\",\"input\":\"a\",\"value\":\"1"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}]")]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PutAsync(Values, body, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("Nội dung yêu cầu không đọc được", problem.GetProperty("title").GetString());
        Assert.StartsWith("JSON không hợp lệ hoặc sai kiểu tại $[0].value", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/periods", "PeriodManagers", "thiếu trường bắt buộc: frameworkCode, name, opensOn, closesOn")]
    [InlineData("/api/units/SO-A/split", "admin", "thiếu trường bắt buộc: parts, effectiveOn")]
    [InlineData("/api/units/merge", "admin", "thiếu trường bắt buộc: sources, code, name, effectiveOn")]
    public async Task EmptyObject_IsA400NamingTheMissingFields(string path, string user, string detail)
    {
        using var client = await Factory.ClientAsync(user == "PeriodManagers" ? "evaluator" : user);

        using var response = await client.PostAsync(path, RawJson("{}"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NullItemInAList_IsA400_NotANullReference()
    {
        using var client = await Factory.ClientAsync("evaluator");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await client.PostAsync(
            "/api/periods",
            RawJson("{\"frameworkCode\":\"dti-department-2022\",\"year\":2026,\"name\":\"Kỳ\",\"opensOn\":\"2026-01-01\",\"closesOn\":\"2026-02-01\",\"unitCodes\":[\"SO-A\",null]}"),
            Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("The request body could not be read", problem.GetProperty("title").GetString());
        Assert.StartsWith("the JSON is invalid or of the wrong type at $.unitCodes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageSave_WithANullVersion_IsA400WithAMessage()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        using var response = await PostSaveAsync(browser, "{\"indicator\":\"3.2\",\"input\":\"a\",\"value\":\"5\",\"version\":null}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Nội dung yêu cầu không đọc được: JSON không hợp lệ hoặc sai kiểu tại $.version",
            (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task TenMegabytes_AreAnsweredInAFewHundredBytes_OnTheApiAndThePage()
    {
        var huge = new string('9', TenMegabytes);
        using var client = await Factory.ClientAsync("reporter.so-a");
        using var admin = await Factory.ClientAsync("admin");
        using var browser = await SignedInAsync("reporter.so-a");

        using var value = await client.PutAsync(Values, Json(new[] { new { indicator = "6.13", input = "c", value = huge } }), Cancel);
        using var indicator = await client.PutAsync(Values, Json(new[] { new { indicator = huge, input = huge, value = "1" } }), Cancel);
        using var unit = await admin.PostAsync("/api/units", Json(new { code = "SO-X", name = huge, level = "department", parentCode = "TINH" }), Cancel);
        using var profile = await admin.PutAsync("/api/units/SO-A/profile/2025", RawJson("{\"" + huge + "\": 1}"), Cancel);
        using var page = await PostSaveAsync(browser, "{\"indicator\":\"6.13\",\"input\":\"c\",\"value\":\"" + huge + "\",\"version\":0}");

        foreach (var (response, name) in new[] { (value, "value"), (indicator, "indicator"), (unit, "unit name"), (profile, "profile key"), (page, "page save") })
        {
            var answer = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && answer.Length < 1000, $"{name}: {(int)response.StatusCode}, {answer.Length} characters: {answer[..Math.Min(300, answer.Length)]}");
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TextLongerThanItsColumn_IsA400NamingTheField_OnEitherDatabase(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var admin = await factory.ClientAsync("admin");

        using var response = await admin.PostAsync("/api/units/SO-A/rename", Json(new { name = "Sở A mới", effectiveOn = "2024-01-01", note = new string('x', 1001) }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Trường `note` dài quá 1000 ký tự; không có gì được lưu", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task TenMegabyteFormField_IsRefused_InAFewHundredBytes()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        var token = AntiforgeryTokenIn(await browser.GetStringAsync(FormPage, Cancel));

        using var response = await browser.PostAsync(FormPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["v[6.13|c]"] = new string('9', TenMegabytes),
        }), Cancel);
        var answer = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", (await JsonAsync(response)).GetProperty("title").GetString());
        Assert.DoesNotContain(new string('9', 200), answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task APageFieldOverItsLimit_RefusesThePostWhole_AndIsNotWrittenBack(string encoding)
    {
        using var browser = await SignedInAsync("evaluator");
        const string page = "/ky-danh-gia/1/ke-hoach?unit=SO-A&handler=Save";
        var token = AntiforgeryTokenIn(await browser.GetStringAsync("/ky-danh-gia/1/ke-hoach?unit=SO-A", Cancel));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Row.Indicator"] = "1.1",
            ["Row.Note"] = new string('a', Startup.PagesSetup.FormValueLimit + 1),
        };
        HttpContent content = encoding == "multipart/form-data"
            ? fields.Aggregate(new MultipartFormDataContent(), (form, field) => { form.Add(new StringContent(field.Value), field.Key); return form; })
            : new FormUrlEncodedContent(fields);

        using var response = await browser.PostAsync(page, content, Cancel);
        var answer = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(new string('a', 200), answer, StringComparison.Ordinal);
        Assert.True(answer.Length < 4096, $"{answer.Length} characters");
    }

    [Theory]
    [InlineData("6.13", "c", "1.234,5", "1234.5")]
    [InlineData("6.13", "c", "1,234.5", "1234.5")]
    [InlineData("6.13", "c", "1234.5", "1234.5")]
    [InlineData("6.13", "c", "1234,50", "1234.5")]
    [InlineData("3.2", "b", "1.234", "1234")]
    [InlineData("3.2", "b", "1,234", "1234")]
    [InlineData("3.2", "b", "1.234.567", "1234567")]
    [InlineData("6.13", "c", "1.234", null)]
    [InlineData("6.13", "c", "1,234", null)]
    [InlineData("3.2", "b", "1,5", null)]
    public async Task SameText_GivesTheSameStoredValue_OnThePage_InTheApi_AndInACsvFile(string indicator, string input, string text, string? stored)
    {
        using var browser = await SignedInAsync("reporter.so-a");
        using var english = await SignedInAsync("reporter.so-b");
        await english.GetAsync("/?lang=en", Cancel);
        using var client = await Factory.ClientAsync("reporter.so-a");

        var page = await PostSaveAsync(browser, Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { indicator, input, value = text, version = 0 })));
        var pageInEnglish = await PostSaveAsync(english, Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { indicator, input, value = text, version = 0 })), "SO-B");
        var fromPage = (await StoredAsync("SO-A")).GetValueOrDefault($"{indicator}/{input}");
        var fromEnglishPage = (await StoredAsync("SO-B")).GetValueOrDefault($"{indicator}/{input}");
        using var clear = await client.PutAsync(Values, Json(new[] { new { indicator, input, value = (string?)null } }), Cancel);
        var api = await client.PutAsync(Values, Json(new[] { new { indicator, input, value = text } }), Cancel);
        var fromApi = (await StoredAsync("SO-A")).GetValueOrDefault($"{indicator}/{input}");
        var csv = ValuesCsvReader.Read(
            Encoding.UTF8.GetBytes($"unit,indicator,input,value\nSO-A,{indicator},{input},\"{text}\"\n"),
            Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Get("dti-department-2022"),
            "values.csv");
        var fromCsv = csv.Succeeded ? Core.Inputs.ReportedValueText.Format(csv.Units[0].Framework.FindInput(indicator, input)!, csv.Units[0].Get(csv.Units[0].Framework.FindInput(indicator, input)!)!.Value) : null;

        Assert.Equal([stored, stored, stored, stored], new[] { fromPage, fromEnglishPage, fromApi, fromCsv });
        var expected = stored is null ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
        Assert.Equal([expected, expected, expected], new[] { page.StatusCode, pageInEnglish.StatusCode, api.StatusCode });
    }

    [Theory]
    [InlineData("{\"civil_servants\": 1.5}", "APP-PROFILE-VALUE", "thông tin chung `civil_servants` là số đếm nên phải là số nguyên: 1,5")]
    [InlineData("{\"civil_servants\": 0}", "APP-PROFILE-VALUE", "thông tin chung `civil_servants` không được nhỏ hơn 1: 0")]
    [InlineData("{\"public_employees\": 2.5}", "APP-PROFILE-VALUE", "thông tin chung `public_employees` là số đếm nên phải là số nguyên: 2,5")]
    public async Task ProfileFigures_ThatCountPeople_RefuseFractionsAndZeroCivilServants(string body, string code, string message)
    {
        using var admin = await Factory.ClientAsync("admin");

        using var response = await admin.PutAsync("/api/units/SO-A/profile/2025", RawJson(body), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await JsonAsync(response)).GetProperty("problems").EnumerateArray());
        Assert.Equal((code, message), (problem.GetProperty("code").GetString(), problem.GetProperty("message").GetString()));
    }

    private async Task<HttpResponseMessage> PostSaveAsync(HttpClient browser, string json, string? unit = null)
    {
        var form = FormPage + (unit is null ? string.Empty : "/" + unit);
        var page = await browser.GetStringAsync(form, Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, form + "?handler=Save") { Content = RawJson(json) };
        request.Headers.Add("RequestVerificationToken", AntiforgeryTokenIn(page));
        return await browser.SendAsync(request, Cancel);
    }

    private async Task<Dictionary<string, string?>> StoredAsync(string unit)
    {
        using var scope = Factory.Services.CreateScope();
        var values = await scope.ServiceProvider.GetRequiredService<Application.Values.ValueService>()
            .GetAsync(Application.Access.Actor.System("test"), Factory.OpenPeriodId, unit, Cancel);
        return values.Value!.Values.ToDictionary(v => v.Indicator + "/" + v.Input, v => (string?)v.Value);
    }
}
