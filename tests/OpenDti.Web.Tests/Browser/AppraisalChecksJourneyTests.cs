using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDti.Core.Review;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Checks as appraisers make them, in a real browser: the evaluator reads what is still missing before
/// confirming Công bố, then what publishing means and who acts next; a reporter typing a figure that breaks a
/// warning check is told beside the field, and the form lists it with the evidence to look at again.
/// </summary>
public sealed class AppraisalChecksJourneyTests : BrowserTest
{
    [Fact]
    public async Task Evaluator_ReadsWhatIsMissing_BeforeConfirmingCongBo_ThenWhoActsNext()
    {
        // Sở A was finalised without any indicator accepted; Sở B never sent its submission and attached a document without số hiệu.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
            var unitId = db.Units.Single(u => u.Code == "SO-A").Id;
            db.Submissions.Add(new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = SubmissionState.Finalised, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
            await db.SaveChangesAsync(Cancel);
        }

        using (var api = await Factory.ClientAsync("reporter.so-b"))
        {
            var uploaded = await api.PostAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/evidence", EvidenceUpload("2.1", "Kế hoạch.pdf", SampleFiles.Pdf("journey")), Cancel);
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync(Cancel));
        }

        var evaluator = await SignInAsync("evaluator");
        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Xem trước khi công bố" }).ClickAsync();

        var gaps = evaluator.Locator("#con-thieu");
        await Assertions.Expect(gaps.Locator("h3")).ToHaveTextAsync("Còn thiếu trước khi công bố");
        await Assertions.Expect(gaps).ToContainTextAsync("1/2 đơn vị chưa hoàn thành thẩm định; 41 chỉ số của các đơn vị đã hoàn thành chưa được chấp nhận; 2 điểm minh chứng cần xem lại");
        await Assertions.Expect(gaps.Locator("tr[data-gap='SO-A'] td")).ToHaveTextAsync(["Đã hoàn thành thẩm định", "41", "0"]);
        await Assertions.Expect(gaps.Locator("tr[data-gap='SO-B'] td")).ToHaveTextAsync(["Đang kê khai", "41", "2"]);
        await gaps.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(evaluator, "publish-gaps");

        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Xác nhận công bố lần 1" }).ClickAsync();
        await evaluator.WaitForURLAsync($"**/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo/1");
        var next = evaluator.Locator("#cong-bo-tiep-theo");
        await Assertions.Expect(next.Locator("h2")).ToHaveTextAsync("Công bố có nghĩa là gì, ai làm gì tiếp theo");
        await Assertions.Expect(next.Locator("li")).ToHaveCountAsync(3);
        await Assertions.Expect(next.GetByRole(AriaRole.Link, new() { Name = "Phúc khảo" })).ToHaveAttributeAsync("href", $"/ky-danh-gia/{Factory.OpenPeriodId}/phuc-khao");
        await ScreenshotAsync(evaluator, "publish-next");
    }

    [Fact]
    public async Task Reporter_TypingAFigureThatBreaksAWarningCheck_IsToldBesideTheField_AndOnTheForm()
    {
        var reporter = await SignInAsync("reporter.so-a");
        await reporter.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai");

        // Sở A has 40 công chức and 60 viên chức: 150 people equipped with a computer is more than all of them.
        var field = reporter.Locator("#in-3\\.1-a");
        await field.FillAsync("150");
        await field.BlurAsync();
        await Assertions.Expect(reporter.Locator("#st-in-3\\.1-a")).ToContainTextAsync("nhưng số liệu cho 150 ≤ 40 + 60");

        await reporter.ReloadAsync();
        var checks = reporter.Locator("#kiem-tra-so-lieu");
        await Assertions.Expect(checks.Locator("h2")).ToHaveTextAsync("Số liệu cần xem lại (1)");
        await Assertions.Expect(checks.Locator("li[data-input-check='3.1']")).ToContainTextAsync("“a = Số lượng CBCC, VC của sở, ban, ngành được trang bị máy tính");
        await Assertions.Expect(reporter.Locator("#kiem-tra-minh-chung-title")).ToContainTextAsync("Minh chứng cần xem lại");
        await checks.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(reporter, "form-checks");
    }

    private static MultipartFormDataContent EvidenceUpload(string indicator, string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent { { new StringContent(indicator), "indicator" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }
}
