using System.IO.Compression;
using System.Net;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Answers are compressed when the client accepts it: pages and JSON with Brotli (or gzip when that is
/// all the client takes), never files that are compressed already (Excel), and never for a client that
/// did not ask.
/// </summary>
public sealed class CompressionTests : WebAppTest
{
    [Fact]
    public async Task APage_IsSentWithBrotli_AndReadsBackTheSame()
    {
        var browser = await SignedInAsync("reporter.so-a");
        var path = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A";
        var plain = await browser.GetByteArrayAsync(path, Cancel);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await browser.SendAsync(request, Cancel);
        var compressed = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.True(compressed.Length * 4 < plain.Length, $"{compressed.Length} bytes compressed against {plain.Length}");
        using var reader = new StreamReader(new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress));
        var text = await reader.ReadToEndAsync(Cancel);
        Assert.Contains("</html>", text, StringComparison.Ordinal);
        Assert.Contains("SO-A", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_IsSentWithGzip_WhenThatIsWhatTheClientTakes()
    {
        using var client = await Factory.ClientAsync("viewer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/frameworks/dti-department-2022");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        using var reader = new StreamReader(new GZipStream(await response.Content.ReadAsStreamAsync(Cancel), CompressionMode.Decompress));
        Assert.StartsWith("{", await reader.ReadToEndAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExcelFile_AndAClientThatDidNotAsk_GetNoCompression()
    {
        using var client = await Factory.ClientAsync("viewer");
        using var excel = new HttpRequestMessage(HttpMethod.Get, "/api/frameworks/dti-department-2022/xlsx");
        excel.Headers.AcceptEncoding.ParseAdd("br");

        using var file = await client.SendAsync(excel, Cancel);
        using var plain = await client.GetAsync("/api/frameworks/dti-department-2022", Cancel);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Empty(file.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }
}
