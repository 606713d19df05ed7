using Microsoft.Playwright;
using OpenDti.Testing.Workbooks;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>A reporter downloads the form as a workbook, fills it in offline, uploads it, reads the preview and applies it.</summary>
public sealed class FormWorkbookJourneyTests : BrowserTest
{
    [Fact]
    public async Task Reporter_DownloadsTheWorkbook_ChangesACell_PreviewsAndApplies_AndSeesTheNewValue()
    {
        var page = await SignInAsync("reporter.so-a");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải biểu mẫu Excel" }).ClickAsync());
        Assert.StartsWith("Biểu mẫu kê khai SO-A", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        byte[] edited;
        using (var editor = new FormWorkbookEditor(await File.ReadAllBytesAsync(path, Cancel)))
        {
            // As in Excel: the yes/no from its drop-down, and the computers counted.
            editor.Set("2.1", "da_ban_hanh", "Có").Set("3.2", "a", 1234).Set("3.2", "b", 2000);
            edited = editor.Save();
        }

        await page.Locator("#workbook-file").SetInputFilesAsync(new FilePayload
        {
            Name = "bieu-mau-so-a.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = edited,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();

        var preview = page.Locator("[data-workbook-preview]");
        await Assertions.Expect(preview).ToContainTextAsync("3 thay đổi");
        await Assertions.Expect(preview.Locator("[data-change='3.2|a']")).ToContainTextAsync("1.234");
        await Assertions.Expect(preview.Locator("[data-change='2.1|da_ban_hanh']")).ToContainTextAsync("Có");
        await preview.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "form-workbook-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng" }).ClickAsync();
        await page.WaitForURLAsync("**workbook=applied*");

        await Assertions.Expect(page.Locator("[role=status]", new() { HasText = "Đã áp dụng" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[id='in-3.2-a']")).ToHaveValueAsync("1.234");
        await Assertions.Expect(page.Locator("[id='in-3.2-b']")).ToHaveValueAsync("2.000");
        await Assertions.Expect(page.Locator("input[name='v[2.1|da_ban_hanh]'][value='có']")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("fieldset[id='n-3.2'] [data-points-for='3.2']")).ToHaveTextAsync("12,34");
    }
}
