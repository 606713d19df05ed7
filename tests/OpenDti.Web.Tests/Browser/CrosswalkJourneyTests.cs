using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Exchange.Frameworks;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// An administrator opens the crosswalk from the 2022 department framework to its 2025 edition, finds the proposal,
/// marks a renamed indicator "the same" by mistake and is told which line is wrong with nothing saved, then uploads the
/// confirmed CSV and sees it confirmed.
/// </summary>
public sealed class CrosswalkJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_CorrectsTheProposal_IsToldTheLineThatIsWrong_ThenConfirmsACsv()
    {
        string csv;
        using (var scope = Factory.Services.CreateScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<FrameworkCatalog>();
            var older = (await catalog.GetAsync(DemoDepartments2025.From, Cancel)).Value!;
            var imported = await catalog.ImportAsync(Application.Access.Actor.System("test"), FrameworkYamlWriter.Write(DemoDepartments2025.Edition(older)), "dti-department-2025.yaml", Cancel);
            Assert.True(imported.Succeeded, imported.Message?.ToString());
            var newer = (await catalog.GetAsync(DemoDepartments2025.Framework, Cancel)).Value!;
            csv = "from,to,kind,from_name,to_name\n" + string.Concat(DemoDepartments2025.Crosswalk(older, newer).Select(l => $"{l.From},{l.To},{l.Kind},,\n"));
        }

        var page = await SignInAsync("admin");
        await page.GotoAsync("/quan-tri/bo-chi-so/so-sanh?truoc=dti-department-2022&sau=dti-department-2025");
        await page.Locator("#crosswalk-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bảng đối chiếu chỉ số giữa hai phiên bản bộ chỉ số");
        await Assertions.Expect(page.Locator("#crosswalk-state")).ToHaveAttributeAsync("data-confirmed", "false");

        // 1.3 was renamed: calling it "the same" is refused, its line named, and nothing is saved.
        var row = page.Locator("#crosswalk-table tbody tr").Filter(new() { Has = page.Locator("input[name$='.To'][value='1.3']") });
        var line = await row.GetAttributeAsync("data-row");
        await row.Locator("select").SelectOptionAsync("same");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận bảng đối chiếu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#crosswalk-form")).ToContainTextAsync($"links:{line}");
        await Assertions.Expect(page.Locator("#crosswalk-form")).ToContainTextAsync("DTI8005");
        await Assertions.Expect(page.Locator("#crosswalk-state")).ToHaveAttributeAsync("data-confirmed", "false");

        // The crosswalk the province agreed, as a CSV file: confirmed.
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "doi-chieu-2022-2025.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập bảng đối chiếu từ tệp CSV" }).ClickAsync();
        await Assertions.Expect(page.Locator("#crosswalk-state")).ToHaveAttributeAsync("data-confirmed", "true");
        await Assertions.Expect(page.Locator("#crosswalk-state")).ToContainTextAsync("admin");
        await Assertions.Expect(page.Locator("#crosswalk-table tr.kind-merged")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#crosswalk-table tr.kind-split")).ToHaveCountAsync(2);
        await page.EvaluateAsync("document.querySelector('#crosswalk-table tr.kind-renamed').scrollIntoView({ block: 'start' })");
        await ScreenshotAsync(page, "crosswalk");
    }
}
