using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The plan in the seeds' tables over HTTP (docs/plans.md, "The seeds' tables"): the .xlsx download and its name,
/// the upload's preview, apply and located problems (400, never 500, nothing saved), the print page and the PDF
/// read back with pdftotext.
/// </summary>
public sealed partial class PlanExchangeWebTests : WebAppTest
{
    private string Plan => $"/api/periods/{Factory.OpenPeriodId}/plan";

    [Fact]
    public async Task Xlsx_DownloadsInTheSeedsLayout_UploadPreviewsThenApplies_AndBadCellsAre400WithTheirPlaceAndNothingSaved()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var saved = await evaluator.PutAsync(Plan + "?unit=SO-A", Json(new[] { new { indicator = "2.1", leadUnit = "SO-B", coordinatingUnits = new[] { "TINH" }, target = "Có", deadline = "Hàng năm" } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var download = await evaluator.GetAsync(Plan + ".xlsx?unit=SO-A&layout=004", Cancel);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^ke-hoach-so-a-.*-mau-004\\.xlsx$", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.StartsWith("Kế hoạch SO-A", download.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        var bytes = await download.Content.ReadAsByteArrayAsync(Cancel);

        var row = Edit(bytes, (sheet, r) => Text(sheet.Cell(r, 5), "Có, ban hành trong quý I"), out var edited);
        using (var preview = await evaluator.PostAsync(Plan + "/xlsx?unit=SO-A", EvidenceForm(null, "Kế hoạch sở A.xlsx", edited), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var body = await JsonAsync(preview);
            Assert.Equal(("004", false), (body.GetProperty("layout").GetString(), body.GetProperty("applied").GetBoolean()));
            var change = Assert.Single(body.GetProperty("changes").EnumerateArray());
            Assert.Equal(("2.1", "target", "Có", "Có, ban hành trong quý I", $"E{row}", row),
                (change.GetProperty("indicator").GetString(), change.GetProperty("field").GetString(), change.GetProperty("old").GetString(), change.GetProperty("new").GetString(), change.GetProperty("cell").GetString(), change.GetProperty("row").GetInt32()));
            Assert.Equal("Có", await TargetAsync(evaluator));
        }

        using (var applied = await evaluator.PostAsync(Plan + "/xlsx?unit=SO-A&apply=true", EvidenceForm(null, "Kế hoạch sở A.xlsx", edited), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
            Assert.True((await JsonAsync(applied)).GetProperty("applied").GetBoolean());
            Assert.Equal("Có, ban hành trong quý I", await TargetAsync(evaluator));
        }

        Edit(bytes, (sheet, r) => Text(sheet.Cell(r, 7), "Sở Không Có"), out var bad);
        using (var refused = await evaluator.PostAsync(Plan + "/xlsx?unit=SO-A&apply=true", EvidenceForm(null, "Kế hoạch sai.xlsx", bad), Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await JsonAsync(refused);
            var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
            Assert.Equal(("Kế hoạch", $"G{row}", row, "2.1", "DTI7104"),
                (problem.GetProperty("sheet").GetString(), problem.GetProperty("cell").GetString(), problem.GetProperty("row").GetInt32(), problem.GetProperty("indicator").GetString(), problem.GetProperty("code").GetString()));
            Assert.Contains("Sở Không Có", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(body.GetProperty("applied").GetBoolean());
            Assert.Equal("Có, ban hành trong quý I", await TargetAsync(evaluator));
        }

        using var viewer = await Factory.ClientAsync("viewer");
        using var notAllowed = await viewer.PostAsync(Plan + "/xlsx?unit=SO-A&apply=true", EvidenceForm(null, "Kế hoạch.xlsx", edited), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        using var unknownLayout = await viewer.GetAsync(Plan + ".xlsx?unit=SO-A&layout=003", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknownLayout.StatusCode);
        Assert.Contains("layout=001", await unknownLayout.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintPage_AndPdf_AreTheSeedsTables_WithTheirHeadings()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var saved = await evaluator.PutAsync(Plan + "?unit=SO-A", Json(new[] { new { indicator = "2.1", guidingBody = "Sở Nội vụ tỉnh", leadUnit = "SO-B", target = "Có", deadline = "31/12/2024" } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var browser = await SignedInAsync("reporter.so-a");

        using var page = await browser.GetAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=002", Cancel);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var heading in new[] { "Tiêu chí", "Chỉ số chính/Chỉ số thành phần", "Điểm chuẩn", "Cơ quan phụ trách tiêu chí", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú", "PHỤ LỤC", "Sở B", "31/12/2024" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"?unit=SO-A&layout=002&handler=Pdf\"", html, StringComparison.Ordinal);
        using var unknown = await browser.GetAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=9", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("layout=001", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);

        DocumentTests.RequireTools();
        using var district = await evaluator.GetAsync(Plan + ".pdf?unit=SO-A&layout=001", Cancel);
        using var province = await browser.GetAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=004&handler=Pdf", Cancel);
        foreach (var (response, headings) in new[]
                 {
                     (district, new[] { "PHỤ LỤC", "Nội dung chỉ tiêu", "Yêu cầu thực hiện", "Cơ quan hướng dẫn", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp thực hiện", "IV. CÁC CHỈ TIÊU CHƯA CÓ KẾT QUẢ NĂM", "Sở Nội vụ tỉnh" }),
                     (province, new[] { "PHỤ LỤC 2", "Chỉ số chính/Chỉ số thành phần", "Hướng dẫn", "Kết quả năm", "Mục tiêu", "Thời gian hoàn thành", "Đơn vị chủ trì tham mưu/theo dõi", "Đơn vị phối hợp", "31/12/2024" }),
                 })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var folder = Directory.CreateTempSubdirectory("opendti-plan-pdf-");
            try
            {
                var file = Path.Combine(folder.FullName, "plan.pdf");
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Cancel), Cancel);

                // Table cells wrap: the text is compared with its line breaks and runs of spaces made single spaces.
                var text = Spaces().Replace(DocumentTests.Run("pdftotext", file, "-"), " ");
                Assert.All(headings, h => Assert.Contains(h, text, StringComparison.Ordinal));
                Assert.Contains("A4", DocumentTests.Run("pdfinfo", file), StringComparison.Ordinal);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public async Task ImportPage_PreviewsTheTable_ThenAppliesWhatWasPreviewed_AndShowsProblemsWithTheirCells()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var saved = await evaluator.PutAsync(Plan + "?unit=SO-A", Json(new[] { new { indicator = "2.1", leadUnit = "SO-B", target = "Có" } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var download = await evaluator.GetAsync(Plan + ".xlsx?unit=SO-A&layout=002", Cancel);
        var bytes = await download.Content.ReadAsByteArrayAsync(Cancel);
        var row = Edit(bytes, (sheet, r) => Text(sheet.Cell(r, 6), "Quý IV/2024"), out var edited);
        Edit(bytes, (sheet, r) => Text(sheet.Cell(r, 4), "Sở Không Có"), out var bad);
        using var browser = await SignedInAsync("evaluator");
        var page = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/nhap-excel?unit=SO-A";

        var html = await browser.GetStringAsync(page, Cancel);
        Assert.Contains("data-plan-xlsx=\"002\"", html, StringComparison.Ordinal);
        Assert.Contains($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-hoach/in?unit=SO-A&amp;layout=001&amp;handler=Xlsx", html, StringComparison.Ordinal);
        var token = AntiforgeryTokenIn(html);

        using (var refused = await browser.PostAsync(page + "&handler=Preview", Upload(token, bad), Cancel))
        {
            var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("data-problem=\"DTI7104\"", body, StringComparison.Ordinal);
            Assert.Contains($"Kế hoạch!D{row}", body, StringComparison.Ordinal);
            Assert.DoesNotContain("data-plan-apply", body, StringComparison.Ordinal);
        }

        using var preview = await browser.PostAsync(page + "&handler=Preview", Upload(token, edited), Cancel);
        var previewed = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("data-change=\"2.1|deadline\"", previewed, StringComparison.Ordinal);
        Assert.Contains("Quý IV/2024", previewed, StringComparison.Ordinal);
        Assert.Contains("Bảng được nhận là mẫu 002.", previewed, StringComparison.Ordinal);
        var kept = Regex.Match(previewed, "name=\"token\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        Assert.NotEmpty(kept);
        Assert.Null(await DeadlineAsync(evaluator));

        using var apply = await browser.PostAsync(page + "&handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = kept, ["__RequestVerificationToken"] = AntiforgeryTokenIn(previewed) }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        Assert.EndsWith("applied=1", apply.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("Quý IV/2024", await DeadlineAsync(evaluator));

        // The kept file is applied once: the same token again is an expired preview.
        using var again = await browser.PostAsync(page + "&handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = kept, ["__RequestVerificationToken"] = AntiforgeryTokenIn(previewed) }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    private static MultipartFormDataContent Upload(string antiforgery, byte[] file)
    {
        var form = new MultipartFormDataContent { { new StringContent(antiforgery), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "planFile", "Kế hoạch.xlsx");
        return form;
    }

    private async Task<string?> DeadlineAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Plan + "?unit=SO-A", Cancel);
        var body = await JsonAsync(response);
        return body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "2.1").GetProperty("deadline").GetString();
    }

    private async Task<string?> TargetAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Plan + "?unit=SO-A", Cancel);
        var body = await JsonAsync(response);
        return body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicator").GetString() == "2.1").GetProperty("target").GetString();
    }

    /// <summary>Edits the row of indicator 2.1 in a downloaded plan; its row number.</summary>
    private static int Edit(byte[] bytes, Action<IXLWorksheet, int> edit, out byte[] edited)
    {
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        var row = Enumerable.Range(1, 500).First(r => sheet.Cell(r, 1).GetString() == "2.1");
        edit(sheet, row);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        edited = output.ToArray();
        return row;
    }

    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
