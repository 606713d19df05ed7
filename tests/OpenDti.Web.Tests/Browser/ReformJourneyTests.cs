using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// The two-level reform recorded in the browser (issue 17 point 1): an administrator moves a commune under the province
/// and merges two communes, each first previewed (the events, the periods concerned) then confirmed; the unit's page
/// shows the move in its history; the merged commune's scorecard reads its 2024 line from the communes it absorbed.
/// </summary>
public sealed class ReformJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_MovesACommune_AndMergesTwo_AndTheMergedCommunesTrendSaysWhereItCameFrom()
    {
        int past;
        using (var api = await Factory.ClientAsync("admin"))
        {
            foreach (var unit in new object[]
            {
                new { code = "HUYEN-AB", name = "Huyện An Bình", level = "district", parentCode = "TINH" },
                new { code = "XA-A", name = "Xã An", level = "commune", parentCode = "HUYEN-AB" },
                new { code = "XA-B", name = "Xã Bình", level = "commune", parentCode = "HUYEN-AB" },
            })
            {
                var created = await api.PostAsJsonAsync("/api/units", unit, Cancel);
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Cancel));
            }
        }

        using (var api = await Factory.ClientAsync("evaluator"))
        {
            var period = await api.PostAsJsonAsync("/api/periods", new { frameworkCode = "dti-commune-2025", year = 2024, name = "Kỳ xã năm 2024", opensOn = "2024-11-01", closesOn = "2099-12-31", unitCodes = new[] { "XA-A", "XA-B" } }, Cancel);
            Assert.True(period.IsSuccessStatusCode, await period.Content.ReadAsStringAsync(Cancel));
            past = (await period.Content.ReadFromJsonAsync<IdBody>(Cancel))!.Id;
            Assert.True((await api.PutAsJsonAsync($"/api/periods/{past}/status", new { status = "open" }, Cancel)).IsSuccessStatusCode);
            foreach (var (unit, reached) in new[] { ("XA-A", "500"), ("XA-B", "1000") })
            {
                var saved = await api.PutAsJsonAsync(
                    $"/api/periods/{past}/units/{unit}/values",
                    new[] { new { indicator = "1.1", input = "a", value = reached }, new { indicator = "1.1", input = "b", value = "1000" } },
                    Cancel);
                Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
            }

            Assert.True((await api.PutAsJsonAsync($"/api/periods/{past}/status", new { status = "closed" }, Cancel)).IsSuccessStatusCode);
        }

        var page = await SignInAsync("admin");

        // The move: previewed (the old and new parent, the 2024 period that keeps the commune as it was), then confirmed.
        await page.GotoAsync("/quan-tri/don-vi/XA-A");
        var move = page.Locator("form.move-form");
        await move.Locator("#move-to").SelectOptionAsync(new SelectOptionValue { Value = "TINH" });
        await move.Locator("#move-day").FillAsync("01/07/2025");
        await move.Locator("#move-note").FillAsync("Nghị quyết số 1678/NQ-UBTVQH15");
        await move.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        var movePreview = page.Locator("form.move-form .change-preview");
        await Assertions.Expect(movePreview.Locator("tbody tr")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("01/07/2025.*XA-A — Xã An.*Chuyển về trực thuộc.*HUYEN-AB → TINH", System.Text.RegularExpressions.RegexOptions.Singleline)]);
        await Assertions.Expect(movePreview.Locator(".preview-periods li")).ToHaveTextAsync(["Kỳ xã năm 2024 (2024, đã đóng): XA-A"]);
        await Assertions.Expect(page.Locator("#history + .table-wrap tbody tr")).ToHaveCountAsync(1);
        await page.Locator("form.move-form").GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Chuyển trực thuộc" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Đã chuyển XA-A về trực thuộc TINH từ ngày 01/07/2025.");
        var moved = page.Locator("#history + .table-wrap tbody tr").Nth(1);
        await Assertions.Expect(moved.Locator("td").Nth(0)).ToHaveTextAsync("01/07/2025");
        await Assertions.Expect(moved.Locator("td").Nth(1)).ToHaveTextAsync("Chuyển về trực thuộc");
        await Assertions.Expect(moved.Locator("td").Nth(2)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("HUYEN-AB\\s*→\\s*TINH"));
        await Assertions.Expect(moved.Locator("td").Nth(3)).ToHaveTextAsync("Nghị quyết số 1678/NQ-UBTVQH15");
        await page.Locator("#history").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "unit-history");

        // The merger: previewed (both communes merged into the new one under the province), then confirmed.
        await page.GotoAsync("/quan-tri/don-vi");
        var merge = page.Locator("form.merge-form");
        await merge.Locator("#MergeSources").FillAsync("XA-A, XA-B");
        await merge.Locator("#MergeCode").FillAsync("XA-AN-BINH");
        await merge.Locator("#MergeName").FillAsync("Xã An Bình");
        await merge.Locator("#MergeOn").FillAsync("01/07/2025");
        await merge.Locator("#MergeNote").FillAsync("Nghị quyết số 1678/NQ-UBTVQH15");
        await merge.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        var mergePreview = page.Locator("form.merge-form .change-preview");
        await Assertions.Expect(mergePreview.Locator("tbody tr td:nth-child(3)")).ToHaveTextAsync(["Thành lập", "Sáp nhập vào", "Sáp nhập vào"]);
        await Assertions.Expect(mergePreview.Locator("tbody tr").Nth(1)).ToContainTextAsync("XA-AN-BINH");
        await Assertions.Expect(mergePreview.Locator(".preview-periods li")).ToHaveTextAsync(["Kỳ xã năm 2024 (2024, đã đóng): XA-A, XA-B"]);
        await mergePreview.EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        await ScreenshotAsync(page, "unit-merge");
        await page.Locator("form.merge-form").GetByRole(AriaRole.Button, new() { Name = "Xác nhận: Sáp nhập đơn vị" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("XA-AN-BINH");

        int current;
        using (var api = await Factory.ClientAsync("evaluator"))
        {
            var period = await api.PostAsJsonAsync("/api/periods", new { frameworkCode = "dti-commune-2025", year = 2025, name = "Kỳ xã năm 2025", opensOn = "2025-11-01", closesOn = "2099-12-31", unitCodes = new[] { "XA-AN-BINH" } }, Cancel);
            Assert.True(period.IsSuccessStatusCode, await period.Content.ReadAsStringAsync(Cancel));
            current = (await period.Content.ReadFromJsonAsync<IdBody>(Cancel))!.Id;
        }

        await page.GotoAsync($"/ky-danh-gia/{current}/don-vi/XA-AN-BINH");
        await Assertions.Expect(page.Locator("#trends-table [data-merged-from='2024']")).ToContainTextAsync("gộp từ Xã An (5,00), Xã Bình (10,00): trung bình cộng các chỉ số chính");

        // The period's merger rule, chosen on the period admin page: said in a sentence, saved, audited.
        await page.GotoAsync("/quan-tri/ky-danh-gia");
        var rules = page.Locator("section[aria-labelledby='merger-rule']");
        await Assertions.Expect(rules.Locator("dl.merger-rules dt")).ToHaveTextAsync(["Trung bình cộng", "Bình quân theo dân số"]);
        await rules.Locator($"#merger-rule-{current}").SelectOptionAsync(new SelectOptionValue { Value = "Population" });
        await rules.Locator($"#merger-rule-{current}").EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        await ScreenshotAsync(page, "period-merger-rule");
        await rules.Locator($"#merger-rule-{current} + button").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Kỳ xã năm 2025: cách tính kết quả trước sáp nhập là Bình quân theo dân số.");
        await Assertions.Expect(page.Locator($"#merger-rule-{current}")).ToHaveValueAsync("Population");
    }

    private sealed record IdBody(int Id);
}
