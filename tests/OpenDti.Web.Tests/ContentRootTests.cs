using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using OpenDti.Web.Startup;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A published OpenDti started from any directory finds its own files: wwwroot, appsettings.json, and a
/// relative data directory under its own folder (docs/deployment.md).
/// </summary>
public sealed partial class ContentRootTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Application = "/opt/opendti/web/";

    [Fact]
    public void NothingGiven_TheApplicationsFolder()
    {
        var options = ContentRootSetup.Options(["--urls", "http://127.0.0.1:5000"], new Hashtable(), Application);

        Assert.Equal(Application, options.ContentRootPath);
        Assert.Equal(["--urls", "http://127.0.0.1:5000"], options.Args!);
    }

    [Theory]
    [InlineData("--contentRoot", "/srv/opendti")]
    [InlineData("--contentroot=/srv/opendti", null)]
    [InlineData("/contentRoot", "/srv/opendti")]
    public void GivenOnTheCommandLine_TheHostTakesIt(string first, string? second)
    {
        string[] args = second is null ? [first] : [first, second];

        Assert.Null(ContentRootSetup.Options(args, new Hashtable(), Application).ContentRootPath);
    }

    [Theory]
    [InlineData("ASPNETCORE_CONTENTROOT")]
    [InlineData("DOTNET_CONTENTROOT")]
    public void GivenInTheEnvironment_TheHostTakesIt(string variable)
    {
        var environment = new Hashtable { [variable] = "/srv/opendti" };

        Assert.Null(ContentRootSetup.Options([], environment, Application).ContentRootPath);
    }

    [Fact]
    public void Development_TheCurrentDirectory_WhichDotnetRunSetsToTheProject()
    {
        Assert.Null(ContentRootSetup.Options([], new Hashtable { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, Application).ContentRootPath);
        Assert.Null(ContentRootSetup.Options(["--environment", "Development"], new Hashtable(), Application).ContentRootPath);
    }

    [Fact]
    public void TheCommandLineOverTheEnvironment_AsTheHostReadsThem()
    {
        var environment = new Hashtable { ["DOTNET_ENVIRONMENT"] = "Development", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        Assert.Equal(Application, ContentRootSetup.Options([], environment, Application).ContentRootPath);

        environment = new Hashtable { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        Assert.Equal(Application, ContentRootSetup.Options(["--environment=Production"], environment, Application).ContentRootPath);
    }

    /// <summary>
    /// The build output with wwwroot beside it (what <c>dotnet publish</c> makes), started from another directory in
    /// Production: styles served, the relative data directory made under the application's folder, nothing in the
    /// directory it was started from.
    /// </summary>
    [Fact]
    public async Task APublishedFolder_StartedFromAnotherDirectory_FindsItsFiles()
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory); // tests/OpenDti.Web.Tests/bin/<configuration>/<framework>/
        var output = Path.Combine(Testing.TestFrameworks.RepositoryRoot, "src", "OpenDti.Web", "bin", build.Parent!.Name, build.Name);
        Assert.True(File.Exists(Path.Combine(output, "OpenDti.Web.dll")), $"no build output at {output}");

        var root = Directory.CreateTempSubdirectory("opendti-content-root-");
        try
        {
            var application = Path.Combine(root.FullName, "web");
            Copy(output, application);
            Copy(Path.Combine(Testing.TestFrameworks.RepositoryRoot, "src", "OpenDti.Web", "wwwroot"), Path.Combine(application, "wwwroot"));
            var elsewhere = Directory.CreateDirectory(Path.Combine(root.FullName, "elsewhere")).FullName;

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = elsewhere,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(application, "OpenDti.Web.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("ASPNETCORE_CONTENTROOT");
            start.Environment.Remove("DOTNET_CONTENTROOT");
            start.Environment["OpenDti__DataDirectory"] = "data";
            start.Environment["OpenDti__Demo"] = "false";

            using var process = Process.Start(start)!;
            var printed = new System.Text.StringBuilder();
            var errors = process.StandardError.ReadToEndAsync(Cancel);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                timeout.CancelAfter(TimeSpan.FromMinutes(2));
                Uri? address = null;
                while (address is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    printed.AppendLine(line);
                    if (Listening().Match(line) is { Success: true } match)
                    {
                        address = new Uri(match.Groups[1].Value);
                    }
                }

                Assert.True(address is not null, $"never listened:\n{printed}");
                _ = process.StandardOutput.ReadToEndAsync(Cancel); // drained, so that the application never waits on a full pipe
                using var client = new HttpClient { BaseAddress = address };
                using var style = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative), Cancel);
                Assert.Equal(HttpStatusCode.OK, style.StatusCode);
                using var page = await client.GetAsync(new Uri("/dang-nhap", UriKind.Relative), Cancel);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);

                Assert.True(File.Exists(Path.Combine(application, "data", "opendti.db")), $"no database under the application's folder:\n{printed}");
                Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync(CancellationToken.None);
                _ = await errors;
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "data")
            {
                continue; // a database left by an earlier run of the build output is not part of the application
            }

            File.Copy(file, Path.Combine(to, relative));
        }
    }

    [GeneratedRegex(@"đang chạy tại (http://\S+)")]
    private static partial Regex Listening();
}
