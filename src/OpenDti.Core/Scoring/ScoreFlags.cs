namespace OpenDti.Core.Scoring;

/// <summary>What a reviewer should know about a node's points.</summary>
[Flags]
public enum ScoreFlags
{
    /// <summary>Nothing to note.</summary>
    None = 0,

    /// <summary>An input the rule needs was not reported ("chưa kê khai"): the indicator scores 0.</summary>
    NotReported = 1,

    /// <summary>The measure is undefined, e.g. a ratio whose denominator is 0 ("mẫu số bằng 0").</summary>
    Undefined = 2,

    /// <summary>The rule's value was outside 0..1 and was clamped (e.g. a &gt; b in a ratio).</summary>
    Clamped = 4,

    /// <summary>The max points are provisional ("điểm tạm tính").</summary>
    Provisional = 8,

    /// <summary>A node below this one has provisional max points.</summary>
    ContainsProvisional = 16,

    /// <summary>The children's points added up to more than max points and were capped.</summary>
    Capped = 32,

    /// <summary>Some indicator below this node was not reported.</summary>
    Incomplete = 64,
}

/// <summary>The names of flags in files and the API, and their Vietnamese labels.</summary>
public static class ScoreFlagNames
{
    private static readonly (ScoreFlags Flag, string Name, string MessageKey)[] All =
    [
        (ScoreFlags.NotReported, "not_reported", "FlagNotReported"),
        (ScoreFlags.Undefined, "undefined", "FlagUndefined"),
        (ScoreFlags.Clamped, "clamped", "FlagClamped"),
        (ScoreFlags.Provisional, "provisional", "FlagProvisional"),
        (ScoreFlags.ContainsProvisional, "contains_provisional", "FlagContainsProvisional"),
        (ScoreFlags.Capped, "capped", "FlagCapped"),
        (ScoreFlags.Incomplete, "incomplete", "FlagIncomplete"),
    ];

    /// <summary>The file names of the flags set in <paramref name="flags"/>, in a fixed order.</summary>
    public static IReadOnlyList<string> Names(ScoreFlags flags) =>
        All.Where(f => (flags & f.Flag) != 0).Select(f => f.Name).ToArray();

    /// <summary>The readable labels ("chưa kê khai", "điểm tạm tính") of the flags set.</summary>
    public static IReadOnlyList<string> Labels(ScoreFlags flags, Text.Language language) =>
        All.Where(f => (flags & f.Flag) != 0).Select(f => Text.Localizer.Format(language, f.MessageKey)).ToArray();
}
