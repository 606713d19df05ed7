using System.CommandLine;
using OpenDti.Cli.Commands;
using OpenDti.Core.Text;

namespace OpenDti.Cli;

/// <summary>
/// Builds and runs the <c>opendti</c> command line. Every error is one clear line on the error
/// stream (several for a file with several problems, one per problem), never a stack trace.
/// </summary>
/// <remarks>
/// Exit codes: 0 success; 1 the input has problems (invalid framework, bad data rows); 2 the command
/// line itself is wrong; 70 an internal error (a bug: please report it).
/// </remarks>
public static class CliApp
{
    /// <summary>Runs the command line with <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var text = new Text(DetectLanguage(args));
        var context = new CliContext(text, output, error);
        try
        {
            var root = BuildRoot(context);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var problem in parse.Errors)
                {
                    error.WriteLine($"{text["ErrorPrefix"]}: {problem.Message}");
                }

                var path = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : CommandPath(parse.CommandResult.Command, root));
                error.WriteLine(text.Get("UsageHint", path.Length == 0 ? string.Empty : path).Replace("  ", " ", StringComparison.Ordinal));
                return 2;
            }

            return parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            }).GetAwaiter().GetResult();
        }
        catch (CliException exception)
        {
            if (exception.Message.Length > 0)
            {
                error.WriteLine($"{text["ErrorPrefix"]}: {exception.Message}");
            }

            return exception.ExitCode;
        }
        catch (Exception exception)
        {
            error.WriteLine($"{text["ErrorPrefix"]}: {text.Get("InternalError", exception.GetType().Name + ": " + exception.Message)}");
            return 70;
        }
    }

    private static IEnumerable<string> CommandPath(Command command, RootCommand root)
    {
        var path = new List<string>();
        Find(root, command, path);
        return path;

        static bool Find(Command current, Command target, List<string> path)
        {
            foreach (var sub in current.Subcommands)
            {
                path.Add(sub.Name);
                if (ReferenceEquals(sub, target) || Find(sub, target, path))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }

            return false;
        }
    }

    /// <summary>The language from <c>--lang</c> or the <c>OPENDTI_LANG</c> environment variable; Vietnamese by default.</summary>
    private static Language DetectLanguage(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                return LanguageExtensions.ParseLanguage(args[i + 1]);
            }

            if (args[i].StartsWith("--lang=", StringComparison.Ordinal))
            {
                return LanguageExtensions.ParseLanguage(args[i]["--lang=".Length..]);
            }
        }

        return LanguageExtensions.ParseLanguage(Environment.GetEnvironmentVariable("OPENDTI_LANG"));
    }

    private static RootCommand BuildRoot(CliContext context)
    {
        var language = new Option<string>("--lang")
        {
            Description = context.Text["LangOption"],
            Recursive = true,
            DefaultValueFactory = _ => context.Text.Language.Code(),
        };
        language.AcceptOnlyFromAmong("vi", "en");
        var root = new RootCommand(context.Text["RootDescription"]);
        root.Options.Add(language);
        root.Subcommands.Add(FrameworkCommands.Build(context));
        root.Subcommands.Add(ScoreCommand.Build(context));
        root.Subcommands.Add(AdminCommands.Build(context));
        root.Subcommands.Add(AuditCommands.Build(context));
        return root;
    }
}

/// <summary>What every command needs: messages and the output streams.</summary>
internal sealed record CliContext(Text Text, TextWriter Output, TextWriter Error);

/// <summary>An expected failure: its message is printed as one line, and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
