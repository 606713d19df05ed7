using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDti.Core.Review;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Publishing in a real browser: the evaluator previews, reads first the unit that never sent its
/// submission and what it will get, confirms, and the published ranking shows that unit after the
/// finalised one, labelled "không gửi hồ sơ".
/// </summary>
public sealed class PublicationJourneyTests : BrowserTest
{
    [Fact]
    public async Task Evaluator_PreviewsTheUnitsThatDidNotSubmit_ConfirmsAndPublishes()
    {
        // Sở B reports its head of the steering committee (20 points) and never sends its submission;
        // Sở A reported nothing and was finalised.
        using (var api = await Factory.ClientAsync("reporter.so-b"))
        {
            var saved = await api.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/values", new[] { new { indicator = "1.1", input = "truong_ban", value = "nguoi_dung_dau" } }, Cancel);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
            var unitId = db.Units.Single(u => u.Code == "SO-A").Id;
            db.Submissions.Add(new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = SubmissionState.Finalised, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
            await db.SaveChangesAsync(Cancel);
        }

        var evaluator = await SignInAsync("evaluator");
        await evaluator.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo");
        await Assertions.Expect(evaluator.Locator("#unfinished-rule")).ToContainTextAsync("xếp sau mọi đơn vị đã hoàn thành thẩm định, điểm tính là 0");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Xem trước khi công bố" }).ClickAsync();

        await Assertions.Expect(evaluator.Locator("#preview-unfinished")).ToHaveTextAsync("Đơn vị không gửi hồ sơ (1)");
        var row = evaluator.Locator("tr[data-unfinished='SO-B']");
        await Assertions.Expect(row).ToContainTextAsync("không gửi hồ sơ");
        await Assertions.Expect(row.Locator("td")).ToHaveTextAsync(["Đang kê khai", "20,00", "0,00", "2"]);
        await Assertions.Expect(evaluator.Locator("table.ranking tbody tr").First).ToContainTextAsync("Sở A");
        await evaluator.Locator("#xem-truoc").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(evaluator, "publish-preview");

        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Xác nhận công bố lần 1" }).ClickAsync();
        await evaluator.WaitForURLAsync($"**/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo/1");
        await Assertions.Expect(evaluator.Locator("h1")).ToHaveTextAsync("Kết quả công bố lần 1");
        var published = evaluator.Locator("table.ranking tbody tr");
        await Assertions.Expect(published.Nth(0)).ToContainTextAsync("Sở A");
        await Assertions.Expect(published.Nth(1).Locator("td").First).ToHaveTextAsync("2");
        await Assertions.Expect(published.Nth(1).Locator("[data-not-submitted='SO-B']")).ToHaveTextAsync("không gửi hồ sơ");
        await Assertions.Expect(published.Nth(1).Locator("td.total")).ToHaveTextAsync("0,00");
    }
}
