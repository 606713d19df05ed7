using System.Net;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Appeals (phúc khảo) through the API and the page: a unit files one with evidence after publication,
/// an evaluator rejects it or, once a value is adjusted, accepts it and a correction is published.
/// </summary>
public sealed class AppealWebTests : WebAppTest
{
    private string Period => $"/api/periods/{Factory.OpenPeriodId}";

    private string Page => $"/ky-danh-gia/{Factory.OpenPeriodId}/phuc-khao";

    [Fact]
    public async Task Api_FileAttachAdjustAccept_PublishesACorrection_AndTheUnitSeesItsAppealWithTheFile()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var evaluator = await Factory.ClientAsync("evaluator");
        var saved = await reporter.PutAsync($"{Period}/units/SO-A/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }), Cancel);
        Assert.True(saved.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId)).StatusCode);

        var filed = await reporter.PostAsync($"{Period}/units/SO-A/appeals", Json(new { indicators = new[] { "2.1" }, reason = "Nghị quyết ban hành đúng hạn" }), Cancel);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var appealId = (await JsonAsync(filed)).GetProperty("id").GetInt32();
        var attached = await reporter.PostAsync($"{Period}/appeals/{appealId}/evidence", EvidenceForm(null, "Nghị quyết.pdf", SampleFiles.Pdf("nq"), "01-NQ/ĐU", "01/03/2024"), Cancel);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var fileId = (await JsonAsync(attached)).GetProperty("id").GetInt64();
        var early = await evaluator.PostAsync($"{Period}/appeals/{appealId}/accept", Json(new { reason = "Đồng ý" }), Cancel);
        var adjusted = await evaluator.PutAsync($"{Period}/units/SO-A/adjustments", Json(new { indicator = "2.1", input = "da_ban_hanh", value = "không", reason = "Phúc khảo", version = 0 }), Cancel);
        Assert.True(adjusted.IsSuccessStatusCode, await adjusted.Content.ReadAsStringAsync(Cancel));
        var accepted = await evaluator.PostAsync($"{Period}/appeals/{appealId}/accept", Json(new { reason = "Đồng ý" }), Cancel);
        var again = await evaluator.PostAsync($"{Period}/appeals/{appealId}/reject", Json(new { reason = "Lần hai" }), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await JsonAsync(accepted);
        Assert.Equal(("accepted", 2), (body.GetProperty("state").GetString(), body.GetProperty("resultingPublication").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"đơn phúc khảo #{appealId} đã ở trạng thái được chấp nhận", await TitleAsync(again));
        var mine = (await JsonAsync(await reporter.GetAsync($"{Period}/units/SO-A/appeals", Cancel))).EnumerateArray().Single();
        Assert.Equal(["2.1"], mine.GetProperty("indicators").EnumerateArray().Select(i => i.GetString()).ToArray());
        Assert.Equal("Nghị quyết.pdf", mine.GetProperty("files").EnumerateArray().Single().GetProperty("fileName").GetString());
        Assert.Empty((await JsonAsync(await reporter.GetAsync($"{Period}/units/SO-A/evidence", Cancel))).EnumerateArray());
        var download = await reporter.GetAsync($"{Period}/appeals/{appealId}/evidence/{fileId}", Cancel);
        Assert.Equal(SampleFiles.Pdf("nq"), await download.Content.ReadAsByteArrayAsync(Cancel));
        var second = await JsonAsync(await evaluator.GetAsync($"{Period}/publications/2", Cancel));
        Assert.Equal("Phúc khảo của SO-A: Đồng ý", second.GetProperty("publication").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Api_FilingBeforePublication_IsAConflict_AndAppealDaysAreOnThePeriod()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var admin = await Factory.ClientAsync("admin");

        var early = await reporter.PostAsync($"{Period}/units/SO-A/appeals", Json(new { indicators = new[] { "2.1" }, reason = "Sai" }), Cancel);
        var set = await admin.PutAsync($"{Period}/appeal-days", Json(new { days = 30 }), Cancel);
        var tooMany = await admin.PutAsync($"{Period}/appeal-days", Json(new { days = 91 }), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(30, (await JsonAsync(set)).GetProperty("appealDays").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(30, (await JsonAsync(await reporter.GetAsync(Period, Cancel))).GetProperty("appealDays").GetInt32());
    }

    [Fact]
    public async Task Page_UnitFilesAnAppealWithAFile_AndTheEvaluatorRejectsIt()
    {
        using (var evaluatorApi = await Factory.ClientAsync("evaluator"))
        {
            Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluatorApi, Factory.OpenPeriodId)).StatusCode);
        }

        var leader = await SignedInAsync("leader.so-a");
        var form = await leader.GetStringAsync(Page, Cancel);
        Assert.Contains("name=\"Indicators\" value=\"1.3\"", form, StringComparison.Ordinal);
        Assert.Contains("Đơn vị được phúc khảo trong 15 ngày sau lần công bố thứ 1", form, StringComparison.Ordinal);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("1.3"), "Indicators" },
            { new StringContent("2.1"), "Indicators" },
            { new StringContent("Đã tổ chức tập huấn"), "Reason" },
            { new StringContent("12/KH-SA"), "DocumentNumber" },
            { new StringContent(AntiforgeryTokenIn(form)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(SampleFiles.Pdf("kế hoạch"));
        content.Add(file, "file", "Kế hoạch.pdf");
        var posted = await leader.PostAsync(Page + "?handler=File", content, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await leader.GetStringAsync(Page + "?done=filed", Cancel);
        Assert.Contains("Đã gửi đơn phúc khảo.", after, StringComparison.Ordinal);
        Assert.Contains("1.3, 2.1", after, StringComparison.Ordinal);
        Assert.Contains("Kế hoạch.pdf", after, StringComparison.Ordinal);
        Assert.Contains("12/KH-SA", after, StringComparison.Ordinal);

        var evaluator = await SignedInAsync("evaluator");
        var review = await evaluator.GetStringAsync(Page, Cancel);
        Assert.Contains($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A", review, StringComparison.Ordinal);
        var appealId = System.Text.RegularExpressions.Regex.Match(review, "data-appeal=\"(\\d+)\"").Groups[1].Value;
        var rejected = await evaluator.PostAsync(Page + "?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["appealId"] = appealId,
            ["accept"] = "false",
            ["Reason"] = "Không có căn cứ",
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(review),
        }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        var viewer = await SignedInAsync("viewer");
        var read = await viewer.GetStringAsync(Page, Cancel);
        Assert.Contains("không được chấp nhận", read, StringComparison.Ordinal);
        Assert.Contains("Không có căn cứ", read, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Decide", read, StringComparison.Ordinal);
        var other = await SignedInAsync("leader.so-b");
        var otherPage = await other.GetStringAsync(Page, Cancel);
        Assert.DoesNotContain("Kế hoạch.pdf", otherPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutAPublication_SaysSo_AndOffersNoForm()
    {
        var leader = await SignedInAsync("leader.so-a");

        var page = await leader.GetStringAsync(Page, Cancel);

        Assert.Contains("Kết quả chưa được công bố; đơn vị được phúc khảo trong 15 ngày sau khi công bố.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=File", page, StringComparison.Ordinal);
    }
}
