using System.Net.Http.Json;
using Microsoft.Playwright;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// The form that guides, in a browser (docs/review.md#the-form-guides-outline-filters-next-bulk-acceptance-confirmations):
/// the outline's counts following the saves, the filters and "next" in place, a refused upload shown next to
/// its field with everything kept, the confirmation before Gửi hồ sơ, and an evaluator accepting many
/// indicators at once without the page reloading.
/// </summary>
public sealed class FormGuideJourneyTests : BrowserTest
{
    private string FormPath() => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";

    private static ILocator Count(IPage page, string mainIndex, string count) =>
        page.Locator($"li[data-outline-for='{mainIndex}'] [data-count='{count}']");

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''");

    private async Task ReportAsync(string indicator, string input, string value)
    {
        using var api = await Factory.ClientAsync("reporter.so-a");
        var saved = await api.PutAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", new[] { new { indicator, input, value } }, Cancel);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task AReporter_IsGuided_OutlineFiltersNext_AnUploadRefusedInPlace_AndTheConfirmationBeforeSending()
    {
        await ReportAsync("1.3", "da_to_chuc", "có");
        var page = await SignInAsync("reporter.so-a");
        await page.GotoAsync(FormPath());
        await page.EvaluateAsync("() => { window.__samePage = true; }");

        // The outline, open beside the form on an office screen, counts what is answered and follows each save.
        await Assertions.Expect(page.Locator("[data-outline] .toc")).ToBeVisibleAsync();
        await Assertions.Expect(Count(page, "1", "answered")).ToHaveTextAsync("Trả lời 1/4");
        await page.Locator("[id='in-1.1-truong_ban']").SelectOptionAsync("cap_pho");
        await Assertions.Expect(page.Locator("[id='st-in-1.1-truong_ban']")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(Count(page, "1", "answered")).ToHaveTextAsync("Trả lời 2/4");
        await page.Locator("[id='n-1.1']").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await ScreenshotAsync(page, "form-outline");

        // A filter hides the others in place; "all" shows them again.
        await page.Locator("a[data-filter='chua-tra-loi']").ClickAsync();
        await Assertions.Expect(page.Locator("fieldset[id='n-1.3']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("fieldset[id='n-1.2']")).ToBeVisibleAsync();
        Assert.Contains("loc=chua-tra-loi", page.Url, StringComparison.Ordinal);
        await page.Locator("a[data-filter='']").ClickAsync();
        await Assertions.Expect(page.Locator("fieldset[id='n-1.3']")).ToBeVisibleAsync();

        // "Next" goes from one indicator needing the reporter to the next: 1.1 has its values but not the evidence it expects.
        await page.Locator("a[data-next]").ClickAsync();
        Assert.Equal("n-1.1", await FocusedIdAsync(page));
        await page.Locator("a[data-next]").ClickAsync();
        Assert.Equal("n-1.2", await FocusedIdAsync(page));

        // A refused upload: the message next to the field, in focus, once; what was typed and the chosen file stay.
        var evidence = page.Locator("[id='ev-2.1']");
        await evidence.Locator("summary").ClickAsync();
        await page.Locator("[id='number-2.1']").FillAsync("12/QĐ-SOA");
        await page.Locator("[id='issued-2.1']").FillAsync("15/03/2024");
        await page.Locator("[id='summary-2.1']").FillAsync("Kế hoạch chuyển đổi số");
        await page.Locator("[id='file-2.1']").SetInputFilesAsync(new FilePayload { Name = "Quyết định.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Png() });
        await evidence.Locator("button[data-upload]").ClickAsync();
        var error = page.Locator("[id='everr-2.1']");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("PNG");
        await Assertions.Expect(error).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[id='number-2.1']")).ToHaveValueAsync("12/QĐ-SOA");
        await Assertions.Expect(page.Locator("[id='issued-2.1']")).ToHaveValueAsync("15/03/2024");
        await Assertions.Expect(page.Locator("[id='summary-2.1']")).ToHaveValueAsync("Kế hoạch chuyển đổi số");
        Assert.Equal(1, await page.Locator("[id='file-2.1']").EvaluateAsync<int>("el => el.files.length"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"));

        // Gửi hồ sơ lists what is missing first; "Vẫn gửi hồ sơ" sends it, and the answer says who acts next.
        await page.Locator("button[data-step='Submit']").ClickAsync();
        var confirm = page.Locator("[data-confirm-step='Submit']");
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await Assertions.Expect(confirm.Locator("[data-missing='MissingValues'] a[href='#n-1.2']")).ToBeVisibleAsync();
        await Assertions.Expect(confirm).ToBeFocusedAsync();
        await ScreenshotAsync(page, "form-confirm-submit");
        await page.Locator("[data-confirm-go]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-submission-state]")).ToHaveAttributeAsync("data-submission-state", "Submitted");
        await Assertions.Expect(page.Locator("[data-step-done='Submit']")).ToContainTextAsync("Lãnh đạo đơn vị xem và phê duyệt");

        // On a phone the outline is a bar to open.
        var phone = await SignInAsync("reporter.so-a", Phone);
        await phone.GotoAsync(FormPath());
        await Assertions.Expect(phone.Locator("[data-outline] .toc")).ToBeHiddenAsync();
        await phone.Locator("[data-outline] > summary").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-outline] .toc")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"));
        await ScreenshotAsync(phone, "form-outline-phone");
    }

    [Fact]
    public async Task AnEvaluator_AcceptsManyIndicatorsAtOnce_AndReturnsOne_InPlace()
    {
        await ReportAsync("1.3", "da_to_chuc", "có");
        foreach (var (user, step) in new[] { ("reporter.so-a", "submit"), ("leader.so-a", "approve"), ("evaluator", "start-review") })
        {
            using var api = await Factory.ClientAsync(user);
            var done = await api.PostAsJsonAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/{step}", new { }, Cancel);
            Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync(Cancel));
        }

        var page = await SignInAsync("evaluator");
        await page.GotoAsync(FormPath());
        await page.EvaluateAsync("() => { window.__samePage = true; }");

        // Return 1.2 with a comment, in place.
        await page.Locator("[id='note-1.2']").FillAsync("Thiếu giấy mời họp");
        await page.Locator("[id='rv-1.2'] button[data-note='Returned']").ClickAsync();
        await Assertions.Expect(page.Locator("[id='rv-1.2'] [data-review-status]")).ToHaveAttributeAsync("data-review-status", "Returned");
        await Assertions.Expect(page.Locator("[id='rv-1.2'] ol.notes")).ToContainTextAsync("Thiếu giấy mời họp");
        await Assertions.Expect(Count(page, "1", "returned")).ToHaveTextAsync("Trả lại 1");

        // Tick two, accept them at once.
        await page.Locator("[id='rv-1.1'] [data-accept-pick]").CheckAsync();
        await page.Locator("[id='rv-1.3'] [data-accept-pick]").CheckAsync();
        await page.Locator("button[data-bulk-accept]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-bulk-done]")).ToHaveTextAsync("Đã chấp nhận 2 chỉ số.");
        await Assertions.Expect(page.Locator("[id='rv-1.1'] [data-review-status]")).ToHaveTextAsync("đã chấp nhận");
        await Assertions.Expect(page.Locator("[id='rv-1.3'] [data-accept-pick]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "review-bulk-accept");

        // All the remaining ones: every indicator is decided, nothing needs the evaluator any more.
        await page.Locator("button[data-bulk-all]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-accept-pick]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("fieldset.indicator[data-needs='true']")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"));

        // And the server agrees.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-accept-pick]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[id='rv-1.2'] [data-review-status]")).ToHaveAttributeAsync("data-review-status", "Returned");
    }
}
