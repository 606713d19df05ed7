using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The documents in the official layout (docs/exchange.md, "Reports in the official layout"): the print
/// pages' HTML, the PDFs made by chromium (read back with poppler's pdftotext and pdftoppm), and how PDF
/// making is bounded: a missing chromium, a full queue and a chromium that hangs are each a 503 that says
/// why, and nothing is left behind. PDF tests follow the browser tests: skipped without chromium, failed
/// when <c>OPENDTI_BROWSER_TESTS=required</c>.
/// </summary>
public sealed class DocumentTests
{
    private static readonly Dictionary<string, string?> Issuer = new()
    {
        ["OpenDti:Documents:IssuingAuthority"] = "UBND TỈNH THỬ NGHIỆM",
        ["OpenDti:Documents:IssuingBody"] = "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        ["OpenDti:Documents:Place"] = "Thử Nghiệm",
        ["OpenDti:Documents:SignerTitle"] = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        ["OpenDti:Documents:SignerName"] = "Trần Thị Bình",
        ["OpenDti:Documents:NumberPrefix"] = "BC-SKHCN",
    };

    /// <summary>The chromium the application is configured with in the tests (the default).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Whether chromium is installed, so that PDFs can be made.</summary>
    public static bool ChromiumPresent => File.Exists(Chromium);

    /// <summary>What an allowed user gets from a PDF route: the PDF, or 503 on a machine without chromium.</summary>
    public static HttpStatusCode PdfSuccess => ChromiumPresent ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportPage_IsLaidOutAsAnAdministrativeDocument_WithTheSettingsAndTheResults()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, settings: Issuer).StartAsync();
        using var browser = await SignedInAsync(factory, "evaluator");

        var response = await browser.GetAsync($"/ky-danh-gia/{factory.OpenPeriodId}/bao-cao", Cancel);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", html, StringComparison.Ordinal);
        Assert.Contains("UBND TỈNH THỬ NGHIỆM", html, StringComparison.Ordinal);
        Assert.Contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ", html, StringComparison.Ordinal);
        Assert.Contains("/BC-SKHCN", html, StringComparison.Ordinal);
        Assert.Matches(@"Thử Nghiệm, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}", html);
        Assert.Contains("KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC", html, StringComparison.Ordinal);
        Assert.Contains("Trần Thị Bình", html, StringComparison.Ordinal);
        Assert.Contains("Nơi nhận:", html, StringComparison.Ordinal);
        Assert.Contains("Kết quả đánh giá, xếp hạng mức độ chuyển đổi số Kỳ mở", html, StringComparison.Ordinal);

        // The table of section II of the provincial plans, and every unit ranked on landscape pages.
        Assert.Contains("Điểm chuẩn chỉ số", html, StringComparison.Ordinal);
        Assert.Contains("Xếp hạng chung", html, StringComparison.Ordinal);
        Assert.Contains("<section class=\"wide-part\">", html, StringComparison.Ordinal);
        Assert.Contains(">Sở A<", html, StringComparison.Ordinal);
        Assert.Contains(">Sở B<", html, StringComparison.Ordinal);
        Assert.Contains("<thead>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"?handler=Pdf\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<header class=\"top\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScorecardPage_HasEveryIndicatorsPointsExplanationAndEvidence_AndEmptySettingsStillRender()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        var period = factory.OpenPeriodId;
        using (var reporter = await factory.ClientAsync("reporter.so-a"))
        {
            var attached = await reporter.PostAsync(
                $"/api/periods/{period}/units/SO-A/evidence",
                EvidenceForm("2.1", "Quyết định ban hành kế hoạch.pdf", SampleFiles.Pdf("kh"), "15/QĐ-SA", "03/02/2024"),
                Cancel);
            Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        }

        using var api = await factory.ClientAsync("leader.so-a");
        using var card = JsonDocument.Parse(await api.GetStringAsync($"/api/periods/{period}/units/SO-A/scorecard", Cancel));
        var indicator = card.RootElement.GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("code").GetString() == "2.1");
        using var browser = await SignedInAsync(factory, "leader.so-a");

        var response = await browser.GetAsync($"/ky-danh-gia/{period}/don-vi/SO-A/bao-cao", Cancel);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", html, StringComparison.Ordinal);
        Assert.Contains("Kết quả đánh giá mức độ chuyển đổi số của Sở A, Kỳ mở", html, StringComparison.Ordinal);
        Assert.Contains(indicator.GetProperty("name").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(indicator.GetProperty("explanation").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains("Quyết định ban hành kế hoạch.pdf (số 15/QĐ-SA, ngày 03/02/2024)", html, StringComparison.Ordinal);
        Assert.Contains("Xếp hạng từng chỉ số", html, StringComparison.Ordinal);

        // Without settings: dots where the clerk writes the number and the place; the document still renders.
        Assert.Contains("Số: ………", html, StringComparison.Ordinal);
        Assert.Matches(@"……, ngày \d{2} tháng", html);
    }

    [Fact]
    public async Task Pdfs_OfTheReportAndTheScorecard_AreA4DocumentsWithTheirVietnameseText()
    {
        RequireTools();
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, settings: Issuer).StartAsync();
        using var evaluator = await factory.ClientAsync("evaluator");
        using var browser = await SignedInAsync(factory, "reporter.so-a");
        using (var reporter = await factory.ClientAsync("reporter.so-a"))
        {
            var saved = await reporter.PutAsync(
                $"/api/periods/{factory.OpenPeriodId}/units/SO-A/values",
                System.Net.Http.Json.JsonContent.Create(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }),
                Cancel);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var report = await evaluator.GetAsync($"/api/periods/{factory.OpenPeriodId}/report.pdf", Cancel);
        var scorecard = await browser.GetAsync($"/ky-danh-gia/{factory.OpenPeriodId}/don-vi/SO-A/bao-cao?handler=Pdf", Cancel);

        foreach (var (response, expected, name) in new[] { (report, "Sở B", "report"), (scorecard, "Sở A", "scorecard") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync(Cancel);
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

            var folder = Directory.CreateTempSubdirectory("opendti-pdf-test-");
            try
            {
                var file = Path.Combine(folder.FullName, "document.pdf");
                await File.WriteAllBytesAsync(file, pdf, Cancel);
                var text = Run("pdftotext", "-layout", file, "-");
                Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
                Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
                Assert.Contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ", text, StringComparison.Ordinal);
                Assert.Contains("Trần Thị Bình", text, StringComparison.Ordinal);
                Assert.Contains(expected, text, StringComparison.Ordinal);
                Assert.Contains("A4", Run("pdfinfo", file), StringComparison.Ordinal);

                // The first page as a grey picture: not blank (some of it is ink), and not all ink.
                Run("pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(folder.FullName, "page"));
                var (width, height, pixels) = ReadPgm(Path.Combine(folder.FullName, "page.pgm"));
                var ink = pixels.Count(p => p < 128);
                Assert.True(width < height, "the first page is portrait");
                Assert.InRange(ink, pixels.Length / 200, pixels.Length / 3);

                if (name == "scorecard")
                {
                    // The README's picture of a PDF's first page, under the browser tests' rule: the tracked picture is
                    // replaced only when missing or with OPENDTI_SCREENSHOTS=update, otherwise it goes to the output folder.
                    var tracked = Path.Combine(Testing.TestFrameworks.RepositoryRoot, "docs", "screenshots", "report-pdf");
                    var update = string.Equals(Environment.GetEnvironmentVariable("OPENDTI_SCREENSHOTS"), "update", StringComparison.OrdinalIgnoreCase);
                    var png = update || !File.Exists(tracked + ".png") ? tracked : Path.Combine(folder.FullName, "report-pdf");
                    Run("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file, png);
                    Assert.True(File.Exists(png + ".png"));
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public async Task MissingChromium_Is503SayingWhatToInstall_AndHealthSaysSo()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, settings: new Dictionary<string, string?> { ["OpenDti:Pdf:ChromiumPath"] = "/khong-co/chromium" }).StartAsync();
        using var evaluator = await factory.ClientAsync("evaluator");
        using var browser = await SignedInAsync(factory, "evaluator");

        var api = await evaluator.GetAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/scorecard.pdf", Cancel);
        var page = await browser.GetAsync($"/ky-danh-gia/{factory.OpenPeriodId}/bao-cao?handler=Pdf", Cancel);
        var printable = await browser.GetAsync($"/ky-danh-gia/{factory.OpenPeriodId}/bao-cao", Cancel);
        using var health = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/health", Cancel));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Contains("apt-get install chromium", await api.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("apt-get install chromium", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, printable.StatusCode);
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Contains("no chromium at /khong-co/chromium", health.RootElement.GetProperty("details").GetProperty("pdf").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfMaking_IsBounded_AQueueFullIs503WithRetryAfter_AHangIsKilled_AndNothingIsLeft()
    {
        // A "chromium" that hangs: it says where it was asked to print and its process id, then sleeps.
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            Assert.Skip("needs /bin/sh");
            return;
        }

        var work = Directory.CreateTempSubdirectory("opendti-hang-");
        try
        {
            var script = Path.Combine(work.FullName, "chromium");
            await File.WriteAllTextAsync(
                script,
                $"#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) echo \"${{a#--print-to-pdf=}}\" > {work.FullName}/target;; esac; done\necho $$ > {work.FullName}/pid\nexec sleep 120\n",
                Cancel);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var database = TestDatabase.Sqlite();
            await using var factory = await new OpenDtiFactory(database, settings: new Dictionary<string, string?>
            {
                ["OpenDti:Pdf:ChromiumPath"] = script,
                ["OpenDti:Pdf:MaxConcurrent"] = "1",
                ["OpenDti:Pdf:QueueSeconds"] = "0",
                ["OpenDti:Pdf:TimeoutSeconds"] = "4",
            }).StartAsync();
            using var first = await factory.ClientAsync("evaluator");
            using var second = await factory.ClientAsync("viewer");

            var hanging = first.GetAsync($"/api/periods/{factory.OpenPeriodId}/report.pdf", Cancel);
            var pidFile = Path.Combine(work.FullName, "pid");
            for (var i = 0; i < 200 && !File.Exists(pidFile); i++)
            {
                await Task.Delay(50, Cancel);
            }

            var refused = await second.GetAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/scorecard.pdf", Cancel);
            var timedOut = await hanging;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
            Assert.Contains("nhiều tệp PDF cùng lúc", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, timedOut.StatusCode);
            Assert.Contains("quá lâu", await timedOut.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

            // The hung process was killed and its temporary folder deleted.
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile, Cancel)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), "the hung chromium still runs");
            var target = (await File.ReadAllTextAsync(Path.Combine(work.FullName, "target"), Cancel)).Trim();
            Assert.False(Directory.Exists(Path.GetDirectoryName(target)), "the temporary folder is left");

            // Once the slot is free, the next request is served again (here: the same hang, so a timeout, not "busy").
            var again = await second.GetAsync($"/api/periods/{factory.OpenPeriodId}/units/SO-A/scorecard.pdf", Cancel);
            Assert.Contains("quá lâu", await again.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Fails or skips (as the browser tests do) when chromium or poppler's tools are missing.</summary>
    internal static void RequireTools()
    {
        var missing = new[] { Chromium, "/usr/bin/pdftotext", "/usr/bin/pdftoppm", "/usr/bin/pdfinfo" }.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var message = $"PDF tests skipped: missing {string.Join(", ", missing)} (apt-get install chromium poppler-utils).";
        if (Environment.GetEnvironmentVariable("OPENDTI_BROWSER_TESTS") == "required")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    internal static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output.Result;
    }

    /// <summary>A binary PGM picture (P5, 8 bits): its size and grey levels.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(bytes, start, at - start));
        }

        Assert.Equal("P5", fields[0]);
        var (width, height) = (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
        return (width, height, bytes[(at + 1)..(at + 1 + (width * height))]);
    }

    private static async Task<HttpClient> SignedInAsync(OpenDtiFactory factory, string userName)
    {
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/dang-nhap", Cancel);
        var signIn = await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = OpenDtiFactory.Password,
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Matches(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")[^1].Groups[1].Value,
        }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private static MultipartFormDataContent EvidenceForm(string indicator, string fileName, byte[] content, string number, string issuedOn)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(new StringContent(indicator), "indicator");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(number), "documentNumber");
        form.Add(new StringContent(issuedOn), "issuedOn");
        return form;
    }
}
