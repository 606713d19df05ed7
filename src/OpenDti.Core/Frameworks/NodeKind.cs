namespace OpenDti.Core.Frameworks;

/// <summary>The kinds of node in a framework tree.</summary>
public enum NodeKind
{
    /// <summary>A group of main indices ("Nhóm chỉ số nền tảng chung"). Optional.</summary>
    Group,

    /// <summary>A main index, pillar ("Chỉ số chính": Nhận thức số).</summary>
    MainIndex,

    /// <summary>A component indicator ("Chỉ số thành phần": 1.3).</summary>
    Indicator,

    /// <summary>A part of a composite indicator (5.12.1, 8.8.2.1).</summary>
    SubIndicator,
}

/// <summary>The level of government a framework scores.</summary>
public enum FrameworkLevel
{
    /// <summary>Provinces (cấp tỉnh), scored by the ministry.</summary>
    Province,

    /// <summary>Departments, agencies of a province (sở, ban, ngành).</summary>
    Department,

    /// <summary>Districts (cấp huyện).</summary>
    District,

    /// <summary>Communes (cấp xã).</summary>
    Commune,
}

/// <summary>The names used for <see cref="NodeKind"/> and <see cref="FrameworkLevel"/> in files.</summary>
public static class FrameworkNames
{
    /// <summary>The file name of a node kind: group, main_index, indicator, sub_indicator.</summary>
    public static string ToFileName(this NodeKind kind) => kind switch
    {
        NodeKind.Group => "group",
        NodeKind.MainIndex => "main_index",
        NodeKind.Indicator => "indicator",
        _ => "sub_indicator",
    };

    /// <summary>Parses a node kind's file name.</summary>
    public static NodeKind? ParseNodeKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "group" => NodeKind.Group,
        "main_index" => NodeKind.MainIndex,
        "indicator" => NodeKind.Indicator,
        "sub_indicator" => NodeKind.SubIndicator,
        _ => null,
    };

    /// <summary>The file name of a level: province, department, district, commune.</summary>
    public static string ToFileName(this FrameworkLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Parses a level's file name.</summary>
    public static FrameworkLevel? ParseLevel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "province" => FrameworkLevel.Province,
        "department" => FrameworkLevel.Department,
        "district" => FrameworkLevel.District,
        "commune" => FrameworkLevel.Commune,
        _ => null,
    };

    /// <summary>The file name of an input kind: number, yes_no, choice.</summary>
    public static string ToFileName(this InputKind kind) => kind switch
    {
        InputKind.Number => "number",
        InputKind.YesNo => "yes_no",
        _ => "choice",
    };

    /// <summary>Parses an input kind's file name.</summary>
    public static InputKind? ParseInputKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "number" => InputKind.Number,
        "yes_no" => InputKind.YesNo,
        "choice" => InputKind.Choice,
        _ => null,
    };
}
