using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Documents;
using OpenDti.Application.Plans;
using OpenDti.Application.Reporting;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Exchange.Documents;
using OpenDti.Exchange.Improvement;
using OpenDti.Exchange.Tables;

namespace OpenDti.Application.Improvement;

/// <summary>
/// The files of the gap analysis (docs/improvement.md): a unit's and a period's gaps as tables (.xlsx), and the
/// drafted "Kế hoạch nâng cao Chỉ số chuyển đổi số (DTI) năm N" as an editable .docx. Who may have them is who may
/// read the gaps (<see cref="GapService"/>); the appendix is the plan's own table (seed 004), as the plan's
/// workbook writes it (<see cref="PlanExchangeService"/>).
/// </summary>
public sealed class ImprovementPlanService(
    OpenDtiDbContext db, Frameworks.FrameworkCatalog frameworks, GapService gaps, PlanExchangeService planTables, IOptions<DocumentOptions> documentOptions, TimeProvider time)
{
    /// <summary>A unit's gap analysis as a table.</summary>
    public async Task<Outcome<Table>> UnitTableAsync(Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var read = await gaps.UnitAsync(actor, periodId, unitCode, language, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<Table>();
        }

        var unit = read.Value!;
        var rows = unit.Items.Select(i => new GapRow(
                i.Indicator, i.Name, i.Points, i.MaxPoints, i.PointsLost, i.Measure?.AchievedText, i.Measure?.FullPointsText, i.Cause?.Text, i.Owner?.Name, i.LastYear))
            .ToArray();
        return Outcome<Table>.Ok(GapTables.Unit(unit.UnitName, unit.Period.Name, unit.Total, unit.MaxTotal, unit.Rank, VietnamTime.Today(time), rows, language));
    }

    /// <summary>A period's gap analysis as a table.</summary>
    public async Task<Outcome<Table>> PeriodTableAsync(Actor actor, int periodId, Language language, CancellationToken cancellationToken = default)
    {
        var read = await gaps.PeriodAsync(actor, periodId, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<Table>();
        }

        var period = read.Value!;
        var rows = period.Items.Select(i => new PeriodGapRow(i.Indicator, i.Name, i.MaxPoints, i.PointsLost, i.UnitsLosing, i.AveragePointsLost, i.AveragePoints)).ToArray();
        return Outcome<Table>.Ok(GapTables.Period(period.Period.Name, period.Units, VietnamTime.Today(time), rows, language));
    }

    /// <summary>
    /// The drafted improvement plan of <paramref name="unitCode"/> (the province's self-assessment, a district) in period
    /// <paramref name="periodId"/>; the period's only member, or the reader's own unit, when no unit is named.
    /// </summary>
    public async Task<Outcome<WorkbookFile>> DocumentAsync(Actor actor, int periodId, string? unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var code = unitCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            var members = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId).Select(u => new { u.UnitId, u.UnitCode }).ToListAsync(cancellationToken);
            if (members.Count == 0 && !await db.Periods.AnyAsync(p => p.Id == periodId, cancellationToken))
            {
                return Outcome<WorkbookFile>.NotFound(new AppMessage("PeriodNotFound", periodId));
            }

            code = members.Count == 1 ? members[0].UnitCode : members.FirstOrDefault(m => m.UnitId == actor.UnitId)?.UnitCode;
            if (code is null)
            {
                var message = new AppMessage("ImprovementPlanUnitRequired", members.Count);
                return Outcome<WorkbookFile>.Invalid(message, [new Problem("APP-PLAN-UNIT", message, Input: "unit")]);
            }
        }

        var read = await gaps.UnitAsync(actor, periodId, code, language, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<WorkbookFile>();
        }

        var unit = read.Value!;
        var sheet = await planTables.SheetAsync(actor, periodId, unit.UnitCode, "004", language, cancellationToken);
        var plan = sheet.Succeeded ? sheet.Value.Plan : null;
        var planItems = plan?.Items.ToDictionary(i => i.Indicator, StringComparer.Ordinal) ?? [];
        var losing = unit.Items.Where(i => i.PointsLost > 0).ToArray();

        var gapGroups = unit.MainIndices
            .Select(m => new PlanGapGroup(
                m.Name,
                losing.Where(i => i.MainIndex == m.Code)
                    .Select(i => new PlanGapLine(i.Indicator, i.Name, i.Points, i.MaxPoints, i.Measure?.AchievedText, i.Measure?.FullPointsText, i.Cause?.Text, i.Owner?.Name))
                    .ToArray()))
            .Where(g => g.Lines.Count > 0)
            .ToArray();

        // Tasks by lead unit: the units losing most first, then the indicators no row assigns yet.
        var frameworkId = await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.FrameworkId).SingleAsync(cancellationToken);
        var framework = await frameworks.GetByIdAsync(frameworkId, cancellationToken);
        var tasks = losing
            .Select(i => (Item: i, Row: framework.FindNode(i.Indicator) is { } node ? GapService.OwnerRow(node, planItems) : null))
            .GroupBy(x => x.Item.Owner?.Code)
            .Select(g => (Owner: g.First().Item.Owner, Lost: g.Sum(x => x.Item.PointsLost), Group: new PlanTaskGroup(
                g.First().Item.Owner?.Name,
                g.Select(x => new PlanTask(
                        x.Item.Indicator,
                        x.Item.Name,
                        x.Item.Points,
                        x.Item.MaxPoints,
                        x.Row?.Target,
                        x.Row?.Deadline,
                        x.Row?.CoordinatingUnits.Select(u => u.Name).ToArray() ?? []))
                    .ToArray())))
            .OrderBy(g => g.Owner is null)
            .ThenByDescending(g => g.Lost)
            .ThenBy(g => g.Owner?.Code, StringComparer.Ordinal)
            .Select(g => g.Group)
            .ToArray();

        var settings = documentOptions.Value;
        var today = VietnamTime.Today(time);
        var document = new ImprovementPlan(
            new DocumentHeading(settings.IssuingAuthority, settings.IssuingBody, settings.NumberPrefix, settings.Place, today),
            new DocumentSignature(settings.SignerTitle, settings.SignerName),
            unit.Period.Year,
            unit.UnitName,
            unit.Period.Name,
            today,
            unit.MainIndices.Select(m => new PlanStateRow(m.Name, m.MaxPoints, m.Points, m.Rank)).ToArray(),
            unit.Total,
            unit.MaxTotal,
            unit.Rank,
            unit.Period.UnitCount,
            gapGroups,
            tasks,
            plan is not null && plan.Items.Any(i => i.Assigned) ? sheet.Value.Sheet : null);
        var name = ImprovementText.Format(language, "PlanFile", unit.Period.Year, unit.UnitName);
        return Outcome<WorkbookFile>.Ok(new WorkbookFile(
            ImprovementPlanDocx.ToBytes(document, language),
            FormWorkbookService.SafeFileName(name) + ".docx",
            "ke-hoach-nang-cao-dti-" + unit.Period.Year + "-" + FormWorkbookService.Ascii(unit.UnitCode) + ".docx"));
    }
}
