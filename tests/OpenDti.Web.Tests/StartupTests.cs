using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>What whoever starts OpenDti sees when it cannot start: one line saying why and what to do, no stack trace.</summary>
public sealed class StartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APortInUse_IsOneLineWithHowToChooseAnother_AndExit69()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("opendti-port-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.Combine(Testing.TestFrameworks.RepositoryRoot, "src", "OpenDti.Web"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OpenDti.Web.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["OpenDti__DataDirectory"] = data.FullName;
            start.Environment["OpenDti__Demo"] = "false";

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Cancel);
            var errors = process.StandardError.ReadToEndAsync(Cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            var printed = await output + await errors;
            Assert.True(process.ExitCode == 69, $"exit {process.ExitCode}:\n{printed}");
            Assert.Contains($"cổng của http://127.0.0.1:{port} đang được một chương trình khác dùng", printed, StringComparison.Ordinal);
            Assert.Contains("--urls", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", printed, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
