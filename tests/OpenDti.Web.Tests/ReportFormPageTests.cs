using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The unit's data-entry form as a reporter uses it: who may open it, values saved one at a time as
/// the person works with the points updated, Vietnamese numbers, conflicts between two tabs, and the
/// whole form sent at once when the page has no script.
/// </summary>
public sealed class ReportFormPageTests : WebAppTest
{
    private string Form(string? unit = null) => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai" + (unit is null ? string.Empty : "/" + unit);

    /// <summary>Saves one value the way the page's script does: JSON with the anti-forgery token in a header.</summary>
    private async Task<HttpResponseMessage> SaveAsync(HttpClient browser, string indicator, string input, string value, int version, string? unit = null)
    {
        var page = await browser.GetStringAsync(Form(unit), Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, Form(unit) + "?handler=Save")
        {
            Content = JsonContent.Create(new { indicator, input, value, version }),
        };
        request.Headers.Add("RequestVerificationToken", AntiforgeryTokenIn(page));
        return await browser.SendAsync(request, Cancel);
    }

    private async Task<Dictionary<string, string?>> StoredAsync(string unit = "SO-A")
    {
        using var client = await Factory.ClientAsync("evaluator");
        var values = await JsonAsync(await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/{unit}/values", Cancel));
        return values.EnumerateArray().ToDictionary(v => v.GetProperty("indicator").GetString() + "/" + v.GetProperty("input").GetString(), v => v.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.GetAsync(Form(), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_SeesTheUnitsPeriodOnTheHomePage_WithProgressAndDeadline()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        await SaveAsync(browser, "2.1", "da_ban_hanh", "có", 0);

        var home = await browser.GetStringAsync("/", Cancel);

        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai\">Kỳ mở</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Kỳ nháp", home, StringComparison.Ordinal); // drafts are not for units yet
        Assert.Contains("Sở A", home, StringComparison.Ordinal);
        Assert.Matches(@"1/\d+ \(\d+(,\d)?%\)", home);
        Assert.Contains("Hạn kê khai: 31/12/2030", home, StringComparison.Ordinal);
        Assert.Contains("(còn ", home, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A\">Bảng điểm của đơn vị</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Kết quả xếp hạng đã công bố", home, StringComparison.Ordinal); // not published yet
    }

    [Fact]
    public async Task Reporter_OfAPublishedPeriod_IsLedToItsRanking()
    {
        using (var client = await Factory.ClientAsync("evaluator"))
        {
            var published = await PublishAsync(client, Factory.OpenPeriodId);
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Cancel));
        }

        using var browser = await SignedInAsync("reporter.so-a");
        var home = await browser.GetStringAsync("/", Cancel);
        var ranking = await browser.GetAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);

        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}\">Kết quả xếp hạng đã công bố</a>", home, StringComparison.Ordinal);
        Assert.Contains("Xem phiếu kê khai", home, StringComparison.Ordinal); // no longer open for values
        Assert.Equal(HttpStatusCode.OK, ranking.StatusCode);
    }

    [Fact]
    public async Task Reporter_OpensTheOwnUnitsForm_GroupedByMainIndex_WithEveryIndicatorsDetails()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var html = await browser.GetStringAsync(Form(), Cancel);

        Assert.Contains("<title>Phiếu kê khai: Sở A · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>1. Nhận thức số</h3>", html, StringComparison.Ordinal);
        Assert.Equal(41, CountOf(html, "<fieldset class=\"indicator\""));
        Assert.Contains("<legend>3.2. Tỷ lệ máy tính kết nối Internet", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Yêu cầu:</strong> 100%", html, StringComparison.Ordinal);
        Assert.Contains("<summary>Hướng dẫn</summary>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Tài liệu kiểm chứng:</strong> Bảng thống kê máy tính", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"label\" for=\"in-3.2-a\">a = Số lượng máy tính có kết nối Internet", html, StringComparison.Ordinal);
        Assert.Contains("type=\"radio\" name=\"v[2.1|da_ban_hanh]\" value=\"có\"", html, StringComparison.Ordinal);
        Assert.Contains("<select id=\"in-1.1-truong_ban\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Lưu tất cả</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_CannotOpenAnotherUnitsForm()
    {
        using var browser = await SignedInAsync("reporter.so-b");

        var page = await browser.GetAsync(Form("SO-A"), Cancel);
        var own = await browser.GetAsync(Form("SO-B"), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/khong-co-quyen", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Reporter_CannotSaveIntoAnotherUnit_ByNamingItInTheAddress()
    {
        using var browser = await SignedInAsync("reporter.so-b");
        var page = await browser.GetStringAsync(Form(), Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, Form("SO-A") + "?handler=Save")
        {
            Content = JsonContent.Create(new { indicator = "2.1", input = "da_ban_hanh", value = "có", version = 0 }),
        };
        request.Headers.Add("RequestVerificationToken", AntiforgeryTokenIn(page));

        var response = await browser.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("2.1/da_ban_hanh", (await StoredAsync()).Keys);
    }

    [Fact]
    public async Task Leader_ReadsTheForm_ButCannotChangeIt()
    {
        using var browser = await SignedInAsync("leader.so-a");

        var html = await browser.GetStringAsync(Form(), Cancel);
        var save = await SaveAsync(browser, "2.1", "da_ban_hanh", "có", 0);

        Assert.Contains("Bạn chỉ được xem phiếu kê khai này.", html, StringComparison.Ordinal);
        Assert.Contains("disabled=\"disabled\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Lưu tất cả", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("evaluator", true)]
    [InlineData("admin", false)]
    public async Task ProvinceStaffAndViewers_NameTheUnit(string user, bool canWrite)
    {
        using var browser = await SignedInAsync(user);

        var withoutUnit = await browser.GetAsync(Form(), Cancel);
        var html = await browser.GetStringAsync(Form("SO-B"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, withoutUnit.StatusCode);
        Assert.Contains("<title>Phiếu kê khai: Sở B · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Equal(canWrite, html.Contains("Lưu tất cả", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPeriodOrUnit_IsNotFound()
    {
        using var browser = await SignedInAsync("evaluator");

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/ky-danh-gia/999/ke-khai/SO-A", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Form("SO-Z"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task SavingAValue_AnswersWithThePointsOfTheIndicatorAndAboveIt_AndIsKept()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var response = await SaveAsync(browser, "1.1", "truong_ban", "cap_pho", 0);
        var body = await JsonAsync(response);
        var html = await browser.GetStringAsync(Form(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var nodes = body.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("code").GetString()!, n => n.GetProperty("points").GetString());
        Assert.Equal("10,00", nodes["1.1"]);
        Assert.Equal("10,00", nodes["1"]);
        Assert.Contains("I", nodes.Keys);
        Assert.EndsWith("nên Điểm = 1/2 × 20 = 10,00", body.GetProperty("nodes")[0].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, body.GetProperty("answered").GetInt32());
        Assert.Contains("<option value=\"cap_pho\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"ver[1.1|truong_ban]\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-points-for=\"1.1\">10,00</strong> / 20", html, StringComparison.Ordinal);
        Assert.Equal("cap_pho", (await StoredAsync())["1.1/truong_ban"]);
    }

    [Fact]
    public async Task Numbers_AreWrittenTheVietnameseWay()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var a = await JsonAsync(await SaveAsync(browser, "3.2", "a", "1.234", 0));
        await SaveAsync(browser, "3.2", "b", "2.000", 0);
        var amount = await JsonAsync(await SaveAsync(browser, "6.13", "c", "1.234,5", 0));
        var html = await browser.GetStringAsync(Form(), Cancel);

        Assert.Equal(("1.234", "1.234,5"), (a.GetProperty("value").GetString(), amount.GetProperty("value").GetString()));
        Assert.Equal(("1234", "2000", "1234.5"), ((await StoredAsync())["3.2/a"], (await StoredAsync())["3.2/b"], (await StoredAsync())["6.13/c"]));
        Assert.Contains("id=\"in-3.2-a\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" name=\"v[3.2|a]\" value=\"1.234\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"in-6.13-c\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" name=\"v[6.13|c]\" value=\"1.234,5\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-points-for=\"3.2\">12,34</strong> / 20", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadValue_IsAnsweredWithWhatIsWrong_AndNothingIsSaved()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var response = await SaveAsync(browser, "3.2", "a", "nhiều", 0);
        var message = (await JsonAsync(response)).GetProperty("message").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nhiều", message, StringComparison.Ordinal);
        Assert.DoesNotContain("3.2/a", (await StoredAsync()).Keys);
    }

    [Fact]
    public async Task TwoTabs_SavingTheSameValue_TheSecondGetsAConflict_NotASilentOverwrite()
    {
        using var first = await SignedInAsync("reporter.so-a");
        using var second = await SignedInAsync("reporter.so-a");

        var saved = await SaveAsync(first, "1.1", "truong_ban", "cap_pho", 0);
        var stale = await SaveAsync(second, "1.1", "truong_ban", "khong", 0);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("reporter.so-a", (await JsonAsync(stale)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("cap_pho", (await StoredAsync())["1.1/truong_ban"]);
    }

    [Fact]
    public async Task ADraftPeriod_IsReadOnly()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        var path = $"/ky-danh-gia/{Factory.DraftPeriodId}/ke-khai";

        var html = await browser.GetStringAsync(path, Cancel);

        Assert.Contains("Kỳ đánh giá đang chuẩn bị: không nhận số liệu.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Lưu tất cả", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedValues_AreAuditedAsChangesMadeOnAPage()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        await SaveAsync(browser, "1.1", "truong_ban", "cap_pho", 0);

        using var client = await Factory.ClientAsync("evaluator");
        var audit = await JsonAsync(await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/audit?indicator=1.1", Cancel));

        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal(("reporter.so-a", "page", "cap_pho"), (entry.GetProperty("userName").GetString(), entry.GetProperty("channel").GetString(), entry.GetProperty("newValue").GetString()));
    }

    [Fact]
    public async Task TheWholeFormSentAtOnce_SavesWhatChanged()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        var page = await browser.GetStringAsync(Form(), Cancel);

        var response = await browser.PostAsync(Form(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(page),
            ["v[2.1|da_ban_hanh]"] = "có",
            ["ver[2.1|da_ban_hanh]"] = "0",
            ["v[3.2|a]"] = "15",
            ["ver[3.2|a]"] = "0",
            ["v[3.2|b]"] = "20",
            ["ver[3.2|b]"] = "0",
            ["v[1.1|truong_ban]"] = string.Empty,
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Đã lưu phiếu kê khai.", await browser.GetStringAsync(response.Headers.Location!.OriginalString, Cancel), StringComparison.Ordinal);
        var stored = await StoredAsync();
        Assert.Equal(("có", "15", "20"), (stored["2.1/da_ban_hanh"], stored["3.2/a"], stored["3.2/b"]));
        Assert.DoesNotContain("1.1/truong_ban", stored.Keys);
    }

    [Fact]
    public async Task TheWholeFormSentAtOnce_WithABadValue_SavesNothing_AndKeepsWhatWasTyped()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        var page = await browser.GetStringAsync(Form(), Cancel);

        var response = await browser.PostAsync(Form(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(page),
            ["v[2.1|da_ban_hanh]"] = "có",
            ["v[3.2|a]"] = "mười lăm",
        }), Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 giá trị không hợp lệ; không giá trị nào được lưu", html, StringComparison.Ordinal);
        Assert.Contains("value=\"mười lăm\"", html, StringComparison.Ordinal);
        Assert.Matches("<p class=\"field-error\" id=\"err-in-3.2-a\" role=\"alert\">[^<]*mười lăm", html);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Leader_SendingTheWholeForm_IsRefused_AndNothingIsSaved()
    {
        using var browser = await SignedInAsync("leader.so-a");
        var page = await browser.GetStringAsync(Form(), Cancel);

        var response = await browser.PostAsync(Form(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(page),
            ["v[2.1|da_ban_hanh]"] = "có",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task AFormWithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var response = await browser.PostAsync(Form(), new FormUrlEncodedContent(new Dictionary<string, string> { ["v[2.1|da_ban_hanh]"] = "có" }), Cancel);
        var json = await browser.PostAsync(Form() + "?handler=Save", JsonContent.Create(new { indicator = "2.1", input = "da_ban_hanh", value = "có", version = 0 }), Cancel);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (response.StatusCode, json.StatusCode));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task InEnglish_NumbersAreWrittenWithADecimalPoint()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        await browser.GetAsync("/?lang=en", Cancel);

        var body = await JsonAsync(await SaveAsync(browser, "6.13", "c", "1234.5", 0));
        var html = await browser.GetStringAsync(Form(), Cancel);

        Assert.Equal("1234.5", body.GetProperty("value").GetString());
        Assert.Contains("<title>Report form: Sở A · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Equal("1234.5", (await StoredAsync())["6.13/c"]);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
