using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>Evidence on the unit's form: attached with its document fields, listed, downloaded under its name, removed; and who may do what.</summary>
public sealed partial class EvidencePageTests : WebAppTest
{
    private string Form(string? unit = null) => $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai" + (unit is null ? string.Empty : "/" + unit);

    [GeneratedRegex("href=\"\\?handler=Evidence&amp;evidenceId=(\\d+)\"")]
    private static partial Regex DownloadLink();

    private async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string indicator, string fileName, byte[] bytes, string? number = null, string? issued = null, string? summary = null)
    {
        var page = await browser.GetStringAsync(Form(), Cancel);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryTokenIn(page)), "__RequestVerificationToken" },
            { new StringContent(number ?? string.Empty), $"number[{indicator}]" },
            { new StringContent(issued ?? string.Empty), $"issued[{indicator}]" },
            { new StringContent(summary ?? string.Empty), $"summary[{indicator}]" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, $"file[{indicator}]", fileName);
        return await browser.PostAsync(Form() + "?handler=Upload&indicator=" + Uri.EscapeDataString(indicator), form, Cancel);
    }

    [Fact]
    public async Task Reporter_AttachesAFile_WithItsDocumentFields_AndSeesItListedUnderTheIndicator()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var response = await UploadAsync(browser, "2.1", "Quyết định số 12.pdf", SampleFiles.Pdf(), "12/QĐ-SOA", "15/03/2024", "Ban hành kế hoạch chuyển đổi số");
        var html = await browser.GetStringAsync(response.Headers.Location!.OriginalString, Cancel);
        var home = await browser.GetStringAsync("/", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("#n-2.1", response.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Đã đính kèm tài liệu kiểm chứng.", html, StringComparison.Ordinal);
        var evidence = html[html.IndexOf("id=\"ev-2.1\"", StringComparison.Ordinal)..];
        evidence = evidence[..evidence.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Contains(">Quyết định số 12.pdf</a>", evidence, StringComparison.Ordinal);
        Assert.Contains("Số hiệu: 12/QĐ-SOA", evidence, StringComparison.Ordinal);
        Assert.Contains("Ngày ban hành: 15/03/2024", evidence, StringComparison.Ordinal);
        Assert.Contains("Trích yếu: Ban hành kế hoạch chuyển đổi số", evidence, StringComparison.Ordinal);
        Assert.Contains("Có tài liệu kiểm chứng: 1/41 chỉ số", html, StringComparison.Ordinal);
        Assert.Contains("Có tài liệu kiểm chứng: 1/41 chỉ số", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfADocxWithMacros_ShowsWhyBesideTheIndicator_As400()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var response = await UploadAsync(browser, "2.2", "Kế hoạch\u202Excod.docx", SampleFiles.DocxWith(extraParts: ("word/vbaProject.bin", new byte[64])));
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            "không nhận tệp \"Kế hoạchxcod.docx\" làm minh chứng cho chỉ số 2.2: gói chứa macro (phần `word/vbaProject.bin`)",
            WebUtility.HtmlDecode(html),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFile_IsDownloadedUnderItsOriginalName_ByWhoeverMayReadTheUnit_AndNobodyElse()
    {
        using var reporter = await SignedInAsync("reporter.so-a");
        await UploadAsync(reporter, "2.1", "Kế hoạch CĐS.pdf", SampleFiles.Pdf());
        var id = DownloadLink().Match(await reporter.GetStringAsync(Form(), Cancel)).Groups[1].Value;
        var link = Form("SO-A") + "?handler=Evidence&evidenceId=" + id;

        var own = await reporter.GetAsync(link, Cancel);
        using var evaluator = await SignedInAsync("evaluator");
        var staff = await evaluator.GetAsync(link, Cancel);
        var scorecard = await evaluator.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/SO-A", Cancel);
        using var other = await SignedInAsync("reporter.so-b");
        var refused = await other.GetAsync(link, Cancel);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(SampleFiles.Pdf(), await own.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Kế hoạch CĐS.pdf", own.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains($"href=\"{Form("SO-A")}?handler=Evidence&amp;evidenceId={id}\"", scorecard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/khong-co-quyen", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotWhatItsNameSays_IsRefused_NextToTheIndicator()
    {
        using var browser = await SignedInAsync("reporter.so-a");

        var response = await UploadAsync(browser, "2.1", "Quyết định.pdf", SampleFiles.Png());
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var evidence = html[html.IndexOf("id=\"ev-2.1\"", StringComparison.Ordinal)..];
        // Once, next to the upload, in focus (autofocus), with what to do about the file.
        Assert.Matches("<div class=\"error\" role=\"alert\" id=\"everr-2.1\" tabindex=\"-1\" autofocus=\"autofocus\" data-evidence-error>\\s*<p>[^<]*PNG[^<]*</p>\\s*<p class=\"hint\">[^<]*chọn lại tệp", evidence);
        Assert.Single(Regex.Matches(html, "<p>[^<]*PNG[^<]*</p>"));
        Assert.Contains("<details class=\"evidence-upload\" open=\"open\">", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("evidenceId=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_RemovesAFile_AndItIsNoLongerListed()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        await UploadAsync(browser, "2.1", "a.pdf", SampleFiles.Pdf());
        var page = await browser.GetStringAsync(Form(), Cancel);
        var id = DownloadLink().Match(page).Groups[1].Value;

        var response = await browser.PostAsync(
            Form() + "?handler=RemoveEvidence&evidenceId=" + id,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryTokenIn(page) }),
            Cancel);
        var after = await browser.GetStringAsync(Form(), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("a.pdf", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Form() + "?handler=Evidence&evidenceId=" + id, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Leader_CannotAttachOrRemove()
    {
        using var reporter = await SignedInAsync("reporter.so-a");
        await UploadAsync(reporter, "2.1", "a.pdf", SampleFiles.Pdf());
        using var leader = await SignedInAsync("leader.so-a");
        var page = await leader.GetStringAsync(Form(), Cancel);
        var id = DownloadLink().Match(page).Groups[1].Value;

        var upload = await UploadAsync(leader, "2.2", "b.pdf", SampleFiles.Pdf());
        var remove = await leader.PostAsync(
            Form() + "?handler=RemoveEvidence&evidenceId=" + id,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryTokenIn(page) }),
            Cancel);

        Assert.DoesNotContain("Đính kèm tài liệu kiểm chứng", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.StartsWith("/khong-co-quyen", remove.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(">a.pdf</a>", await leader.GetStringAsync(Form(), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadWithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Pdf()), "file[2.1]", "a.pdf" } };

        var response = await browser.PostAsync(Form() + "?handler=Upload&indicator=2.1", form, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Chưa có tài liệu nào.", await browser.GetStringAsync(Form(), Cancel), StringComparison.Ordinal);
    }
}
