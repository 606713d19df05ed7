using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Publication through the API and the pages: numbered publications, a correction's reason, the
/// refusal while a unit is in review, and published results that do not move when data changes.
/// </summary>
public sealed class PublicationTests : WebAppTest
{
    private string Publish => $"/api/periods/{Factory.OpenPeriodId}/publish";

    private string ListPage => $"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo";

    // ---- API

    [Fact]
    public async Task Api_PublishesNumberOne_ThenACorrectionOnlyWithAReason()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        await SaveAsync("reporter.so-a", "SO-A", "có");

        var first = await PublishAsync(evaluator, Factory.OpenPeriodId);
        var noReason = await PublishAsync(evaluator, Factory.OpenPeriodId, "");
        var second = await PublishAsync(evaluator, Factory.OpenPeriodId, "Sửa điểm chỉ số 2.1");
        var list = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/publications", Cancel));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/api/periods/{Factory.OpenPeriodId}/publications/1", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("lần công bố thứ 2 là công bố đính chính: phải ghi lý do", await TitleAsync(noReason));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, (await JsonAsync(second)).GetProperty("number").GetInt32());
        Assert.Equal(["1 evaluator ", "2 evaluator Sửa điểm chỉ số 2.1"], list.EnumerateArray().Select(p => $"{p.GetProperty("number").GetInt32()} {p.GetProperty("publishedBy").GetString()} {p.GetProperty("reason").GetString()}").ToArray());
    }

    [Fact]
    public async Task Api_GivesASnapshot_WithEveryUnitAndExplanationsInBothLanguages()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        await SaveAsync("reporter.so-a", "SO-A", "có");
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId)).StatusCode);
        using var reporter = await Factory.ClientAsync("reporter.so-b");

        var read = await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/publications/1", Cancel);
        var missing = await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/publications/2", Cancel);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await JsonAsync(read);
        var snapshot = body.GetProperty("snapshot");
        Assert.Equal("Kỳ mở", snapshot.GetProperty("period").GetProperty("name").GetString());
        var units = snapshot.GetProperty("units").EnumerateArray().ToArray();
        Assert.Equal(["SO-A", "SO-B"], units.Select(u => u.GetProperty("code").GetString()).ToArray());
        var node = units[0].GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("code").GetString() == "2.1");
        Assert.NotEqual(node.GetProperty("explanation").GetProperty("vi").GetString(), node.GetProperty("explanation").GetProperty("en").GetString());
        Assert.Contains(units[0].GetProperty("values").EnumerateArray(), v => v.GetProperty("value").GetProperty("vi").GetString() == "Có");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Api_RefusesToPublish_WhileAUnitIsInReview_NamingItAndItsState()
    {
        await SetStateAsync("SO-B", SubmissionState.UnderReview);
        using var evaluator = await EnglishClientAsync("evaluator");

        var response = await PublishAsync(evaluator, Factory.OpenPeriodId, "x");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("the results cannot be published yet: these units' submissions are in the middle of the review: SO-B (under review)", await TitleAsync(response));
        Assert.Equal("open", (await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}", Cancel))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_RefusesToPublishADraftPeriod_AndStatusChangesAfterPublication()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var draft = await PublishAsync(evaluator, Factory.DraftPeriodId);
        await PublishAsync(evaluator, Factory.OpenPeriodId);
        var reopen = await evaluator.PutAsync($"/api/periods/{Factory.OpenPeriodId}/status", Json(new { status = "open" }), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Equal("kỳ đánh giá \"Kỳ nháp\" đang chuẩn bị: chưa thể công bố kết quả", await TitleAsync(draft));
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
        Assert.StartsWith("không thể chuyển kỳ đánh giá từ trạng thái đã công bố sang đang mở", await TitleAsync(reopen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_PublishedRanking_DoesNotMove_WhenAProfileChangesAfterwards()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var admin = await Factory.ClientAsync("admin");
        await SaveAsync("reporter.so-a", "SO-A", "có");
        await PublishAsync(evaluator, Factory.OpenPeriodId);
        var before = await (await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/results", Cancel)).Content.ReadAsStringAsync(Cancel);
        var card = await (await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/scorecard", Cancel)).Content.ReadAsStringAsync(Cancel);

        var profile = await admin.PutAsync("/api/units/SO-A/profile/2024", Json(new Dictionary<string, decimal> { ["civil_servants"] = 4000, ["public_employees"] = 6000, ["subordinate_units"] = 40 }), Cancel);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            var value = db.ReportedValues.Single(v => v.PeriodId == Factory.OpenPeriodId);
            value.Value = "không";
            await db.SaveChangesAsync(Cancel);
        }

        Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(before, await (await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/results", Cancel)).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(card, await (await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/scorecard", Cancel)).Content.ReadAsStringAsync(Cancel));
    }

    // ---- Pages

    [Fact]
    public async Task Evaluator_PublishesFromThePage_AndSeesTheFrozenRanking_AndTheNoticeOnThePeriodPage()
    {
        using var browser = await SignedInAsync("evaluator");
        var empty = await browser.GetStringAsync(ListPage, Cancel);

        var posted = await PublishFromThePageAsync(browser, "");
        var publication = await browser.GetStringAsync($"{ListPage}/1", Cancel);
        var list = await browser.GetStringAsync(ListPage, Cancel);
        var period = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);

        Assert.Contains("Kết quả của kỳ đánh giá này chưa được công bố.", empty, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Xem trước khi công bố</button>", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{ListPage}/1", posted.Headers.Location?.OriginalString);
        Assert.Contains("<h1>Kết quả công bố lần 1</h1>", publication, StringComparison.Ordinal);
        Assert.Contains("Sở A", publication, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"<td>\d{2}/\d{2}/\d{4} \d{2}:\d{2}</td>\s*<td>evaluator</td>"), list);
        Assert.Contains("Công bố đính chính (lần 2)", list, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Kết quả công bố lần 1, ngày \d{2}/\d{2}/\d{4} · <a href=""/ky-danh-gia/\d+/cong-bo/1"">"), period);
    }

    [Fact]
    public async Task PageCorrection_WithoutAReason_IsRefusedWithTheMessage()
    {
        using var browser = await SignedInAsync("evaluator");
        await PublishFromThePageAsync(browser, "");

        var refused = await PublishFromThePageAsync(browser, " ");
        var corrected = await PublishFromThePageAsync(browser, "Đính chính số liệu");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("lần công bố thứ 2 là công bố đính chính: phải ghi lý do", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal($"{ListPage}/2", corrected.Headers.Location?.OriginalString);
        var first = await browser.GetStringAsync($"{ListPage}/1", Cancel);
        Assert.Contains("Đây không phải lần công bố mới nhất", first, StringComparison.Ordinal);
        Assert.Contains("Đính chính số liệu", await browser.GetStringAsync(ListPage, Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("reporter.so-a")]
    public async Task OthersReadThePublications_WithoutAPublishForm(string userName)
    {
        using (var evaluator = await Factory.ClientAsync("evaluator"))
        {
            await PublishAsync(evaluator, Factory.OpenPeriodId);
        }

        using var browser = await SignedInAsync(userName);
        var html = await browser.GetStringAsync(ListPage, Cancel);

        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo/1\">1</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Reason\"", html, StringComparison.Ordinal);
    }

    // ---- Units that did not complete the review cycle, and the confirmation

    [Fact]
    public async Task Api_Preview_ListsTheUnitsThatDidNotSubmit_First_WithWhatTheyGet()
    {
        await SaveAsync("reporter.so-b", "SO-B", "có");
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        using var evaluator = await Factory.ClientAsync("evaluator");

        var response = await evaluator.GetAsync($"{Publish}/preview", Cancel);
        var preview = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["periodId", "number", "correction", "unfinishedRanking", "unfinishedPoints", "rule", "unfinished", "snapshot", "confirmation"],
            preview.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, false, "afterFinalised", "zero"), (preview.GetProperty("number").GetInt32(), preview.GetProperty("correction").GetBoolean(), preview.GetProperty("unfinishedRanking").GetString(), preview.GetProperty("unfinishedPoints").GetString()));
        var unit = Assert.Single(preview.GetProperty("unfinished").EnumerateArray());
        Assert.Equal(
            ("SO-B", "draft", "đang kê khai", 0m, 2),
            (unit.GetProperty("unitCode").GetString(), unit.GetProperty("state").GetString(), unit.GetProperty("stateName").GetString(), unit.GetProperty("publishedTotal").GetDecimal(), unit.GetProperty("rank").GetInt32()));
        Assert.True(unit.GetProperty("reportedTotal").GetDecimal() > 0);
        var units = preview.GetProperty("snapshot").GetProperty("units").EnumerateArray().ToArray();
        Assert.Equal(["SO-A False", "SO-B True"], units.Select(u => $"{u.GetProperty("code").GetString()} {u.GetProperty("notSubmitted").GetBoolean()}"));
        Assert.Equal("không gửi hồ sơ", units[1].GetProperty("note").GetProperty("vi").GetString());
        Assert.Empty((await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/publications", Cancel))).EnumerateArray());
    }

    [Fact]
    public async Task Api_Publish_WithoutConfirmation_Is400_AndWithAStaleOne_Is409()
    {
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        using var evaluator = await Factory.ClientAsync("evaluator");
        var confirmation = (await JsonAsync(await evaluator.GetAsync($"{Publish}/preview", Cancel))).GetProperty("confirmation").GetString();
        await evaluator.PutAsync($"/api/periods/{Factory.OpenPeriodId}/unfinished-units", Json(new { points = "asReported" }), Cancel);

        var unconfirmed = await evaluator.PostAsync(Publish, Json(new { }), Cancel);
        var stale = await evaluator.PostAsync(Publish, Json(new { confirmation }), Cancel);
        var list = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/publications", Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.StartsWith("hãy xem trước kết quả sẽ công bố", await TitleAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("APP-PUBLISH-CONFIRM", (await JsonAsync(stale)).GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.Empty(list.EnumerateArray());
    }

    [Fact]
    public async Task NeverSubmittedUnit_IsRankedAfterTheFinalisedOne_OnThePublicationAndThePeriodPage_Labelled()
    {
        // Sở B reports and never sends its submission; Sở A, which reported nothing better, is finalised.
        await SaveAsync("reporter.so-b", "SO-B", "có");
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        using var evaluator = await Factory.ClientAsync("evaluator");
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId)).StatusCode);
        using var browser = await SignedInAsync("reporter.so-b");

        var publication = WebUtility.HtmlDecode(await browser.GetStringAsync($"{ListPage}/1", Cancel));
        var period = WebUtility.HtmlDecode(await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel));
        var results = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/results", Cancel));

        Assert.Matches(new Regex(@"<td class=""num"">1</td>\s*<th scope=""row"">Sở A"), publication);
        Assert.Matches(new Regex(@"<td class=""num"">2</td>\s*<th scope=""row"">Sở B <span class=""muted code"">SO-B</span> <span class=""badge not-submitted"" data-not-submitted=""SO-B"">không gửi hồ sơ</span>"), publication);
        Assert.Contains("xếp sau mọi đơn vị đã hoàn thành thẩm định, điểm tính là 0.", publication, StringComparison.Ordinal);
        Assert.Contains("data-not-submitted=\"SO-B\">không gửi hồ sơ</span>", period, StringComparison.Ordinal);
        Assert.DoesNotContain("data-not-submitted=\"SO-A\"", period, StringComparison.Ordinal);
        Assert.Equal(
            ["SO-A 1 False", "SO-B 2 True"],
            results.GetProperty("units").EnumerateArray().Select(u => $"{u.GetProperty("unitCode").GetString()} {u.GetProperty("rank").GetInt32()} {u.GetProperty("notSubmitted").GetBoolean()}"));
    }

    [Fact]
    public async Task Page_PreviewsFirst_ListingTheUnitsThatDidNotSubmit_ThenPublishesOnConfirmation()
    {
        await SaveAsync("reporter.so-b", "SO-B", "có");
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        using var browser = await SignedInAsync("evaluator");

        var preview = await PreviewOnThePageAsync(browser, "");
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync(Cancel));
        var unconfirmed = await browser.PostAsync(ListPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(html),
            ["Reason"] = string.Empty,
        }), Cancel);
        var published = await ConfirmAsync(browser, html, string.Empty);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<h3 id=\"preview-unfinished\">Đơn vị không gửi hồ sơ (1)</h3>", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("data-unfinished=\"SO-B\"", StringComparison.Ordinal) < html.IndexOf("Bảng xếp hạng sẽ công bố (lần 1)", StringComparison.Ordinal),
            "the units that did not submit come first");
        Assert.Matches(new Regex(@"<tr data-unfinished=""SO-B"">\s*<th scope=""row"">Sở B <span class=""muted code"">SO-B</span> <span class=""badge not-submitted"">không gửi hồ sơ</span></th>\s*<td>Đang kê khai</td>\s*<td class=""num"">[\d.,]+</td>\s*<td class=""num total"">0,00</td>\s*<td class=""num"">2</td>"), html);
        Assert.Contains("<button type=\"submit\">Xác nhận công bố lần 1</button>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("hãy xem trước kết quả sẽ công bố", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal($"{ListPage}/1", published.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Page_ConfirmingAPreviewThatNoLongerHolds_Is409_AndShowsTheNewPreview()
    {
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        using var browser = await SignedInAsync("evaluator");
        var html = WebUtility.HtmlDecode(await (await PreviewOnThePageAsync(browser, "")).Content.ReadAsStringAsync(Cancel));
        await SetStateAsync("SO-B", SubmissionState.Finalised);

        var stale = await ConfirmAsync(browser, html, string.Empty);
        var shown = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("kết quả sẽ công bố đã thay đổi từ khi bạn xem trước", shown, StringComparison.Ordinal);
        Assert.Contains("<h3 id=\"preview-unfinished\">Đơn vị không gửi hồ sơ (0)</h3>", shown, StringComparison.Ordinal);
        Assert.Equal($"{ListPage}/1", (await ConfirmAsync(browser, shown, string.Empty)).Headers.Location?.OriginalString);
    }

    // ---- Helpers

    /// <summary>Asks the publications page for its preview, with <paramref name="reason"/>.</summary>
    private async Task<HttpResponseMessage> PreviewOnThePageAsync(HttpClient browser, string reason)
    {
        var form = await browser.GetStringAsync(ListPage, Cancel);
        return await browser.PostAsync(ListPage + "?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
            ["Reason"] = reason,
        }), Cancel);
    }

    /// <summary>Confirms the preview shown in <paramref name="html"/>, as its button does.</summary>
    private async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string html, string reason) =>
        await browser.PostAsync(ListPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(html),
            ["Confirmation"] = Regex.Match(html, "name=\"Confirmation\" value=\"([0-9a-f]+)\"").Groups[1].Value,
            ["Reason"] = reason,
        }), Cancel);

    /// <summary>Publishes from the page as a person does: preview, then confirm; the answer to the last step.</summary>
    private async Task<HttpResponseMessage> PublishFromThePageAsync(HttpClient browser, string reason)
    {
        var preview = await PreviewOnThePageAsync(browser, reason);
        var html = await preview.Content.ReadAsStringAsync(Cancel);
        return html.Contains("name=\"Confirmation\"", StringComparison.Ordinal) ? await ConfirmAsync(browser, html, reason) : preview;
    }

    private async Task SaveAsync(string userName, string unit, string value)
    {
        using var client = await Factory.ClientAsync(userName);
        var response = await client.PutAsync(
            $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value } }), Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task SetStateAsync(string unitCode, SubmissionState state)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == unitCode).Id;
        var submission = db.Submissions.SingleOrDefault(s => s.PeriodId == Factory.OpenPeriodId && s.UnitId == unitId);
        if (submission is null)
        {
            db.Submissions.Add(new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = state, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
        }
        else
        {
            submission.State = state;
        }

        await db.SaveChangesAsync(Cancel);
    }
}
