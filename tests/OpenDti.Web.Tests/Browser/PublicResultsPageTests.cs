using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>Someone without an account finds the public results from the sign-in page and reads the ranking and a scorecard.</summary>
public sealed class PublicResultsPageTests : BrowserTest
{
    [Fact]
    public async Task SignedOut_OpensThePublicResults_AndSeesTheRankingChartsAndAScorecard()
    {
        using (var evaluator = await Factory.ClientAsync("evaluator"))
        {
            var saved = await evaluator.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/values", new object[]
            {
                new { unit = "SO-A", indicator = "2.1", input = "da_ban_hanh", value = "có" },
                new { unit = "SO-A", indicator = "3.2", input = "a", value = "90" },
                new { unit = "SO-A", indicator = "3.2", input = "b", value = "100" },
                new { unit = "SO-B", indicator = "3.2", input = "a", value = "40" },
                new { unit = "SO-B", indicator = "3.2", input = "b", value = "100" },
            }, Cancel);
            Assert.True(saved.IsSuccessStatusCode);
            using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Factory.Services))
            {
                var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.OpenDtiDbContext>(scope.ServiceProvider);
                foreach (var unit in db.Units.Where(u => u.Code == "SO-A" || u.Code == "SO-B").ToList())
                {
                    db.Submissions.Add(new Data.Review.Submission { PeriodId = Factory.OpenPeriodId, UnitId = unit.Id, UpdatedBy = "test", State = Core.Review.SubmissionState.Finalised, Round = 1 });
                }

                await db.SaveChangesAsync(Cancel);
            }

            Assert.Equal(System.Net.HttpStatusCode.Created, (await WebAppTestPublish(evaluator)).StatusCode);
            Assert.True((await evaluator.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/public", new { @public = true }, Cancel)).IsSuccessStatusCode);
        }

        var page = await SignedOutAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Xem kết quả công khai (không cần đăng nhập)" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kỳ mở" }).ClickAsync();

        var rows = page.Locator("#public-ranking tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("Sở A");
        await Assertions.Expect(page.Locator("#chart-histogram svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-heatmap svg")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "public-results");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sở B" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sở B");
        await Assertions.Expect(page.Locator("table.scorecard")).ToContainTextAsync("Tỷ lệ");
        await Assertions.Expect(page.Locator("table.scorecard thead")).Not.ToContainTextAsync("Tài liệu kiểm chứng");
        Assert.DoesNotContain("/dang-nhap", page.Url, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> WebAppTestPublish(HttpClient client)
    {
        var preview = await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/publish/preview", Cancel);
        var confirmation = System.Text.Json.JsonDocument.Parse(await preview.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("confirmation").GetString();
        return await client.PostAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/publish", new { reason = (string?)null, confirmation }, Cancel);
    }
}
