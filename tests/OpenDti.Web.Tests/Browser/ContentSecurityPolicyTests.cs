using Microsoft.Playwright;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// The main pages, opened in a real browser by a reporter, an evaluator and an administrator, break no
/// rule of the Content-Security-Policy: no script, style, image or connection is refused (the browser
/// reports each as a <c>securitypolicyviolation</c> event and a console error). The charts are drawn and
/// their tooltips shown, the form saves a value, so that what the scripts do at work is covered too.
/// </summary>
public sealed class ContentSecurityPolicyTests : BrowserTest
{
    public static TheoryData<string> Users => new("reporter.so-a", "evaluator", "admin");

    [Theory]
    [MemberData(nameof(Users))]
    public async Task MainPages_BreakNoRuleOfThePolicy(string user)
    {
        var open = Factory.OpenPeriodId;
        var pages = user switch
        {
            "reporter.so-a" => new[] { "/", $"/ky-danh-gia/{open}/ke-khai", $"/ky-danh-gia/{open}/don-vi/SO-A", $"/ky-danh-gia/{open}/han-nop", $"/ky-danh-gia/{open}/so-sanh", $"/ky-danh-gia/{open}/phuc-khao" },
            "evaluator" => [$"/ky-danh-gia/{open}", $"/ky-danh-gia/{open}/don-vi/SO-A", $"/ky-danh-gia/{open}/ke-khai/SO-A", $"/ky-danh-gia/{open}/han-nop", $"/ky-danh-gia/{open}/cong-bo", "/quan-tri/ky-danh-gia"],
            _ => ["/quan-tri", "/quan-tri/tai-khoan", "/quan-tri/don-vi", "/quan-tri/don-vi/SO-A", "/quan-tri/bo-chi-so", "/quan-tri/bo-chi-so/dti-department-2022"],
        };
        var page = await SignInAsync(user);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => violations.Add($"{page.Url}: script error {error}");
        await page.Context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));");

        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (var chart in await page.Locator("div.chart").AllAsync())
            {
                await chart.ScrollIntoViewIfNeededAsync();
                await chart.HoverAsync();
            }

            var reported = await page.EvaluateAsync<string[]>("() => window.__csp || []");
            violations.AddRange(reported.Select(r => $"{path}: {r}"));
        }

        if (user == "reporter.so-a")
        {
            // The form's script saves as one types: a value sent and its points written back.
            await page.GotoAsync($"/ky-danh-gia/{open}/ke-khai");
            await page.Locator("[id='in-3.2-a']").FillAsync("1.234");
            await page.Locator("[id='in-3.2-a']").PressAsync("Tab");
            await Assertions.Expect(page.Locator("[id='st-in-3.2-a']")).ToContainTextAsync("Đã lưu");
            violations.AddRange((await page.EvaluateAsync<string[]>("() => window.__csp || []")).Select(r => $"form: {r}"));
        }

        if (user == "evaluator")
        {
            // The charts were drawn: the policy let their script run.
            await page.GotoAsync($"/ky-danh-gia/{open}");
            await Assertions.Expect(page.Locator("#chart-histogram svg")).ToHaveCountAsync(1);
        }

        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public async Task TheApiReference_WorksUnderItsOwnPolicy()
    {
        var page = await SignInAsync("viewer");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        // Scalar's bundle is a few megabytes of script: on a busy two-core CI machine its load event can come late,
        // so the page is given a minute; what is checked is that it draws, not how fast.
        await page.GotoAsync("/scalar/", new() { Timeout = 60_000 });

        // Scalar draws the reference from /openapi/v1.json: the operations are listed.
        await Assertions.Expect(page.GetByText("/api/auth/login").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(violations.Count == 0, "Content-Security-Policy violations on /scalar:\n" + string.Join("\n", violations));
    }
}
