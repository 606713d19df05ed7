using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// An administrator edits a built-in framework in the browser: opens an indicator from the framework's
/// tree, is told beside the rule what is wrong with it without losing what was typed, renames the
/// indicator, previews the differences and saves a new version.
/// </summary>
public sealed class FrameworkEditJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_RenamesAnIndicator_SeesTheDifferences_AndSavesANewVersion()
    {
        var page = await SignInAsync("admin");
        await page.GotoAsync("/quan-tri/bo-chi-so/dti-department-2022");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa bộ chỉ số (tạo phiên bản mới)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sửa bộ chỉ số dti-department-2022");

        await page.Locator("tr[data-code='1.1']").GetByRole(AriaRole.Button, new() { Name = "Sửa", Exact = true }).ClickAsync();
        var rule = page.Locator("#Form_Rule");
        var original = await rule.InputValueAsync();
        await page.Locator("#Form_Name").FillAsync("Người đứng đầu là Trưởng Ban Chỉ đạo chuyển đổi số");
        await rule.FillAsync("choice(");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật vào bản nháp" }).ClickAsync();

        await Assertions.Expect(page.Locator("#Form_Rule-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#Form_Name")).ToHaveValueAsync("Người đứng đầu là Trưởng Ban Chỉ đạo chuyển đổi số");
        await Assertions.Expect(rule).ToHaveValueAsync("choice(");

        await rule.FillAsync(original);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật vào bản nháp" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã cập nhật 1.1 vào bản nháp");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước thay đổi" }).ClickAsync();
        await Assertions.Expect(page.Locator("#VersionCode")).ToHaveValueAsync("dti-department-2022-v2");
        var renamed = page.Locator("table.diff tr.change-renamed");
        await Assertions.Expect(renamed).ToContainTextAsync("1.1");
        await Assertions.Expect(renamed).ToContainTextAsync("Người đứng đầu là Trưởng Ban Chỉ đạo chuyển đổi số");
        await ScreenshotAsync(page, "framework-edit");

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu phiên bản mới" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/quan-tri/bo-chi-so/dti-department-2022-v2", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu phiên bản mới dti-department-2022-v2");
        await Assertions.Expect(page.Locator("table.tree")).ToContainTextAsync("Người đứng đầu là Trưởng Ban Chỉ đạo chuyển đổi số");
    }
}
