using OpenDti.Application.Periods;
using OpenDti.Core.Frameworks;
using OpenDti.Data.Plans;

namespace OpenDti.Application.Plans;

/// <summary>A unit named in a plan: its code and current name, and whether it is a contributor that is never scored.</summary>
/// <param name="Code">The unit's code.</param>
/// <param name="Name">The unit's name.</param>
/// <param name="NotScored">Whether it contributes without being scored.</param>
public sealed record PlanUnit(string Code, string Name, bool NotScored = false);

/// <summary>Where last year's result of a plan row comes from.</summary>
public enum BaselineSource
{
    /// <summary>Last year's published period of the same framework level.</summary>
    Published = 0,

    /// <summary>A sheet of last year's points imported into this period.</summary>
    Imported = 1,
}

/// <summary>Last year's result of the plan's unit for a node.</summary>
/// <param name="Points">The points.</param>
/// <param name="MaxPoints">The node's max points this year.</param>
/// <param name="Measure">What the rule measured last year (usually a ratio), when published.</param>
/// <param name="MeasureText">The measure as the imported sheet wrote it ("35,7%", "Có").</param>
/// <param name="Source">Published or imported.</param>
/// <param name="PeriodId">Last year's period, when published.</param>
public sealed record LastYearResult(decimal Points, decimal MaxPoints, decimal? Measure, string? MeasureText, BaselineSource Source, int? PeriodId)
{
    /// <summary>
    /// Set when last year's figure is another node's of last year's framework, followed through the confirmed crosswalk:
    /// renamed (its points and measure), merged (the parts' points summed, no measure), split (the whole's points shared
    /// by max points, no measure); null for the node's own figure.
    /// </summary>
    public Frameworks.NodeOrigin? Origin { get; init; }
}

/// <summary>
/// One node of the period's framework in a plan, whether or not the plan says anything about it yet
/// (<see cref="Version"/> 0 then).
/// </summary>
/// <param name="Indicator">The node's code.</param>
/// <param name="Name">The node's name.</param>
/// <param name="Kind">Main index, indicator, …</param>
/// <param name="Depth">0 for a main index.</param>
/// <param name="MaxPoints">The node's max points (điểm chuẩn).</param>
/// <param name="Requirement">What the framework requires (yêu cầu), when it says.</param>
/// <param name="GuidingBody">Cơ quan hướng dẫn.</param>
/// <param name="LeadUnit">Đơn vị chủ trì.</param>
/// <param name="CoordinatingUnits">Đơn vị phối hợp.</param>
/// <param name="LastYear">Last year's result, when known.</param>
/// <param name="DerivedClassification">Maintain when last year gave full points, push otherwise; null when last year is unknown.</param>
/// <param name="Classification">The evaluator's choice when made, otherwise the derived one.</param>
/// <param name="ClassificationReason">Why the evaluator chose otherwise.</param>
/// <param name="Target">Mục tiêu.</param>
/// <param name="DueOn">Thời hạn, when a day.</param>
/// <param name="DueText">Thời hạn, when text ("Hàng năm").</param>
/// <param name="Note">Ghi chú.</param>
/// <param name="Version">The row's version (0: no row yet).</param>
/// <param name="UpdatedAt">When the row last changed.</param>
/// <param name="UpdatedBy">Who changed it.</param>
public sealed record PlanItem(
    string Indicator,
    string Name,
    NodeKind Kind,
    int Depth,
    decimal MaxPoints,
    string? Requirement,
    string? GuidingBody,
    PlanUnit? LeadUnit,
    IReadOnlyList<PlanUnit> CoordinatingUnits,
    LastYearResult? LastYear,
    PlanClassification? DerivedClassification,
    PlanClassification? Classification,
    string? ClassificationReason,
    string? Target,
    DateOnly? DueOn,
    string? DueText,
    string? Note,
    int Version,
    DateTime? UpdatedAt,
    string? UpdatedBy)
{
    /// <summary>The points lost last year (max − points), when last year is known.</summary>
    public decimal? PointsLost => LastYear is { } last ? Math.Max(0m, MaxPoints - last.Points) : null;

    /// <summary>Whether an evaluator chose the classification over the derived one.</summary>
    public bool ClassificationOverridden => ClassificationReason is not null;

    /// <summary>Whether the plan says anything about the node.</summary>
    public bool Assigned => Version > 0;

    /// <summary>The deadline as written in a table: the day (dd/MM/yyyy) or the text.</summary>
    public string? Deadline => DueOn is { } day ? day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : DueText;
}

/// <summary>The plan of a cohort member in a period.</summary>
/// <param name="Period">The period.</param>
/// <param name="FrameworkName">The period's framework.</param>
/// <param name="UnitCode">The member whose form the plan covers.</param>
/// <param name="UnitName">Its name in the period.</param>
/// <param name="CanEdit">Whether the actor may change it.</param>
/// <param name="Items">Every node of the framework, in its order.</param>
/// <param name="Members">The period's cohort (whose plans there are).</param>
/// <param name="Choices">The units a row may name as lead or coordinating unit.</param>
/// <param name="LastYearPeriodId">Last year's published period the baseline comes from, when there is one.</param>
public sealed record PeriodPlan(
    PeriodSummary Period,
    string FrameworkName,
    string UnitCode,
    string UnitName,
    bool CanEdit,
    IReadOnlyList<PlanItem> Items,
    IReadOnlyList<PlanUnit> Members,
    IReadOnlyList<PlanUnit> Choices,
    int? LastYearPeriodId)
{
    /// <summary>For those who may change it: the other periods that have a plan to copy into this one, newest first.</summary>
    public IReadOnlyList<PlanSource> CopySources { get; init; } = [];

    /// <summary>Whether any member's plan in the period has a row (a copy is then refused).</summary>
    public bool PeriodHasRows { get; init; }

    /// <summary>How many rows of last year's results were imported into the period (for every member).</summary>
    public int BaselineRows { get; init; }

    /// <summary>
    /// Set when the member did not exist last year and its baseline is the results of the units it absorbed, combined
    /// by the period's merger rule ("gộp từ …", as the ranking and trends read them); null otherwise.
    /// </summary>
    public Improvement.Trends.MergedFrom? LastYearMerged { get; init; }
}

/// <summary>A period whose plan can be copied: its id, name, year and how many rows its plans have.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Name">Its name.</param>
/// <param name="Year">The year it evaluates.</param>
/// <param name="Rows">Rows in its plans (every member).</param>
public sealed record PlanSource(int PeriodId, string Name, int Year, int Rows);

/// <summary>The members of a period whose plans a reader may open, for choosing one.</summary>
/// <param name="Period">The period.</param>
/// <param name="Members">The members, by code.</param>
public sealed record PlanMembers(PeriodSummary Period, IReadOnlyList<PlanUnit> Members);

/// <summary>
/// A requested plan row: it replaces the row of <paramref name="Indicator"/> as a whole (a field left out is
/// cleared; a row with every field empty removes it). Units are named by code.
/// </summary>
/// <param name="Indicator">The node's code.</param>
/// <param name="GuidingBody">Cơ quan hướng dẫn.</param>
/// <param name="LeadUnit">The lead unit's code.</param>
/// <param name="CoordinatingUnits">The coordinating units' codes.</param>
/// <param name="Target">Mục tiêu.</param>
/// <param name="Deadline">A day (dd/MM/yyyy or yyyy-MM-dd) or a text such as "Hàng năm".</param>
/// <param name="Note">Ghi chú.</param>
/// <param name="Classification">"maintain"/"duy trì" or "push"/"đẩy mạnh" to choose over the derived one; empty: derived.</param>
/// <param name="ClassificationReason">Why, required with a classification.</param>
/// <param name="Version">The version read; when given and stale, the request is refused.</param>
public sealed record PlanRowChange(
    string Indicator,
    string? GuidingBody = null,
    string? LeadUnit = null,
    IReadOnlyList<string?>? CoordinatingUnits = null,
    string? Target = null,
    string? Deadline = null,
    string? Note = null,
    string? Classification = null,
    string? ClassificationReason = null,
    int? Version = null);

/// <summary>A row of last year's results to import: a unit, a node, its points and, optionally, its measure.</summary>
/// <param name="Row">The row in the sheet (for messages), 1 for the first row of data.</param>
/// <param name="Unit">The unit's code.</param>
/// <param name="Indicator">The node's code.</param>
/// <param name="Points">The points as written.</param>
/// <param name="Measure">The measure as written, optional.</param>
public sealed record BaselineEntry(int Row, string? Unit, string? Indicator, string? Points, string? Measure);
