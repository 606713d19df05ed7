using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Checks;

/// <summary>What an appraiser checks by hand on a unit's evidence (docs/review.md, "Evidence checks").</summary>
public enum EvidenceFlagKind
{
    /// <summary>The indicator expects a document, the unit reported figures for it, and no file is attached.</summary>
    NoEvidence,

    /// <summary>A file of an indicator that expects a document has no số hiệu.</summary>
    NoNumber,

    /// <summary>A file of an indicator that expects a document has no ngày ban hành.</summary>
    NoDate,

    /// <summary>The document's date is not in the period's year.</summary>
    OutsideYear,

    /// <summary>The document's date is after the period closed.</summary>
    AfterClose,

    /// <summary>The same file (same SHA-256) is attached to several indicators of the unit.</summary>
    ReusedInUnit,

    /// <summary>The same file (same SHA-256) is attached by other units of the period.</summary>
    ReusedAcrossUnits,
}

/// <summary>One thing an appraiser would question on an indicator's evidence: a flag, never a refusal.</summary>
/// <param name="Kind">What is flagged.</param>
/// <param name="EvidenceId">The file concerned, if any.</param>
/// <param name="FileName">Its name, if any.</param>
/// <param name="Message">What to tell the reader.</param>
public sealed record EvidenceFlag(EvidenceFlagKind Kind, long? EvidenceId, string? FileName, AppMessage Message);

/// <summary>The flags of one indicator.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Name">Its official name.</param>
/// <param name="Flags">What is flagged, file by file.</param>
public sealed record IndicatorEvidenceFlags(string Indicator, string Name, IReadOnlyList<EvidenceFlag> Flags);

/// <summary>A unit's evidence flags in a period, indicator by indicator (only indicators with a flag).</summary>
/// <param name="UnitCode">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="Indicators">The indicators with flags, in the framework's order.</param>
public sealed record UnitEvidenceChecks(string UnitCode, string UnitName, IReadOnlyList<IndicatorEvidenceFlags> Indicators)
{
    /// <summary>How many flags in all.</summary>
    public int Count => Indicators.Sum(i => i.Flags.Count);
}

/// <summary>Every unit's evidence flags in a period.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Units">Each unit of the period, by code, with its flags (none for a clean unit).</param>
public sealed record PeriodEvidenceChecks(int PeriodId, IReadOnlyList<UnitEvidenceChecks> Units);

/// <summary>A rule between inputs that a unit's stored figures break.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Input">The input it is shown next to (the first it reads).</param>
/// <param name="Refuses">Whether the rule refuses (a part above its whole, a <c>level: refuse</c> check) or only warns.</param>
/// <param name="Message">The message naming the inputs by their labels, with the figures.</param>
public sealed record InputCheckItem(string Indicator, string? Input, bool Refuses, ILocalizable Message);

/// <summary>What stands in the way of publishing, unit by unit (<see cref="CheckService.PublicationAsync"/>).</summary>
/// <param name="UnitCode">The unit.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="State">Where its submission is (draft when never sent).</param>
/// <param name="NotReviewed">Indicators whose latest evaluator decision is not "accepted" (all of them for a unit never sent).</param>
/// <param name="EvidenceFlags">How many evidence flags it has.</param>
public sealed record PublicationUnitCheck(string UnitCode, string UnitName, SubmissionState State, int NotReviewed, int EvidenceFlags)
{
    /// <summary>Whether anything is missing for this unit.</summary>
    public bool HasGaps => State != SubmissionState.Finalised || NotReviewed > 0 || EvidenceFlags > 0;
}

/// <summary>What is missing before a period's results are published (công bố), for the confirmation.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Indicators">How many indicators the framework scores.</param>
/// <param name="Units">Every unit of the period, by code.</param>
public sealed record PublicationChecks(int PeriodId, int Indicators, IReadOnlyList<PublicationUnitCheck> Units)
{
    /// <summary>Units whose review is not finalised.</summary>
    public int NotFinalised => Units.Count(u => u.State != SubmissionState.Finalised);

    /// <summary>Indicators not reviewed, over the finalised units.</summary>
    public int NotReviewed => Units.Where(u => u.State == SubmissionState.Finalised).Sum(u => u.NotReviewed);

    /// <summary>Evidence flags, over every unit.</summary>
    public int EvidenceFlags => Units.Sum(u => u.EvidenceFlags);
}

/// <summary>
/// Checks as appraisers make them: the rules between a unit's inputs its stored figures break, the
/// evidence an appraiser would question (số hiệu and ngày missing, a date outside the period, the same
/// file reused), and what is missing before publishing. Reads only; nothing here refuses a save.
/// </summary>
public sealed class CheckService(OpenDtiDbContext db, FrameworkCatalog frameworks)
{
    /// <summary>The rules between inputs (parts of a whole, declared checks) that the unit's stored figures break.</summary>
    public async Task<Outcome<IReadOnlyList<InputCheckItem>>> InputChecksAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (period, unit, failure) = await UnitAsync<IReadOnlyList<InputCheckItem>>(actor, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var framework = await frameworks.GetByIdAsync(period!.FrameworkId, cancellationToken);
        var stored = await db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == period.Id && v.UnitId == unit!.UnitId).ToListAsync(cancellationToken);
        return Outcome<IReadOnlyList<InputCheckItem>>.Ok(await InputChecksOfAsync(framework, period, unit!, stored, cancellationToken));
    }

    /// <summary>
    /// <see cref="InputChecksAsync"/> for the report form, from its context (period, unit and values read once): the
    /// same rule, <see cref="AccessPolicy.CanReadUnit"/>, decides.
    /// </summary>
    internal async Task<Outcome<IReadOnlyList<InputCheckItem>>> InputChecksOfAsync(Reporting.FormContext form, CancellationToken cancellationToken) =>
        AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId)
            ? Outcome<IReadOnlyList<InputCheckItem>>.Ok(await InputChecksOfAsync(form.Framework, form.Period, form.Unit, form.Values, cancellationToken))
            : Outcome<IReadOnlyList<InputCheckItem>>.Forbidden(new AppMessage("UnitNotAllowed", Excerpt.Of(form.Unit.UnitCode)));

    private async Task<IReadOnlyList<InputCheckItem>> InputChecksOfAsync(
        Framework framework, Period period, PeriodUnit unit, IReadOnlyList<Data.Values.ReportedValueRecord> stored, CancellationToken cancellationToken)
    {
        var profile = await db.UnitProfileValues.AsNoTracking().Where(p => p.UnitId == unit.UnitId && p.Year == period.Year)
            .Select(p => new { p.Key, p.Value }).ToListAsync(cancellationToken);
        var inputs = ValueInput.Inputs(framework, unit.UnitCode, stored, profile.Select(p => (p.Key, p.Value)));
        var items = new List<InputCheckItem>();
        foreach (var exceeding in InputParts.Exceeding(inputs))
        {
            items.Add(new InputCheckItem(exceeding.Part.NodeCode, exceeding.Part.Name, true, new DiagnosticMessage(exceeding.ToDiagnostic())));
        }

        foreach (var breach in InputChecks.Breaches(inputs))
        {
            items.Add(new InputCheckItem(breach.Node.Code.Value, breach.Input?.Name, breach.Refuses, new DiagnosticMessage(breach.ToDiagnostic())));
        }

        return items.OrderBy(i => i.Indicator, IndicatorCode.StringComparer).ToArray();
    }

    /// <summary>The evidence flags of <paramref name="unitCode"/> in period <paramref name="periodId"/>, indicator by indicator.</summary>
    public async Task<Outcome<UnitEvidenceChecks>> EvidenceAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (period, unit, failure) = await UnitAsync<UnitEvidenceChecks>(actor, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var framework = await frameworks.GetByIdAsync(period!.FrameworkId, cancellationToken);
        var checks = await EvidenceOfAsync(period, framework, [unit!], NamesOtherUnits(actor), cancellationToken);
        return Outcome<UnitEvidenceChecks>.Ok(checks[0]);
    }

    /// <summary>
    /// <see cref="EvidenceAsync"/> for the report form, from its context (the unit's live files and values read once):
    /// the same rule, <see cref="AccessPolicy.CanReadUnit"/>, decides. Other units' files are read only when they may
    /// share the unit's bytes, and their codes only when one does.
    /// </summary>
    internal async Task<Outcome<UnitEvidenceChecks>> EvidenceOfAsync(Reporting.FormContext form, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId) || form.Evidence is null)
        {
            return Outcome<UnitEvidenceChecks>.Forbidden(new AppMessage("UnitNotAllowed", Excerpt.Of(form.Unit.UnitCode)));
        }

        var unitId = form.Unit.UnitId;
        var files = form.Evidence.Select(RowOf).ToList();
        await AddSameBytesAsync(form.Period.Id, [unitId], files, cancellationToken);

        var others = files.Where(f => f.UnitId != unitId).Select(f => f.UnitId).Distinct().ToArray();
        var codeOf = others.Length == 0
            ? new Dictionary<int, string>()
            : await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == form.Period.Id && others.Contains(u.UnitId))
                .ToDictionaryAsync(u => u.UnitId, u => u.UnitCode, cancellationToken);
        codeOf[unitId] = form.Unit.UnitCode;
        var answered = form.Values.Select(v => (v.UnitId, v.Indicator)).ToHashSet();
        return Outcome<UnitEvidenceChecks>.Ok(Flags(form.Period, form.Framework, [form.Unit], files, answered, codeOf, NamesOtherUnits(form.Actor))[0]);
    }

    /// <summary>A live evidence file, without its bytes, as the evidence checks read it.</summary>
    private sealed record FileRow(long Id, int UnitId, string Indicator, string FileName, string Sha256, string? DocumentNumber, DateOnly? IssuedOn);

    private static readonly System.Linq.Expressions.Expression<Func<Data.Evidence.EvidenceFile, FileRow>> Row =
        e => new FileRow(e.Id, e.UnitId, e.Indicator, e.FileName, e.Sha256, e.DocumentNumber, e.IssuedOn);

    private static readonly Func<Data.Evidence.EvidenceFile, FileRow> RowOf = Row.Compile();

    /// <summary>Adds to <paramref name="files"/> (those of <paramref name="unitIds"/>) the other units' live files with the same bytes: a file reused across units is found across the period.</summary>
    private async Task AddSameBytesAsync(int periodId, IReadOnlyCollection<int> unitIds, List<FileRow> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        var hashes = files.Select(f => f.Sha256).Distinct().ToArray();
        files.AddRange(await LiveIn(periodId).Where(e => !unitIds.Contains(e.UnitId) && hashes.Contains(e.Sha256)).Select(Row).ToListAsync(cancellationToken));
    }

    private IQueryable<Data.Evidence.EvidenceFile> LiveIn(int periodId) =>
        db.EvidenceFiles.AsNoTracking().Where(e => e.PeriodId == periodId && e.DeletedAt == null && e.AppealId == null && e.ProgressId == null);

    /// <summary>The evidence flags of every unit of period <paramref name="periodId"/>: province staff and viewers.</summary>
    public async Task<Outcome<PeriodEvidenceChecks>> PeriodEvidenceAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var (period, failure) = await PeriodAsync<PeriodEvidenceChecks>(actor, periodId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var framework = await frameworks.GetByIdAsync(period!.FrameworkId, cancellationToken);
        var units = period.Units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).ToArray();
        return Outcome<PeriodEvidenceChecks>.Ok(new PeriodEvidenceChecks(period.Id, await EvidenceOfAsync(period, framework, units, true, cancellationToken)));
    }

    /// <summary>
    /// What is missing before publishing period <paramref name="periodId"/>, unit by unit: the units not finalised,
    /// the indicators not reviewed, the evidence flags. Province staff only, as publishing is.
    /// </summary>
    public async Task<Outcome<PublicationChecks>> PublicationAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        if (!actor.IsProvinceStaff)
        {
            return Outcome<PublicationChecks>.Forbidden(new AppMessage("PublishNotAllowed"));
        }

        var (period, failure) = await PeriodAsync<PublicationChecks>(actor, periodId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var framework = await frameworks.GetByIdAsync(period!.FrameworkId, cancellationToken);
        var units = period.Units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).ToArray();
        var evidence = (await EvidenceOfAsync(period, framework, units, true, cancellationToken)).ToDictionary(u => u.UnitCode, u => u.Count, StringComparer.Ordinal);
        var states = await db.Submissions.AsNoTracking().Where(s => s.PeriodId == period.Id)
            .Select(s => new { s.UnitId, s.State }).ToDictionaryAsync(s => s.UnitId, s => s.State, cancellationToken);

        // An indicator is reviewed when the evaluators' latest decision on it (accepted or returned) is "accepted".
        var decisions = await db.ReviewNotes.AsNoTracking()
            .Where(n => n.PeriodId == period.Id && (n.Kind == ReviewNoteKind.Accepted || n.Kind == ReviewNoteKind.Returned))
            .Select(n => new { n.Id, n.UnitId, n.Indicator, n.Kind })
            .ToListAsync(cancellationToken);
        var accepted = decisions
            .GroupBy(n => (n.UnitId, n.Indicator))
            .Where(g => g.MaxBy(n => n.Id)!.Kind == ReviewNoteKind.Accepted)
            .ToLookup(g => g.Key.UnitId, g => g.Key.Indicator);
        var leaves = framework.Leaves.Select(l => l.Code.Value).ToHashSet(StringComparer.Ordinal);
        var list = units.Select(u => new PublicationUnitCheck(
            u.UnitCode,
            u.UnitName,
            states.GetValueOrDefault(u.UnitId, SubmissionState.Draft),
            leaves.Count - accepted[u.UnitId].Count(leaves.Contains),
            evidence.GetValueOrDefault(u.UnitCode))).ToArray();
        return Outcome<PublicationChecks>.Ok(new PublicationChecks(period.Id, leaves.Count, list));
    }

    /// <summary>Who is told which other units attached the same file: those who may read every unit.</summary>
    private static bool NamesOtherUnits(Actor actor) => actor.IsProvinceStaff || actor.IsIn(Data.Identity.Roles.Viewer);

    private async Task<IReadOnlyList<UnitEvidenceChecks>> EvidenceOfAsync(
        Period period, Framework framework, IReadOnlyList<PeriodUnit> units, bool nameOtherUnits, CancellationToken cancellationToken)
    {
        // The live files (without their bytes) of the units asked for, and those of other units with the same bytes: a file
        // reused by another unit is found across the period. For one unit's form, only its own rows are read.
        var whole = units.Count == period.Units.Count;
        var ids = units.Select(u => u.UnitId).ToArray();
        var files = await LiveIn(period.Id).Where(e => whole || ids.Contains(e.UnitId)).Select(Row).ToListAsync(cancellationToken);
        if (!whole)
        {
            await AddSameBytesAsync(period.Id, ids, files, cancellationToken);
        }

        var answered = (await db.ReportedValues.AsNoTracking().Where(v => v.PeriodId == period.Id && (whole || ids.Contains(v.UnitId)))
                .Select(v => new { v.UnitId, v.Indicator }).Distinct().ToListAsync(cancellationToken))
            .Select(v => (v.UnitId, v.Indicator)).ToHashSet();
        var codeOf = period.Units.ToDictionary(u => u.UnitId, u => u.UnitCode);
        return Flags(period, framework, units, files, answered, codeOf, nameOtherUnits);
    }

    /// <summary>The flags on <paramref name="units"/>' evidence, from their files (and other units' with the same bytes) and the indicators they answered.</summary>
    private static List<UnitEvidenceChecks> Flags(
        Period period,
        Framework framework,
        IReadOnlyList<PeriodUnit> units,
        IReadOnlyList<FileRow> files,
        HashSet<(int UnitId, string Indicator)> answered,
        IReadOnlyDictionary<int, string> codeOf,
        bool nameOtherUnits)
    {
        var byHash = files.ToLookup(f => f.Sha256, StringComparer.Ordinal);
        var byUnit = files.ToLookup(f => f.UnitId);
        var result = new List<UnitEvidenceChecks>();
        foreach (var unit in units)
        {
            var mine = byUnit[unit.UnitId].ToLookup(f => f.Indicator, StringComparer.Ordinal);
            var indicators = new List<IndicatorEvidenceFlags>();
            foreach (var leaf in framework.Leaves)
            {
                var code = leaf.Code.Value;
                var expected = !string.IsNullOrWhiteSpace(leaf.Evidence);
                var flags = new List<EvidenceFlag>();
                if (expected && !mine[code].Any() && answered.Contains((unit.UnitId, code)))
                {
                    flags.Add(new EvidenceFlag(EvidenceFlagKind.NoEvidence, null, null, new AppMessage("EvidenceFlagNoEvidence")));
                }

                foreach (var file in mine[code].OrderBy(f => f.Id))
                {
                    var name = Excerpt.Of(file.FileName)!;
                    Flag Add = (kind, message) => flags.Add(new EvidenceFlag(kind, file.Id, file.FileName, message));
                    if (expected && string.IsNullOrWhiteSpace(file.DocumentNumber))
                    {
                        Add(EvidenceFlagKind.NoNumber, new AppMessage("EvidenceFlagNoNumber", name));
                    }

                    if (expected && file.IssuedOn is null)
                    {
                        Add(EvidenceFlagKind.NoDate, new AppMessage("EvidenceFlagNoDate", name));
                    }

                    if (file.IssuedOn is { } day && day > period.ClosesOn)
                    {
                        Add(EvidenceFlagKind.AfterClose, new AppMessage("EvidenceFlagAfterClose", name, day, period.ClosesOn));
                    }
                    else if (file.IssuedOn is { } issued && issued.Year != period.Year)
                    {
                        Add(EvidenceFlagKind.OutsideYear, new AppMessage("EvidenceFlagOutsideYear", name, issued, period.Year));
                    }

                    var same = byHash[file.Sha256].Where(f => f.Id != file.Id).ToArray();
                    var otherIndicators = same.Where(f => f.UnitId == unit.UnitId && f.Indicator != code)
                        .Select(f => f.Indicator).Distinct().Order(IndicatorCode.StringComparer).ToArray();
                    if (otherIndicators.Length > 0)
                    {
                        Add(EvidenceFlagKind.ReusedInUnit, new AppMessage("EvidenceFlagReusedInUnit", name, string.Join(", ", otherIndicators)));
                    }

                    var otherUnits = same.Where(f => f.UnitId != unit.UnitId)
                        .Select(f => codeOf.GetValueOrDefault(f.UnitId, "?")).Distinct().Order(StringComparer.Ordinal).ToArray();
                    if (otherUnits.Length > 0)
                    {
                        Add(EvidenceFlagKind.ReusedAcrossUnits, nameOtherUnits
                            ? new AppMessage("EvidenceFlagReusedAcrossUnits", name, string.Join(", ", otherUnits))
                            : new AppMessage("EvidenceFlagReusedAcrossUnitsCount", name, otherUnits.Length));
                    }
                }

                if (flags.Count > 0)
                {
                    indicators.Add(new IndicatorEvidenceFlags(code, leaf.Name, flags));
                }
            }

            result.Add(new UnitEvidenceChecks(unit.UnitCode, unit.UnitName, indicators));
        }

        return result;
    }

    private delegate void Flag(EvidenceFlagKind kind, AppMessage message);

    private async Task<(Period? Period, PeriodUnit? Unit, Outcome<T>? Failure)> UnitAsync<T>(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        var unit = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (unit is null)
        {
            return (null, null, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", Excerpt.Of(unitCode), periodId)));
        }

        return AccessPolicy.CanReadUnit(actor, unit.UnitId)
            ? (period, unit, null)
            : (null, null, Outcome<T>.Forbidden(new AppMessage("UnitNotAllowed", Excerpt.Of(unitCode))));
    }

    private async Task<(Period? Period, Outcome<T>? Failure)> PeriodAsync<T>(Actor actor, int periodId, CancellationToken cancellationToken)
    {
        if (!NamesOtherUnits(actor))
        {
            return (null, Outcome<T>.Forbidden(new AppMessage("PeriodChecksNotAllowed")));
        }

        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        return period is null ? (null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId))) : (period, null);
    }
}
