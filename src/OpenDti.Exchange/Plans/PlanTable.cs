using System.Globalization;
using System.Resources;
using OpenDti.Core.Text;

namespace OpenDti.Exchange.Plans;

/// <summary>
/// The three tables of the seeds a plan is written in (docs/plans.md, "The seeds' tables"): a district's plan
/// (seed 001, Phụ lục II/III), a province's appendix of tasks (seed 002, Phụ lục) and a province's assignment
/// with results, targets and deadlines (seed 004, Phụ lục 2).
/// </summary>
public enum PlanLayout
{
    /// <summary>Seed 001: STT | Nội dung chỉ tiêu | Yêu cầu thực hiện | Cơ quan hướng dẫn | Cơ quan chủ trì thực hiện | Cơ quan phối hợp thực hiện, in sections II (duy trì) and III (đẩy mạnh).</summary>
    Seed001 = 1,

    /// <summary>Seed 002: Tiêu chí | Chỉ số chính/Chỉ số thành phần | Điểm chuẩn | Cơ quan phụ trách tiêu chí | Cơ quan phối hợp | Thời gian hoàn thành | Ghi chú.</summary>
    Seed002 = 2,

    /// <summary>Seed 004: STT | Chỉ số chính/Chỉ số thành phần | Hướng dẫn | Kết quả năm … | Mục tiêu | Thời gian hoàn thành | Đơn vị chủ trì tham mưu/theo dõi | Đơn vị phối hợp.</summary>
    Seed004 = 4,
}

/// <summary>Maintain or push (seed 001's sections II and III), as the table knows it.</summary>
public enum PlanSection
{
    /// <summary>Full points last year: maintain (duy trì), section II.</summary>
    Maintain = 0,

    /// <summary>No or partial points last year: push (đẩy mạnh), section III.</summary>
    Push = 1,
}

/// <summary>A field of a plan row a table may carry.</summary>
[Flags]
public enum PlanField
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Cơ quan hướng dẫn.</summary>
    GuidingBody = 1,

    /// <summary>Cơ quan / đơn vị chủ trì.</summary>
    LeadUnit = 2,

    /// <summary>Cơ quan / đơn vị phối hợp.</summary>
    CoordinatingUnits = 4,

    /// <summary>Mục tiêu.</summary>
    Target = 8,

    /// <summary>Thời gian hoàn thành.</summary>
    Deadline = 16,

    /// <summary>Ghi chú.</summary>
    Note = 32,
}

/// <summary>A node of the plan as a table writes it.</summary>
/// <param name="Code">The node's code ("1.2").</param>
/// <param name="Name">Its name.</param>
/// <param name="Depth">0 for a main index.</param>
/// <param name="Branch">Whether it has nodes under it (a main index, a group): written in bold.</param>
/// <param name="MaxPoints">Điểm chuẩn.</param>
/// <param name="Requirement">Yêu cầu thực hiện, from the framework.</param>
/// <param name="Guidance">Hướng dẫn (how it is scored), from the framework.</param>
/// <param name="GuidingBody">Cơ quan hướng dẫn.</param>
/// <param name="LeadUnit">The lead unit's name.</param>
/// <param name="CoordinatingUnits">The coordinating units' names.</param>
/// <param name="LastYearPoints">Last year's points, when known.</param>
/// <param name="LastYearMeasure">Last year's measure as text ("35,72%", "Có"), when known.</param>
/// <param name="Section">Maintain or push; null when last year is unknown and nobody chose.</param>
/// <param name="PointsLost">The points lost last year, when known.</param>
/// <param name="Target">Mục tiêu.</param>
/// <param name="Deadline">Thời gian hoàn thành: a day (dd/MM/yyyy) or a text ("Hàng năm").</param>
/// <param name="Note">Ghi chú.</param>
public sealed record PlanTableRow(
    string Code,
    string Name,
    int Depth,
    bool Branch,
    decimal MaxPoints,
    string? Requirement,
    string? Guidance,
    string? GuidingBody,
    string? LeadUnit,
    IReadOnlyList<string> CoordinatingUnits,
    decimal? LastYearPoints,
    string? LastYearMeasure,
    PlanSection? Section,
    decimal? PointsLost,
    string? Target,
    string? Deadline,
    string? Note);

/// <summary>A plan to write: whose, which period and framework, and every node in the framework's order.</summary>
/// <param name="UnitName">The member whose plan it is (the province, a district).</param>
/// <param name="PeriodName">The period.</param>
/// <param name="Year">The period's year (last year's results are of the year before).</param>
/// <param name="FrameworkName">The framework.</param>
/// <param name="Rows">Every node, parents before children.</param>
/// <param name="MadeOn">The day the table is made (Vietnam's day).</param>
public sealed record PlanTable(string UnitName, string PeriodName, int Year, string FrameworkName, IReadOnlyList<PlanTableRow> Rows, DateOnly MadeOn);

/// <summary>A column of a laid-out plan: its heading, its width in Excel's characters and its share of a printed page.</summary>
/// <param name="Header">The heading, as the seed writes it.</param>
/// <param name="Width">The width in Excel (characters).</param>
/// <param name="Percent">Its share of the printed table's width.</param>
/// <param name="Field">The plan field it carries, when it carries one (what the reader takes back).</param>
public sealed record PlanColumn(string Header, double Width, int Percent, PlanField Field = PlanField.None);

/// <summary>A cell of a laid-out plan: a text, or a number (written as a number in Excel).</summary>
/// <param name="Text">The text as printed.</param>
/// <param name="Number">The number, when the cell is one.</param>
public sealed record PlanCell(string Text, decimal? Number = null)
{
    /// <summary>An empty cell.</summary>
    public static readonly PlanCell Empty = new(string.Empty);

    /// <summary>Implicit text cell.</summary>
    public static implicit operator PlanCell(string? text) => new(text ?? string.Empty);
}

/// <summary>A row of a laid-out plan.</summary>
/// <param name="Cells">One per column.</param>
/// <param name="Strong">Bold: a main index or a group.</param>
/// <param name="Code">The node's code, when the row is a node.</param>
public sealed record PlanSheetRow(IReadOnlyList<PlanCell> Cells, bool Strong, string? Code);

/// <summary>A part of a laid-out plan: an optional section heading (seed 001's II and III) and its rows.</summary>
/// <param name="Heading">The section's heading, or null.</param>
/// <param name="Rows">The rows.</param>
public sealed record PlanSheetBlock(string? Heading, IReadOnlyList<PlanSheetRow> Rows);

/// <summary>A plan laid out as one of the seeds' tables: the title block, the columns and the parts.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="Kind">"PHỤ LỤC" / "PHỤ LỤC 2".</param>
/// <param name="Title">The table's title, as the seed's.</param>
/// <param name="Lines">The lines under the title: the unit and period, the framework, the day it was made.</param>
/// <param name="Columns">The columns.</param>
/// <param name="Blocks">The parts.</param>
public sealed record PlanSheet(PlanLayout Layout, string Kind, string Title, IReadOnlyList<string> Lines, IReadOnlyList<PlanColumn> Columns, IReadOnlyList<PlanSheetBlock> Blocks);

/// <summary>The texts of the plan tables (Vietnamese, English beside), from PlanText.resx.</summary>
public static class PlanText
{
    private static readonly ResourceManager Resources = new("OpenDti.Exchange.Plans.PlanText", typeof(PlanText).Assembly);

    /// <summary>The resource's text in <paramref name="language"/>, formatted.</summary>
    public static string Format(Language language, string key, params object?[] args)
    {
        var culture = language.ResourceCulture();
        var template = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No plan text '{key}'.");
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }

    /// <summary>Every key of the Vietnamese resources (for the test that each has its English).</summary>
    public static IReadOnlyList<string> Keys()
    {
        var set = Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        return set is null ? [] : set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether <paramref name="key"/> has an English text of its own.</summary>
    public static bool HasEnglish(string key)
    {
        var set = Resources.GetResourceSet(Language.English.ResourceCulture(), createIfNotExists: true, tryParents: false);
        return set?.GetString(key) is { Length: > 0 };
    }
}

/// <summary>A message of the plan tables, in the reader's language.</summary>
/// <param name="Key">The resource key.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record PlanMessage(string Key, params object?[] Arguments) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) =>
        PlanText.Format(language, Key, Arguments.Select(a => a is ILocalizable l ? l.ToString(language) : a).ToArray());

    /// <inheritdoc />
    public override string ToString() => ToString(Language.Vietnamese);
}
