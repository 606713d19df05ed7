using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// The steps of the users' guide (docs/huong-dan/) that no other browser test pictures: a unit's leader approving
/// the submission, and an administrator opening the account form.
/// </summary>
public sealed class GuideScreenshotTests : BrowserTest
{
    [Fact]
    public async Task TheLeader_ApprovesTheSentSubmission_AndTheFormSaysWhoActsNext()
    {
        using (var reporter = await Factory.ClientAsync("reporter.so-a"))
        {
            var saved = await reporter.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", new[] { new { indicator = "1.1", input = "truong_ban", value = "cap_pho" } }, Cancel);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
            using var submitted = await reporter.PostAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/submit", null, Cancel);
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync(Cancel));
        }

        var leader = await SignInAsync("leader.so-a");
        await leader.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai");
        await Assertions.Expect(leader.Locator("[data-submission-state]")).ToHaveAttributeAsync("data-submission-state", "Submitted");
        var approve = leader.Locator("button[data-step='Approve']");
        await approve.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(leader, "leader-approve");

        await approve.ClickAsync();
        if (await leader.Locator("[data-confirm-go]").CountAsync() > 0)
        {
            await leader.Locator("[data-confirm-go]").ClickAsync();
        }

        await Assertions.Expect(leader.Locator("[data-step-done]")).ToContainTextAsync("Đã phê duyệt hồ sơ. Hồ sơ chờ cơ quan thẩm định bắt đầu thẩm định.");
        await Assertions.Expect(leader.Locator("[data-submission-state]")).ToHaveAttributeAsync("data-submission-state", "Approved");
    }

    [Fact]
    public async Task TheAdministrator_OpensTheAccountForm_WithNoRoleChosenYet()
    {
        var admin = await SignInAsync("admin");
        await admin.GotoAsync("/quan-tri/tai-khoan");
        await Assertions.Expect(admin.Locator("table", new() { HasText = "reporter.so-a" }).First).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("th", new() { HasText = "Đăng nhập lần cuối" })).ToBeVisibleAsync();
        await admin.Locator("#account-create-box > summary").ClickAsync();
        await Assertions.Expect(admin.Locator("#Role")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#Role")).ToHaveValueAsync("");
        await admin.Locator("#UserName").FillAsync("nguyen.van.a");
        await admin.Locator("#DisplayName").FillAsync("Nguyễn Văn A");
        await ScreenshotAsync(admin, "admin-accounts");
    }
}
