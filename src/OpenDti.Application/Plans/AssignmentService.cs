using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Periods;
using OpenDti.Data.Plans;

namespace OpenDti.Application.Plans;

/// <summary>
/// An assignment (việc được giao): a plan row naming a lead unit or coordinating units, with what the plan
/// unit's form still lacks of it and the latest progress reported on it.
/// </summary>
/// <param name="PlanRowId">The plan row.</param>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodName">The period's name.</param>
/// <param name="PlanUnitId">The cohort member whose form the plan covers.</param>
/// <param name="PlanUnitCode">Its code in the period.</param>
/// <param name="PlanUnitName">Its name in the period.</param>
/// <param name="Indicator">The node's code.</param>
/// <param name="IndicatorName">The node's name.</param>
/// <param name="LeadUnitId">The lead unit (chủ trì), when the row names one.</param>
/// <param name="LeadUnitCode">Its code.</param>
/// <param name="LeadUnitName">Its name.</param>
/// <param name="CoordinatorIds">The coordinating units (phối hợp).</param>
/// <param name="Target">The target, as the plan writes it.</param>
/// <param name="DueOn">The plan row's deadline as a day.</param>
/// <param name="DueText">The plan row's deadline as text ("Hàng năm").</param>
/// <param name="Deadline">
/// The last day to enter the assigned figures: the earlier of <paramref name="DueOn"/> and the period's contributors'
/// deadline (its closing day when it has none).
/// </param>
/// <param name="DaysLeft">Days from today to <paramref name="Deadline"/>; negative when it has passed.</param>
/// <param name="Inputs">The inputs the row covers in the plan unit's form (the node's and those under it that no nearer row assigns to others).</param>
/// <param name="EmptyInputs">How many of them have no value yet.</param>
/// <param name="LatestTerm">The latest term progress was reported for, if any.</param>
/// <param name="LatestStatus">The status reported for it.</param>
/// <param name="LatestText">What it said.</param>
public sealed record Assignment(
    int PlanRowId,
    int PeriodId,
    string PeriodName,
    int PlanUnitId,
    string PlanUnitCode,
    string PlanUnitName,
    string Indicator,
    string IndicatorName,
    int? LeadUnitId,
    string? LeadUnitCode,
    string? LeadUnitName,
    IReadOnlyList<int> CoordinatorIds,
    string? Target,
    DateOnly? DueOn,
    string? DueText,
    DateOnly Deadline,
    int DaysLeft,
    int Inputs,
    int EmptyInputs,
    ProgressTerm? LatestTerm,
    ProgressStatus? LatestStatus,
    string? LatestText)
{
    /// <summary>Whether the figures are late: the deadline has passed with an assigned input still empty.</summary>
    public bool IsLate => DaysLeft < 0 && EmptyInputs > 0;

    /// <summary>
    /// Whether the work is overdue (progress): the plan row's day has passed and the latest progress is not
    /// "Hoàn thành". A deadline kept as text ("Hàng năm") is never overdue.
    /// </summary>
    public bool IsOverdueOn(DateOnly today) => DueOn is { } due && due < today && LatestStatus != ProgressStatus.Done;

    /// <summary>Whether <paramref name="unitId"/> is the lead or a coordinating unit.</summary>
    public bool Names(int unitId) => LeadUnitId == unitId || CoordinatorIds.Contains(unitId);

    /// <summary>The plan unit's form, at the node ("/ky-danh-gia/3/ke-khai/TINH").</summary>
    public string FormPath => $"/ky-danh-gia/{PeriodId}/ke-khai/{Uri.EscapeDataString(PlanUnitCode)}";

    /// <summary>The period's progress page, at the row.</summary>
    public string ProgressPath => $"/ky-danh-gia/{PeriodId}/tien-do#row-{PlanRowId}";
}

/// <summary>
/// The assignments of plans (phân công): which plan rows name a unit as lead or coordinating unit, their
/// deadlines (the plan row's day and the contributors' deadline), what the plan unit's form still lacks of
/// them, and their latest progress. The to-do lists, the deadlines page, the reminders, the progress page and
/// a lead unit's home page read them from here. Reads only; the callers check who may see what.
/// </summary>
public sealed class AssignmentService(OpenDtiDbContext db, FrameworkCatalog frameworks)
{
    /// <summary>The assignments naming <paramref name="unitId"/> (lead or coordinating) in open periods, most urgent first.</summary>
    public async Task<IReadOnlyList<Assignment>> OfUnitAsync(int unitId, DateOnly today, CancellationToken cancellationToken = default)
    {
        var periodIds = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).Select(p => p.Id).ToListAsync(cancellationToken);
        var all = await ListAsync(periodIds, unitId, today, cancellationToken);
        return all.Where(a => a.Names(unitId)).ToArray();
    }

    /// <summary>Every assignment of open periods (for the to-do lists and the reminders), most urgent first.</summary>
    public async Task<IReadOnlyList<Assignment>> OfOpenPeriodsAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var periodIds = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).Select(p => p.Id).ToListAsync(cancellationToken);
        return await ListAsync(periodIds, null, today, cancellationToken);
    }

    /// <summary>Every assignment of period <paramref name="periodId"/>, most urgent first.</summary>
    public Task<IReadOnlyList<Assignment>> OfPeriodAsync(int periodId, DateOnly today, CancellationToken cancellationToken = default) =>
        ListAsync([periodId], null, today, cancellationToken);

    /// <summary>
    /// The assignments of <paramref name="periodIds"/>; with <paramref name="unitId"/>, only of the plans that
    /// name it somewhere (the rows are filtered by the caller).
    /// </summary>
    private async Task<IReadOnlyList<Assignment>> ListAsync(IReadOnlyCollection<int> periodIds, int? unitId, DateOnly today, CancellationToken cancellationToken)
    {
        if (periodIds.Count == 0)
        {
            return [];
        }

        var rows = await db.PlanRows.AsNoTracking()
            .Include(r => r.Coordinators)
            .Where(r => periodIds.Contains(r.PeriodId))
            .ToListAsync(cancellationToken);
        if (unitId is { } only)
        {
            // Whole plans that name the unit: the rows further down that name others decide what its rows cover.
            var plans = rows.Where(r => r.LeadUnitId == only || r.Coordinators.Any(c => c.UnitId == only)).Select(r => (r.PeriodId, r.UnitId)).ToHashSet();
            rows = rows.Where(r => plans.Contains((r.PeriodId, r.UnitId))).ToList();
        }

        rows = rows.Where(r => r.LeadUnitId is not null || r.Coordinators.Count > 0).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.PeriodId).Distinct().ToArray();
        var periods = await db.Periods.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.FrameworkId, p.ClosesOn, p.ContributorsCloseOn })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var cohort = (await db.PeriodUnits.AsNoTracking().Where(u => ids.Contains(u.PeriodId)).ToListAsync(cancellationToken))
            .ToDictionary(u => (u.PeriodId, u.UnitId));
        var leadIds = rows.Where(r => r.LeadUnitId is not null).Select(r => r.LeadUnitId!.Value).Distinct().ToArray();
        var leads = await db.Units.AsNoTracking().Where(u => leadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Code, u.Name }, cancellationToken);
        var planUnits = rows.Select(r => r.UnitId).Distinct().ToArray();
        var answered = (await db.ReportedValues.AsNoTracking()
                .Where(v => ids.Contains(v.PeriodId) && planUnits.Contains(v.UnitId))
                .Select(v => new { v.PeriodId, v.UnitId, v.Indicator, v.Input })
                .ToListAsync(cancellationToken))
            .Select(v => (v.PeriodId, v.UnitId, v.Indicator, v.Input))
            .ToHashSet();
        var rowIds = rows.Select(r => r.Id).ToArray();
        var latest = (await db.PlanProgress.AsNoTracking().Where(p => rowIds.Contains(p.PlanRowId)).ToListAsync(cancellationToken))
            .GroupBy(p => p.PlanRowId)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.Term)!);

        var result = new List<Assignment>();
        foreach (var plan in rows.GroupBy(r => (r.PeriodId, r.UnitId)))
        {
            var period = periods[plan.Key.PeriodId];
            var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
            var byNode = plan.ToDictionary(r => r.Indicator, StringComparer.Ordinal);
            var covered = Covered(framework, byNode);
            var member = cohort.GetValueOrDefault(plan.Key);
            var contributorsClose = period.ContributorsCloseOn ?? period.ClosesOn;
            foreach (var row in plan)
            {
                if (framework.FindNode(row.Indicator) is not { } node)
                {
                    // A row for a node the framework does not have (it cannot be entered): nothing to do.
                    continue;
                }

                var inputs = covered.GetValueOrDefault(row.Id) ?? [];
                var empty = inputs.Count(i => !answered.Contains((row.PeriodId, row.UnitId, i.Indicator, i.Input)));
                var deadline = row.DueOn is { } due && due < contributorsClose ? due : contributorsClose;
                var progress = latest.GetValueOrDefault(row.Id);
                var lead = row.LeadUnitId is { } leadId ? leads.GetValueOrDefault(leadId) : null;
                result.Add(new Assignment(
                    row.Id,
                    row.PeriodId,
                    period.Name,
                    row.UnitId,
                    member?.UnitCode ?? "#" + row.UnitId,
                    member?.UnitName ?? string.Empty,
                    row.Indicator,
                    node.Name,
                    row.LeadUnitId,
                    lead?.Code,
                    lead?.Name,
                    row.Coordinators.Select(c => c.UnitId).Order().ToArray(),
                    row.Target,
                    row.DueOn,
                    row.DueText,
                    deadline,
                    deadline.DayNumber - today.DayNumber,
                    inputs.Count,
                    empty,
                    progress?.Term,
                    progress?.Status,
                    progress?.Text));
            }
        }

        return result
            .OrderBy(a => a.DaysLeft).ThenBy(a => a.PeriodId).ThenBy(a => a.PlanUnitCode, StringComparer.Ordinal).ThenBy(a => a.Indicator, IndicatorCode.StringComparer)
            .ToArray();
    }

    /// <summary>
    /// For each plan row (by id), the inputs it covers: those of its node and of the nodes under it whose
    /// nearest row naming a unit is this one (the most specific row wins: if 1 is led by A and 1.2 by B, 1.2's
    /// inputs are B's).
    /// </summary>
    private static Dictionary<int, List<(string Indicator, string Input)>> Covered(Framework framework, IReadOnlyDictionary<string, PlanRow> byNode)
    {
        var covered = new Dictionary<int, List<(string, string)>>();
        foreach (var node in framework.Nodes.Where(n => n.Inputs.Count > 0))
        {
            for (var at = node; at is not null; at = at.Parent)
            {
                if (byNode.TryGetValue(at.Code.Value, out var row))
                {
                    if (!covered.TryGetValue(row.Id, out var list))
                    {
                        covered[row.Id] = list = [];
                    }

                    list.AddRange(node.Inputs.Select(i => (node.Code.Value, i.Name)));
                    break;
                }
            }
        }

        return covered;
    }
}
