using OpenDti.Data.Frameworks;

namespace OpenDti.Data.Periods;

/// <summary>Where an evaluation period is in its life.</summary>
public enum PeriodStatus
{
    /// <summary>Being prepared; units cannot report yet.</summary>
    Draft = 0,

    /// <summary>Units report their figures.</summary>
    Open = 1,

    /// <summary>Reporting is over; results are being reviewed.</summary>
    Closed = 2,

    /// <summary>Results are published.</summary>
    Published = 3,
}

/// <summary>
/// Where a unit that did not complete the review cycle (its submission not finalised when results are
/// published) is ranked in a publication. Either way it is published as "không gửi hồ sơ".
/// </summary>
public enum UnfinishedRanking
{
    /// <summary>After every unit that completed the cycle, whatever its points (the default).</summary>
    AfterFinalised = 0,

    /// <summary>Among every unit, by its points.</summary>
    WithOthers = 1,
}

/// <summary>The points a publication shows for a unit that did not complete the review cycle.</summary>
public enum UnfinishedPoints
{
    /// <summary>0, on the total, every main index and every node (the default).</summary>
    Zero = 0,

    /// <summary>The points of what it reported (with any adjustment), as for any unit.</summary>
    AsReported = 1,
}

/// <summary>
/// How a unit formed by a merger is given a result for a year before the merger (trends, comparisons with
/// earlier years): from the results of the units it absorbed.
/// </summary>
public enum MergerRule
{
    /// <summary>The mean of the absorbed units' main indices (the ministry's rule for DTI 2024; the default).</summary>
    Mean = 0,

    /// <summary>The absorbed units' main indices weighted by their population (profile <c>population</c>) of that year.</summary>
    Population = 1,
}

/// <summary>An evaluation period: a framework, a year, a cohort of units, open and close dates and a status.</summary>
public sealed class Period
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The framework used.</summary>
    public int FrameworkId { get; set; }

    /// <summary>The framework.</summary>
    public FrameworkRecord? Framework { get; set; }

    /// <summary>The year evaluated (profile figures of this year are used).</summary>
    public int Year { get; set; }

    /// <summary>A name ("Đánh giá DTI cấp sở năm 2024").</summary>
    public required string Name { get; set; }

    /// <summary>The first day units may report.</summary>
    public DateOnly OpensOn { get; set; }

    /// <summary>The last day units may report.</summary>
    public DateOnly ClosesOn { get; set; }

    /// <summary>
    /// The contributors' deadline (seed 001 IV: units to the district by 10/12): the last day a plan's lead and
    /// coordinating units enter the figures assigned to them, before the consolidation deadline
    /// <see cref="ClosesOn"/> (20/12). Null: one deadline for everyone.
    /// </summary>
    public DateOnly? ContributorsCloseOn { get; set; }

    /// <summary>Status.</summary>
    public PeriodStatus Status { get; set; }

    /// <summary>How many days after a publication units may appeal (phúc khảo) its points.</summary>
    public int AppealDays { get; set; } = DefaultAppealDays;

    /// <summary>The appeal window of a new period unless set otherwise.</summary>
    public const int DefaultAppealDays = 15;

    /// <summary>Where a publication ranks a unit that did not complete the review cycle.</summary>
    public UnfinishedRanking UnfinishedRanking { get; set; }

    /// <summary>The points a publication shows for a unit that did not complete the review cycle.</summary>
    public UnfinishedPoints UnfinishedPoints { get; set; }

    /// <summary>
    /// Whether its published results are on the public page (<c>/cong-khai</c>) and the public API, for
    /// anyone without signing in. Switched on by an evaluator once the period is published, and off again.
    /// </summary>
    public bool IsPublic { get; set; }

    /// <summary>How a merged unit's results for the years before its merger are read, in this period's trends.</summary>
    public MergerRule MergerRule { get; set; }

    /// <summary>The units scored together, with their code and name at the time.</summary>
    public List<PeriodUnit> Units { get; } = [];
}

/// <summary>A unit of a period's cohort, with the code and name it had when the period was set up.</summary>
public sealed class PeriodUnit
{
    /// <summary>The period.</summary>
    public int PeriodId { get; set; }

    /// <summary>The unit.</summary>
    public int UnitId { get; set; }

    /// <summary>The unit's code at the time.</summary>
    public required string UnitCode { get; set; }

    /// <summary>The unit's name at the time.</summary>
    public required string UnitName { get; set; }
}
