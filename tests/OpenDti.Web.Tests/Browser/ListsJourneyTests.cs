using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Issue 16's lists and charts in a real browser: the cohort picker (search without accents, filter by
/// level, "chọn tất cả đang lọc", the period created with what is ticked), and the heat map (one legend, a
/// unit that reported nothing drawn hatched grey rather than red, unit names that do not overlap).
/// </summary>
public sealed class ListsJourneyTests : BrowserTest
{
    [Fact]
    public async Task CohortPicker_FindsAndTicksTheUnitsShown_AndThePeriodHasThem()
    {
        var page = await SignInAsync("admin");
        await page.GotoAsync("/quan-tri/ky-danh-gia");
        var picker = page.Locator("#cohort");
        await Assertions.Expect(picker.Locator(".picker-filters")).ToBeVisibleAsync();

        // "so b" finds "Sở B": accents are optional.
        await picker.GetByLabel("Tìm đơn vị (mã, tên; không cần dấu)").FillAsync("so b");
        await Assertions.Expect(picker.Locator("li:visible")).ToHaveCountAsync(1);
        await picker.GetByRole(AriaRole.Button, new() { Name = "Chọn tất cả đang lọc", Exact = true }).ClickAsync();
        await picker.GetByLabel("Tìm đơn vị (mã, tên; không cần dấu)").FillAsync(string.Empty);
        await picker.Locator("select[data-picker-level]").SelectOptionAsync("Department");
        await Assertions.Expect(picker.Locator("li:visible")).ToHaveCountAsync(3);
        await Assertions.Expect(picker.Locator("[data-picker-count]")).ToHaveTextAsync("Đang hiện 3 trong 4 đơn vị; đã chọn 1.");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Chọn tất cả đang lọc", Exact = true }).ClickAsync();
        await picker.GetByLabel("SO-C Sở C").UncheckAsync();
        await Assertions.Expect(picker.Locator("[data-picker-count]")).ToHaveTextAsync("Đang hiện 3 trong 4 đơn vị; đã chọn 2.");
        await picker.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "cohort-picker");

        await page.Locator("#Year").FillAsync("2026");
        await page.Locator("#Name").FillAsync("Kỳ chọn bằng bộ chọn");
        await page.Locator("#OpensOn").FillAsync("15012027");
        await page.Locator("#ClosesOn").FillAsync("15/3/2027");
        await page.Locator("#ClosesOn").BlurAsync();
        await Assertions.Expect(page.Locator("#OpensOn")).ToHaveValueAsync("15/01/2027");
        await Assertions.Expect(page.Locator("#ClosesOn")).ToHaveValueAsync("15/03/2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo kỳ đánh giá" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Danh sách kỳ đánh giá" }).GetByRole(AriaRole.Table)).ToContainTextAsync("Kỳ chọn bằng bộ chọn");

        using var api = await Factory.ClientAsync("admin");
        var periods = JsonDocument.Parse(await api.GetStringAsync("/api/periods", Cancel)).RootElement;
        var created = periods.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Kỳ chọn bằng bộ chọn");
        Assert.Equal(2, created.GetProperty("unitCount").GetInt32());
    }

    [Fact]
    public async Task HeatMap_HasOneLegend_DrawsAnUnreportedUnitHatched_AndItsNamesDoNotOverlap()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        var saved = await reporter.PutAsync(
            $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values",
            JsonContentOf(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }),
            Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        foreach (var viewport in new[] { Office, Phone })
        {
            var page = await SignInAsync("evaluator", viewport);
            await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
            var heat = page.Locator("#chart-heatmap svg");
            await Assertions.Expect(heat).ToBeVisibleAsync();

            // One legend, the page's own: ECharts draws none, and the page's says what grey means.
            await Assertions.Expect(page.Locator(".heat-legend")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#heat-legend")).ToContainTextAsync("Chưa báo cáo");
            Assert.Equal(0, await heat.Locator("text", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^(0|100) ?%$") }).CountAsync());

            // SO-B reported nothing: its cells are a pattern (hatched), not a colour of the scale.
            Assert.True(await heat.Locator("pattern").CountAsync() > 0, "the unreported unit's cells are hatched");

            // No two pieces of text of the chart overlap (unit names, indicator codes, cell figures).
            var overlaps = await page.EvaluateAsync<string[]>(
                """
                () => {
                  const boxes = Array.from(document.querySelectorAll('#chart-heatmap svg text'))
                    .filter(t => t.textContent.trim() !== '')
                    .map(t => ({ text: t.textContent, box: t.getBoundingClientRect() }));
                  const found = [];
                  for (let i = 0; i < boxes.length; i++) {
                    for (let j = i + 1; j < boxes.length; j++) {
                      const a = boxes[i].box, b = boxes[j].box;
                      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                      if (x > 1 && y > 1) { found.push(boxes[i].text + ' / ' + boxes[j].text); }
                    }
                  }
                  return found;
                }
                """);
            Assert.True(overlaps.Length == 0, $"on a {viewport.Width} px screen: " + string.Join(", ", overlaps.Take(5)));
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= viewport.Width, $"the period page is {width} px wide on a {viewport.Width} px screen");
            if (viewport == Office)
            {
                await page.Locator("#chart-heatmap").ScrollIntoViewIfNeededAsync();
                await ScreenshotAsync(page, "heat-map");
            }

            await page.Context.CloseAsync();
        }
    }

    private static StringContent JsonContentOf(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
