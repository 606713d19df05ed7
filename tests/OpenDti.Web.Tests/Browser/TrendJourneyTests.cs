using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Trends over the years and sensitivity (issue 15 points 4 and 5): with a 2023 period before the open 2024
/// one, an evaluator reads the ranking's lines, adds a unit to them, and reads a unit's line and its sensitivity
/// to the cohort on its scorecard; the unit's own reporter reads the same on its scorecard.
/// </summary>
public sealed class TrendJourneyTests : BrowserTest
{
    [Fact]
    public async Task Evaluator_ReadsTheRankingsLines_AndAScorecardsTrendAndSensitivity()
    {
        using (var api = await Factory.ClientAsync("evaluator"))
        {
            var created = await api.PostAsJsonAsync("/api/periods", new { frameworkCode = "dti-department-2022", year = 2023, name = "Kỳ năm 2023", opensOn = "2023-11-01", closesOn = "2099-12-31", unitCodes = new[] { "SO-A", "SO-B" } }, Cancel);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Cancel));
            // Open for entry until far ahead: values are entered before the period is closed below.
            var past = (await created.Content.ReadFromJsonAsync<IdBody>(Cancel))!.Id;
            Assert.True((await api.PutAsJsonAsync($"/api/periods/{past}/status", new { status = "open" }, Cancel)).IsSuccessStatusCode);
            foreach (var (period, unit, systems, secured) in new[] { (past, "SO-A", "2", "1"), (past, "SO-B", "6", "5"), (Factory.OpenPeriodId, "SO-A", "8", "3"), (Factory.OpenPeriodId, "SO-B", "4", "4") })
            {
                var saved = await api.PutAsJsonAsync(
                    $"/api/periods/{period}/units/{unit}/values",
                    new[] { new { indicator = "5.1", input = "a", value = systems }, new { indicator = "5.8", input = "a", value = secured } },
                    Cancel);
                Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
            }

            Assert.True((await api.PutAsJsonAsync($"/api/periods/{past}/status", new { status = "closed" }, Cancel)).IsSuccessStatusCode);
        }

        var page = await SignInAsync("evaluator");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        var trends = page.Locator("#period-trends");
        await trends.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(trends.Locator("h2")).ToHaveTextAsync("Xu hướng qua các năm");
        await Assertions.Expect(trends.Locator("svg.line-chart g[data-line]")).ToHaveCountAsync(2);
        await Assertions.Expect(trends.Locator("#period-trends-table thead th[data-year]")).ToHaveTextAsync(["2023", "2024"]);
        await Assertions.Expect(trends.Locator("#period-trends-table tr[data-unit='SO-A'] td")).ToHaveCountAsync(2);
        await page.Locator("#trend-unit").SelectOptionAsync(new SelectOptionValue { Value = "SO-B" });
        await trends.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator("#period-trends svg.line-chart g.emphasis")).ToHaveAttributeAsync("data-line", "Sở B");
        await page.Locator("#period-trends").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "trends-ranking");

        await page.Locator("#period-trends-table tr[data-unit='SO-A'] a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sở A");
        var card = page.Locator("#trends");
        await Assertions.Expect(card.Locator("svg.line-chart")).ToHaveCountAsync(2);
        await Assertions.Expect(card.Locator("#trends-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(card.Locator("#trends-table tr[data-year='2024'] td").Nth(2)).ToHaveTextAsync("1/2");
        var sensitivity = page.Locator("#sensitivity table[data-indicator='5.1'][data-figure='max']");
        await Assertions.Expect(sensitivity).ToBeVisibleAsync();
        await Assertions.Expect(sensitivity.Locator("td.current")).ToHaveCountAsync(2);
        await Assertions.Expect(sensitivity.Locator("caption")).ToContainTextAsync("giá trị cao nhất của nhóm hiện là 8 (SO-A)");
        await card.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "trends-scorecard");

        var reporter = await SignInAsync("reporter.so-b");
        await reporter.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-B");
        await Assertions.Expect(reporter.Locator("#trends-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(reporter.Locator("#sensitivity table[data-indicator='5.8']")).ToHaveCountAsync(2);
    }

    private sealed record IdBody(int Id);
}
