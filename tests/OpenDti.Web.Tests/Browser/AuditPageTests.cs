using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>An administrator reads the audit in a browser: finds a change by kind, checks the chain, on a screen and a phone.</summary>
public sealed class AuditPageTests : BrowserTest
{
    [Fact]
    public async Task Administrator_FindsAProfileChange_AndChecksTheChain()
    {
        using (var admin = await Factory.ClientAsync("admin"))
        {
            var changed = await admin.PutAsync(
                "/api/units/SO-A/profile/2024?reason=" + Uri.EscapeDataString("Quyết định giao biên chế số 15"),
                System.Net.Http.Json.JsonContent.Create(new Dictionary<string, decimal> { ["civil_servants"] = 42 }),
                Cancel);
            Assert.True(changed.IsSuccessStatusCode);
        }

        var page = await SignInAsync("admin");
        await page.GotoAsync("/quan-tri");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhật ký thay đổi" }).ClickAsync();
        await page.GetByLabel("Loại thay đổi").SelectOptionAsync(new SelectOptionValue { Label = "Thông tin chung" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();

        var row = page.Locator("table.audit tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("Quyết định giao biên chế số 15");
        await Assertions.Expect(row).ToContainTextAsync("civil_servants");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra chuỗi băm" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nhật ký nguyên vẹn");
        await ScreenshotAsync(page, "admin-audit");

        var phone = await SignInAsync("admin", Phone);
        await phone.GotoAsync("/quan-tri/nhat-ky?kind=profile");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the audit page is {width} px wide on a {Phone.Width} px phone");
    }
}
