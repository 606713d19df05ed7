using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The review cycle on the unit's form, as people use it without a script: the submission panel's step
/// buttons, the indicator threads, the evaluators' adjustments with the reported value beside them,
/// what changed since approval, and the history on the unit's page.
/// </summary>
public sealed partial class ReviewFormPageTests : WebAppTest
{
    private string FormPath => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";

    /// <summary>
    /// Posts the form's fields to <paramref name="query"/> as a button with that formaction does; a step is sent
    /// as confirmed (what is missing is listed before it, see FormGuideTests), as after "Vẫn gửi".
    /// </summary>
    private async Task<HttpResponseMessage> PressAsync(HttpClient browser, string query, Dictionary<string, string>? fields = null)
    {
        var page = await browser.GetStringAsync(FormPath, Cancel);
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = AntiforgeryTokenIn(page) };
        if (query.Contains("handler=Step", StringComparison.Ordinal))
        {
            form.TryAdd("confirmed", "1");
        }

        return await browser.PostAsync(FormPath + query, new FormUrlEncodedContent(form), Cancel);
    }

    /// <summary>SO-A's reporter reports 1.3/da_to_chuc through the API.</summary>
    private async Task ReportAsync(string value)
    {
        using var api = await Factory.ClientAsync("reporter.so-a");
        using var saved = await api.PutAsync(
            $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Json(new[] { new { indicator = "1.3", input = "da_to_chuc", value } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private async Task<string> StateAsync(HttpClient browser) =>
        StateAttribute().Match(await browser.GetStringAsync(FormPath, Cancel)).Groups[1].Value;

    [GeneratedRegex("data-submission-state=\"([A-Za-z]+)\"")]
    private static partial Regex StateAttribute();

    [Fact]
    public async Task TheCycleOnTheForm_ShowsEachPersonTheirButtons_AndRecordsTheHistory()
    {
        using var reporter = await SignedInAsync("reporter.so-a");
        using var leader = await SignedInAsync("leader.so-a");
        using var evaluator = await SignedInAsync("evaluator");
        await ReportAsync("có");

        var draft = await reporter.GetStringAsync(FormPath, Cancel);
        Assert.Contains("data-step=\"Submit\"", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("data-step=\"Approve\"", draft, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(reporter, "?handler=Step&step=Submit")).StatusCode);
        Assert.Equal("Submitted", await StateAsync(reporter));

        // The leader may not submit; the refusal is shown on the form with 403.
        var refused = await PressAsync(leader, "?handler=Step&step=Submit");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("lãnh đạo đơn vị không được gửi hồ sơ", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("data-step=\"Approve\"", await leader.GetStringAsync(FormPath, Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(leader, "?handler=Step&step=Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(evaluator, "?handler=Step&step=StartReview")).StatusCode);

        // Under review: accept/return per indicator and adjust a value with a reason.
        var review = await evaluator.GetStringAsync(FormPath, Cancel);
        Assert.Contains("kind=Returned", review, StringComparison.Ordinal);
        Assert.Contains("handler=Adjust&amp;indicator=1.3&amp;input=da_to_chuc", review, StringComparison.Ordinal);
        var noReason = await PressAsync(evaluator, "?handler=Adjust&indicator=1.3&input=da_to_chuc&version=0", new() { ["adj[1.3|da_to_chuc]"] = "không" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var adjusted = await PressAsync(evaluator, "?handler=Adjust&indicator=1.3&input=da_to_chuc&version=0", new()
        {
            ["adj[1.3|da_to_chuc]"] = "không",
            ["adjreason[1.3|da_to_chuc]"] = "Không có biên bản tổ chức",
        });
        Assert.Equal(HttpStatusCode.Redirect, adjusted.StatusCode);
        var afterAdjust = await evaluator.GetStringAsync(FormPath, Cancel);
        Assert.Matches("Giá trị thẩm định: <strong>Không</strong> \\(đơn vị kê khai: Có\\)", afterAdjust);
        Assert.Contains("data-self-assessed-for=\"1.3\"", afterAdjust, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(evaluator, "?handler=Note&indicator=1.3&kind=Returned", new() { ["note[1.3]"] = "Đề nghị bổ sung biên bản" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(evaluator, "?handler=Step&step=Return")).StatusCode);

        // Returned: the reporter answers and corrects; the leader cannot approve anything now.
        var returned = await reporter.GetStringAsync(FormPath, Cancel);
        Assert.Contains("Đề nghị bổ sung biên bản", returned, StringComparison.Ordinal);
        Assert.Contains("kind=Answer", returned, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(reporter, "?handler=Note&indicator=1.3&kind=Answer", new() { ["note[1.3]"] = "Đã bổ sung biên bản số 5" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(reporter, "?handler=Step&step=Resubmit")).StatusCode);
        Assert.Equal("Resubmitted", await StateAsync(evaluator));

        var history = await evaluator.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A", Cancel);
        Assert.Contains("id=\"lich-su\"", history, StringComparison.Ordinal);
        Assert.Contains("Điều chỉnh 1.3 / da_to_chuc: có → không", history, StringComparison.Ordinal);
        Assert.Contains("Không có biên bản tổ chức", history, StringComparison.Ordinal);
        Assert.Contains("Đã bổ sung biên bản số 5", history, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(history, "data-history-kind="));
    }

    [Fact]
    public async Task AnEvaluator_SeesWhatChangedSinceApproval()
    {
        using var reporter = await SignedInAsync("reporter.so-a");
        using var leader = await SignedInAsync("leader.so-a");
        using var evaluator = await SignedInAsync("evaluator");
        await ReportAsync("có");
        await PressAsync(reporter, "?handler=Step&step=Submit");
        await PressAsync(leader, "?handler=Step&step=Approve");
        await PressAsync(reporter, "?handler=Step&step=Withdraw");
        await ReportAsync("không");

        var page = await evaluator.GetStringAsync(FormPath, Cancel);
        var own = await reporter.GetStringAsync(FormPath, Cancel);

        Assert.Contains("Số liệu thay đổi sau khi lãnh đạo phê duyệt", page, StringComparison.Ordinal);
        Assert.Matches("<td>Có</td><td>Không</td><td>reporter.so-a,", page);
        Assert.DoesNotContain("Số liệu thay đổi sau khi lãnh đạo phê duyệt", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePeriodPage_ShowsEachUnitsSubmission_ToProvinceStaffAndViewers()
    {
        using var reporter = await SignedInAsync("reporter.so-a");
        using var viewer = await SignedInAsync("viewer");
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(reporter, "?handler=Step&step=Submit")).StatusCode);

        var page = await viewer.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);

        Assert.Matches($"data-state-of=\"SO-A\"><a class=\"state-submitted\" href=\"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A#ho-so\">Đã gửi</a>", page);
        Assert.Matches("data-state-of=\"SO-B\"><a class=\"state-draft\"[^>]*>Đang kê khai</a>", page);
    }

    [Fact]
    public async Task AnAdministrator_OpensAnException_FromTheForm_AndOthersCannot()
    {
        using var admin = await SignedInAsync("admin");
        using var evaluator = await SignedInAsync("evaluator");

        Assert.Contains("handler=Exception", await admin.GetStringAsync(FormPath, Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Exception", await evaluator.GetStringAsync(FormPath, Cancel), StringComparison.Ordinal);
        var refused = await PressAsync(evaluator, "?handler=Exception", new() { ["exceptionUntil"] = "2031-01-10", ["exceptionReason"] = "Sự cố" });
        var opened = await PressAsync(admin, "?handler=Exception", new() { ["exceptionUntil"] = "2031-01-10", ["exceptionReason"] = "Sự cố mạng" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains("Đang gia hạn kê khai đến hết ngày 10/01/2031: Sự cố mạng", await admin.GetStringAsync(FormPath, Cancel), StringComparison.Ordinal);
    }
}
