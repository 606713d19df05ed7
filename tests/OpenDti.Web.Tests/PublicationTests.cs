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

        var first = await evaluator.PostAsync(Publish, null, Cancel);
        var noReason = await evaluator.PostAsync(Publish, Json(new { reason = "" }), Cancel);
        var second = await evaluator.PostAsync(Publish, Json(new { reason = "Sửa điểm chỉ số 2.1" }), Cancel);
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
        Assert.Equal(HttpStatusCode.Created, (await evaluator.PostAsync(Publish, null, Cancel)).StatusCode);
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

        var response = await evaluator.PostAsync(Publish, Json(new { reason = "x" }), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("the results cannot be published yet: these units' submissions are in the middle of the review: SO-B (under review)", await TitleAsync(response));
        Assert.Equal("open", (await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}", Cancel))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_RefusesToPublishADraftPeriod_AndStatusChangesAfterPublication()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");

        var draft = await evaluator.PostAsync($"/api/periods/{Factory.DraftPeriodId}/publish", null, Cancel);
        await evaluator.PostAsync(Publish, null, Cancel);
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
        await evaluator.PostAsync(Publish, null, Cancel);
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

        var posted = await PostFormAsync(browser, new() { ["Reason"] = "" });
        var publication = await browser.GetStringAsync($"{ListPage}/1", Cancel);
        var list = await browser.GetStringAsync(ListPage, Cancel);
        var period = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);

        Assert.Contains("Kết quả của kỳ đánh giá này chưa được công bố.", empty, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Công bố kết quả</button>", empty, StringComparison.Ordinal);
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
        await PostFormAsync(browser, new() { ["Reason"] = "" });

        var refused = await PostFormAsync(browser, new() { ["Reason"] = " " });
        var corrected = await PostFormAsync(browser, new() { ["Reason"] = "Đính chính số liệu" });

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
            await evaluator.PostAsync(Publish, null, Cancel);
        }

        using var browser = await SignedInAsync(userName);
        var html = await browser.GetStringAsync(ListPage, Cancel);

        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo/1\">1</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Reason\"", html, StringComparison.Ordinal);
    }

    // ---- Helpers

    private async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, Dictionary<string, string> fields)
    {
        var form = await browser.GetStringAsync(ListPage, Cancel);
        fields["__RequestVerificationToken"] = AntiforgeryTokenIn(form);
        return await browser.PostAsync(ListPage, new FormUrlEncodedContent(fields), Cancel);
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
        db.Submissions.Add(new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = state, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
        await db.SaveChangesAsync(Cancel);
    }
}
