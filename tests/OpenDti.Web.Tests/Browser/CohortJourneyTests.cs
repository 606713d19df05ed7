using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// An open period's cohort changed from the period list: the picker ticks a unit in and one out; the unit that
/// reported is removed only after a confirmation naming what it reported, and the ranking follows.
/// </summary>
public sealed class CohortJourneyTests : BrowserTest
{
    [Fact]
    public async Task AnEvaluator_AddsAUnit_AndRemovesOneThatReported_AfterConfirming()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        var saved = await reporter.PutAsync(
            $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values",
            System.Net.Http.Json.JsonContent.Create(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }),
            Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var page = await SignInAsync("evaluator");
        await page.GotoAsync("/quan-tri/ky-danh-gia");
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm, bỏ đơn vị của kỳ Kỳ mở" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đơn vị của kỳ: Kỳ mở");

        var picker = page.Locator("#cohort");
        await Assertions.Expect(picker.Locator(".picker-filters")).ToBeVisibleAsync();
        await picker.Locator("select[data-picker-level]").SelectOptionAsync("Department");
        await Assertions.Expect(picker.Locator("[data-picker-count]")).ToHaveTextAsync("Đang hiện 3 trong 4 đơn vị; đã chọn 2.");
        await picker.GetByLabel("SO-C Sở C").CheckAsync();
        await picker.GetByLabel("SO-A Sở A").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách đơn vị" }).ClickAsync();

        // SO-A reported: the page asks first, at the top, naming its value.
        var confirm = page.Locator("#cohort-confirm");
        await Assertions.Expect(confirm.GetByRole(AriaRole.Alert)).ToContainTextAsync("SO-A — Sở A: 1 số liệu, 0 tài liệu kiểm chứng");
        await Assertions.Expect(picker.GetByLabel("SO-C Sở C")).ToBeCheckedAsync();
        await Assertions.Expect(picker.GetByLabel("SO-A Sở A")).Not.ToBeCheckedAsync();
        await ScreenshotAsync(page, "period-cohort");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Xác nhận bỏ các đơn vị này" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("thêm 1, bỏ 1; kỳ có 2 đơn vị");

        using var api = await Factory.ClientAsync("evaluator");
        var results = JsonDocument.Parse(await api.GetStringAsync($"/api/periods/{Factory.OpenPeriodId}/results", Cancel)).RootElement;
        Assert.Equal(["SO-B", "SO-C"], results.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitCode").GetString()).Order());
    }
}
