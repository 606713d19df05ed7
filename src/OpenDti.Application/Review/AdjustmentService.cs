using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>An evaluator's adjustment of one value, with the value the unit reported beside it.</summary>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name.</param>
/// <param name="Label">The input's label.</param>
/// <param name="Reported">What the unit reported, as the reader writes it (1.234,5; 35,74%; Có; an option's label); null when nothing.</param>
/// <param name="Adjusted">The adjusted value, as the reader writes it.</param>
/// <param name="Value">The adjusted value as exchange text ("1234.5", "35.74%", "có", an option key), to send back.</param>
/// <param name="Reason">Why the evaluator adjusted it.</param>
/// <param name="At">When it last changed (UTC).</param>
/// <param name="UserName">Who adjusted it last.</param>
/// <param name="Version">The version to send back when changing or withdrawing it.</param>
public sealed record AdjustmentItem(
    string Indicator, string Input, string Label, string? Reported, string Adjusted, string Value, string Reason, DateTime At, string UserName, int Version);

/// <summary>
/// The evaluators' adjustments of reported values (điều chỉnh số liệu khi thẩm định). The reported value is
/// never overwritten: an adjustment stands beside it, and results as reviewed read the adjustment
/// (<see cref="ValueBasis.Reviewed"/>). Evaluators and administrators adjust while the unit's submission is
/// under review, and also after the period is published (corrections, appeals). Every adjustment and
/// withdrawal carries a reason and writes a line of the unit's review history in the same transaction;
/// two evaluators changing one adjustment get a conflict, never a silent overwrite.
/// </summary>
public sealed class AdjustmentService(OpenDtiDbContext db, FrameworkCatalog frameworks, TimeProvider time)
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Every adjustment of <paramref name="unitCode"/> in period <paramref name="periodId"/>, in framework order.</summary>
    public async Task<Outcome<IReadOnlyList<AdjustmentItem>>> ListAsync(
        Actor actor, int periodId, string unitCode, Language language = Language.Vietnamese, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<IReadOnlyList<AdjustmentItem>>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (period, unit) = (member!.Period, member.Unit);

        if (!AccessPolicy.CanReadUnit(actor, unit.UnitId))
        {
            return Outcome<IReadOnlyList<AdjustmentItem>>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var adjustments = await db.ValueAdjustments.AsNoTracking()
            .Where(a => a.PeriodId == periodId && a.UnitId == unit.UnitId)
            .ToListAsync(cancellationToken);
        var reported = await db.ReportedValues.AsNoTracking()
            .Where(v => v.PeriodId == periodId && v.UnitId == unit.UnitId)
            .ToDictionaryAsync(v => (v.Indicator, v.Input), v => v.Value, cancellationToken);
        return Outcome<IReadOnlyList<AdjustmentItem>>.Ok(Items(framework, adjustments, reported, language));
    }

    /// <summary><see cref="ListAsync"/> for the report form, from its context (adjustments and values read once): the same rule, <see cref="AccessPolicy.CanReadUnit"/>, decides.</summary>
    internal static Outcome<IReadOnlyList<AdjustmentItem>> ListOf(Reporting.FormContext form, Language language) =>
        AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId)
            ? Outcome<IReadOnlyList<AdjustmentItem>>.Ok(Items(form.Framework, form.Adjustments, form.Values.ToDictionary(v => (v.Indicator, v.Input), v => v.Value), language))
            : Outcome<IReadOnlyList<AdjustmentItem>>.Forbidden(new AppMessage("UnitNotAllowed", form.Unit.UnitCode));

    private static AdjustmentItem[] Items(
        Framework framework, IReadOnlyList<ValueAdjustment> adjustments, Dictionary<(string Indicator, string Input), string> reported, Language language)
    {
        var items = adjustments
            .Select(a => (Adjustment: a, Input: framework.FindInput(a.Indicator, a.Input)))
            .Where(x => x.Input is not null)
            .OrderBy(x => x.Adjustment.Indicator, IndicatorCode.StringComparer).ThenBy(x => x.Input!.Slot)
            .Select(x => Item(x.Input!, x.Adjustment, reported.GetValueOrDefault((x.Adjustment.Indicator, x.Adjustment.Input)), language))
            .ToArray();
        return items;
    }

    /// <summary>
    /// Sets the value of <paramref name="input"/> of <paramref name="indicator"/> as reviewed to <paramref name="value"/>.
    /// </summary>
    /// <param name="actor">Who adjusts: an evaluator or an administrator.</param>
    /// <param name="periodId">The period.</param>
    /// <param name="unitCode">The unit.</param>
    /// <param name="indicator">The indicator's code.</param>
    /// <param name="input">The input's name.</param>
    /// <param name="value">The value, read and range-checked as a reported value is.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="version">The adjustment's version the client read; 0 or null when there was none.</param>
    /// <param name="language">The language of the values written in the answer.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Outcome<AdjustmentItem>> AdjustAsync(
        Actor actor,
        int periodId,
        string unitCode,
        string indicator,
        string input,
        string? value,
        string? reason,
        int? version,
        Language language = Language.Vietnamese,
        CancellationToken cancellationToken = default)
    {
        var (context, failure) = await PrepareAsync<AdjustmentItem>(actor, periodId, unitCode, indicator, input, reason, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (spec, unit) = (context!.Input, context.Unit);
        var (parsed, problem) = string.IsNullOrWhiteSpace(value)
            ? (null, new Problem("APP-VALUE-REQUIRED", new AppMessage("AdjustmentValueRequired"), indicator, input))
            : ValueInput.Parse(new UnitInputs(context.Framework, unit.UnitCode), spec, indicator, input, value);
        if (problem is not null)
        {
            return Outcome<AdjustmentItem>.Invalid(new AppMessage("AdjustmentInvalid", indicator, input), [problem]);
        }

        var existing = await db.ValueAdjustments
            .SingleOrDefaultAsync(a => a.PeriodId == periodId && a.UnitId == unit.UnitId && a.Indicator == spec.NodeCode && a.Input == spec.Name, cancellationToken);
        if (await StaleAsync<AdjustmentItem>(existing, version, spec, unit.UnitId, periodId, cancellationToken) is { } stale)
        {
            return stale;
        }

        var reported = await ReportedAsync(periodId, unit.UnitId, spec, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var stored = parsed!.Value.ToInvariantString();
        var before = existing is not null ? ValueInput.Exchange(spec, existing.Value) : reported is null ? null : ValueInput.Exchange(spec, reported);
        if (existing is null)
        {
            existing = new ValueAdjustment
            {
                PeriodId = periodId,
                UnitId = unit.UnitId,
                Indicator = spec.NodeCode,
                Input = spec.Name,
                Value = stored,
                Reason = reason!.Trim(),
                Version = 1,
                At = now,
                UserId = actor.UserId,
                UserName = actor.UserName,
            };
            db.ValueAdjustments.Add(existing);
        }
        else
        {
            existing.Value = stored;
            existing.Reason = reason!.Trim();
            existing.Version++;
            existing.At = now;
            existing.UserId = actor.UserId;
            existing.UserName = actor.UserName;
        }

        Record(actor, Event(actor, periodId, unit.UnitId, now, ReviewEventKind.Adjusted, spec, before, ReportedValueText.Format(spec, parsed.Value), reason));
        if (await SaveAsync<AdjustmentItem>(spec, unit.UnitId, periodId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return Outcome<AdjustmentItem>.Ok(Item(spec, existing, reported, language));
    }

    /// <summary>
    /// Withdraws the adjustment of <paramref name="input"/> of <paramref name="indicator"/>: the reported value counts again.
    /// Same rules as <see cref="AdjustAsync"/>; the answer is the adjustment as it was.
    /// </summary>
    /// <param name="actor">Who withdraws it: an evaluator or an administrator.</param>
    /// <param name="periodId">The period.</param>
    /// <param name="unitCode">The unit.</param>
    /// <param name="indicator">The indicator's code.</param>
    /// <param name="input">The input's name.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="version">The adjustment's version the client read.</param>
    /// <param name="language">The language of the values written in the answer.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Outcome<AdjustmentItem>> RemoveAsync(
        Actor actor,
        int periodId,
        string unitCode,
        string indicator,
        string input,
        string? reason,
        int? version,
        Language language = Language.Vietnamese,
        CancellationToken cancellationToken = default)
    {
        var (context, failure) = await PrepareAsync<AdjustmentItem>(actor, periodId, unitCode, indicator, input, reason, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (spec, unit) = (context!.Input, context.Unit);
        var existing = await db.ValueAdjustments
            .SingleOrDefaultAsync(a => a.PeriodId == periodId && a.UnitId == unit.UnitId && a.Indicator == spec.NodeCode && a.Input == spec.Name, cancellationToken);
        if (existing is null && (version ?? 0) == 0)
        {
            return Outcome<AdjustmentItem>.NotFound(new AppMessage("AdjustmentNotFound", indicator, input));
        }

        if (await StaleAsync<AdjustmentItem>(existing, version, spec, unit.UnitId, periodId, cancellationToken) is { } stale)
        {
            return stale;
        }

        var reported = await ReportedAsync(periodId, unit.UnitId, spec, cancellationToken);
        var item = Item(spec, existing!, reported, language);
        var now = time.GetUtcNow().UtcDateTime;
        db.ValueAdjustments.Remove(existing!);
        Record(actor, Event(
            actor, periodId, unit.UnitId, now, ReviewEventKind.AdjustmentRemoved, spec,
            ValueInput.Exchange(spec, existing!.Value), reported is null ? null : ValueInput.Exchange(spec, reported), reason));
        if (await SaveAsync<AdjustmentItem>(spec, unit.UnitId, periodId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return Outcome<AdjustmentItem>.Ok(item);
    }

    /// <summary>What an adjustment or a withdrawal works on, once allowed.</summary>
    private sealed record Target(Framework Framework, PeriodUnit Unit, InputSpec Input);

    /// <summary>
    /// The checks an adjustment and a withdrawal share, in this order: the period and unit exist (404), the
    /// actor is an evaluator or an administrator (403), the submission is under review or the period published
    /// (409 naming the state), the input exists and a reason is given (400).
    /// </summary>
    private async Task<(Target? Target, Outcome<T>? Failure)> PrepareAsync<T>(
        Actor actor, int periodId, string unitCode, string indicator, string input, string? reason, CancellationToken cancellationToken)
    {
        var (member, failure) = await ReviewScope.FindAsync<T>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }

        var (period, unit) = (member!.Period, member.Unit);
        if (!actor.IsProvinceStaff)
        {
            return (null, Outcome<T>.Forbidden(new AppMessage("AdjustmentNotAllowed")));
        }

        if (period.Status != PeriodStatus.Published)
        {
            var state = await db.Submissions.AsNoTracking()
                .Where(s => s.PeriodId == periodId && s.UnitId == unit.UnitId)
                .Select(s => (SubmissionState?)s.State)
                .SingleOrDefaultAsync(cancellationToken) ?? SubmissionState.Draft;
            if (!IsOpen(state, period.Status))
            {
                return (null, Outcome<T>.Conflict(new AppMessage("AdjustmentWrongState", unitCode, ReviewText.Name(state))));
            }
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var (spec, unknown) = ValueInput.Find(framework, indicator, input);
        var problems = new List<Problem>();
        if (unknown is not null)
        {
            problems.Add(unknown);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new Problem("APP-REASON-REQUIRED", new AppMessage("AdjustmentReasonRequired"), indicator, input));
        }
        else if (reason.Trim().Length > MaxReasonLength)
        {
            problems.Add(new Problem("APP-REASON-TOO-LONG", new AppMessage("AdjustmentReasonTooLong", MaxReasonLength), indicator, input));
        }

        if (problems.Count > 0)
        {
            return (null, Outcome<T>.Invalid(new AppMessage("AdjustmentInvalid", indicator, input), problems));
        }

        return (new Target(framework, unit, spec!), null);
    }

    /// <summary>
    /// Whether a unit's values may be adjusted: while its submission is under review, or once the period is
    /// published (corrections and appeals). Evaluators and administrators adjust (<see cref="Actor.IsProvinceStaff"/>).
    /// </summary>
    public static bool IsOpen(SubmissionState state, PeriodStatus status) =>
        state == SubmissionState.UnderReview || status == PeriodStatus.Published;

    /// <summary>
    /// A conflict when the client read another version than the one stored: it names who changed the
    /// adjustment, or who withdrew it.
    /// </summary>
    private async Task<Outcome<T>?> StaleAsync<T>(
        ValueAdjustment? existing, int? version, InputSpec input, int unitId, int periodId, CancellationToken cancellationToken)
    {
        var read = version ?? 0;
        var current = existing?.Version ?? 0;
        if (read == current)
        {
            return null;
        }

        return await ConflictAsync<T>(input, unitId, periodId, read, cancellationToken);
    }

    /// <summary>The conflict for a stale <paramref name="read"/> version, from what is stored now.</summary>
    private async Task<Outcome<T>> ConflictAsync<T>(InputSpec input, int unitId, int periodId, int? read, CancellationToken cancellationToken)
    {
        var stored = await db.ValueAdjustments.AsNoTracking()
            .Where(a => a.PeriodId == periodId && a.UnitId == unitId && a.Indicator == input.NodeCode && a.Input == input.Name)
            .Select(a => new { a.Version, a.UserName })
            .SingleOrDefaultAsync(cancellationToken);
        AppMessage message;
        if (stored is not null)
        {
            message = new AppMessage("AdjustmentVersionConflict", input.NodeCode, input.Name, stored.UserName, read ?? 0, stored.Version);
        }
        else
        {
            var remover = await db.ReviewEvents.AsNoTracking()
                .Where(e => e.PeriodId == periodId && e.UnitId == unitId && e.Kind == ReviewEventKind.AdjustmentRemoved
                    && e.Indicator == input.NodeCode && e.Input == input.Name)
                .OrderByDescending(e => e.Id)
                .Select(e => e.UserName)
                .FirstOrDefaultAsync(cancellationToken);
            message = new AppMessage("AdjustmentWithdrawnSince", input.NodeCode, input.Name, remover ?? "-");
        }

        return Outcome<T>.Conflict(message, [new Problem("APP-VERSION", message, input.NodeCode, input.Name)]);
    }

    /// <summary>Saves; a concurrency token that no longer matches or a concurrent insert is a conflict naming who won.</summary>
    private async Task<Outcome<T>?> SaveAsync<T>(InputSpec input, int unitId, int periodId, CancellationToken cancellationToken)
    {
        try
        {
            // One SaveChanges: the adjustment and its line of history are one transaction.
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync<T>(input, unitId, periodId, null, cancellationToken);
        }
    }

    private async Task<string?> ReportedAsync(int periodId, int unitId, InputSpec input, CancellationToken cancellationToken) =>
        await db.ReportedValues.AsNoTracking()
            .Where(v => v.PeriodId == periodId && v.UnitId == unitId && v.Indicator == input.NodeCode && v.Input == input.Name)
            .Select(v => v.Value)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The line of the unit's history and its audit entry (kind adjustment), in the same save.</summary>
    private void Record(Actor actor, ReviewEvent line)
    {
        db.ReviewEvents.Add(line);
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, line.At, AuditKind.Adjustment, line.Input, line.OldValue, line.NewValue, line.PeriodId, line.UnitId, indicator: line.Indicator, reason: line.Text));
    }

    private static ReviewEvent Event(
        Actor actor, int periodId, int unitId, DateTime at, ReviewEventKind kind, InputSpec input, string? oldValue, string? newValue, string? reason) => new()
        {
            PeriodId = periodId,
            UnitId = unitId,
            At = at,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Kind = kind,
            Indicator = input.NodeCode,
            Input = input.Name,
            OldValue = oldValue,
            NewValue = newValue,
            Text = reason?.Trim(),
        };

    private static AdjustmentItem Item(InputSpec input, ValueAdjustment adjustment, string? reported, Language language) =>
        new(
            adjustment.Indicator,
            adjustment.Input,
            input.Label,
            reported is null ? null : Readable(input, reported, language),
            Readable(input, adjustment.Value, language),
            ValueInput.Exchange(input, adjustment.Value),
            adjustment.Reason,
            adjustment.At,
            adjustment.UserName,
            adjustment.Version);

    /// <summary>A value stored in invariant form, as the reader writes it; the stored text when unreadable.</summary>
    internal static string Readable(InputSpec input, string stored, Language language) =>
        ReportedValueText.ParseStored(input, stored) is { } value ? ResultService.ValueText(input, value, language) : stored;
}
