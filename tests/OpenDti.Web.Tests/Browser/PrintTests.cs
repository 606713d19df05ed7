using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Printing: a result page printed (print media emulated) shows no navigation or buttons and its
/// tables fit the width of A4 paper; the scorecard prints to an A4 PDF from the browser; the document
/// in the official layout opens from the scorecard and downloads as PDF.
/// </summary>
public sealed class PrintTests : BrowserTest
{
    /// <summary>A4 portrait's printable width in CSS pixels: 210 mm less print.css's 16 + 12 mm margins, at 96 px per inch.</summary>
    private const int A4Width = (int)((210 - 16 - 12) / 25.4 * 96);

    [Theory]
    [InlineData("/ky-danh-gia/{open}/don-vi/SO-A")]
    [InlineData("/ky-danh-gia/{open}/ke-khai/SO-A")]
    [InlineData("/ky-danh-gia/{open}/so-sanh")]
    [InlineData("/ky-danh-gia/{open}/han-nop")]
    public async Task ResultPage_Printed_HasNoNavigation_AndItsTablesFitA4(string path)
    {
        var page = await SignInAsync("evaluator", new ViewportSize { Width = A4Width, Height = 1000 });
        await page.GotoAsync(path.Replace("{open}", Factory.OpenPeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Assertions.Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav.breadcrumb")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".page-actions").First).ToBeHiddenAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>(
            "w => Array.from(document.querySelectorAll('table')).filter(t => t.getBoundingClientRect().right > w + 1).map(t => t.className + ' ' + Math.round(t.getBoundingClientRect().right)).join(', ')",
            A4Width);
        Assert.True(width <= A4Width && widest.Length == 0, $"{path} printed is {width} px wide on {A4Width} px of A4: {widest}");
        var repeated = await page.EvaluateAsync<bool>("() => Array.from(document.querySelectorAll('thead')).every(h => getComputedStyle(h).display === 'table-header-group')");
        Assert.True(repeated, "every table header repeats on each page");
    }

    [Fact]
    public async Task PeriodPage_Printed_PutsTheRankingPerMainIndexOnLandscapePages()
    {
        var page = await SignInAsync("evaluator", new ViewportSize { Width = A4Width, Height = 1000 });
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Assertions.Expect(page.Locator("header.top")).ToBeHiddenAsync();
        Assert.Equal("wide", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('section[aria-labelledby=ranking]')).page"));
        var printed = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.Equal("%PDF"u8.ToArray(), printed[..4]);
    }

    [Fact]
    public async Task Scorecard_PrintsToA4_AndItsOfficialDocumentOpensAndDownloadsAsPdf()
    {
        var page = await SignInAsync("leader.so-a");
        await page.GotoAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A");
        var printed = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.Equal("%PDF"u8.ToArray(), printed[..4]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Văn bản để in" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.document")).ToContainTextAsync("Độc lập - Tự do - Hạnh phúc");
        await Assertions.Expect(page.Locator("article.document")).ToContainTextAsync("Kết quả đánh giá mức độ chuyển đổi số của Sở A");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải PDF" }).ClickAsync());
        var file = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(file, Cancel);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
    }
}
