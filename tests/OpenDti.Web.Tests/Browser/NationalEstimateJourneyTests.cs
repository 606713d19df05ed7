using System.Text;
using Microsoft.Playwright;
using OpenDti.Web.Tests.Improvement;
using Xunit;

namespace OpenDti.Web.Tests.Browser;

/// <summary>
/// An evaluator opens the national estimate from a province-level period, uploads a reference file with a mistake
/// and reads the problem with its line, uploads the right one and last year's national table, and reads the
/// estimated total, DTI and rank beside last year's official result; a viewer reads it without the uploads.
/// </summary>
public sealed class NationalEstimateJourneyTests : BrowserTest
{
    private const string Table2022 =
        "province;own;total;rank;source;1;rank_1;2;rank_2;3;rank_3;4;rank_4;5;rank_5;6;rank_6;7;rank_7;8;rank_8\n"
        + "Đà Nẵng;không;800,18;1;dti.gov.vn, DTI 2022;100;;90;;82,53;;84,87;;75,78;;171,5;;117,54;;77,9550;\n"
        + "Tỉnh Thử;có;627,42;20;Kế hoạch 444/KH-UBND;87,50;40;80;15;64,43;28;75,38;4;60,6;8;127,75;27;85,36;24;46,40;18\n"
        + "Bắc Ninh;không;640,10;18;dti.gov.vn, DTI 2022;;;;;;;;;;;;;;;;\n"
        + "Hà Giang;không;520,75;50;dti.gov.vn, DTI 2022;;;;;;;;;;;;;;;;\n";

    [Fact]
    public async Task Evaluator_UploadsTheReferencesAndLastYearsTable_AndReadsTheEstimatedRank_BesideLastYearsResult()
    {
        var period = await NationalMatrix.ProvincePeriodAsync(Factory);
        using (var api = await Factory.ClientAsync("evaluator"))
        {
            var values = Testing.TestFrameworks.RepositoryFile("samples/tien-giang-2022/values.csv").Replace("TIEN-GIANG,", "TINH,", StringComparison.Ordinal);
            var saved = await api.PutAsync($"/api/periods/{period}/values", new StringContent(values, Encoding.UTF8, "text/csv"), Cancel);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Cancel));
        }

        var page = await SignInAsync("evaluator");
        await page.GotoAsync($"/ky-danh-gia/{period}");
        await page.Locator("#national-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ước tính DTI quốc gia");
        await Assertions.Expect(page.Locator("[data-unreferenced]")).ToContainTextAsync("7.10");

        // A measure that is not a number: refused with its line and indicator, nothing imported.
        await page.Locator("#reference-file").SetInputFilesAsync(new FilePayload { Name = "tham-chieu.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("indicator,label,measure\n7.10,Cao nhất,\"91,85%\"\n8.6,Nhiều nhất,nhiều\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập (thay bộ cũ)" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-national-errors]")).ToContainTextAsync("dòng 3, chỉ tiêu 8.6: `nhiều` không phải một số đo");
        await Assertions.Expect(page.Locator("#national-references")).ToContainTextAsync("(0)");

        await page.Locator("#reference-file").SetInputFilesAsync(new FilePayload
        {
            Name = "reference.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Testing.TestFrameworks.RepositoryFile("samples/tien-giang-2022/reference.csv")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập (thay bộ cũ)" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-national-imported='references']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#national-references")).ToContainTextAsync("(16)");
        await Assertions.Expect(page.Locator("[data-unreferenced]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-estimate-total]")).ToContainTextAsync("627,44 / 1.000 · DTI 0,6274");

        await page.Locator("#national-file").SetInputFilesAsync(new FilePayload { Name = "dti-2023.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Table2022) });
        await page.Locator("#national-table-upload button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-national-imported='national']")).ToBeVisibleAsync();
        // Đà Nẵng and Bắc Ninh above, Hà Giang below: third of the four.
        await Assertions.Expect(page.Locator("[data-estimate-rank]")).ToContainTextAsync("3/4");
        await Assertions.Expect(page.Locator("[data-last-year]")).ToContainTextAsync("627,42 điểm · DTI 0,6274 · hạng 20");
        await Assertions.Expect(page.Locator("tr[data-main-index='6'] td").Nth(3)).ToHaveTextAsync("127,75");
        await page.Locator("#national-summary").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "national-estimate");

        var viewer = await SignInAsync("viewer");
        await viewer.GotoAsync($"/ky-danh-gia/{period}/uoc-tinh-quoc-gia");
        await Assertions.Expect(viewer.Locator("[data-estimate-rank]")).ToContainTextAsync("3/4");
        await Assertions.Expect(viewer.Locator("#reference-file")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("#national-file")).ToHaveCountAsync(0);
    }
}
