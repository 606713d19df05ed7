using System.Net;
using System.Text.Json;
using OpenDti.Testing.Workbooks;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The form as a workbook through the API and the form page: download (.xlsx, a Vietnamese name with an ASCII
/// fallback), a preview of every change and problem by sheet and cell, then apply — 400 with the problems, 409
/// with the conflicts, never a 500 — audited with the channel "import".
/// </summary>
public sealed class FormWorkbookApiTests : WebAppTest
{
    private string Route(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/workbook";

    [Fact]
    public async Task Download_IsAnXlsxAttachment_WithAVietnameseNameAndAnAsciiFallback()
    {
        using var client = await Factory.ClientAsync("leader.so-a");

        using var response = await client.GetAsync(Route(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith("bieu-mau-so-a-", disposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.StartsWith("Biểu mẫu kê khai SO-A", disposition.FileNameStar, StringComparison.Ordinal);
        using var editor = new FormWorkbookEditor(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.NotNull(editor.Find("2.1", "da_ban_hanh").Cell);
    }

    [Fact]
    public async Task Upload_PreviewsTheChanges_ThenApplies_AuditedAsAnImport()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var edited = Edit(await DownloadAsync(client), e => e.Set("2.1", "da_ban_hanh", "Có"));

        using var preview = await client.PostAsync(Route(), Upload(edited, "Biểu mẫu sở A.xlsx"), Cancel);
        var previewed = await JsonAsync(preview);
        using var values = await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel);
        var before = await values.Content.ReadAsStringAsync(Cancel);
        using var applied = await client.PostAsync(Route() + "?apply=true", Upload(edited, "Biểu mẫu sở A.xlsx"), Cancel);
        using var audit = await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/audit?indicator=2.1", Cancel);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var change = Assert.Single(previewed.GetProperty("changes").EnumerateArray());
        Assert.Equal(("2.1", "da_ban_hanh", JsonValueKind.Null, "có"), (change.GetProperty("indicator").GetString(), change.GetProperty("input").GetString(), change.GetProperty("old").ValueKind, change.GetProperty("new").GetString()));
        Assert.Empty(previewed.GetProperty("problems").EnumerateArray());
        Assert.False(previewed.GetProperty("applied").GetBoolean());
        Assert.DoesNotContain("da_ban_hanh", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.True((await JsonAsync(applied)).GetProperty("applied").GetBoolean());
        var entry = Assert.Single((await JsonAsync(audit)).EnumerateArray());
        Assert.Equal(("import", "có"), (entry.GetProperty("channel").GetString(), entry.GetProperty("newValue").GetString()));
        Assert.Contains("Biểu mẫu sở A.xlsx", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WithABadCell_Is400WithTheProblemsLocated_AndSavesNothing()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var downloaded = await DownloadAsync(client);
        var edited = Edit(downloaded, e => e.Set("2.1", "da_ban_hanh", "Có").Set("3.2", "a", "mười hai"));
        using var editor = new FormWorkbookEditor(downloaded);
        var (sheet, address, _) = editor.Find("3.2", "a");

        using var response = await client.PostAsync(Route() + "?apply=true", Upload(edited), Cancel);
        using var values = await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await JsonAsync(response)).GetProperty("problems").EnumerateArray());
        Assert.Equal((sheet, address, "3.2", "a"), (problem.GetProperty("sheet").GetString(), problem.GetProperty("cell").GetString(), problem.GetProperty("indicator").GetString(), problem.GetProperty("input").GetString()));
        Assert.Contains("mười hai", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("[]", await values.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Apply_AfterTheValueChangedInOpenDti_Is409WithTheConflict()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var downloaded = await DownloadAsync(client);
        using var saved = await client.PutAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "không" } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var response = await client.PostAsync(Route() + "?apply=true", Upload(Edit(downloaded, e => e.Set("2.1", "da_ban_hanh", "Có"))), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var conflict = Assert.Single((await JsonAsync(response)).GetProperty("conflicts").EnumerateArray());
        Assert.Equal(("2.1", "APP-VERSION"), (conflict.GetProperty("indicator").GetString(), conflict.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("docx")]
    [InlineData("empty")]
    public async Task Upload_OfSomethingElse_Is400WithAMessage(string kind)
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var bytes = kind switch
        {
            "garbage" => "PK\u0003\u0004 rác"u8.ToArray(),
            "docx" => Testing.Evidence.SampleFiles.Docx(),
            _ => [],
        };

        using var response = await client.PostAsync(Route() + "?apply=true", Upload(bytes), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await TitleAsync(response)));
    }

    [Fact]
    public async Task Upload_OfAnotherUnitsWorkbook_IsRefusedWithAMessage_AndAnotherUnitCannotUpload()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        var ofB = await DownloadAsync(evaluator, "SO-B");
        using var reporterB = await Factory.ClientAsync("reporter.so-b");

        using var wrong = await evaluator.PostAsync(Route() + "?apply=true", Upload(ofB), Cancel);
        using var forbidden = await reporterB.PostAsync(Route() + "?apply=true", Upload(ofB), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("SO-B", (await JsonAsync(wrong)).GetProperty("problems")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task FormPage_DownloadsPreviewsAndApplies_WithoutAScript()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        var page = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai";
        var html = await browser.GetStringAsync(page, Cancel);
        Assert.Contains("?handler=Workbook", html, StringComparison.Ordinal);
        using var download = await browser.GetAsync(page + "?handler=Workbook", Cancel);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var edited = Edit(await download.Content.ReadAsByteArrayAsync(Cancel), e => e.Set("2.1", "da_ban_hanh", "Có"));

        var form = Upload(edited, name: "workbookFile");
        form.Add(new StringContent(AntiforgeryTokenIn(html)), "__RequestVerificationToken");
        using var preview = await browser.PostAsync(page + "?handler=Workbook", form, Cancel);
        var previewHtml = await preview.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("data-change=\"2.1|da_ban_hanh\"", previewHtml, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(previewHtml, "name=\"token\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        using var apply = await browser.PostAsync(page + "?handler=ApplyWorkbook", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(previewHtml),
        }), Cancel);
        using var again = await browser.PostAsync(page + "?handler=ApplyWorkbook", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(previewHtml),
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        Assert.Contains("workbook=applied", apply.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var api = await Factory.ClientAsync("reporter.so-a");
        Assert.Contains("\"da_ban_hanh\"", await api.GetStringAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values", Cancel), StringComparison.Ordinal);
    }

    private async Task<byte[]> DownloadAsync(HttpClient client, string unit = "SO-A")
    {
        using var response = await client.GetAsync(Route(unit), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName = "bieu-mau.xlsx", string name = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, name, fileName);
        return form;
    }

    private static byte[] Edit(byte[] bytes, Action<FormWorkbookEditor> edit)
    {
        using var editor = new FormWorkbookEditor(bytes);
        edit(editor);
        return editor.Save();
    }
}
