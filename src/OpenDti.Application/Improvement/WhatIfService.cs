using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Core.Text;
using OpenDti.Data;

namespace OpenDti.Application.Improvement;

/// <summary>A value assumed in a what-if, as the values API takes it: text ("1.234,5", "35%", "có", an option key), or null/empty for "chưa kê khai".</summary>
public sealed record WhatIfValue(string? Indicator, string? Input, string? Value);

/// <summary>A cohort figure assumed for a cohort-relative indicator: its lowest and/or highest (best) measure, as text ("91,85%", "0,9185").</summary>
public sealed record WhatIfCohort(string? Indicator, string? Min, string? Max);

/// <summary>A node's points before and after.</summary>
public sealed record WhatIfIndicator(string Code, decimal Before, decimal After);

/// <summary>A main index's points and rank before and after.</summary>
public sealed record WhatIfMainIndexItem(string Code, string Name, decimal MaxPoints, decimal Before, decimal After, int RankBefore, int RankAfter);

/// <summary>What a what-if gives: the unit's total and rank before and after, the main indices and every node.</summary>
public sealed record WhatIfReadModel(
    decimal Total,
    int Rank,
    decimal TotalBefore,
    int RankBefore,
    IReadOnlyList<WhatIfMainIndexItem> MainIndices,
    IReadOnlyList<WhatIfIndicator> Indicators,
    bool CohortMoved);

/// <summary>An input's value in a gain, in the text the what-if and the values API read back exactly.</summary>
public sealed record GainValue(string Indicator, string Input, string Value);

/// <summary>The unit leading an indicator in the plan (đơn vị chủ trì).</summary>
public sealed record GainOwner(string Code, string Name);

/// <summary>One line of the cheapest points first.</summary>
public sealed record GainItem(
    string Indicator,
    string IndicatorName,
    string Change,
    IReadOnlyList<GainValue> Values,
    decimal PointsBefore,
    decimal PointsAfter,
    decimal MaxPoints,
    decimal PointsGained,
    int RankGained,
    GainOwner? Owner);

/// <summary>An option of a choice input, as the what-if page lists it.</summary>
public sealed record WhatIfOption(string Key, string Label);

/// <summary>An input as the what-if page shows it: its value now as a field holds it ("1.234,5", "35,7%", "có", an option key).</summary>
public sealed record WhatIfPageInput(string Name, string Label, InputKind Kind, string? Unit, IReadOnlyList<WhatIfOption> Options, string Field, string? Shown);

/// <summary>A node as the what-if page shows it; <c>Cohort</c>: a min-max or relative-to-best rule, whose cohort figures may be assumed.</summary>
public sealed record WhatIfPageNode(string Code, string Name, int Depth, bool IsLeaf, decimal Points, decimal MaxPoints, bool Cohort, IReadOnlyList<WhatIfPageInput> Inputs);

/// <summary>What the what-if page shows: the unit's figures now, every node with its inputs, and the gains grouped by owner.</summary>
public sealed record WhatIfPage(
    int PeriodId,
    string PeriodName,
    string UnitCode,
    string UnitName,
    decimal Total,
    decimal TotalPoints,
    int Rank,
    int UnitCount,
    IReadOnlyList<WhatIfMainIndexItem> MainIndices,
    IReadOnlyList<WhatIfPageNode> Nodes,
    IReadOnlyList<GainItem> Gains);

/// <summary>
/// What-if and the cheapest points first for one unit of a period (docs/improvement.md): scored from the cohort the
/// scorecard is scored from (<see cref="ResultService.ScoreAsync(int, CancellationToken)"/>, the reviewed values), read
/// by whoever may read the unit's scorecard. Nothing is saved, audited or shown to anyone else.
/// </summary>
public sealed class WhatIfService(OpenDtiDbContext db, ResultService results)
{
    /// <summary>Scores unit <paramref name="unitCode"/> of period <paramref name="periodId"/> with <paramref name="values"/> (and assumed cohort figures).</summary>
    public async Task<Outcome<WhatIfReadModel>> RunAsync(
        Actor actor,
        int periodId,
        string unitCode,
        IReadOnlyList<WhatIfValue?> values,
        IReadOnlyList<WhatIfCohort?>? cohort = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var resolved = await ResolveAsync<WhatIfReadModel>(actor, periodId, unitCode, cancellationToken);
        if (resolved.Failure is not null)
        {
            return resolved.Failure;
        }

        var whatIf = resolved.WhatIf!;
        var framework = whatIf.Framework;
        var problems = new List<Problem>();
        if (values.Count > framework.Inputs.Count || (cohort?.Count ?? 0) > framework.Leaves.Count)
        {
            return Outcome<WhatIfReadModel>.Invalid(
                new AppMessage("WhatIfTooMany", framework.Inputs.Count),
                [new Problem("APP-TOO-MANY", new AppMessage("WhatIfTooMany", framework.Inputs.Count), Input: "values")]);
        }

        var changes = new List<InputChange>();
        var seen = new HashSet<InputSpec>();
        var scratch = whatIf.Apply([]);
        foreach (var value in values)
        {
            var (input, unknown) = ValueInput.Find(framework, value?.Indicator, value?.Input);
            if (unknown is not null)
            {
                problems.Add(unknown);
                continue;
            }

            if (!seen.Add(input!))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("DuplicateInRequest"), value!.Indicator, value.Input));
                continue;
            }

            if (string.IsNullOrWhiteSpace(value!.Value))
            {
                scratch.Clear(input!);
                changes.Add(new InputChange(input!, null));
                continue;
            }

            var (parsed, problem) = ValueInput.Parse(scratch, input!, value.Indicator!, value.Input!, value.Value);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            changes.Add(new InputChange(input!, parsed));
        }

        // A part above its whole (b ≤ a) is refused here as when saved.
        foreach (var exceeding in InputParts.Exceeding(scratch).Where(p => seen.Contains(p.Part) || seen.Contains(p.Whole)))
        {
            problems.Add(new Problem(exceeding.ToDiagnostic().Code, new DiagnosticMessage(exceeding.ToDiagnostic()), exceeding.Part.NodeCode, exceeding.Part.Name));
        }

        var overrides = Overrides(whatIf, cohort ?? [], problems);
        if (problems.Count > 0)
        {
            return Outcome<WhatIfReadModel>.Invalid(new AppMessage("WhatIfInvalid", problems.Count), problems);
        }

        var result = whatIf.Run(changes, overrides);
        return Outcome<WhatIfReadModel>.Ok(new WhatIfReadModel(
            result.Total,
            result.Rank,
            result.TotalBefore,
            result.RankBefore,
            result.MainIndices.Select(m => new WhatIfMainIndexItem(m.Node.Code.Value, m.Node.Name, m.Node.MaxPoints, m.Before, m.After, m.RankBefore, m.RankAfter)).ToArray(),
            result.Nodes.Select(n => new WhatIfIndicator(n.Node.Code.Value, n.Before.Points, n.After.Points)).ToArray(),
            result.CohortMoved));
    }

    /// <summary>The cheapest points first for unit <paramref name="unitCode"/> of period <paramref name="periodId"/>, with the lead unit of each from the plan.</summary>
    public async Task<Outcome<IReadOnlyList<GainItem>>> GainsAsync(
        Actor actor, int periodId, string unitCode, Language language = Language.Vietnamese, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync<IReadOnlyList<GainItem>>(actor, periodId, unitCode, cancellationToken);
        if (resolved.Failure is not null)
        {
            return resolved.Failure;
        }

        var whatIf = resolved.WhatIf!;
        var gains = Gains.Find(whatIf);
        var owners = await OwnersAsync(whatIf.Framework, periodId, resolved.UnitId, cancellationToken);
        return Outcome<IReadOnlyList<GainItem>>.Ok(gains.Select(g => new GainItem(
                g.Indicator.Code.Value,
                g.Indicator.Name,
                Change(g, language),
                [new GainValue(g.Input.NodeCode, g.Input.Name, ReportedValueText.Format(g.Input, g.To))],
                g.PointsBefore,
                g.PointsAfter,
                g.Indicator.MaxPoints,
                g.PointsGained,
                g.RankGained,
                owners.GetValueOrDefault(g.Indicator.Code.Value)))
            .ToArray());
    }

    /// <summary>The what-if page of unit <paramref name="unitCode"/> in period <paramref name="periodId"/>: one read for the page.</summary>
    public async Task<Outcome<WhatIfPage>> PageAsync(
        Actor actor, int periodId, string unitCode, Language language = Language.Vietnamese, CancellationToken cancellationToken = default)
    {
        var gains = await GainsAsync(actor, periodId, unitCode, language, cancellationToken);
        if (!gains.Succeeded)
        {
            return gains.As<WhatIfPage>();
        }

        var (scores, names) = await results.ScoreAsync(periodId, cancellationToken);
        var period = await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => new { p.Name }).SingleAsync(cancellationToken);
        var unit = scores.Find(unitCode)!;
        var framework = scores.Framework;
        var nodes = framework.Nodes.Select(node => new WhatIfPageNode(
                node.Code.Value,
                node.Name,
                node.Depth,
                node.IsLeaf,
                unit[node].Points,
                node.MaxPoints,
                node.IsLeaf && CohortRule(node),
                node.Inputs.Select(input =>
                {
                    var value = unit.Inputs.Get(input);
                    return new WhatIfPageInput(
                        input.Name,
                        input.Label,
                        input.Kind,
                        input.Unit,
                        input.Options.Select(o => new WhatIfOption(o.Key, o.Label)).ToArray(),
                        value is { } v ? FieldText(input, v, language) : string.Empty,
                        value is { } shown ? ResultService.ValueText(input, shown, language) : null);
                }).ToArray()))
            .ToArray();
        return Outcome<WhatIfPage>.Ok(new WhatIfPage(
            periodId,
            period.Name,
            unitCode,
            names[unitCode],
            unit.Total,
            framework.TotalPoints,
            unit.Rank,
            scores.Units.Count,
            framework.MainIndices.Select(m => new WhatIfMainIndexItem(m.Code.Value, m.Name, m.MaxPoints, unit[m].Points, unit[m].Points, unit.MainIndexRank(m), unit.MainIndexRank(m))).ToArray(),
            nodes,
            gains.Value!));
    }

    /// <summary>A value as a field holds it, read back as the same value: "1.234,5", "35,7%", "có", an option key.</summary>
    public static string FieldText(InputSpec input, ReportedValue value, Language language)
    {
        ArgumentNullException.ThrowIfNull(input);
        return value.Kind switch
        {
            InputKind.Number when input.IsPercent => NumberText.Field(value.Number * 100m, language) + "%",
            InputKind.Number => NumberText.Field(value.Number, language, input.IsCount),
            _ => value.ToInvariantString(),
        };
    }

    /// <summary>The change in words: "Không → Có: +5 điểm", "+1 văn bản: +2 điểm", "tỷ lệ từ 35,7% lên 80%: +11,07 điểm".</summary>
    public static string Change(Gain gain, Language language)
    {
        ArgumentNullException.ThrowIfNull(gain);
        var input = gain.Input;
        var points = NumberText.Points(gain.PointsGained, language);
        string Text(ReportedValue? value) => value is { } v
            ? ResultService.ValueText(input, v, language)
            : Localizer.Format(language, "ValueNotReported");
        if (input.Kind != InputKind.Number)
        {
            return new AppMessage("GainFromTo", Text(gain.From), Text(gain.To), points).ToString(language);
        }

        var from = gain.From?.Number;
        if (input.IsCount && from is { } count)
        {
            var difference = gain.To.Number - count;
            return new AppMessage(
                difference > 0 ? "GainCountMore" : "GainCountFewer",
                NumberText.Number(Math.Abs(difference), language),
                input.Unit ?? input.Name,
                points).ToString(language);
        }

        var key = input.IsPercent ? "GainPercent" : "GainNumber";
        return new AppMessage(key + (from is { } f && gain.To.Number < f ? "Down" : "Up"), input.Name, Text(gain.From), Text(gain.To), points).ToString(language);
    }

    private static IReadOnlyList<CohortOverride> Overrides(WhatIf whatIf, IReadOnlyList<WhatIfCohort?> cohort, List<Problem> problems)
    {
        var framework = whatIf.Framework;
        var overrides = new List<CohortOverride>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in cohort)
        {
            var indicator = item?.Indicator ?? string.Empty;
            var shown = Excerpt.Of(indicator)!;
            var node = framework.FindNode(indicator);
            if (node is null || !node.IsLeaf || !CohortRule(node))
            {
                problems.Add(new Problem("APP-NOT-COHORT", new AppMessage("WhatIfNotCohortRule", shown), shown, "cohort"));
                continue;
            }

            if (!seen.Add(indicator))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("DuplicateInRequest"), shown, "cohort"));
                continue;
            }

            var min = Figure(item!.Min, shown, "min", problems);
            var max = Figure(item.Max, shown, "max", problems);
            if (min is { } low && max is { } high && low > high)
            {
                problems.Add(new Problem("APP-MIN-ABOVE-MAX", new AppMessage("WhatIfMinAboveMax"), shown, "min"));
            }

            overrides.Add(new CohortOverride(indicator, min, max));
        }

        return overrides;
    }

    /// <summary>Whether a leaf's rule compares it with the cohort (min-max or relative to best).</summary>
    public static bool CohortRule(FrameworkNode leaf) =>
        leaf.Rule?.Text is { } text && (text.Contains("minmax(", StringComparison.Ordinal) || text.Contains("best(", StringComparison.Ordinal));

    private static decimal? Figure(string? text, string indicator, string field, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var read = NumberReader.Read(text);
        if (!read.Succeeded)
        {
            problems.Add(new Problem("APP-NOT-A-NUMBER", new AppMessage("WhatIfNotANumber", Excerpt.Of(text)!), indicator, field));
            return null;
        }

        return read.Percent ? read.Value / 100m : read.Value;
    }

    /// <summary>Each node's lead unit from the plan of (period, unit): the nearest row at or above it that names a lead.</summary>
    private async Task<Dictionary<string, GainOwner>> OwnersAsync(Framework framework, int periodId, int unitId, CancellationToken cancellationToken)
    {
        var rows = await db.PlanRows.AsNoTracking()
            .Where(r => r.PeriodId == periodId && r.UnitId == unitId && r.LeadUnitId != null)
            .Select(r => new { r.Indicator, Lead = r.LeadUnitId!.Value })
            .ToListAsync(cancellationToken);
        var owners = new Dictionary<string, GainOwner>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return owners;
        }

        var ids = rows.Select(r => r.Lead).Distinct().ToArray();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new GainOwner(u.Code, u.Name), cancellationToken);
        var leads = rows.ToDictionary(r => r.Indicator, r => r.Lead, StringComparer.Ordinal);
        foreach (var node in framework.Nodes)
        {
            for (var at = node; at is not null; at = at.Parent)
            {
                if (leads.TryGetValue(at.Code.Value, out var lead))
                {
                    if (units.TryGetValue(lead, out var owner))
                    {
                        owners[node.Code.Value] = owner;
                    }

                    break;
                }
            }
        }

        return owners;
    }

    private async Task<(WhatIf? WhatIf, int UnitId, Outcome<T>? Failure)> ResolveAsync<T>(
        Actor actor, int periodId, string unitCode, CancellationToken cancellationToken)
    {
        var member = await db.PeriodUnits.AsNoTracking()
            .Where(u => u.PeriodId == periodId && u.UnitCode == unitCode)
            .Select(u => new { u.UnitId })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return await db.Periods.AnyAsync(p => p.Id == periodId, cancellationToken)
                ? (null, 0, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", Excerpt.Of(unitCode)!, periodId)))
                : (null, 0, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        // The unit comes from the database, and the actor's right to it from the account: nothing of the request is trusted.
        if (!AccessPolicy.CanReadUnit(actor, member.UnitId))
        {
            return (null, 0, Outcome<T>.Forbidden(new AppMessage("UnitNotAllowed", Excerpt.Of(unitCode)!)));
        }

        var (scores, _) = await results.ScoreAsync(periodId, cancellationToken);
        return scores.Find(unitCode) is null
            ? (null, 0, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", Excerpt.Of(unitCode)!, periodId)))
            : (new WhatIf(scores, unitCode), member.UnitId, null);
    }
}
