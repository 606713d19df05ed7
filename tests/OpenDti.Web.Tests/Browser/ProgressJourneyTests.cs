using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// A lead unit reports progress in a browser: Sở B, to which Sở A's plan assigns 2.1, finds the assignment on
/// its home page, reports the half-year's progress with a document; the province's progress page shows it
/// counted under Sở B, on a screen and on a phone.
/// </summary>
public sealed class ProgressJourneyTests : BrowserTest
{
    [Fact]
    public async Task ALeadUnitReportsProgress_AndTheProvincesPageShowsIt()
    {
        await ProgressMatrix.EnsurePlanAsync(Factory);

        var lead = await SignInAsync("reporter.so-b");
        var assignments = lead.Locator("table#assignments");
        await Assertions.Expect(assignments).ToContainTextAsync("2.1");
        await Assertions.Expect(assignments).ToContainTextAsync("Sở A");
        await assignments.GetByRole(AriaRole.Link, new() { Name = "Báo cáo tiến độ" }).ClickAsync();
        await lead.WaitForURLAsync("**/tien-do#row-*");

        var row = lead.Locator("article.progress-row");
        await row.GetByLabel("Kỳ báo cáo").First.SelectOptionAsync(new SelectOptionValue { Label = "6 tháng" });
        await row.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Hoàn thành" });
        await row.GetByLabel("Kết quả thực hiện (ngắn gọn)").FillAsync("Đã ban hành Kế hoạch chuyển đổi số năm 2024");
        await row.GetByRole(AriaRole.Button, new() { Name = "Báo cáo tiến độ" }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu báo cáo tiến độ.");

        var pdf = Path.Combine(Path.GetTempPath(), $"ke-hoach-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Testing.Evidence.SampleFiles.Pdf("ke hoach cds"), Cancel);
        try
        {
            await row.Locator("input[type=file]").SetInputFilesAsync(pdf);
            await row.GetByRole(AriaRole.Button, new() { Name = "Đính kèm" }).ClickAsync();
            await Assertions.Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đính kèm tài liệu");
        }
        finally
        {
            File.Delete(pdf);
        }

        var province = await SignInAsync("evaluator");
        await province.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/tien-do");
        var soB = province.Locator("table.progress-by-lead tr[data-lead='SO-B']");
        await Assertions.Expect(soB.Locator("td[data-status='done']")).ToHaveTextAsync("1");
        var report = province.Locator("article.progress-row li[data-term='HalfYear']");
        await Assertions.Expect(report).ToContainTextAsync("Hoàn thành");
        await Assertions.Expect(report).ToContainTextAsync("Đã ban hành Kế hoạch chuyển đổi số năm 2024");
        await Assertions.Expect(report.GetByRole(AriaRole.Link)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^ke-hoach-.*\\.pdf$"));
        await ScreenshotAsync(province, "progress-province", fullPage: true);

        var phone = await SignInAsync("viewer", Phone);
        await phone.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/tien-do");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the progress page is {width} px wide on a {Phone.Width} px phone");
    }
}
