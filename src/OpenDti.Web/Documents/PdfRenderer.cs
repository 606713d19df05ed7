using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpenDti.Web.Documents;

/// <summary>Why a PDF was not made.</summary>
public enum PdfFailure
{
    /// <summary>It was made.</summary>
    None,

    /// <summary>Every slot stayed busy for the whole wait: try again later (503 with Retry-After).</summary>
    Busy,

    /// <summary>No chromium at the configured path (or it cannot be started): install it.</summary>
    Missing,

    /// <summary>Chromium took longer than the timeout and was killed.</summary>
    Timeout,

    /// <summary>Chromium ended without a PDF.</summary>
    Failed,
}

/// <summary>A PDF, or why there is none.</summary>
/// <param name="Pdf">The file's bytes, when made.</param>
/// <param name="Failure">Why not.</param>
public sealed record PdfResult(byte[]? Pdf, PdfFailure Failure);

/// <summary>
/// Prints an HTML document to PDF with Debian's chromium in headless mode: the HTML (inline stylesheet,
/// no script, nothing from elsewhere) is written to a folder of its own under the temporary directory,
/// chromium prints it with scripts off and a profile in the same folder, and the folder is deleted
/// whatever happens. At most <see cref="PdfOptions.MaxConcurrent"/> run at once; a request waits
/// <see cref="PdfOptions.QueueSeconds"/> for its turn, then gets <see cref="PdfFailure.Busy"/>. A chromium
/// that outlives <see cref="PdfOptions.TimeoutSeconds"/> is killed with its children.
/// </summary>
public sealed class PdfRenderer(IOptions<PdfOptions> options, ILogger<PdfRenderer> log) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrent));

    /// <summary>The chromium executable configured.</summary>
    public string ChromiumPath => options.Value.ChromiumPath;

    /// <summary>Whether the configured chromium exists.</summary>
    public bool Available => File.Exists(ChromiumPath);

    /// <summary>Seconds a refused request is told to wait (Retry-After): one queue wait.</summary>
    public int RetryAfterSeconds => Math.Max(1, options.Value.QueueSeconds);

    /// <summary><paramref name="html"/> printed to PDF, or why not.</summary>
    public async Task<PdfResult> RenderAsync(string html, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return new PdfResult(null, PdfFailure.Missing);
        }

        if (!await _slots.WaitAsync(TimeSpan.FromSeconds(Math.Max(0, options.Value.QueueSeconds)), cancellationToken))
        {
            return new PdfResult(null, PdfFailure.Busy);
        }

        DirectoryInfo? folder = null;
        try
        {
            folder = Directory.CreateTempSubdirectory("opendti-pdf-");
            var source = Path.Combine(folder.FullName, "document.html");
            var target = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllTextAsync(source, html, new UTF8Encoding(false), cancellationToken);
            return await PrintAsync(source, target, Path.Combine(folder.FullName, "profile"), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A full or read-only temporary disk: no PDF, said as such, never a 500.
            log.LogError("No PDF: the temporary folder cannot be written: {Message}", exception.Message);
            return new PdfResult(null, PdfFailure.Failed);
        }
        finally
        {
            _slots.Release();
            if (folder is not null)
            {
                Delete(folder);
            }
        }
    }

    private async Task<PdfResult> PrintAsync(string source, string target, string profile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
                     "--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + target, new Uri(source).AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            log.LogError("Chromium at {Path} cannot be started: {Message}", ChromiumPath, exception.Message);
            return new PdfResult(null, PdfFailure.Missing);
        }

        using (process)
        {
            // Read what chromium writes so that it never blocks on a full pipe; its last lines go to the log on failure.
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await Task.WhenAll(output, error);
                cancellationToken.ThrowIfCancellationRequested();
                log.LogWarning("Chromium took more than {Seconds} s to print a document and was killed", options.Value.TimeoutSeconds);
                return new PdfResult(null, PdfFailure.Timeout);
            }

            await Task.WhenAll(output, error);
            if (process.ExitCode == 0 && File.Exists(target))
            {
                var pdf = await File.ReadAllBytesAsync(target, cancellationToken);
                if (pdf.AsSpan().StartsWith("%PDF"u8))
                {
                    return new PdfResult(pdf, PdfFailure.None);
                }
            }

            var said = (await error).Trim();
            log.LogError("Chromium ended with {Code} and no PDF: {Error}", process.ExitCode, said.Length > 2000 ? said[^2000..] : said);
            return new PdfResult(null, PdfFailure.Failed);
        }
    }

    private void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            log.LogError("Chromium (process {Id}) could not be killed: {Message}", process.Id, exception.Message);
        }
    }

    private void Delete(DirectoryInfo folder)
    {
        // Chromium's helpers may hold the profile a moment after the main process ends: try a few times.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                folder.Refresh();
                if (folder.Exists)
                {
                    folder.Delete(recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                log.LogError("The temporary folder {Folder} could not be deleted: {Message}", folder.FullName, exception.Message);
                return;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
