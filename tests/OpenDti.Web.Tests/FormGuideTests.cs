using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The form that guides (docs/review.md#the-form-guides): the outline by main index with its counts, the
/// filters and "next indicator needing me", the returned indicators in the header, the confirmations
/// before Gửi hồ sơ and Hoàn thành thẩm định, the steps' answers, bulk acceptance (page and API), the
/// refused upload that keeps what was typed, and the dd/mm/yyyy days — all without a script.
/// </summary>
public sealed partial class FormGuideTests : WebAppTest
{
    private string FormPath => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";

    private string Api(string tail) => $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/{tail}";

    private async Task<HttpResponseMessage> PressAsync(HttpClient browser, string query, Dictionary<string, string>? fields = null, IEnumerable<KeyValuePair<string, string>>? more = null)
    {
        var page = await browser.GetStringAsync(FormPath, Cancel);
        var form = new List<KeyValuePair<string, string>>(fields ?? []) { new("__RequestVerificationToken", AntiforgeryTokenIn(page)) };
        form.AddRange(more ?? []);
        return await browser.PostAsync(FormPath + query, new FormUrlEncodedContent(form), Cancel);
    }

    private async Task ReportAsync(params (string Indicator, string Input, string Value)[] values)
    {
        using var api = await Factory.ClientAsync("reporter.so-a");
        using var saved = await api.PutAsync(Api("values"), Json(values.Select(v => new { indicator = v.Indicator, input = v.Input, value = v.Value }).ToArray()), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    /// <summary>SO-A sent, approved and under review, through the API.</summary>
    private async Task UnderReviewAsync()
    {
        foreach (var (user, step) in new[] { ("reporter.so-a", "submit"), ("leader.so-a", "approve"), ("evaluator", "start-review") })
        {
            using var api = await Factory.ClientAsync(user);
            using var done = await api.PostAsync(Api(step), Json(new { }), Cancel);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
    }

    private async Task<string> StateAsync() =>
        StateAttribute().Match(await (await SignedInAsync("evaluator")).GetStringAsync(FormPath, Cancel)).Groups[1].Value;

    private int AcceptedEvents()
    {
        using var scope = Factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>().ReviewEvents.Count(e => e.Kind == ReviewEventKind.IndicatorAccepted);
    }

    [GeneratedRegex("data-submission-state=\"([A-Za-z]+)\"")]
    private static partial Regex StateAttribute();

    private static string Fieldset(string html, string code) =>
        Regex.Match(html, $"<fieldset class=\"indicator\" id=\"n-{Regex.Escape(code)}\"[^>]*>").Value;

    [Fact]
    public async Task TheOutline_CountsEachMainIndex_AndTheFiltersAndNextWorkWithoutAScript()
    {
        await ReportAsync(("1.3", "da_to_chuc", "có"));
        using var reporter = await SignedInAsync("reporter.so-a");

        var all = await reporter.GetStringAsync(FormPath, Cancel);
        var unanswered = await reporter.GetStringAsync(FormPath + "?loc=chua-tra-loi", Cancel);

        // Main index 1 has 1.3 answered; the outline says so, and points at the first indicator needing the reporter.
        var one = Regex.Match(all, "<li data-outline-for=\"1\">.*?</li>", RegexOptions.Singleline).Value;
        Assert.Matches("data-count=\"answered\"[^>]*>Trả lời 1/\\d+<", one);
        Assert.Matches("data-count=\"evidence\"[^>]*>Minh chứng 0/\\d+<", one);
        Assert.Matches("<a class=\"button next-needing\" href=\"\\?loc=#n-1\\.1\" data-next>Chỉ số tiếp theo cần xử lý</a>", all);
        Assert.DoesNotContain("hidden", Fieldset(all, "1.3"), StringComparison.Ordinal);
        Assert.Contains("data-done=\"true\"", Fieldset(all, "1.3"), StringComparison.Ordinal);

        // "Chưa trả lời" hides 1.3 (answered) and keeps 1.1; the filter is marked as chosen.
        Assert.Contains("hidden=\"hidden\"", Fieldset(unanswered, "1.3"), StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", Fieldset(unanswered, "1.1"), StringComparison.Ordinal);
        Assert.Contains("data-filter=\"chua-tra-loi\" aria-current=\"true\"", unanswered, StringComparison.Ordinal);

        // An unknown filter is "all", not an error.
        var unknown = await reporter.GetAsync(FormPath + "?loc=%3Cscript%3E", Cancel);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.DoesNotContain("hidden", Fieldset(await unknown.Content.ReadAsStringAsync(Cancel), "1.3"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GửiHồSơ_FirstListsWhatIsMissing_ThenGoesOnWhenConfirmed_AndSaysWhoActsNext()
    {
        await ReportAsync(("1.3", "da_to_chuc", "có"));
        using var reporter = await SignedInAsync("reporter.so-a");

        var asked = await PressAsync(reporter, "?handler=Step&step=Submit", new() { ["comment"] = "Gửi bản đầu" });
        var html = await asked.Content.ReadAsStringAsync(Cancel);
        var byGet = await reporter.GetStringAsync(FormPath + "?xac-nhan=Submit", Cancel);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("Draft", await StateAsync());
        Assert.Contains("data-confirm-step=\"Submit\"", html, StringComparison.Ordinal);
        Assert.Matches("<strong>\\d+ chỉ số chưa có đủ số liệu</strong>", html);
        Assert.Matches("data-missing=\"MissingValues\">\\s*<li><a href=\"#n-1\\.1\">1\\.1\\.", html);
        var noValues = Regex.Match(html, "data-missing=\"MissingValues\">.*?</ul>", RegexOptions.Singleline).Value;
        var noEvidence = Regex.Match(html, "data-missing=\"MissingEvidence\">.*?</ul>", RegexOptions.Singleline).Value;
        Assert.DoesNotContain("<li><a href=\"#n-1.3\">", noValues, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#n-1.3\">", noEvidence, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"comment\" value=\"Gửi bản đầu\" />", html, StringComparison.Ordinal);
        Assert.Contains("data-confirm-step=\"Submit\"", byGet, StringComparison.Ordinal);
        Assert.Matches("data-confirm-go(?:(?!</form>)[\\s\\S])*name=\"__RequestVerificationToken\"", html);

        var sent = await PressAsync(reporter, "?handler=Step&step=Submit", new() { ["comment"] = "Gửi bản đầu", ["confirmed"] = "1" });
        var after = await reporter.GetStringAsync(sent.Headers.Location!.OriginalString, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("Submitted", await StateAsync());
        Assert.Contains("data-step-done=\"Submit\"", after, StringComparison.Ordinal);
        Assert.Contains("Lãnh đạo đơn vị xem và phê duyệt hồ sơ", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoànThànhThẩmĐịnh_ListsTheIndicatorsNotReviewed_AndARefusedStepIsNotConfirmed()
    {
        await ReportAsync(("1.3", "da_to_chuc", "có"));
        await UnderReviewAsync();
        using var evaluator = await SignedInAsync("evaluator");
        using var reporter = await SignedInAsync("reporter.so-a");

        var asked = await PressAsync(evaluator, "?handler=Step&step=Finalise");
        var html = await asked.Content.ReadAsStringAsync(Cancel);
        var notTheirs = await PressAsync(reporter, "?handler=Step&step=Finalise");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("data-confirm-step=\"Finalise\"", html, StringComparison.Ordinal);
        Assert.Matches("<strong>\\d+ chỉ số chưa thẩm định trong lần này</strong>", html);
        Assert.Equal("UnderReview", await StateAsync());

        // The rules still refuse what they refuse, without a confirmation first.
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.DoesNotContain("data-confirm-step", await notTheirs.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEvaluator_AcceptsTheTickedIndicators_AllOrNothing_EachAuditedAsASingleAcceptance()
    {
        await ReportAsync(("1.3", "da_to_chuc", "có"));
        await UnderReviewAsync();
        using var evaluator = await SignedInAsync("evaluator");
        var before = AcceptedEvents();

        var page = await evaluator.GetStringAsync(FormPath, Cancel);
        Assert.Contains("<input type=\"checkbox\" name=\"accept\" value=\"1.3\" data-accept-pick />", page, StringComparison.Ordinal);
        Assert.Contains("data-bulk-accept>Chấp nhận các chỉ số đã chọn</button>", page, StringComparison.Ordinal);

        // One unknown code refuses the whole request, naming it; nothing is accepted.
        var refused = await PressAsync(evaluator, "?handler=AcceptMany", more: [new("accept", "1.3"), new("accept", "9.9")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("mục 2: `9.9` không phải là chỉ số", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, AcceptedEvents());

        var accepted = await PressAsync(evaluator, "?handler=AcceptMany", more: [new("accept", "1.3"), new("accept", "1.1")]);
        var after = await evaluator.GetStringAsync(accepted.Headers.Location!.OriginalString, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(before + 2, AcceptedEvents());
        Assert.Contains("Đã chấp nhận 2 chỉ số.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"1.3\" data-accept-pick", after, StringComparison.Ordinal);
        Assert.Contains("data-reviewed=\"true\"", Fieldset(after, "1.3"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InPlace_ADecisionAndABulkAcceptance_AnswerWithJson()
    {
        await UnderReviewAsync();
        using var evaluator = await SignedInAsync("evaluator");
        var page = await evaluator.GetStringAsync(FormPath, Cancel);
        var token = AntiforgeryTokenIn(page);

        async Task<HttpResponseMessage> PostJsonAsync(string query, params KeyValuePair<string, string>[] fields)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, FormPath + query)
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return await evaluator.SendAsync(request, Cancel);
        }

        var one = await PostJsonAsync("?handler=Note&indicator=1.3&kind=Returned", new KeyValuePair<string, string>("note[1.3]", "Thiếu biên bản"));
        var all = await PostJsonAsync("?handler=AcceptMany&all=true");
        var again = await PostJsonAsync("?handler=AcceptMany", new KeyValuePair<string, string>("accept", "1.3"));

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var note = (await JsonAsync(one)).GetProperty("notes")[0];
        Assert.Equal(("1.3", "Returned", "Thiếu biên bản"), (note.GetProperty("indicator").GetString(), note.GetProperty("status").GetString(), note.GetProperty("text").GetString()));

        // "All remaining" accepts every indicator not yet decided: not 1.3, returned with an open comment.
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var accepted = (await JsonAsync(all)).GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("indicator").GetString()).ToArray();
        Assert.NotEmpty(accepted);
        Assert.DoesNotContain("1.3", accepted);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problems = (await JsonAsync(again)).GetProperty("problems");
        Assert.Equal("1.3", problems[0].GetProperty("indicator").GetString());
        Assert.Contains("ý kiến thẩm định đang mở", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_AcceptsManyAtOnce_AllOrNothing_WithLocatedProblems()
    {
        await UnderReviewAsync();
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var reporter = await Factory.ClientAsync("reporter.so-a");

        var twice = await evaluator.PostAsync(Api("review/accept"), Json(new { indicators = new[] { "1.1", "1.1" } }), Cancel);
        var empty = await evaluator.PostAsync(Api("review/accept"), Json(new { indicators = Array.Empty<string>() }), Cancel);
        var notTheirs = await reporter.PostAsync(Api("review/accept"), Json(new { indicators = new[] { "1.1" } }), Cancel);
        var before = AcceptedEvents();
        var done = await evaluator.PostAsync(Api("review/accept"), Json(new { indicators = new[] { "1.1", "1.3" } }), Cancel);
        var already = await evaluator.PostAsync(Api("review/accept"), Json(new { indicators = new[] { "2.1", "1.3" } }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("mục 2: chỉ số 1.1 đã có ở trên", await twice.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(["1.1", "1.3"], (await JsonAsync(done)).EnumerateArray().Select(n => n.GetProperty("indicator").GetString()).ToArray());
        Assert.Equal(before + 2, AcceptedEvents());
        Assert.Equal(HttpStatusCode.BadRequest, already.StatusCode);
        Assert.Contains("mục 2: chỉ số 1.3 đã được chấp nhận", await already.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before + 2, AcceptedEvents());
    }

    [Fact]
    public async Task AReturnedDossier_NamesItsReturnedIndicators_InTheHeader()
    {
        await UnderReviewAsync();
        using var evaluator = await SignedInAsync("evaluator");
        using var reporter = await SignedInAsync("reporter.so-a");
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(evaluator, "?handler=Note&indicator=1.3&kind=Returned", new() { ["note[1.3]"] = "Thiếu biên bản" })).StatusCode);
        var returned = await PressAsync(evaluator, "?handler=Step&step=Return", new() { ["answerBy"] = "15/02/2031" });

        var html = await reporter.GetStringAsync(FormPath, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var header = Regex.Match(html, "<div class=\"returned-list\" data-returned-list>.*?</div>", RegexOptions.Singleline).Value;
        Assert.Contains("Hồ sơ bị trả lại ở 1 chỉ số:", header, StringComparison.Ordinal);
        Assert.Matches("<li><a href=\"#n-1\\.3\">1\\.3\\. [^<]+</a>", header);

        // The answer day typed dd/mm/yyyy is the one kept.
        using var api = await Factory.ClientAsync("reporter.so-a");
        Assert.Equal("2031-02-15", (await JsonAsync(await api.GetAsync(Api("submission"), Cancel))).GetProperty("answerBy").GetString());
        Assert.Contains("data-needs-answer=\"true\"", Fieldset(html, "1.3"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADayNotWrittenDdMmYyyy_IsRefusedWhereItWasTyped_KeepingTheComment()
    {
        await UnderReviewAsync();
        using var evaluator = await SignedInAsync("evaluator");
        using var admin = await SignedInAsync("admin");

        var refused = await PressAsync(evaluator, "?handler=Step&step=Return", new() { ["answerBy"] = "02/31/2031", ["comment"] = "Bổ sung minh chứng" });
        var html = await refused.Content.ReadAsStringAsync(Cancel);
        var exception = await PressAsync(admin, "?handler=Exception", new() { ["exceptionUntil"] = "2031-13-01", ["exceptionReason"] = "Sự cố" });
        var opened = await PressAsync(admin, "?handler=Exception", new() { ["exceptionUntil"] = "10/01/2031", ["exceptionReason"] = "Sự cố" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches("<p class=\"error\" role=\"alert\" id=\"review-error\" tabindex=\"-1\" autofocus>Hạn giải trình: &quot;02/31/2031&quot; không phải là ngày", html);
        Assert.Contains(">Bổ sung minh chứng</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"answer-by\" name=\"answerBy\" value=\"02/31/2031\"", html, StringComparison.Ordinal);
        Assert.Equal("UnderReview", await StateAsync());
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains("Gia hạn đến ngày: &quot;2031-13-01&quot; không phải là ngày", await exception.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains("đến hết ngày 10/01/2031", await admin.GetStringAsync(FormPath, Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedUpload_KeepsWhatWasTyped_AndShowsItsMessageOnce_NextToTheField()
    {
        using var reporter = await SignedInAsync("reporter.so-a");
        var page = await reporter.GetStringAsync(FormPath, Cancel);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryTokenIn(page)), "__RequestVerificationToken" },
            { new StringContent("12/QĐ-SOA"), "number[2.1]" },
            { new StringContent("15/03/2024"), "issued[2.1]" },
            { new StringContent("Kế hoạch chuyển đổi số"), "summary[2.1]" },
        };
        var file = new ByteArrayContent(SampleFiles.Png());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file[2.1]", "Quyết định.pdf");

        var response = await reporter.PostAsync(FormPath + "?handler=Upload&indicator=2.1", form, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"number-2.1\" name=\"number[2.1]\" maxlength=\"100\" placeholder=\"125/QĐ-UBND\" value=\"12/QĐ-SOA\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"15/03/2024\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kế hoạch chuyển đổi số\"", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "autofocus=\"autofocus\""));
        Assert.Contains("id=\"everr-2.1\" tabindex=\"-1\" autofocus=\"autofocus\"", html, StringComparison.Ordinal);
        Assert.Contains("cần chọn lại tệp", html, StringComparison.Ordinal);
    }
}
