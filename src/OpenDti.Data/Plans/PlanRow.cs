namespace OpenDti.Data.Plans;

/// <summary>
/// Whether an indicator is already at full points and only has to be kept there (duy trì), or has no or
/// partial points and has to be pushed (đẩy mạnh): seed 001's sections II and III.
/// </summary>
public enum PlanClassification
{
    /// <summary>Full points last year: maintain (duy trì).</summary>
    Maintain = 0,

    /// <summary>No or partial points last year: push (đẩy mạnh).</summary>
    Push = 1,
}

/// <summary>
/// One row of a unit's plan for a period (phân công): for an indicator (any node: a main index, a
/// component, a sub-indicator) of the period's framework, who guides it, who leads it, who coordinates,
/// the target, the deadline and notes. The plan belongs to the cohort member whose form it covers: the
/// province's self-assessment, a district's form. The lead and coordinating units' reporters may enter
/// that member's figures and evidence of the indicator and every node under it (delegated entry), unless a
/// row for a node further down names other units.
/// </summary>
public sealed class PlanRow
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The cohort member whose form the plan covers (the province, a district).</summary>
    public int UnitId { get; set; }

    /// <summary>The node's code in the period's framework.</summary>
    public required string Indicator { get; set; }

    /// <summary>The guiding body (cơ quan hướng dẫn), as text: often a ministry outside the province.</summary>
    public string? GuidingBody { get; set; }

    /// <summary>The lead unit (cơ quan/đơn vị chủ trì).</summary>
    public int? LeadUnitId { get; set; }

    /// <summary>The coordinating units (cơ quan/đơn vị phối hợp).</summary>
    public List<PlanCoordinator> Coordinators { get; } = [];

    /// <summary>The target: points ("10"), a measure ("≥ 80%") or a text ("Duy trì").</summary>
    public string? Target { get; set; }

    /// <summary>The deadline as a day, when it is one.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>The deadline as text when it is not a day ("Hàng năm", "Quý IV").</summary>
    public string? DueText { get; set; }

    /// <summary>Notes (ghi chú).</summary>
    public string? Note { get; set; }

    /// <summary>An evaluator's choice of maintain or push over the one derived from last year's points; null: derived.</summary>
    public PlanClassification? Classification { get; set; }

    /// <summary>Why the evaluator chose <see cref="Classification"/>; required with it.</summary>
    public string? ClassificationReason { get; set; }

    /// <summary>Optimistic concurrency: increases on every change.</summary>
    public int Version { get; set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed it.</summary>
    public required string UpdatedBy { get; set; }
}

/// <summary>A coordinating unit (đơn vị phối hợp) of a plan row.</summary>
public sealed class PlanCoordinator
{
    /// <summary>The plan row.</summary>
    public int PlanRowId { get; set; }

    /// <summary>The coordinating unit.</summary>
    public int UnitId { get; set; }
}

/// <summary>
/// Last year's result of a unit for an indicator, imported as a sheet of points per unit and indicator in a
/// province's first year on OpenDti (no published period of last year to read it from). Plans, maintain/push
/// and gap analysis read it as last year's points.
/// </summary>
public sealed class BaselineResult
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The period the baseline is for (this year's).</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The node's code in the period's framework.</summary>
    public required string Indicator { get; set; }

    /// <summary>The points last year.</summary>
    public decimal Points { get; set; }

    /// <summary>The measure achieved last year, as text ("35,7%", "Có"), when the sheet gives it.</summary>
    public string? Measure { get; set; }

    /// <summary>When it was imported (UTC).</summary>
    public DateTime ImportedAt { get; set; }

    /// <summary>Who imported it.</summary>
    public required string ImportedBy { get; set; }
}

/// <summary>Where an assignment stands (seed 002 V: progress reported each quarter, half-year and year).</summary>
public enum ProgressStatus
{
    /// <summary>Chưa thực hiện.</summary>
    NotStarted = 0,

    /// <summary>Đang thực hiện.</summary>
    InProgress = 1,

    /// <summary>Hoàn thành.</summary>
    Done = 2,
}

/// <summary>The reporting terms of a year: "định kỳ hàng quý, 6 tháng, cả năm" (seed 002 V.3.l).</summary>
public enum ProgressTerm
{
    /// <summary>Quý I.</summary>
    Quarter1 = 1,

    /// <summary>6 tháng (quý II).</summary>
    HalfYear = 2,

    /// <summary>9 tháng (quý III).</summary>
    NineMonths = 3,

    /// <summary>Cả năm (quý IV).</summary>
    Year = 4,
}

/// <summary>
/// A lead unit's progress report on one plan row for one term: status, a short text and documents
/// (evidence files with <c>ProgressId</c>). One report per row and term; a later report of the same term
/// replaces it, and the audit keeps what it said before.
/// </summary>
public sealed class PlanProgress
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The plan row.</summary>
    public int PlanRowId { get; set; }

    /// <summary>The term.</summary>
    public ProgressTerm Term { get; set; }

    /// <summary>Status.</summary>
    public ProgressStatus Status { get; set; }

    /// <summary>What was done, briefly.</summary>
    public string? Text { get; set; }

    /// <summary>The unit that reported (the lead unit, or the plan's unit).</summary>
    public int ReportedByUnitId { get; set; }

    /// <summary>Who reported.</summary>
    public required string ReportedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime ReportedAt { get; set; }

    /// <summary>Optimistic concurrency.</summary>
    public int Version { get; set; }
}
