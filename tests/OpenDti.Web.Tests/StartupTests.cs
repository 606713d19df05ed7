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

        var (exitCode, printed) = await StartAsync(port, new Dictionary<string, string>());

        AssertSaidWithoutATrace(69, exitCode, printed, $"cổng của http://127.0.0.1:{port} đang được một chương trình khác dùng", "--urls");
        Assert.DoesNotContain("Exception", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReached_IsOneLineSayingWhatToCheck_AndExit69()
    {
        // Nothing listens on port 1: the connection is refused at once, as with PostgreSQL stopped or a wrong host.
        var (exitCode, printed) = await StartAsync(0, new Dictionary<string, string>
        {
            ["OpenDti__Database__Provider"] = "Postgres",
            ["OpenDti__Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=opendti;Username=opendti;Password=bi-mat;Timeout=3",
        });

        AssertSaidWithoutATrace(69, exitCode, printed, "OpenDti không khởi động được: không kết nối được cơ sở dữ liệu Postgres", "OpenDti:Database:ConnectionString");
        Assert.DoesNotContain("bi-mat", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSettings_AreNamedInOneLine_AndExit78()
    {
        var (exitCode, printed) = await StartAsync(0, new Dictionary<string, string>
        {
            ["OpenDti__ForwardedHeaders__KnownProxies__0"] = "proxy.local",
            ["OpenDti__ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0/99",
            ["OpenDti__Evidence__MaxBytes"] = "0",
        });

        AssertSaidWithoutATrace(
            78,
            exitCode,
            printed,
            "OpenDti không khởi động được: thiết lập sai:",
            "OpenDti:ForwardedHeaders:KnownProxies: 'proxy.local' is not an IP address",
            "OpenDti:ForwardedHeaders:KnownNetworks: '10.0.0.0/99' is not a network",
            "OpenDti:Evidence:MaxBytes must be a positive number of bytes");
    }

    /// <summary>The process ended with <paramref name="expected"/>, printed each of <paramref name="said"/>, and no stack trace.</summary>
    private static void AssertSaidWithoutATrace(int expected, int exitCode, string printed, params string[] said)
    {
        Assert.True(exitCode == expected, $"exit {exitCode}:\n{printed}");
        Assert.All(said, line => Assert.Contains(line, printed, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.Ordinal);
    }

    /// <summary>Starts the built application in Production on <paramref name="port"/> with <paramref name="environment"/>; its exit code and all it printed.</summary>
    private static async Task<(int ExitCode, string Printed)> StartAsync(int port, IReadOnlyDictionary<string, string> environment)
    {
        var data = Directory.CreateTempSubdirectory("opendti-start-");
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
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

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

            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
