using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>The main pages fit an office screen and a phone: nothing wider than the screen but tables that scroll on their own.</summary>
public sealed class ScreenFitTests : BrowserTest
{
    public static TheoryData<string, string, string?> Pages() => new()
    {
        { "evaluator", "/ky-danh-gia/{open}", null },
        { "evaluator", "/ky-danh-gia/{open}/don-vi/SO-A", null },
        { "evaluator", "/ky-danh-gia/{open}/ke-khai/SO-A", null },
        { "admin", "/quan-tri/don-vi", "admin-units" },
        { "admin", "/quan-tri/bo-chi-so/dti-department-2022", "admin-framework" },
        { "admin", "/quan-tri/tai-khoan", null },
        { "admin", "/quan-tri/ky-danh-gia", null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_FitsAnOfficeScreenAndAPhone(string user, string path, string? screenshot)
    {
        var address = path.Replace("{open}", Factory.OpenPeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var (viewport, name) in new[] { (Office, "office"), (Phone, "phone") })
        {
            var page = await SignInAsync(user, viewport);
            await page.GotoAsync(address);

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var widest = width <= viewport.Width ? string.Empty : await page.EvaluateAsync<string>(
                "w => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w).slice(0, 4).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')",
                viewport.Width);
            Assert.True(width <= viewport.Width, $"{address} is {width} px wide on a {viewport.Width} px {name} screen: {widest}");
            await Assertions.Expect(page.Locator("nav.breadcrumb")).ToBeVisibleAsync();
            if (screenshot is not null && viewport == Office)
            {
                await ScreenshotAsync(page, screenshot);
            }

            await page.Context.CloseAsync();
        }
    }
}
