using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Reporting;

/// <summary>A period a unit takes part in, as its home page shows it.</summary>
/// <param name="Period">The period.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="Answered">Inputs with a value.</param>
/// <param name="TotalInputs">All inputs of the framework.</param>
/// <param name="DaysLeft">Days until the period closes (0 on the last day; negative once past).</param>
/// <param name="WithEvidence">Indicators with at least one evidence file.</param>
/// <param name="Indicators">Indicators that take values.</param>
public sealed record UnitPeriod(PeriodSummary Period, string UnitCode, string UnitName, int Answered, int TotalInputs, int DaysLeft, int WithEvidence, int Indicators)
{
    /// <summary>The share of inputs answered, 0 to 1.</summary>
    public decimal Progress => TotalInputs == 0 ? 0m : (decimal)Answered / TotalInputs;
}

/// <summary>An input of the form with its stored value.</summary>
/// <param name="Spec">The input.</param>
/// <param name="Text">The value as the reader writes it ("1.234,5", "có", an option key); empty when not reported.</param>
/// <param name="Version">The version to send back when changing it (0 when not reported).</param>
/// <param name="UpdatedBy">Who last changed it.</param>
/// <param name="UpdatedAt">When (UTC).</param>
public sealed record FormInput(InputSpec Spec, string Text, int Version, string? UpdatedBy, DateTime? UpdatedAt)
{
    /// <summary>
    /// The unit whose reporter entered the value as the plan's delegate (docs/plans.md#delegated-entry), by name,
    /// as the scored unit's people see it; null when the unit's own people or the province's staff did.
    /// </summary>
    public string? EnteredFor { get; init; }
}

/// <summary>A node of the form: the framework node, its points as they stand and their explanation.</summary>
/// <param name="Node">The node.</param>
/// <param name="Points">Its points.</param>
/// <param name="Fraction">Share of its max points.</param>
/// <param name="NotReported">Whether nothing was reported for it.</param>
/// <param name="Explanation">The explanation sentence.</param>
/// <param name="Inputs">Its inputs (indicators and sub-indicators only).</param>
public sealed record FormNode(FrameworkNode Node, decimal Points, decimal Fraction, bool NotReported, string Explanation, IReadOnlyList<FormInput> Inputs)
{
    /// <summary>
    /// The points from the unit's own values alone (tự đánh giá), when evaluators have adjusted any of the
    /// unit's values; <see langword="null"/> when nothing was adjusted, since they are then <see cref="Points"/>.
    /// </summary>
    public decimal? SelfAssessed { get; init; }

    /// <summary>The lead unit (đơn vị chủ trì) the plan names at this node, by name; null when none.</summary>
    public string? LeadUnit { get; init; }

    /// <summary>Whether the reader sees this node's points: a plan's delegate sees only those of the indicators and sub-indicators assigned to their unit (never a main index's or a group's).</summary>
    public bool ShowsPoints { get; init; } = true;
}

/// <summary>A unit's data-entry form for a period.</summary>
/// <param name="Period">The period.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="CanWrite">Whether the actor may change the values now (the right to write, an open period, and the review cycle's entry lock open).</param>
/// <param name="Total">The unit's total points as they stand.</param>
/// <param name="Answered">Inputs with a value.</param>
/// <param name="Nodes">Every node, depth first.</param>
public sealed record ReportForm(PeriodSummary Period, string UnitCode, string UnitName, bool CanWrite, decimal Total, int Answered, IReadOnlyList<FormNode> Nodes)
{
    /// <summary>All inputs of the framework (a delegate's: of the indicators assigned to them).</summary>
    public int TotalInputs => Nodes.Sum(n => n.Inputs.Count);

    /// <summary>
    /// When the reader opened the form as a plan's delegate: what the plan grants them. <see cref="Nodes"/> then
    /// holds the assigned nodes and the nodes above them only, <see cref="Total"/> is 0 and not shown, and
    /// <see cref="Answered"/> counts their inputs.
    /// </summary>
    public Plans.Delegation? Delegation { get; init; }

    /// <summary>Why a delegate may not write now (the contributors' deadline, the unit's entry lock), when they may not.</summary>
    public ILocalizable? DelegateReadOnly { get; init; }
}

/// <summary>The points of a node after a save.</summary>
/// <param name="Code">Node code.</param>
/// <param name="Points">Points.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="Explanation">The explanation sentence.</param>
public sealed record NodePoints(string Code, decimal Points, decimal MaxPoints, string Explanation);

/// <summary>What a save from the form gives back: the saved input and the points it changed.</summary>
/// <param name="Input">The input as now stored.</param>
/// <param name="Nodes">The indicator and every node above it, with their points.</param>
/// <param name="Total">The unit's total.</param>
/// <param name="Answered">Inputs answered.</param>
/// <param name="TotalInputs">All inputs.</param>
public sealed record FormSaved(FormInput Input, IReadOnlyList<NodePoints> Nodes, decimal Total, int Answered, int TotalInputs)
{
    /// <summary>Whether the save was a plan's delegate's: <see cref="Nodes"/> then holds only the nodes they see, and the total is not theirs to see.</summary>
    public bool Delegated { get; init; }

    /// <summary>The framework's <c>level: warn</c> checks the save breaks: saved all the same, shown next to the input.</summary>
    public IReadOnlyList<Problem> Warnings { get; init; } = [];
}

/// <summary>
/// What a unit's people do in a period: see the periods they report in and how far they are, fill in
/// the form, and see the points change as they type. Values are saved one at a time, audited as
/// changes made on a page, with the version read so that two tabs never overwrite each other.
/// </summary>
public sealed class ReportingService(OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, ValueService values, ResultService results, TimeProvider time)
{
    /// <summary>The periods the actor's unit takes part in (drafts excluded), open ones first.</summary>
    public async Task<IReadOnlyList<UnitPeriod>> UnitPeriodsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.UnitId is not { } unitId)
        {
            return [];
        }

        var memberships = await db.PeriodUnits.AsNoTracking()
            .Where(u => u.UnitId == unitId)
            .Join(db.Periods.Where(p => p.Status != PeriodStatus.Draft), u => u.PeriodId, p => p.Id, (u, p) => new { u.PeriodId, u.UnitCode, u.UnitName, p.FrameworkId })
            .ToListAsync(cancellationToken);
        var periodIds = memberships.Select(m => m.PeriodId).ToArray();
        var answered = await db.ReportedValues.AsNoTracking()
            .Where(v => v.UnitId == unitId && periodIds.Contains(v.PeriodId))
            .GroupBy(v => v.PeriodId)
            .Select(g => new { PeriodId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PeriodId, g => g.Count, cancellationToken);

        var evidence = (await db.EvidenceFiles.AsNoTracking()
                .Where(e => e.UnitId == unitId && periodIds.Contains(e.PeriodId) && e.DeletedAt == null && e.ProgressId == null)
                .Select(e => new { e.PeriodId, e.Indicator })
                .Distinct()
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.PeriodId)
            .ToDictionary(g => g.Key, g => g.Count());

        var summaries = (await periods.ListAsync(cancellationToken)).ToDictionary(p => p.Id);
        var today = VietnamTime.Today(time);
        var list = new List<UnitPeriod>();
        foreach (var member in memberships)
        {
            var period = summaries[member.PeriodId];
            var framework = await frameworks.GetByIdAsync(member.FrameworkId, cancellationToken);
            list.Add(new UnitPeriod(
                period,
                member.UnitCode,
                member.UnitName,
                answered.GetValueOrDefault(member.PeriodId),
                framework.Inputs.Count,
                period.ClosesOn.DayNumber - today.DayNumber,
                evidence.GetValueOrDefault(member.PeriodId),
                framework.Nodes.Count(n => n.Inputs.Count > 0)));
        }

        return list
            .OrderBy(p => p.Period.Status == PeriodStatus.Open ? 0 : 1)
            .ThenByDescending(p => p.Period.Year)
            .ThenBy(p => p.Period.Id)
            .ToArray();
    }

    /// <summary>The unit the actor reports for in period <paramref name="periodId"/>, when they belong to one in it.</summary>
    public async Task<string?> OwnUnitCodeAsync(Actor actor, int periodId, CancellationToken cancellationToken = default) =>
        actor.UnitId is { } unitId
            ? await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId && u.UnitId == unitId).Select(u => u.UnitCode).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>The form of <paramref name="unitCode"/> in period <paramref name="periodId"/>, values written for <paramref name="language"/>.</summary>
    public async Task<Outcome<ReportForm>> FormAsync(Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var read = await values.GetAsync(actor, periodId, unitCode, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<ReportForm>();
        }

        var unitId = await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId && u.UnitCode == unitCode).Select(u => u.UnitId).SingleAsync(cancellationToken);
        var period = (await periods.GetAsync(periodId, cancellationToken)).Value!;
        var today = VietnamTime.Today(time);
        var entry = await Review.ReviewScope.EntryAsync(db, periodId, period.ClosesOn, unitId, today, cancellationToken);
        var adjusted = await db.ValueAdjustments.AnyAsync(a => a.PeriodId == periodId && a.UnitId == unitId, cancellationToken);
        return await FormAsync(actor, unitId, period, read.Value!, entry, today, adjusted, language, cancellationToken);
    }

    /// <summary>
    /// <see cref="FormAsync(Actor, int, string, Language, CancellationToken)"/> for the report form's one service, from
    /// its context (period, unit, values, submission and adjustments read once): the same rules decide.
    /// </summary>
    internal async Task<Outcome<ReportForm>> FormOfAsync(FormContext form, Language language, CancellationToken cancellationToken)
    {
        var read = ValueService.GetOf(form);
        if (!read.Succeeded)
        {
            return read.As<ReportForm>();
        }

        var today = VietnamTime.Today(time);
        var submission = form.Submission;
        var entry = Core.Review.EntryRules.CanChangeValues(
            submission?.State ?? Core.Review.SubmissionState.Draft, form.Period.ClosesOn, today, submission?.ExceptionUntil, submission?.AnswerBy);
        return await FormAsync(form.Actor, form.Unit.UnitId, form.Summary, read.Value!, entry, today, form.Adjustments.Count > 0, language, cancellationToken);
    }

    private async Task<Outcome<ReportForm>> FormAsync(
        Actor actor,
        int unitId,
        PeriodSummary period,
        UnitValues read,
        Core.Review.EntryDecision entry,
        DateOnly today,
        bool adjusted,
        Language language,
        CancellationToken cancellationToken)
    {
        var (periodId, unitCode) = (period.Id, read.UnitCode);
        var delegation = read.Delegation;
        ILocalizable? delegateReadOnly = null;
        bool canWrite;
        if (delegation is null)
        {
            canWrite = period.Status == PeriodStatus.Open && AccessPolicy.CanWriteUnit(actor, unitId) && entry.Allowed;
        }
        else
        {
            // A plan's delegate: their role, the period, the contributors' deadline, and the unit's own entry lock.
            var contributorsCloseOn = period.ContributorsCloseOn;
            delegateReadOnly = !AccessPolicy.CanWriteAsDelegate(actor) ? new AppMessage("DelegateReadOnly")
                : period.Status != PeriodStatus.Open ? null
                : !AccessPolicy.ContributorsMayWrite(contributorsCloseOn, today) ? new AppMessage("DelegateEntryClosed", new Units.DayText(contributorsCloseOn!.Value))
                : !entry.Allowed ? entry.Reason
                : null;
            canWrite = period.Status == PeriodStatus.Open && delegateReadOnly is null;
        }

        var (scores, _) = await results.ScoreAsync(periodId, cancellationToken);
        var unit = scores.Find(unitCode)!;

        // Beside the points as reviewed, the self-assessment, when an evaluator changed anything.
        var self = adjusted
            ? (await results.ScoreAsync(periodId, ValueBasis.SelfAssessed, cancellationToken)).Scores
            : null;
        var selfUnit = self?.Find(unitCode);
        var reported = read.Values.ToDictionary(v => (v.Indicator, v.Input));

        // The scored unit's people and the province's staff see who entered what for which unit, and each node's lead unit.
        (IReadOnlyDictionary<string, string> Leads, IReadOnlyDictionary<(string, string), string> EnteredFor)? plan =
            delegation is null ? await PlanOfFormAsync(periodId, unitId, cancellationToken) : null;
        var shown = delegation is null ? null : Shown(scores.Framework, delegation);
        var nodes = scores.Framework.Nodes.Where(node => shown is null || shown.Contains(node.Code.Value)).Select(node =>
        {
            var score = unit[node];
            var inputs = node.Inputs.Select(input =>
            {
                var item = reported.GetValueOrDefault((node.Code.Value, input.Name));
                var formInput = ToFormInput(input, item, language);
                return item is not null && plan?.EnteredFor.GetValueOrDefault((item.Indicator, item.Input)) is { } enteredFor
                    ? formInput with { EnteredFor = enteredFor }
                    : formInput;
            }).ToArray();
            return new FormNode(
                node, score.Points, score.Fraction, (score.Flags & ScoreFlags.NotReported) != 0, scores.Explain(unit, node, language).Text, inputs)
            {
                SelfAssessed = delegation is null ? selfUnit?[node.Code.Value].Points : null,
                LeadUnit = plan?.Leads.GetValueOrDefault(node.Code.Value),
                ShowsPoints = delegation is null || DelegateSeesPoints(delegation, node),
            };
        }).ToArray();
        return Outcome<ReportForm>.Ok(delegation is null
            ? new ReportForm(period, read.UnitCode, read.UnitName, canWrite, unit.Total, unit.AnsweredInputs, nodes)
            : new ReportForm(period, read.UnitCode, read.UnitName, canWrite, 0m, read.Values.Count, nodes) { Delegation = delegation, DelegateReadOnly = delegateReadOnly });
    }

    /// <summary>
    /// Saves one input from the form (numbers read by the one rule of <see cref="NumberReader"/>) and
    /// gives back the points of its indicator and every node above it.
    /// </summary>
    /// <param name="actor">Who saves.</param>
    /// <param name="periodId">The period.</param>
    /// <param name="unitCode">The unit.</param>
    /// <param name="indicator">The indicator.</param>
    /// <param name="input">The input.</param>
    /// <param name="text">The value; empty to remove it.</param>
    /// <param name="version">The version the form read.</param>
    /// <param name="language">The form's language.</param>
    /// <param name="reason">Why, when the form asks (after a return); kept in the audit.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Outcome<FormSaved>> SaveAsync(
        Actor actor, int periodId, string unitCode, string indicator, string input, string? text, int version, Language language, string? reason = null, CancellationToken cancellationToken = default)
    {
        var saved = await values.SaveAsync(
            actor,
            periodId,
            unitCode,
            [new ValueChange(indicator, input, text, version)],
            AuditChannel.Page,
            reason,
            cancellationToken: cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.As<FormSaved>();
        }

        var (scores, _) = await results.ScoreAsync(periodId, cancellationToken);
        var unit = scores.Find(unitCode)!;
        var node = scores.Framework.FindNode(indicator)!;
        var spec = scores.Framework.FindInput(indicator, input)!;
        var item = saved.Value!.Values.SingleOrDefault(v => v.Indicator == indicator && v.Input == input);
        var delegation = saved.Value.Delegation;
        var chain = new List<NodePoints>();
        for (var at = node; at is not null; at = at.Parent)
        {
            // A plan's delegate sees the points of what is assigned to them only, never a main index's.
            if (delegation is null || DelegateSeesPoints(delegation, at))
            {
                chain.Add(new NodePoints(at.Code.Value, unit[at].Points, at.MaxPoints, scores.Explain(unit, at, language).Text));
            }
        }

        var formSaved = delegation is null
            ? new FormSaved(ToFormInput(spec, item, language), chain, unit.Total, unit.AnsweredInputs, unit.TotalInputs)
            : new FormSaved(
                ToFormInput(spec, item, language),
                chain,
                0m,
                saved.Value.Values.Count,
                scores.Framework.Nodes.Where(n => delegation.Covers(n.Code.Value)).Sum(n => n.Inputs.Count)) { Delegated = true };
        return Outcome<FormSaved>.Ok(formSaved with { Warnings = saved.Value.Warnings });
    }

    /// <summary>Whether a plan's delegate sees <paramref name="node"/>'s points: an indicator or sub-indicator assigned to them, never a main index or a group.</summary>
    private static bool DelegateSeesPoints(Plans.Delegation delegation, FrameworkNode node) =>
        node.Kind is NodeKind.Indicator or NodeKind.SubIndicator && delegation.Nodes.Contains(node.Code.Value);

    /// <summary>The nodes a delegate's form shows: those assigned to them that take values, and every node above them.</summary>
    private static HashSet<string> Shown(Framework framework, Plans.Delegation delegation)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in framework.Nodes.Where(n => delegation.Covers(n.Code.Value)))
        {
            for (var at = node; at is not null && shown.Add(at.Code.Value); at = at.Parent)
            {
            }
        }

        return shown;
    }

    /// <summary>
    /// What the plan shows on the scored unit's form: each node's lead unit by name, and, for each value a plan's
    /// delegate entered, the delegate's unit by name (when the input's latest value entry in the audit is a delegate's).
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, string> Leads, IReadOnlyDictionary<(string, string), string> EnteredFor)> PlanOfFormAsync(
        int periodId, int unitId, CancellationToken cancellationToken)
    {
        var leads = await db.PlanRows.AsNoTracking()
            .Where(r => r.PeriodId == periodId && r.UnitId == unitId && r.LeadUnitId != null)
            .Join(db.Units, r => r.LeadUnitId, u => (int?)u.Id, (r, u) => new { r.Indicator, u.Name })
            .ToDictionaryAsync(r => r.Indicator, r => r.Name, StringComparer.Ordinal, cancellationToken);
        var values = db.AuditEntries.Where(a => a.PeriodId == periodId && a.UnitId == unitId && a.Kind == AuditKind.Value);
        var latest = values.GroupBy(a => new { a.Indicator, a.Input }).Select(g => g.Max(a => a.Sequence));
        var delegated = await values.AsNoTracking()
            .Where(a => a.ActorUnitId != null && latest.Contains(a.Sequence))
            .Join(db.Units, a => a.ActorUnitId, u => (int?)u.Id, (a, u) => new { a.Indicator, a.Input, u.Name })
            .ToListAsync(cancellationToken);
        var enteredFor = new Dictionary<(string, string), string>();
        foreach (var entry in delegated.Where(e => e.Indicator is not null && e.Input is not null))
        {
            enteredFor[(entry.Indicator!, entry.Input!)] = entry.Name;
        }

        return (leads, enteredFor);
    }

    /// <summary>A stored value as the reader writes it: "1.234,5" in Vietnamese, "1234.5" in English; percentages without the sign.</summary>
    private static FormInput ToFormInput(InputSpec spec, ValueItem? item, Language language)
    {
        if (item is null)
        {
            return new FormInput(spec, string.Empty, 0, null, null);
        }

        var text = item.Value;
        // Exchange text ("1234.5", "35.74%") reads back unambiguously by the one number rule.
        if (spec.Kind == InputKind.Number && NumberReader.Read(item.Value) is { Succeeded: true, Value: var number })
        {
            text = NumberText.Field(number, language, spec.IsCount);
        }

        return new FormInput(spec, text, item.Version, item.UpdatedBy, item.UpdatedAt);
    }
}
