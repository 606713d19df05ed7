using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Integration;
using OpenDti.Data.Periods;
using OpenDti.Data.Values;

namespace OpenDti.Application.Values;

/// <summary>One value of a request about many units.</summary>
/// <param name="Row">Where it was in the request: the CSV line, or the 0-based index of the JSON item.</param>
/// <param name="Unit">The unit's code in the period.</param>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name.</param>
/// <param name="Value">The value as text; null or empty removes it.</param>
public sealed record BulkValue(int Row, string? Unit, string? Indicator, string? Input, string? Value);

/// <summary>What a request about many units changed for one unit.</summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="Values">Values the request named for it.</param>
/// <param name="Changed">Values that changed (the others already had the value sent).</param>
public sealed record BulkUnitSaved(string Unit, int Values, int Changed);

/// <summary>What a request about many units saved.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Values">Values the request named.</param>
/// <param name="Changed">Values that changed.</param>
/// <param name="Units">Per unit, in the order of their codes.</param>
public sealed record BulkSaveResult(int PeriodId, int Values, int Changed, IReadOnlyList<BulkUnitSaved> Units)
{
    /// <summary>Whether this is the stored answer to an earlier request with the same <c>Idempotency-Key</c> (nothing was saved this time).</summary>
    public bool Replayed { get; init; }
}

/// <summary>An <c>Idempotency-Key</c> and the hash of the request it came with.</summary>
/// <param name="Key">The caller's key.</param>
/// <param name="RequestHash">SHA-256 of the request (route, format and body).</param>
public sealed record IdempotencyRequest(string Key, string RequestHash);

/// <summary>
/// Values for many units at once (other systems, <c>PUT /api/periods/{id}/values</c>): every row checked
/// as the one-unit save checks it (the input exists, the number rule, ranges, counts, parts within their
/// whole), every unit's entry lock held, all or nothing in one transaction, and every problem located by
/// row, unit, indicator and input. With an <c>Idempotency-Key</c>, the same key from the same caller saves
/// once: the key is claimed by a row whose (caller, key) is unique, in the same transaction as the values,
/// so two requests with one key sent at the same moment cannot both save, on any number of instances.
/// </summary>
public sealed class BulkValueService(OpenDtiDbContext db, FrameworkCatalog frameworks, TimeProvider time)
{
    /// <summary>The most values one request may carry.</summary>
    public const int MaxValues = 50_000;

    /// <summary>The longest <c>Idempotency-Key</c>.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>How long a key is remembered: a retry within this answers as the first request did.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    /// <summary>Saves <paramref name="rows"/> in period <paramref name="periodId"/> for <paramref name="actor"/>, all or nothing.</summary>
    public async Task<Outcome<BulkSaveResult>> SaveAsync(
        Actor actor, int periodId, IReadOnlyList<BulkValue> rows, IdempotencyRequest? idempotency, CancellationToken cancellationToken = default)
    {
        if (idempotency is { } given && (given.Key.Length is 0 or > MaxKeyLength || given.Key.Any(c => c is < '!' or > '~')))
        {
            return Outcome<BulkSaveResult>.Invalid(
                new AppMessage("IdempotencyKeyInvalid", MaxKeyLength),
                [new Problem("APP-IDEMPOTENCY-KEY", new AppMessage("IdempotencyKeyInvalid", MaxKeyLength), Input: "Idempotency-Key")]);
        }

        if (rows.Count == 0)
        {
            return Outcome<BulkSaveResult>.Invalid(new AppMessage("BulkEmpty"), [new Problem("APP-BULK-EMPTY", new AppMessage("BulkEmpty"))]);
        }

        if (rows.Count > MaxValues)
        {
            return Outcome<BulkSaveResult>.Invalid(new AppMessage("BulkTooMany", MaxValues), [new Problem("APP-BULK-TOO-MANY", new AppMessage("BulkTooMany", MaxValues))]);
        }

        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<BulkSaveResult>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        // Who may: every unit named must be one the actor writes, every indicator one it may touch; the
        // units come from the period's cohort, the scope from the account, never from the request.
        var members = period.Units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var row in rows)
        {
            if (row.Unit is null || !members.TryGetValue(row.Unit, out var member))
            {
                problems.Add(Located(row, new Problem("APP-BULK-UNIT", new AppMessage("UnitNotInPeriod", Core.Text.Excerpt.Of(row.Unit ?? string.Empty)!, periodId), row.Indicator, row.Input)));
                continue;
            }

            if (!AccessPolicy.CanWriteValuesInBulk(actor, member.UnitId))
            {
                return Outcome<BulkSaveResult>.Forbidden(new AppMessage("UnitNotAllowed", Core.Text.Excerpt.Of(row.Unit)));
            }

            if (!AccessPolicy.CanTouchIndicator(actor, row.Indicator ?? string.Empty))
            {
                return Outcome<BulkSaveResult>.Forbidden(new AppMessage("IndicatorNotAllowed", Core.Text.Excerpt.Of(row.Indicator ?? string.Empty)!, Core.Text.Excerpt.Of(row.Unit)));
            }
        }

        if (period.Status != PeriodStatus.Open)
        {
            return Outcome<BulkSaveResult>.Conflict(new AppMessage("PeriodNotOpen", period.Name, new AppMessage("Status" + period.Status)));
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        IdempotencyRecord? claim = null;
        if (idempotency is not null)
        {
            claim = await ClaimAsync(actor, idempotency, now, cancellationToken);
            if (claim is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await ReplayAsync(actor, idempotency, cancellationToken);
            }
        }

        // Every unit's entry lock, in one order (by id) so that two requests about the same units wait rather than deadlock.
        var units = rows.Where(r => r.Unit is not null && members.ContainsKey(r.Unit)).Select(r => members[r.Unit!]).DistinctBy(u => u.UnitId).OrderBy(u => u.UnitId).ToArray();
        var today = VietnamTime.Today(time);
        foreach (var unit in units)
        {
            if (await Review.ReviewScope.HoldEntryAsync<BulkSaveResult>(db, period, unit.UnitId, actor.Channel, today, cancellationToken) is { } locked)
            {
                problems.Add(new Problem("APP-BULK-LOCKED", locked.Message!) { Unit = unit.UnitCode });
            }
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var unitIds = units.Select(u => u.UnitId).ToArray();
        var stored = (await db.ReportedValues.Where(v => v.PeriodId == period.Id && unitIds.Contains(v.UnitId)).ToListAsync(cancellationToken))
            .GroupBy(v => v.UnitId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(v => (v.Indicator, v.Input)));

        var profiles = (await db.UnitProfileValues.AsNoTracking()
                .Where(p => p.Year == period.Year && unitIds.Contains(p.UnitId))
                .Select(p => new { p.UnitId, p.Key, p.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.UnitId, p => (p.Key, p.Value));
        var accepted = new List<(PeriodUnit Unit, InputSpec Input, ReportedValue? Value, BulkValue Row)>();
        foreach (var unit in units)
        {
            var records = stored.GetValueOrDefault(unit.UnitId) ?? [];
            var scratch = new UnitInputs(framework, unit.UnitCode);
            var seen = new HashSet<(string, string)>();
            var mine = new List<(InputSpec Input, ReportedValue? Value)>();
            foreach (var row in rows.Where(r => r.Unit == unit.UnitCode))
            {
                var (indicator, inputName) = (row.Indicator ?? string.Empty, row.Input ?? string.Empty);
                if (!seen.Add((indicator, inputName)))
                {
                    problems.Add(Located(row, new Problem("APP-DUPLICATE", new AppMessage("DuplicateInRequest"), indicator, inputName)));
                    continue;
                }

                var (input, unknown) = ValueInput.Find(framework, indicator, inputName);
                if (unknown is not null)
                {
                    problems.Add(Located(row, unknown));
                    continue;
                }

                ReportedValue? value = null;
                if (!string.IsNullOrWhiteSpace(row.Value))
                {
                    var (parsed, problem) = ValueInput.Parse(scratch, input!, indicator, inputName, row.Value);
                    if (problem is not null)
                    {
                        problems.Add(Located(row, problem));
                        continue;
                    }

                    value = parsed;
                }

                accepted.Add((unit, input!, value, row));
                mine.Add((input!, value));
            }

            // A part above its whole and a breached `level: refuse` check refuse the whole request, as in the one-unit
            // save. (A breached `level: warn` check is saved; the unit's form shows it.)
            var refused = ValueInput.Checks(framework, unit.UnitCode, records.Values, profiles[unit.UnitId], mine).Refused;
            problems.AddRange(refused.Select(p => p with
            {
                Unit = unit.UnitCode,
                Row = rows.FirstOrDefault(r => r.Unit == unit.UnitCode && r.Indicator == p.Indicator && r.Input == p.Input)?.Row,
            }));
        }

        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var ordered = problems.OrderBy(p => p.Row ?? int.MaxValue).ThenBy(p => p.Unit, StringComparer.Ordinal).ToArray();
            return problems.All(p => p.Code == "APP-BULK-LOCKED")
                ? Outcome<BulkSaveResult>.Conflict(new AppMessage("BulkLocked", problems.Count), ordered)
                : Outcome<BulkSaveResult>.Invalid(new AppMessage("ValuesInvalid", problems.Count), ordered);
        }

        var changedPerUnit = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (unit, input, value, row) in accepted)
        {
            var records = stored.GetValueOrDefault(unit.UnitId) ?? [];
            records.TryGetValue((row.Indicator!, row.Input!), out var existing);
            if (!ValueInput.Write(db, period.Id, unit.UnitId, input, row.Indicator!, row.Input!, value, existing, actor, actor.Channel, reason: null, now))
            {
                continue;
            }

            changedPerUnit[unit.UnitCode] = changedPerUnit.GetValueOrDefault(unit.UnitCode) + 1;
        }

        var result = new BulkSaveResult(
            period.Id,
            accepted.Count,
            changedPerUnit.Values.Sum(),
            units.Select(u => u.UnitCode).Order(StringComparer.Ordinal)
                .Select(code => new BulkUnitSaved(code, accepted.Count(a => a.Unit.UnitCode == code), changedPerUnit.GetValueOrDefault(code)))
                .ToArray());
        if (claim is not null)
        {
            claim.Response = JsonSerializer.Serialize(result, StoredJson);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<BulkSaveResult>.Conflict(new AppMessage("ConcurrentChange"));
        }

        return Outcome<BulkSaveResult>.Ok(result);
    }

    /// <summary>
    /// Claims <paramref name="idempotency"/>'s key for <paramref name="actor"/> inside the open transaction:
    /// the claim row, or null when the key is already taken (by a committed request, or by one that commits
    /// while this waits on the unique index). An expired key is forgotten first.
    /// </summary>
    private async Task<IdempotencyRecord?> ClaimAsync(Actor actor, IdempotencyRequest idempotency, DateTime now, CancellationToken cancellationToken)
    {
        await db.IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var claim = new IdempotencyRecord
        {
            Caller = actor.UserId, Key = idempotency.Key, RequestHash = idempotency.RequestHash, CreatedAt = now, ExpiresAt = now + KeyLifetime,
        };
        db.IdempotencyRecords.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return claim;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    /// <summary>The answer stored for a key already used: the same answer for the same request, a conflict for another.</summary>
    private async Task<Outcome<BulkSaveResult>> ReplayAsync(Actor actor, IdempotencyRequest idempotency, CancellationToken cancellationToken)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Caller == actor.UserId && r.Key == idempotency.Key, cancellationToken);
        if (stored is null || stored.Response.Length == 0)
        {
            // Taken by a request whose transaction then rolled back: nothing was saved; the caller may send it again.
            return Outcome<BulkSaveResult>.Conflict(new AppMessage("ConcurrentChange"));
        }

        if (!string.Equals(stored.RequestHash, idempotency.RequestHash, StringComparison.Ordinal))
        {
            return Outcome<BulkSaveResult>.Conflict(
                new AppMessage("IdempotencyKeyReused"),
                [new Problem("APP-IDEMPOTENCY-REUSED", new AppMessage("IdempotencyKeyReused"), Input: "Idempotency-Key")]);
        }

        var result = JsonSerializer.Deserialize<BulkSaveResult>(stored.Response, StoredJson)!;
        return Outcome<BulkSaveResult>.Ok(result with { Replayed = true });
    }

    private static Problem Located(BulkValue row, Problem problem) => problem with { Row = row.Row, Unit = row.Unit };
}
