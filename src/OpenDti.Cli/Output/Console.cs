using Spectre.Console;

namespace OpenDti.Cli.Output;

/// <summary>A Spectre console writing plain text (no colours, no ANSI) to a writer, wide enough for Vietnamese names.</summary>
internal static class PlainConsole
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return console;
    }
}
