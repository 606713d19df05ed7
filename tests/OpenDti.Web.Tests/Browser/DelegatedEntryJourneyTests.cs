using Microsoft.Playwright;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Delegated entry in a real browser (docs/plans.md#delegated-entry): SO-A's plan makes Sở C the lead unit of 2.1
/// (OpenDtiFactory). Sở C's reporter fills 2.1 in SO-A's form, seeing nothing else of it; SO-A's reporter then sees
/// the value and its evidence with who entered them for which unit.
/// </summary>
public sealed class DelegatedEntryJourneyTests : BrowserTest
{
    private string FormOfSoA => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";

    [Fact]
    public async Task LeadUnitsReporter_FillsItsAssignedIndicator_AndTheUnitsReporterSeesWhoEnteredIt()
    {
        var delegate_ = await SignInAsync("reporter.so-c");
        await delegate_.GotoAsync(FormOfSoA);

        // Only 2.1, under its headings; no total, submission, workbook or main indices' points.
        await Assertions.Expect(delegate_.Locator("[data-delegated]")).ToContainTextAsync("Sở A");
        await Assertions.Expect(delegate_.Locator("fieldset.indicator")).ToHaveCountAsync(1);
        await Assertions.Expect(delegate_.Locator("fieldset[id='n-2.1']")).ToBeVisibleAsync();
        await Assertions.Expect(delegate_.Locator("[data-total]")).ToHaveCountAsync(0);
        await Assertions.Expect(delegate_.Locator("#ho-so")).ToHaveCountAsync(0);
        await Assertions.Expect(delegate_.Locator("#bieu-mau")).ToHaveCountAsync(0);
        // The outline names only the main index of what is assigned, without the unit's points.
        await Assertions.Expect(delegate_.Locator("nav.toc li")).ToHaveCountAsync(1);
        await Assertions.Expect(delegate_.Locator("nav.toc li[data-outline-for='2']")).ToBeVisibleAsync();
        await Assertions.Expect(delegate_.Locator("nav.toc .pts")).ToHaveCountAsync(0);

        // The value, saved as it is chosen, and the document that proves it.
        await delegate_.Locator("fieldset[id='n-2.1'] label.choice", new() { HasText = "Có" }).ClickAsync();
        await Assertions.Expect(delegate_.Locator("[id='st-in-2.1-da_ban_hanh']")).ToContainTextAsync("Đã lưu");
        await delegate_.Locator("fieldset[id='n-2.1'] details.evidence-upload summary").ClickAsync();
        await delegate_.Locator("[id='file-2.1']").SetInputFilesAsync(new FilePayload { Name = "Kế hoạch của Sở C.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf("so-c") });
        await delegate_.Locator("[id='number-2.1']").FillAsync("12/KH-SOC");
        await delegate_.Locator("fieldset[id='n-2.1'] button", new() { HasText = "Tải lên" }).ClickAsync();
        // Uploaded in place (docs/review.md): the file is listed under its indicator without a reload.
        await Assertions.Expect(delegate_.Locator("[id='ev-2.1']").GetByRole(AriaRole.Link, new() { Name = "Kế hoạch của Sở C.pdf" })).ToBeVisibleAsync();

        // SO-A's reporter: the value and the file are there, with who entered them and for which unit, and the lead unit.
        var owner = await SignInAsync("reporter.so-a");
        await owner.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai");
        await Assertions.Expect(owner.Locator("input[name='v[2.1|da_ban_hanh]'][value='có']")).ToBeCheckedAsync();
        await Assertions.Expect(owner.Locator("[id='st-in-2.1-da_ban_hanh']")).ToContainTextAsync("reporter.so-c");
        await Assertions.Expect(owner.Locator("[id='st-in-2.1-da_ban_hanh']")).ToContainTextAsync("Sở C nhập theo phân công");
        await Assertions.Expect(owner.Locator("[data-lead-unit='2.1']")).ToContainTextAsync("Đơn vị chủ trì: Sở C");
        await Assertions.Expect(owner.Locator("[id='ev-2.1']")).ToContainTextAsync("Kế hoạch của Sở C.pdf");
        await Assertions.Expect(owner.Locator("[id='ev-2.1']")).ToContainTextAsync("reporter.so-c");
        await Assertions.Expect(owner.Locator("fieldset.indicator").Nth(1)).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("[data-total]")).ToBeVisibleAsync();
    }
}
