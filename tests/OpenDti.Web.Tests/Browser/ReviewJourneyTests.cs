using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// The whole review cycle in a real browser: a reporter submits, the leader approves, the evaluator
/// returns one indicator with a comment, the reporter answers and corrects it, the evaluator finalises
/// and publishes, and the published ranking shows the corrected points.
/// </summary>
public sealed class ReviewJourneyTests : BrowserTest
{
    private string FormPath(string? unit = null) => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai" + (unit is null ? string.Empty : "/" + unit);

    private static ILocator Status(IPage page, string indicator, string input) => page.Locator($"[id='st-in-{indicator}-{input}']");

    private static ILocator State(IPage page) => page.Locator("[data-submission-state]");

    private static async Task StepAsync(IPage page, string step)
    {
        await page.Locator($"button[data-step='{step}']").ClickAsync();

        // Gửi hồ sơ and Hoàn thành thẩm định first list what is missing; the journey goes on anyway.
        var done = page.Locator("[data-step-done], [data-confirm-go]").First;
        await Assertions.Expect(done).ToBeVisibleAsync();
        if (await page.Locator("[data-confirm-go]").CountAsync() > 0)
        {
            await page.Locator("[data-confirm-go]").ClickAsync();
        }

        await page.WaitForURLAsync("**?review=1*");
    }

    /// <summary>The unit's row in the page's table (not in the trends over the years, which name it too).</summary>
    private static ILocator RowOf(IPage page, string unitName) =>
        page.Locator("table:not(#period-trends-table) tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = unitName, Exact = true }) });

    [Fact]
    public async Task SubmitApproveReturnAnswerCorrectFinalisePublish_TheRankingShowsTheCorrectedPoints()
    {
        // Sở B reported its head of the steering committee (20 points) and never submitted.
        using (var api = await Factory.ClientAsync("reporter.so-b"))
        {
            var saved = await api.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", new[] { new { indicator = "1.1", input = "truong_ban", value = "nguoi_dung_dau" } }, Cancel);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
        }

        // The reporter of Sở A fills in two indicators (10 + 20 points) and submits.
        var reporter = await SignInAsync("reporter.so-a");
        await reporter.GotoAsync(FormPath());
        await reporter.Locator("[id='in-1.1-truong_ban']").SelectOptionAsync("cap_pho");
        await Assertions.Expect(Status(reporter, "1.1", "truong_ban")).ToContainTextAsync("Đã lưu");
        await reporter.Locator("fieldset[id='n-1.3'] label.choice", new() { HasText = "Có" }).ClickAsync();
        await Assertions.Expect(Status(reporter, "1.3", "da_to_chuc")).ToContainTextAsync("Đã lưu");
        await StepAsync(reporter, "Submit");
        await Assertions.Expect(State(reporter)).ToHaveAttributeAsync("data-submission-state", "Submitted");
        await Assertions.Expect(reporter.Locator("[id='in-1.1-truong_ban']")).ToBeDisabledAsync();

        // The leader approves.
        var leader = await SignInAsync("leader.so-a");
        await leader.GotoAsync(FormPath());
        await StepAsync(leader, "Approve");
        await Assertions.Expect(State(leader)).ToHaveAttributeAsync("data-submission-state", "Approved");

        // The evaluator starts the review and returns 1.1 with a comment.
        var evaluator = await SignInAsync("evaluator");
        await evaluator.GotoAsync(FormPath("SO-A"));
        await StepAsync(evaluator, "StartReview");
        await evaluator.Locator("[id='note-1.1']").FillAsync("Quyết định thành lập Ban chỉ đạo ghi Giám đốc Sở là Trưởng ban; đề nghị kiểm tra lại.");
        await evaluator.Locator("fieldset[id='n-1.1'] button", new() { HasText = "Trả lại kèm ý kiến" }).ClickAsync();
        await evaluator.WaitForURLAsync("**?review=1*");
        await Assertions.Expect(evaluator.Locator("fieldset[id='n-1.1'] [data-review-status]")).ToHaveAttributeAsync("data-review-status", "Returned");
        await evaluator.Locator("fieldset[id='n-1.1']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(evaluator, "review-evaluator");
        await StepAsync(evaluator, "Return");
        await Assertions.Expect(State(evaluator)).ToHaveAttributeAsync("data-submission-state", "Returned");

        // The reporter reads the comment, answers it and corrects the value, then sends the submission again.
        await reporter.ReloadAsync();
        var thread = reporter.Locator("[id='rv-1.1']");
        await Assertions.Expect(thread).ToContainTextAsync("đề nghị kiểm tra lại");
        await reporter.Locator("[id='note-1.1']").FillAsync("Đã kiểm tra: Giám đốc Sở là Trưởng ban, xin sửa lại.");
        await reporter.Locator("fieldset[id='n-1.1'] button", new() { HasText = "Gửi giải trình" }).ClickAsync();
        await reporter.WaitForURLAsync("**?review=1*");
        await reporter.Locator("[id='in-1.1-truong_ban']").SelectOptionAsync("nguoi_dung_dau");
        await Assertions.Expect(Status(reporter, "1.1", "truong_ban")).ToContainTextAsync("Đã lưu");
        await reporter.Locator("fieldset[id='n-1.1']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(reporter, "review-answer");
        await StepAsync(reporter, "Resubmit");
        await Assertions.Expect(State(reporter)).ToHaveAttributeAsync("data-submission-state", "Resubmitted");

        // The evaluator finalises and publishes.
        await evaluator.ReloadAsync();
        await StepAsync(evaluator, "StartReview");
        await StepAsync(evaluator, "Finalise");
        await Assertions.Expect(State(evaluator)).ToHaveAttributeAsync("data-submission-state", "Finalised");
        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Xem trước khi công bố" }).ClickAsync();
        await Assertions.Expect(evaluator.Locator("tr[data-unfinished='SO-B']")).ToContainTextAsync("không gửi hồ sơ");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Xác nhận công bố lần 1" }).ClickAsync();
        await evaluator.WaitForURLAsync("**/cong-bo/1");

        // The published ranking shows the corrected points: 20 + 20 for Sở A, ahead of Sở B, which never
        // submitted and is published as "không gửi hồ sơ".
        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        await Assertions.Expect(evaluator.Locator(".notice", new() { HasText = "công bố lần 1" })).ToBeVisibleAsync();
        await Assertions.Expect(RowOf(evaluator, "Sở A").Locator("td").First).ToHaveTextAsync("1");
        await Assertions.Expect(RowOf(evaluator, "Sở A")).ToContainTextAsync("40,00");
        await Assertions.Expect(RowOf(evaluator, "Sở B").Locator("td").First).ToHaveTextAsync("2");

        // The unit's page keeps the whole story.
        await evaluator.GetByRole(AriaRole.Link, new() { Name = "Sở A", Exact = true }).ClickAsync();
        var history = evaluator.Locator("#lich-su");
        await Assertions.Expect(history).ToContainTextAsync("Trả lại chỉ số 1.1 kèm ý kiến");
        await Assertions.Expect(history).ToContainTextAsync("xin sửa lại");
        await Assertions.Expect(history.Locator("tr[data-history-kind='Transition']")).ToHaveCountAsync(7);
        await history.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(evaluator, "review-history");
    }
}
