using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// Every page of the page matrix (<see cref="PageAuthorizationMatrixTests"/>), opened at 390×844 by each
/// kind of person who may open it (administrator, evaluator, viewer, a unit's reporter, nobody signed in):
/// the document is never wider than the screen (wide tables scroll inside their own box), and no day field
/// is the browser's date picker (which follows the browser's locale, not dd/MM/yyyy).
/// </summary>
/// <remarks>
/// Files (Excel, CSV, PDF, Word, a document) are not pages; signing out would end the sweep. The reporting
/// form (<c>/ky-danh-gia/{id}/ke-khai</c>) is fitted to a phone by its own work and test (engineer "form") and is left out here.
/// </remarks>
public sealed class PhoneSweepTests : BrowserTest
{
    private const string Anonymous = "(anonymous)";

    private static readonly string[] Kinds = ["admin", "evaluator", "viewer", "reporter.so-a", Anonymous];

    private static readonly string[] NotPages = ["(Excel)", "(CSV)", "(pdf)", "(workbook)", "(own workbook)", "(document)", "(the period, Excel)", "(a unit, Excel)", "(a unit, Word)"];

    [Fact]
    public async Task EveryPage_FitsA390PxPhone_ForEachKindOfPersonWhoOpensIt()
    {
        var windows = new Dictionary<string, IPage>();
        var visited = 0;
        var problems = new List<string>();
        foreach (var row in PageAuthorizationMatrixTests.Rows())
        {
            if (NotPages.Any(p => row.Pattern.Contains(p, StringComparison.Ordinal))
                || row.Pattern.StartsWith("/dang-xuat", StringComparison.Ordinal)
                || row.Pattern.StartsWith("/ky-danh-gia/{id:int}/ke-khai", StringComparison.Ordinal))
            {
                continue;
            }

            var path = row.Path(Factory);
            if (path.Contains("handler=", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var kind in Kinds.Where(k => row.Allowed.Contains(k)))
            {
                if (!windows.TryGetValue(kind, out var page))
                {
                    page = kind == Anonymous ? await SignedOutAsync(Phone) : await SignInAsync(kind, Phone);
                    windows[kind] = page;
                }

                var response = await page.GotoAsync(path);
                visited++;
                if (response is null || !response.Ok)
                {
                    problems.Add($"{path} as {kind}: {response?.Status}");
                    continue;
                }

                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                var viewport = await page.EvaluateAsync<int>("() => window.innerWidth");
                if (width > viewport)
                {
                    var widest = await page.EvaluateAsync<string>(
                        "w => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w && !e.closest('.table-wrap')).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')).join(', ')",
                        viewport);
                    problems.Add($"{path} as {kind}: {width} px wide on a {viewport} px screen ({widest})");
                }

                var dateInputs = await page.Locator("input[type=date]").CountAsync();
                if (dateInputs > 0)
                {
                    problems.Add($"{path} as {kind}: {dateInputs} input(s) of type date, shown in the browser's locale");
                }
            }
        }

        Assert.True(visited > 50, $"only {visited} pages were visited");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
