using OpenDti.Core.Frameworks;

namespace OpenDti.Cli.Output;

/// <summary>Readable names of levels and change kinds.</summary>
internal static class Names
{
    public static string Level(FrameworkLevel level, Text text) => text["Level" + level];

    public static string Change(ChangeKind kind, Text text) => text["Change" + kind];
}
