using OpenDti.Testing;
using Xunit;

namespace OpenDti.Cli.Tests;

/// <summary>Runs <c>opendti</c> in process, from the repository root, capturing both streams.</summary>
internal static class Cli
{
    private static readonly Lock Gate = new();

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        // The command line reads files relative to the current directory, as users run it.
        lock (Gate)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = TestFrameworks.RepositoryRoot;
            try
            {
                var output = new StringWriter();
                var error = new StringWriter();
                var exitCode = CliApp.Run(args, output, error);
                Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
                return (exitCode, output.ToString(), error.ToString());
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }
    }
}
