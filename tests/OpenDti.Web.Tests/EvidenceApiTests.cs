using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Evidence files through the API: multipart upload with the document's number, date and summary,
/// listing, download under the original (Vietnamese) name, deletion, and clean refusals, never a 500.
/// </summary>
public sealed class EvidenceApiTests : WebAppTest
{
    private string Evidence(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/evidence";

    [Theory]
    [InlineData("Quyết định số 12.pdf", "pdf", "application/pdf")]
    [InlineData("Kế hoạch CĐS.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public async Task Upload_ThenDownload_GivesTheSameBytes_AsAnAttachmentWithTheOriginalName(string fileName, string kind, string contentType)
    {
        var bytes = kind == "pdf" ? SampleFiles.Pdf() : SampleFiles.Docx();
        using var client = await Factory.ClientAsync("reporter.so-a");

        var created = await client.PostAsync(Evidence(), EvidenceForm("2.1", fileName, bytes), Cancel);
        var item = await JsonAsync(created);
        using var download = await client.GetAsync(created.Headers.Location, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Evidence()}/{item.GetProperty("id").GetInt64()}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(contentType, download.Content.Headers.ContentType!.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal(("attachment", fileName), (disposition.DispositionType, disposition.FileNameStar));
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString(fileName), download.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Upload_FromABrowserOrCurl_WithTheNameInRawUtf8_KeepsItsVietnameseLetters()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        using var form = new MultipartFormDataContent("ranh-gioi") { { new StringContent("2.1"), "indicator" } };
        form.HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8;
        var file = new ByteArrayContent(SampleFiles.Pdf());
        // As browsers and curl write it: the name in UTF-8 inside the quotes, no filename*.
        file.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"file\"; filename=\"Quyết định số 12.pdf\"");
        form.Add(file);

        var created = await client.PostAsync(Evidence(), form, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Quyết định số 12.pdf", (await JsonAsync(created)).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Upload_ReturnsTheItem_AndTheListShowsIt_WithTheDocumentsFields()
    {
        var bytes = SampleFiles.Pdf();
        using var client = await Factory.ClientAsync("reporter.so-a");

        var created = await client.PostAsync(Evidence(), EvidenceForm("2.1", "Quyết định số 12.pdf", bytes, "125/QĐ-UBND", "25/03/2024", "Ban hành Kế hoạch chuyển đổi số"), Cancel);
        var item = await JsonAsync(created);
        var list = await JsonAsync(await client.GetAsync(Evidence(), Cancel));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(
            ["id", "indicator", "fileName", "contentType", "size", "sha256", "documentNumber", "issuedOn", "summary", "uploadedBy", "uploadedAt"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ("2.1", "Quyết định số 12.pdf", "application/pdf", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))),
            (item.GetProperty("indicator").GetString(), item.GetProperty("fileName").GetString(), item.GetProperty("contentType").GetString(), item.GetProperty("size").GetInt32(), item.GetProperty("sha256").GetString()));
        Assert.Equal(
            ("125/QĐ-UBND", "2024-03-25", "Ban hành Kế hoạch chuyển đổi số", "reporter.so-a"),
            (item.GetProperty("documentNumber").GetString(), item.GetProperty("issuedOn").GetString(), item.GetProperty("summary").GetString(), item.GetProperty("uploadedBy").GetString()));
        Assert.Equal(item.GetRawText(), Assert.Single(list.EnumerateArray()).GetRawText());
    }

    [Fact]
    public async Task List_MayBeLimitedToOneIndicator()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        await client.PostAsync(Evidence(), EvidenceForm("2.1", "a.pdf", SampleFiles.Pdf("a")), Cancel);
        await client.PostAsync(Evidence(), EvidenceForm("2.2", "b.pdf", SampleFiles.Pdf("b")), Cancel);

        var list = await JsonAsync(await client.GetAsync(Evidence() + "?indicator=2.2", Cancel));

        Assert.Equal(["b.pdf"], list.EnumerateArray().Select(e => e.GetProperty("fileName").GetString()));
    }

    [Fact]
    public async Task Upload_RenamedFile_Is400_SayingWhatItReallyIs()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var response = await client.PostAsync(Evidence(), EvidenceForm("2.1", "Quyết định.pdf", SampleFiles.Png()), Cancel);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = "không nhận tệp \"Quyết định.pdf\" làm minh chứng cho chỉ số 2.1: tệp có đuôi .pdf nhưng nội dung là ảnh PNG; hãy đặt đuôi .png hoặc chọn đúng tệp";
        Assert.Equal(message, problem.GetProperty("title").GetString());
        var item = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal(("APP-EVIDENCE-EXTENSION", "2.1", "file", message), (item.GetProperty("code").GetString(), item.GetProperty("indicator").GetString(), item.GetProperty("input").GetString(), item.GetProperty("message").GetString()));
        Assert.Equal(0, (await JsonAsync(await client.GetAsync(Evidence(), Cancel))).GetArrayLength());
    }

    [Theory]
    [InlineData("macro", "Kế hoạch.docx", "gói chứa macro (phần `word/vbaProject.bin`): không nhận tệp có macro; hãy lưu lại thành tài liệu Word (.docx) không có macro")]
    [InlineData("bomb", "Kế hoạch.docx", "nội dung giải nén ra hơn 100 lần kích thước tệp (đến phần `word/document.xml`): có thể là bom nén")]
    [InlineData("ole", "Công văn.doc", "tệp bắt đầu như tài liệu Office cũ (OLE) nhưng phần đầu tệp không hợp lệ")]
    [InlineData("script", "Quyết định.pdf", "tệp PDF chứa nội dung chủ động (/JS, /JavaScript): không nhận mã chạy, lệnh mở chương trình, tệp đính kèm hay đa phương tiện nhúng; hãy in lại thành tệp PDF thường")]
    [InlineData("html", "Quyết định.pdf", "nội dung có mã HTML hoặc script (`<html`) dưới phần đầu của tệp PDF: không nhận tệp giả dạng")]
    public async Task Upload_DangerousOrDisguisedContent_Is400_NamingTheFileAndThePart(string kind, string fileName, string reason)
    {
        byte[] bytes = kind switch
        {
            "macro" => SampleFiles.DocxWith(extraParts: ("word/vbaProject.bin", new byte[64])),
            "bomb" => SampleFiles.DocxBomb(16 * 1024 * 1024),
            "ole" => SampleFiles.OleMagicThenRandom(),
            "script" => SampleFiles.PdfWithCatalog("/OpenAction <</S /JavaScript /JS (app.alert(1))>>"),
            _ => "%PDF-1.7\n<html><script>alert(1)</script></html>"u8.ToArray(),
        };
        using var client = await Factory.ClientAsync("reporter.so-b");

        var response = await client.PostAsync(Evidence("SO-B"), EvidenceForm("2.1", fileName, bytes), Cancel);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = $"không nhận tệp \"{fileName}\" làm minh chứng cho chỉ số 2.1: {reason}";
        Assert.Equal(message, problem.GetProperty("title").GetString());
        var item = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal(("APP-EVIDENCE-CONTENT", "file"), (item.GetProperty("code").GetString(), item.GetProperty("input").GetString()));
    }

    [Fact]
    public async Task Upload_Refusals_AreInEnglish_WhenTheCallerPrefersIt()
    {
        using var client = await EnglishClientAsync("reporter.so-a");

        var response = await client.PostAsync(Evidence(), EvidenceForm("9.9", "Decision.pdf", SampleFiles.Pdf()), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file \"Decision.pdf\" was not accepted as evidence for indicator 9.9: framework `dti-department-2022` has no indicator 9.9 that takes figures", await TitleAsync(response));
    }

    [Theory]
    [InlineData("2024-03-25")]
    [InlineData("25/03/2024")]
    public async Task Upload_IssueDate_IsReadInEitherForm(string issuedOn)
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var item = await JsonAsync(await client.PostAsync(Evidence(), EvidenceForm("2.1", "a.pdf", SampleFiles.Pdf(), issuedOn: issuedOn), Cancel));

        Assert.Equal("2024-03-25", item.GetProperty("issuedOn").GetString());
    }

    [Fact]
    public async Task Upload_WithoutAFile_OrWithoutAType_Is400_WithAMessage_AndAsJson_Is415()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        using var noFile = new MultipartFormDataContent { { new StringContent("2.1"), "indicator" } };

        var withoutFile = await client.PostAsync(Evidence(), noFile, Cancel);
        var asJson = await client.PostAsync(Evidence(), Json(new { indicator = "2.1" }), Cancel);
        var untyped = await client.PostAsync(Evidence(), new ByteArrayContent(SampleFiles.Pdf()), Cancel);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest), (withoutFile.StatusCode, asJson.StatusCode, untyped.StatusCode));
        Assert.Equal("yêu cầu không có tệp: hãy gửi tệp trong trường `file`", await TitleAsync(withoutFile));
        Assert.Equal("hãy gửi minh chứng dạng multipart/form-data: tệp trong trường `file`, mã chỉ số trong trường `indicator`", await TitleAsync(untyped));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Is400_AndARequestPastTheMargin_Is413_NeverA500()
    {
        await using var small = Factory.WithWebHostBuilder(b => b.UseSetting("OpenDti:Evidence:MaxBytes", "4096"));
        using var client = small.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Factory.TokenAsync("reporter.so-a"));
        var justOver = Padded(SampleFiles.Pdf(), 4097);
        var farOver = Padded(SampleFiles.Pdf(), 4096 + (128 * 1024));

        var overFile = await client.PostAsync(Evidence(), EvidenceForm("2.1", "lớn.pdf", justOver), Cancel);
        var overRequest = await client.PostAsync(Evidence(), EvidenceForm("2.1", "rất lớn.pdf", farOver), Cancel);
        var overRequestChunked = await client.PostAsync(Evidence(), Chunked(EvidenceForm("2.1", "rất lớn.pdf", farOver)), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, overFile.StatusCode);
        Assert.Equal("không nhận tệp \"lớn.pdf\" làm minh chứng cho chỉ số 2.1: tệp lớn hơn giới hạn 4 KB", await TitleAsync(overFile));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (overRequest.StatusCode, overRequestChunked.StatusCode));
        Assert.Equal("yêu cầu lớn hơn giới hạn 4 KB của một tệp minh chứng; không có gì được lưu", await TitleAsync(overRequest));
        Assert.Equal("yêu cầu lớn hơn giới hạn 4 KB của một tệp minh chứng; không có gì được lưu", await TitleAsync(overRequestChunked));
    }

    [Fact]
    public async Task Upload_InAPeriodThatIsNotOpen_Is409()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var response = await client.PostAsync($"/api/periods/{Factory.DraftPeriodId}/units/SO-A/evidence", EvidenceForm("2.1", "a.pdf", SampleFiles.Pdf()), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("kỳ đánh giá \"Kỳ nháp\" đang ở trạng thái đang chuẩn bị: không nhận số liệu", await TitleAsync(response));
    }

    [Fact]
    public async Task Delete_Is204_ThenTheFileIsGone_AndTheAuditSaysWhoDidWhat()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var bytes = SampleFiles.Pdf();
        var created = await client.PostAsync(Evidence(), EvidenceForm("2.1", "Quyết định.pdf", bytes), Cancel);
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();

        var deleted = await client.DeleteAsync($"{Evidence()}/{id}?reason=n%E1%BB%99p%20nh%E1%BA%A7m", Cancel);
        var download = await client.GetAsync($"{Evidence()}/{id}", Cancel);
        var again = await client.DeleteAsync($"{Evidence()}/{id}", Cancel);
        var list = await JsonAsync(await client.GetAsync(Evidence(), Cancel));
        var audit = (await JsonAsync(await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/audit?indicator=2.1", Cancel))).EnumerateArray().ToArray();

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (deleted.StatusCode, download.StatusCode, again.StatusCode));
        Assert.Equal(0, list.GetArrayLength());
        var file = $"Quyết định.pdf [#{id} SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))}]";
        Assert.Equal(
            [("#evidence", null, file, "api", null), ("#evidence", file, null, "api", "nộp nhầm")],
            audit.Select(a => (a.GetProperty("input").GetString(), a.GetProperty("oldValue").GetString(), a.GetProperty("newValue").GetString(), a.GetProperty("channel").GetString(), a.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task Download_AnotherUnitsFile_ThroughOnesOwnUnit_Is404()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        var ofB = await JsonAsync(await evaluator.PostAsync(Evidence("SO-B"), EvidenceForm("2.1", "Của sở B.pdf", SampleFiles.Pdf()), Cancel));
        using var reporter = await Factory.ClientAsync("reporter.so-a");

        var response = await reporter.GetAsync($"{Evidence("SO-A")}/{ofB.GetProperty("id").GetInt64()}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary><paramref name="bytes"/> followed by spaces (a PDF ignores them) up to <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(byte[] bytes, int length) => [.. bytes, .. Enumerable.Repeat((byte)' ', length - bytes.Length)];

    /// <summary><paramref name="content"/> sent without a Content-Length, as a stream of unknown length is.</summary>
    private static StreamContent Chunked(HttpContent content)
    {
        var chunked = new StreamContent(new UnknownLengthStream(content.ReadAsStream()));
        chunked.Headers.ContentType = content.Headers.ContentType;
        return chunked;
    }

    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
