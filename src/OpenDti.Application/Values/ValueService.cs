using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Data.Values;

namespace OpenDti.Application.Values;

/// <summary>A stored value, as the API and pages show it.</summary>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name.</param>
/// <param name="Value">The value as exchange text ("1234.5", "35.74%", "có", an option key).</param>
/// <param name="Version">The version to send back when changing it (optimistic concurrency).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="UpdatedBy">Who last changed it.</param>
public sealed record ValueItem(string Indicator, string Input, string Value, int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>A unit's values in a period.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="Values">The values, by indicator then input.</param>
public sealed record UnitValues(int PeriodId, string UnitCode, string UnitName, IReadOnlyList<ValueItem> Values)
{
    /// <summary>
    /// When the reader reached the unit as a plan's delegate (docs/plans.md#delegated-entry): what the plan grants
    /// them; <see cref="Values"/> then holds only those indicators' values. Null for everyone else.
    /// </summary>
    public Plans.Delegation? Delegation { get; init; }

    /// <summary>
    /// What the save just made breaks among the framework's <c>level: warn</c> checks between inputs: saved all
    /// the same, and shown to the person who saved (docs/frameworks.md, "Checks between inputs"). Empty on a read.
    /// </summary>
    public IReadOnlyList<Problem> Warnings { get; init; } = [];
}

/// <summary>A requested change: a new value (empty or null removes it) and, optionally, the version it was read at.</summary>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name.</param>
/// <param name="Value">The new value as text; null or empty to remove.</param>
/// <param name="Version">The version the client read; when given and stale, the change is refused.</param>
public sealed record ValueChange(string Indicator, string Input, string? Value, int? Version = null);

/// <summary>
/// Reading and saving the values a unit reports. A save is validated as a whole: any bad value
/// refuses the whole request and names each indicator and input; a value changed by someone else
/// since it was read is a conflict, never a silent overwrite. Values and their audit are written in
/// one transaction.
/// </summary>
public sealed class ValueService(OpenDtiDbContext db, FrameworkCatalog frameworks, TimeProvider time)
{
    /// <summary>The values of <paramref name="unitCode"/> in period <paramref name="periodId"/>.</summary>
    public async Task<Outcome<UnitValues>> GetAsync(Actor actor, int periodId, string unitCode, CancellationToken cancellationToken = default)
    {
        var (period, unit, delegation, failure) = await ResolveAsync(actor, periodId, unitCode, write: false, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var framework = await frameworks.GetByIdAsync(period!.FrameworkId, cancellationToken);
        var read = await ReadAsync(framework, period.Id, unit!, delegation, cancellationToken);

        return Outcome<UnitValues>.Ok(Visible(actor, read));
    }

    /// <summary>
    /// <see cref="GetAsync"/> for the report form, from its context (period, unit and values read once): the same
    /// rule, <see cref="AccessPolicy.CanReadValues"/> or what the plan grants, decides.
    /// </summary>
    internal static Outcome<UnitValues> GetOf(Reporting.FormContext form)
    {
        var own = AccessPolicy.CanReadValues(form.Actor, form.Unit.UnitId);
        if (!own && form.Granted is null)
        {
            return Outcome<UnitValues>.Forbidden(new AppMessage("UnitNotAllowed", form.Unit.UnitCode));
        }

        return Outcome<UnitValues>.Ok(Visible(form.Actor, Read(form.Framework, form.Period.Id, form.Unit, form.Values, own ? null : form.Granted)));
    }

    /// <summary>A service account limited to some indicators reads only those.</summary>
    private static UnitValues Visible(Actor actor, UnitValues read) =>
        actor.Service?.Indicators is null ? read : read with { Values = read.Values.Where(v => AccessPolicy.CanTouchIndicator(actor, v.Indicator)).ToArray() };

    /// <summary>Saves <paramref name="changes"/> for <paramref name="unitCode"/> in period <paramref name="periodId"/>.</summary>
    /// <param name="actor">Who saves.</param>
    /// <param name="periodId">The period.</param>
    /// <param name="unitCode">The unit.</param>
    /// <param name="changes">The changes; other values stay as they are.</param>
    /// <param name="channel">Page, API or import, for the audit.</param>
    /// <param name="reason">Why, when given, for the audit.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Outcome<UnitValues>> SaveAsync(
        Actor actor,
        int periodId,
        string unitCode,
        IReadOnlyList<ValueChange> changes,
        AuditChannel channel,
        string? reason = null,
        CancellationToken cancellationToken = default) =>
        await SaveOrCheckAsync(actor, periodId, unitCode, changes, channel, reason, save: true, cancellationToken);

    /// <summary>
    /// Checks <paramref name="changes"/> exactly as <see cref="SaveAsync"/> would (the right to write, the entry
    /// lock, every value, parts, versions) and saves nothing: the preview of an import.
    /// </summary>
    /// <returns>The values as they stand when the changes would be accepted; otherwise the same refusal as a save.</returns>
    public async Task<Outcome<UnitValues>> CheckAsync(
        Actor actor,
        int periodId,
        string unitCode,
        IReadOnlyList<ValueChange> changes,
        AuditChannel channel,
        string? reason = null,
        CancellationToken cancellationToken = default) =>
        await SaveOrCheckAsync(actor, periodId, unitCode, changes, channel, reason, save: false, cancellationToken);

    private async Task<Outcome<UnitValues>> SaveOrCheckAsync(
        Actor actor,
        int periodId,
        string unitCode,
        IReadOnlyList<ValueChange> changes,
        AuditChannel channel,
        string? reason,
        bool save,
        CancellationToken cancellationToken)
    {
        var (period, unit, delegation, failure) = await ResolveAsync(actor, periodId, unitCode, write: true, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        // A service account limited to some indicators writes only those: anything else refuses the whole request.
        if (changes.FirstOrDefault(c => !AccessPolicy.CanTouchIndicator(actor, c.Indicator)) is { } outside)
        {
            return Outcome<UnitValues>.Forbidden(new AppMessage("IndicatorNotAllowed", Core.Text.Excerpt.Of(outside.Indicator)!, Core.Text.Excerpt.Of(unitCode)!));
        }

        // A plan's delegate writes only the indicators assigned to their unit: anything else refuses the whole request.
        if (delegation is not null && changes.FirstOrDefault(c => !delegation.Covers(c.Indicator)) is { } notAssigned)
        {
            return Outcome<UnitValues>.Forbidden(new AppMessage("IndicatorNotDelegated", Core.Text.Excerpt.Of(notAssigned.Indicator)!, Core.Text.Excerpt.Of(unitCode)!));
        }

        // The review cycle's entry lock (docs/review.md), held until this save commits: the versions read
        // below and the submission's state cannot change under it.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        if (await Review.ReviewScope.HoldEntryAsync<UnitValues>(db, period!, unit!.UnitId, channel, VietnamTime.Today(time), cancellationToken) is { } locked)
        {
            return locked;
        }

        var framework = await frameworks.GetByIdAsync(period!.FrameworkId, cancellationToken);
        var records = await db.ReportedValues
            .Where(v => v.PeriodId == period.Id && v.UnitId == unit!.UnitId)
            .ToDictionaryAsync(v => (v.Indicator, v.Input), cancellationToken);

        var problems = new List<Problem>();
        var conflicts = new List<Problem>();
        if (reason?.Trim() is { Length: > AuditLimits.Reason })
        {
            problems.Add(new Problem("APP-REASON-TOO-LONG", new AppMessage("ValuesReasonTooLong", AuditLimits.Reason), Input: "reason"));
        }

        var accepted = new List<(InputSpec Input, ReportedValue? Value, ValueChange Change)>();
        var seen = new HashSet<(string, string)>();
        var scratch = new UnitInputs(framework, unit!.UnitCode);
        foreach (var change in changes)
        {
            if (!seen.Add((change.Indicator, change.Input)))
            {
                problems.Add(new Problem("APP-DUPLICATE", new AppMessage("DuplicateInRequest"), change.Indicator, change.Input));
                continue;
            }

            var (input, unknown) = ValueInput.Find(framework, change.Indicator, change.Input);
            if (unknown is not null)
            {
                problems.Add(unknown);
                continue;
            }

            records.TryGetValue((change.Indicator, change.Input), out var existing);
            if (change.Version is { } version && version != (existing?.Version ?? 0))
            {
                conflicts.Add(new Problem(
                    "APP-VERSION",
                    new AppMessage("VersionConflict", version, existing?.Version ?? 0, existing?.UpdatedBy ?? "-"),
                    change.Indicator,
                    change.Input));
                continue;
            }

            if (string.IsNullOrWhiteSpace(change.Value))
            {
                accepted.Add((input!, null, change));
                continue;
            }

            var (parsed, problem) = ValueInput.Parse(scratch, input!, change.Indicator, change.Input, change.Value);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            accepted.Add((input!, parsed, change));
        }

        // A part above its whole (b ≤ a, declared in the framework) and a breached `level: refuse` check refuse the
        // whole request; a breached `level: warn` check is saved and returned as a warning.
        var profile = await db.UnitProfileValues.AsNoTracking()
            .Where(p => p.UnitId == unit.UnitId && p.Year == period.Year)
            .Select(p => new { p.Key, p.Value })
            .ToListAsync(cancellationToken);
        var (refused, warned) = ValueInput.Checks(
            framework, unit.UnitCode, records.Values, profile.Select(p => (p.Key, p.Value)), accepted.Select(a => (a.Input, a.Value)));
        problems.AddRange(refused);

        if (problems.Count > 0)
        {
            return Outcome<UnitValues>.Invalid(new AppMessage("ValuesInvalid", problems.Count), [.. problems, .. conflicts]);
        }

        if (conflicts.Count > 0)
        {
            return Outcome<UnitValues>.Conflict(new AppMessage("ValuesConflict", conflicts.Count), conflicts);
        }

        if (!save)
        {
            // Nothing written: the transaction that holds the entry lock ends without a commit.
            return Outcome<UnitValues>.Ok(await ReadAsync(framework, period.Id, unit, delegation, cancellationToken) with { Warnings = warned });
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (input, value, change) in accepted)
        {
            records.TryGetValue((change.Indicator, change.Input), out var existing);
            ValueInput.Write(db, period.Id, unit.UnitId, input, change.Indicator, change.Input, value, existing, actor, channel, reason, now, delegation?.DelegateUnitId);
        }

        try
        {
            // One SaveChanges in the transaction that holds the entry lock: the values and their audit.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            // A concurrency token that no longer matches, or a value inserted by a concurrent save.
            // (A full or read-only disk is not a conflict: it goes on to answer 503.)
            db.ChangeTracker.Clear();
            return Outcome<UnitValues>.Conflict(new AppMessage("ConcurrentChange"));
        }

        return Outcome<UnitValues>.Ok(await ReadAsync(framework, period.Id, unit, delegation, cancellationToken) with { Warnings = warned });
    }

    /// <summary>
    /// The period and the unit's place in it, and, when the actor reaches the unit only as a plan's delegate,
    /// what the plan grants them; or why the actor cannot have them. A delegate writes only while the period is
    /// open and until its contributors' deadline.
    /// </summary>
    internal async Task<(Period? Period, PeriodUnit? Unit, Plans.Delegation? Delegation, Outcome<UnitValues>? Failure)> ResolveAsync(
        Actor actor, int periodId, string unitCode, bool write, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, null, null, Outcome<UnitValues>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        var unit = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (unit is null)
        {
            return (null, null, null, Outcome<UnitValues>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId)));
        }

        Plans.Delegation? delegation = null;
        if (write ? !AccessPolicy.CanWriteValues(actor, unit.UnitId) : !AccessPolicy.CanReadValues(actor, unit.UnitId))
        {
            delegation = await Plans.Delegations.GrantedAsync(db, frameworks, actor, period, unit.UnitId, write, cancellationToken);
            if (delegation is null)
            {
                return (null, null, null, Outcome<UnitValues>.Forbidden(new AppMessage("UnitNotAllowed", unitCode)));
            }
        }

        if (write && period.Status != PeriodStatus.Open)
        {
            return (null, null, null, Outcome<UnitValues>.Conflict(new AppMessage("PeriodNotOpen", period.Name, new AppMessage("Status" + period.Status))));
        }

        if (write && delegation is not null && Plans.Delegation.Closed(period, VietnamTime.Today(time)) is { } closed)
        {
            return (null, null, null, Outcome<UnitValues>.Conflict(closed));
        }

        return (period, unit, delegation, null);
    }

    private async Task<UnitValues> ReadAsync(Framework framework, int periodId, PeriodUnit unit, Plans.Delegation? delegation, CancellationToken cancellationToken)
    {
        var records = await db.ReportedValues.AsNoTracking()
            .Where(v => v.PeriodId == periodId && v.UnitId == unit.UnitId)
            .ToListAsync(cancellationToken);
        return Read(framework, periodId, unit, records, delegation);
    }

    private static UnitValues Read(Framework framework, int periodId, PeriodUnit unit, IReadOnlyList<ReportedValueRecord> records, Plans.Delegation? delegation)
    {
        var items = records
            .Select(r => (Record: r, Input: framework.FindInput(r.Indicator, r.Input)))
            .Where(x => x.Input is not null && (delegation is null || delegation.Covers(x.Record.Indicator)))
            .OrderBy(x => x.Record.Indicator, IndicatorCode.StringComparer).ThenBy(x => x.Input!.Slot)
            .Select(x => new ValueItem(x.Record.Indicator, x.Record.Input, Exchange(x.Input!, x.Record.Value), x.Record.Version, x.Record.UpdatedAt, x.Record.UpdatedBy))
            .ToArray();
        return new UnitValues(periodId, unit.UnitCode, unit.UnitName, items) { Delegation = delegation };
    }

    private static string Exchange(InputSpec input, string stored) => ValueInput.Exchange(input, stored);
}

/// <summary>A diagnostic's message alone (its place is given separately).</summary>
public sealed record DiagnosticMessage(Diagnostic Diagnostic) : Core.Text.ILocalizable
{
    /// <inheritdoc />
    public string ToString(Core.Text.Language language) => Diagnostic.Message(language);
}
