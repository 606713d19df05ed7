using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// A unit's reporter opens the what-if from the scorecard, answers "Có" for 2.1 and sees its points, the total and
/// the rank move at once; mistypes a number and finds the problem at the field; tries a gain of the cheapest points
/// list; and nothing of it is saved.
/// </summary>
public sealed class WhatIfJourneyTests : BrowserTest
{
    [Fact]
    public async Task Reporter_TriesValues_SeesPointsTotalAndRankMove_AndNothingIsSaved()
    {
        var page = await SignInAsync("reporter.so-a");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A");
        await page.GetByRole(AriaRole.Link, new() { Name = "Giả định và điểm dễ đạt nhất" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Giả định: Sở A");
        await Assertions.Expect(page.Locator("h1 .badge.not-saved")).ToHaveTextAsync("không lưu");
        var totalBefore = await page.Locator("[data-wi-total]").TextContentAsync();

        // 2.1 "Đã ban hành": Có. Its points, the total and the rank move, with nothing saved.
        await page.Locator("select[data-indicator='2.1'][data-input='da_ban_hanh']").SelectOptionAsync(new SelectOptionValue { Value = "có" });
        var row = page.Locator("tr[data-wi-node='2.1']");
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("changed"));
        var points = await row.Locator("[data-wi-after]").TextContentAsync();
        Assert.NotEqual("0,00", points);
        await Assertions.Expect(row.Locator("[data-wi-diff]")).ToHaveTextAsync($"(+{points})");
        await Assertions.Expect(page.Locator("[data-wi-total]")).Not.ToHaveTextAsync(totalBefore!);
        await Assertions.Expect(page.Locator("[data-wi-total-diff]")).ToHaveTextAsync($"(+{points})");
        await Assertions.Expect(page.Locator(".what-if-summary [data-wi-rank]")).ToHaveTextAsync("1");

        // A number that is not one: the problem is said at the field, and the figures stay as they were.
        var number = page.Locator("input[type=text][data-input]").First;
        await number.FillAsync("mười hai");
        var field = page.Locator(".field.invalid");
        await Assertions.Expect(field).ToHaveCountAsync(1);
        await Assertions.Expect(field.Locator(".field-error")).ToContainTextAsync("mười hai");
        await Assertions.Expect(number).ToHaveAttributeAsync("aria-invalid", "true");
        await number.FillAsync(await number.GetAttributeAsync("data-original") ?? string.Empty);
        await Assertions.Expect(page.Locator(".field.invalid")).ToHaveCountAsync(0);

        // The first gain of the cheapest points list, tried: its points show in the total.
        var gain = page.Locator("table.gains tbody tr").First;
        var gained = (await gain.Locator("td.num").First.TextContentAsync())!.TrimStart('+');
        await page.GetByRole(AriaRole.Button, new() { Name = "Đặt lại như đã kê khai" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-wi-total]")).ToHaveTextAsync(totalBefore!);
        await gain.GetByRole(AriaRole.Button, new() { Name = "Thử" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-wi-total-diff]")).ToHaveTextAsync($"(+{gained})");
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "what-if");

        // Nothing was saved: SO-A's values are as they were, and the scorecard's total too.
        using var api = await Factory.ClientAsync("evaluator");
        var values = await api.GetFromJsonAsync<JsonElement>($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel);
        Assert.DoesNotContain(values.EnumerateArray(), v => v.GetProperty("indicator").GetString() == "2.1" && v.GetProperty("input").GetString() == "da_ban_hanh" && v.GetProperty("value").GetString() == "có");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A/gia-dinh");
        await Assertions.Expect(page.Locator("[data-wi-total]")).ToHaveTextAsync(totalBefore!);
    }
}
