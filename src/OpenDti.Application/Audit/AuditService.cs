using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;

namespace OpenDti.Application.Audit;

/// <summary>One change of a unit's reported values: a value, an evidence file or an evaluator's adjustment.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Indicator">Indicator code.</param>
/// <param name="Input">Input name (<c>#evidence</c> for a file).</param>
/// <param name="OldValue">Before, or null.</param>
/// <param name="NewValue">After, or null when removed.</param>
/// <param name="Channel">Page, API, import or seed.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="Kind">Value, evidence or adjustment.</param>
/// <param name="ActorUnit">The unit the user entered it for as a plan's delegate (its name), when they did (docs/plans.md#delegated-entry).</param>
public sealed record AuditItem(
    DateTime At, string UserName, string Indicator, string Input, string? OldValue, string? NewValue, AuditChannel Channel, string? Reason, AuditKind Kind, string? ActorUnit = null);

/// <summary>One entry of the whole audit, as administrators and evaluators read it.</summary>
/// <param name="Sequence">Its place in the chain.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Kind">What kind of change.</param>
/// <param name="Channel">How it came in.</param>
/// <param name="PeriodId">The period, when it belongs to one.</param>
/// <param name="PeriodName">The period's name.</param>
/// <param name="UnitCode">The unit's code, when it belongs to one.</param>
/// <param name="Subject">An account's user name, a framework's code, a profile's year, an appeal's number, the day a unit's change takes effect.</param>
/// <param name="Indicator">The indicator.</param>
/// <param name="Input">The input, or the field or step changed.</param>
/// <param name="OldValue">Before.</param>
/// <param name="NewValue">After.</param>
/// <param name="Reason">Why.</param>
/// <param name="ActorUnitCode">The code of the unit the user acted for as a plan's delegate, when they did.</param>
public sealed record AuditRecord(
    long Sequence,
    DateTime At,
    string UserName,
    AuditKind Kind,
    AuditChannel Channel,
    int? PeriodId,
    string? PeriodName,
    string? UnitCode,
    string? Subject,
    string? Indicator,
    string? Input,
    string? OldValue,
    string? NewValue,
    string? Reason,
    string? ActorUnitCode = null);

/// <summary>What to look for in the audit; every field is optional and they combine.</summary>
/// <param name="Unit">A unit's code.</param>
/// <param name="User">A user name, as written in the audit (also accounts changed: the subject of account entries).</param>
/// <param name="Kind">A kind's name (<c>value</c>, <c>account</c>, …).</param>
/// <param name="From">The first day (Vietnam's), <c>yyyy-MM-dd</c> or <c>dd/MM/yyyy</c>.</param>
/// <param name="To">The last day, included.</param>
/// <param name="Period">A period's id.</param>
/// <param name="Before">Only entries before this place in the chain (the <c>next</c> of the previous page).</param>
/// <param name="Limit">How many entries at most (1 to <see cref="AuditService.MaxLimit"/>; default <see cref="AuditService.DefaultLimit"/>).</param>
/// <remarks>Every field is text, as a query string or a form gives it: what cannot be read is a problem naming the field.</remarks>
public sealed record AuditQuery(
    string? Unit = null, string? User = null, string? Kind = null, string? From = null, string? To = null, string? Period = null, string? Before = null, string? Limit = null);

/// <summary>A page of the audit, newest first.</summary>
/// <param name="Items">The entries.</param>
/// <param name="Next">The <c>before</c> that gives the next page; null on the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long? Next);

/// <summary>
/// The audit: every change of a reported value, evidence file, adjustment, profile figure, unit,
/// framework, period, exception, publication, appeal and account (<see cref="AuditKind"/>), chained so
/// that tampering shows (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditService(OpenDtiDbContext db)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    private static readonly AuditKind[] ValueKinds = [AuditKind.Value, AuditKind.Evidence, AuditKind.Adjustment];

    /// <summary>
    /// Every change of <paramref name="unitCode"/>'s values, evidence and adjustments in the period, oldest
    /// first; only one indicator's when given. Whoever may read the unit.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<AuditItem>>> ListAsync(
        Actor actor, int periodId, string unitCode, string? indicator = null, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<IReadOnlyList<AuditItem>>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        var member = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (member is null)
        {
            return Outcome<IReadOnlyList<AuditItem>>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId));
        }

        if (!AccessPolicy.CanReadUnit(actor, member.UnitId))
        {
            return Outcome<IReadOnlyList<AuditItem>>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
        }

        var query = db.AuditEntries.AsNoTracking()
            .Where(a => a.PeriodId == periodId && a.UnitId == member.UnitId && ValueKinds.Contains(a.Kind));
        if (indicator is not null)
        {
            query = query.Where(a => a.Indicator == indicator);
        }

        var entries = await query.OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        var actorUnitIds = entries.Where(a => a.ActorUnitId is not null).Select(a => a.ActorUnitId!.Value).Distinct().ToArray();
        var actorUnits = actorUnitIds.Length == 0
            ? new Dictionary<int, string>()
            : await db.Units.AsNoTracking().Where(u => actorUnitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return Outcome<IReadOnlyList<AuditItem>>.Ok(entries
            .Select(a => new AuditItem(
                Utc(a.At), a.UserName, a.Indicator ?? string.Empty, a.Input ?? string.Empty, a.OldValue, a.NewValue, a.Channel, a.Reason, a.Kind,
                a.ActorUnitId is { } actorUnit ? actorUnits.GetValueOrDefault(actorUnit) : null))
            .ToArray());
    }

    /// <summary>
    /// The whole audit, newest first, filtered by <paramref name="query"/>, a page at a time; administrators
    /// and evaluators. A filter that cannot be read is refused with a problem naming it.
    /// </summary>
    public async Task<Outcome<AuditPage>> SearchAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!CanRead(actor))
        {
            return Outcome<AuditPage>.Forbidden(new AppMessage("AuditNotAllowed"));
        }

        var problems = new List<Problem>();
        foreach (var (field, text) in new[] { ("unit", query.Unit), ("user", query.User) })
        {
            // No code or user name has a control character, and PostgreSQL refuses a NUL in any text.
            if (text is not null && text.Any(char.IsControl))
            {
                problems.Add(new Problem("APP-AUDIT-TEXT", new AppMessage("AuditTextInvalid"), Input: field));
            }
        }

        AuditKind? kind = null;
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (KindOf(query.Kind) is { } known)
            {
                kind = known;
            }
            else
            {
                problems.Add(new Problem("APP-AUDIT-KIND", new AppMessage("AuditKindUnknown", Excerpt(query.Kind), string.Join(", ", Enum.GetValues<AuditKind>().Select(Name))), Input: "kind"));
            }
        }

        var from = Day(query.From, "from", problems);
        var to = Day(query.To, "to", problems);
        if (from is { } first && to is { } last && last < first)
        {
            problems.Add(new Problem("APP-AUDIT-DAYS", new AppMessage("AuditDaysReversed", first, last), Input: "to"));
        }

        var limit = Number(query.Limit, "limit", problems) ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            problems.Add(new Problem("APP-AUDIT-LIMIT", new AppMessage("AuditLimitInvalid", MaxLimit), Input: "limit"));
        }

        var periodId = Number(query.Period, "period", problems);
        var before = Number(query.Before, "before", problems);

        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(query.Unit) && !problems.Any(p => p.Input == "unit"))
        {
            var code = query.Unit.Trim();
            unitId = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
            if (unitId is null)
            {
                problems.Add(new Problem("APP-AUDIT-UNIT", new AppMessage("UnitNotFound", Excerpt(code)), Input: "unit"));
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<AuditPage>.Invalid(new AppMessage("AuditQueryInvalid", problems.Count), problems);
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (unitId is { } unit)
        {
            entries = entries.Where(a => a.UnitId == unit);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            entries = entries.Where(a => a.UserName == user || (a.Kind == AuditKind.Account && a.Subject == user));
        }

        if (kind is { } k)
        {
            entries = entries.Where(a => a.Kind == k);
        }

        if (periodId is { } period)
        {
            entries = entries.Where(a => a.PeriodId == period);
        }

        if (from is { } since)
        {
            var start = VietnamTime.StartOfDayUtc(since);
            entries = entries.Where(a => a.At >= start);
        }

        if (to is { } until)
        {
            var end = VietnamTime.StartOfDayUtc(until.AddDays(1));
            entries = entries.Where(a => a.At < end);
        }

        if (before is { } below)
        {
            entries = entries.Where(a => a.Sequence < below);
        }

        var page = await entries.OrderByDescending(a => a.Sequence).Take((int)limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var unitIds = page.Where(a => a.UnitId is not null).Select(a => a.UnitId!.Value)
            .Concat(page.Where(a => a.ActorUnitId is not null).Select(a => a.ActorUnitId!.Value)).Distinct().ToArray();
        var codes = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        var periodIds = page.Where(a => a.PeriodId is not null).Select(a => a.PeriodId!.Value).Distinct().ToArray();
        var periods = await db.Periods.AsNoTracking().Where(p => periodIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var items = page
            .Select(a => new AuditRecord(
                a.Sequence,
                Utc(a.At),
                a.UserName,
                a.Kind,
                a.Channel,
                a.PeriodId,
                a.PeriodId is { } p ? periods.GetValueOrDefault(p) : null,
                a.UnitId is { } u ? codes.GetValueOrDefault(u) : null,
                a.Subject,
                a.Indicator,
                a.Input,
                a.OldValue,
                a.NewValue,
                a.Reason,
                a.ActorUnitId is { } actorUnit ? codes.GetValueOrDefault(actorUnit) : null))
            .ToArray();
        return Outcome<AuditPage>.Ok(new AuditPage(items, more ? items[^1].Sequence : null));
    }

    /// <summary>Checks the whole chain (<see cref="AuditChain.VerifyAsync"/>); administrators and evaluators.</summary>
    public async Task<Outcome<AuditChainReport>> VerifyAsync(Actor actor, CancellationToken cancellationToken = default) =>
        CanRead(actor)
            ? Outcome<AuditChainReport>.Ok(await AuditChain.VerifyAsync(db, cancellationToken))
            : Outcome<AuditChainReport>.Forbidden(new AppMessage("AuditNotAllowed"));

    /// <summary>Who reads the whole audit: administrators and evaluators.</summary>
    public static bool CanRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsIn(Roles.Administrator) || actor.IsIn(Roles.Evaluator);
    }

    /// <summary>A kind's name as the API and the pages write it: <c>value</c>, <c>account</c>.</summary>
    public static string Name(AuditKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind named <paramref name="name"/> (any case), or null.</summary>
    public static AuditKind? KindOf(string? name) =>
        Enum.GetValues<AuditKind>().Select(k => (AuditKind?)k).FirstOrDefault(k => string.Equals(Name(k!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static DateOnly? Day(string? text, string field, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add(new Problem("APP-AUDIT-DAY", new AppMessage("AuditDayInvalid", Excerpt(text)), Input: field));
        return null;
    }

    /// <summary>A whole number, or a problem naming <paramref name="field"/>.</summary>
    private static long? Number(string? text, string field, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Trim() is { Length: <= 18 } digits && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problems.Add(new Problem("APP-AUDIT-NUMBER", new AppMessage("AuditNumberInvalid", Excerpt(text)), Input: field));
        return null;
    }

    /// <summary>At most 40 characters of what was sent, for a message.</summary>
    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..39] + "…";

    // SQLite gives back times without their kind; they were written in UTC.
    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
