using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// An evaluator assigns a lead unit and a deadline to two indicators at once on the plan page, mistypes a
/// deadline in a row's editor and finds the error at the field with what was typed kept; a viewer reads the
/// plan without a way to change it.
/// </summary>
public sealed class PlanJourneyTests : BrowserTest
{
    [Fact]
    public async Task Evaluator_BulkAssignsTwoIndicators_FixesAMistypedDeadline_AndAViewerReadsThePlan()
    {
        // Last year's results of a first year on OpenDti: 1.1 at full points (maintain), 1.2 at 5 of 20 (push).
        using (var api = await Factory.ClientAsync("evaluator"))
        {
            var baseline = await api.PutAsync(
                $"/api/periods/{Factory.OpenPeriodId}/baseline",
                new StringContent("unit,indicator,points,measure\nSO-A,1.1,20,Có\nSO-A,1.2,5,\n", System.Text.Encoding.UTF8, "text/csv"),
                Cancel);
            Assert.True(baseline.IsSuccessStatusCode);
        }

        var page = await SignInAsync("evaluator");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        await page.Locator("#plan-link").ClickAsync();
        await page.Locator(".plan-members a", new() { HasText = "Sở A" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sở A");

        await page.GetByLabel("Chọn chỉ tiêu 1.1", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Chọn chỉ tiêu 1.2", new() { Exact = true }).CheckAsync();
        await page.Locator("#Bulk_LeadUnit").SelectOptionAsync(new SelectOptionValue { Value = "SO-B" });
        await page.Locator("#Bulk_Deadline").FillAsync("31/12/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Phân công các chỉ tiêu đã chọn" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã phân công 2 chỉ tiêu");
        foreach (var code in new[] { "1.1", "1.2" })
        {
            var row = page.Locator($"tr[data-indicator='{code}']");
            await Assertions.Expect(row.Locator("td.lead-unit")).ToContainTextAsync("Sở B");
            await Assertions.Expect(row.Locator("td.deadline")).ToHaveTextAsync("31/12/2026");
        }

        await Assertions.Expect(page.Locator("tr[data-indicator='1.3'] td.lead-unit")).ToHaveTextAsync(string.Empty);
        await Assertions.Expect(page.Locator("tr[data-indicator='1.1'] td.classification")).ToContainTextAsync("Duy trì");
        await Assertions.Expect(page.Locator("tr[data-indicator='1.2'] td.classification")).ToContainTextAsync("mất 15,00 điểm");

        // A day that does not exist: the editor comes back with the error at the field, focused, and what was typed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa dòng 1.3" }).ClickAsync();
        await page.Locator("#Row_Target").FillAsync("Đạt 20 điểm");
        await page.Locator("#Row_Deadline").FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#Row_Deadline-error")).ToContainTextAsync("31/02/2026");
        await Assertions.Expect(page.Locator("#Row_Deadline")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#Row_Target")).ToHaveValueAsync("Đạt 20 điểm");
        await page.Locator("#Row_Deadline").FillAsync("Hàng năm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu dòng 1.3");
        await Assertions.Expect(page.Locator("tr[data-indicator='1.3'] td.deadline")).ToHaveTextAsync("Hàng năm");

        // The filter by lead unit finds the two rows.
        await page.Locator("#lead").SelectOptionAsync(new SelectOptionValue { Value = "SO-B" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("table.plan tbody tr[data-indicator]")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bỏ lọc" }).ClickAsync();
        await page.Locator("tr[data-indicator='1.1']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "plan");

        var viewer = await SignInAsync("viewer");
        await viewer.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach?unit=SO-A");
        await Assertions.Expect(viewer.Locator("tr[data-indicator='1.2'] td.lead-unit")).ToContainTextAsync("Sở B");
        await Assertions.Expect(viewer.Locator("tr[data-indicator='1.3'] td.deadline")).ToHaveTextAsync("Hàng năm");
        await Assertions.Expect(viewer.Locator("#plan-read-only")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("form#bulk")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Sửa dòng 1.1" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("input[type=checkbox]")).ToHaveCountAsync(0);
    }
}
