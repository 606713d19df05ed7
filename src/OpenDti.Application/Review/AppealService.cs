using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Units;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review;

/// <summary>An appeal (phúc khảo) as lists show it, with the files filed with it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="UnitCode">The unit's code in the period.</param>
/// <param name="UnitName">The unit's name in the period.</param>
/// <param name="Indicators">The indicators appealed, in framework order.</param>
/// <param name="Reason">Why the unit appeals.</param>
/// <param name="PublicationNumber">The publication appealed.</param>
/// <param name="FiledAt">When it was filed (UTC).</param>
/// <param name="FiledBy">Who filed it.</param>
/// <param name="State">Pending, accepted or rejected.</param>
/// <param name="Decision">The evaluator's reason, once decided.</param>
/// <param name="DecidedAt">When it was decided (UTC).</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="ResultingPublication">For an accepted appeal, the publication carrying the correction.</param>
/// <param name="Version">The version to send back with a decision.</param>
/// <param name="Files">The evidence filed with the appeal.</param>
public sealed record AppealItem(
    int Id,
    string UnitCode,
    string UnitName,
    IReadOnlyList<string> Indicators,
    string Reason,
    int PublicationNumber,
    DateTime FiledAt,
    string FiledBy,
    AppealState State,
    string? Decision,
    DateTime? DecidedAt,
    string? DecidedBy,
    int? ResultingPublication,
    int Version,
    IReadOnlyList<EvidenceItem> Files);

/// <summary>When units of a period may appeal: after the latest publication, for the period's number of days.</summary>
/// <param name="PublicationNumber">The latest publication, the one an appeal is about.</param>
/// <param name="PublishedOn">The day of that publication in Vietnam.</param>
/// <param name="LastDay">The last day an appeal may be filed (inclusive).</param>
/// <param name="Open">Whether today is within the window.</param>
public sealed record AppealWindow(int PublicationNumber, DateOnly PublishedOn, DateOnly LastDay, bool Open);

/// <summary>
/// Appeals (phúc khảo) of published points. Within <see cref="Period.AppealDays"/> days after the day of
/// the latest publication, a unit's reporter or leader appeals named indicators with a reason and evidence.
/// An evaluator rejects it with a reason, or accepts it once the values are adjusted
/// (<see cref="AdjustmentService"/>): accepting publishes a correction (<see cref="PublicationService"/>) in
/// the same transaction. Filing and deciding each write a line of the unit's review history.
/// </summary>
public sealed class AppealService(
    OpenDtiDbContext db, FrameworkCatalog frameworks, EvidenceService evidence, PublicationService publications, TimeProvider time)
{
    /// <summary>The longest reason kept (for filing and deciding).</summary>
    public const int MaxReasonLength = 4000;

    /// <summary>The appeal window of period <paramref name="periodId"/>, or null when it has never been published (or does not exist).</summary>
    public async Task<AppealWindow?> WindowAsync(int periodId, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        return period is null ? null : await WindowAsync(period, cancellationToken);
    }

    /// <summary>
    /// Files an appeal of <paramref name="indicators"/> for <paramref name="unitCode"/> in period
    /// <paramref name="periodId"/>. Only the unit's own reporter or leader, while the window is open.
    /// </summary>
    public async Task<Outcome<AppealItem>> FileAsync(
        Actor actor, int periodId, string unitCode, IReadOnlyList<string>? indicators, string? reason, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<AppealItem>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (period, unit) = (member!.Period, member.Unit);
        if (!IsUnitPerson(actor, unit.UnitId))
        {
            return Outcome<AppealItem>.Forbidden(new AppMessage("AppealFileNotAllowed", unitCode));
        }

        if (await OpenWindowFailureAsync<AppealItem>(period, cancellationToken) is { } closed)
        {
            return closed;
        }

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        var problems = new List<Problem>();
        var chosen = new List<FrameworkNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in indicators ?? [])
        {
            var code = raw?.Trim() ?? string.Empty;
            if (code.Length == 0)
            {
                continue;
            }

            if (framework.FindNode(code) is not { Inputs.Count: > 0 } node)
            {
                problems.Add(new Problem("APP-APPEAL-INDICATOR", new AppMessage("AppealUnknownIndicator", code, framework.Code), code));
            }
            else if (!seen.Add(node.Code.Value))
            {
                problems.Add(new Problem("APP-APPEAL-DUPLICATE", new AppMessage("AppealDuplicateIndicator", code), code));
            }
            else
            {
                chosen.Add(node);
            }
        }

        if (chosen.Count == 0 && problems.Count == 0)
        {
            problems.Add(new Problem("APP-APPEAL-NO-INDICATOR", new AppMessage("AppealNoIndicator")));
        }

        var text = ReviewScope.Clean(reason);
        if (text is null)
        {
            problems.Add(new Problem("APP-REASON-REQUIRED", new AppMessage("AppealReasonRequired")));
        }
        else if (text.Length > MaxReasonLength)
        {
            problems.Add(new Problem("APP-REASON-TOO-LONG", new AppMessage("AppealReasonTooLong", MaxReasonLength)));
        }

        if (problems.Count > 0)
        {
            return Outcome<AppealItem>.Invalid(new AppMessage("AppealInvalid", unitCode), problems);
        }

        var codes = chosen.OrderBy(n => n.Code.Value, IndicatorCode.StringComparer).Select(n => n.Code.Value).ToArray();
        var pending = await db.Appeals.AsNoTracking()
            .Where(a => a.PeriodId == periodId && a.UnitId == unit.UnitId && a.State == AppealState.Pending)
            .Select(a => new { a.Id, a.Indicators })
            .ToListAsync(cancellationToken);
        var taken = pending
            .SelectMany(a => Split(a.Indicators).Select(code => (Code: code, a.Id)))
            .Where(x => codes.Contains(x.Code, StringComparer.Ordinal))
            .ToArray();
        if (taken.Length > 0)
        {
            return Outcome<AppealItem>.Conflict(
                new AppMessage("AppealIndicatorsPending", string.Join(", ", taken.Select(t => t.Code))),
                taken.Select(t => new Problem("APP-APPEAL-PENDING", new AppMessage("AppealIndicatorPending", t.Code, t.Id), t.Code)).ToArray());
        }

        var window = (await WindowAsync(period, cancellationToken))!;
        var now = time.GetUtcNow().UtcDateTime;
        var appeal = new Appeal
        {
            PeriodId = periodId,
            UnitId = unit.UnitId,
            Indicators = string.Join(",", codes),
            Reason = text!,
            PublicationNumber = window.PublicationNumber,
            FiledAt = now,
            FiledBy = actor.UserName,
            State = AppealState.Pending,
            Version = 1,
        };
        db.Appeals.Add(appeal);
        var line = ReviewScope.Event(member, actor, now, ReviewEventKind.AppealFiled);
        line.NewValue = string.Join(", ", codes);
        line.Text = text;
        db.ReviewEvents.Add(line);

        // The appeal and the indicators it claims, in one transaction: the claims' unique index refuses a
        // second pending appeal of an indicator filed at the same moment (the check above only words it).
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.AuditEntries.Add(AuditTrail.Entry(
                actor, now, AuditKind.Appeal, "filed", null, line.NewValue, periodId, unit.UnitId,
                subject: appeal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), reason: text));
            db.AppealIndicators.AddRange(codes.Select(code => new AppealIndicator
            {
                AppealId = appeal.Id, PeriodId = periodId, UnitId = unit.UnitId, Indicator = code, Pending = true,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Outcome<AppealItem>.Conflict(new AppMessage("AppealIndicatorsPending", string.Join(", ", codes)));
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<AppealItem>.Ok(Item(appeal, unit, []));
    }

    /// <summary>
    /// Attaches a file to pending appeal <paramref name="appealId"/> of <paramref name="unitCode"/>: the unit's
    /// reporter or leader, with the same checks and audit as the indicators' evidence
    /// (<see cref="EvidenceService.UploadAsync"/>) but not the entry lock. A blank indicator means the
    /// appeal's first; any other must be one the appeal names.
    /// </summary>
    public async Task<Outcome<EvidenceItem>> AttachAsync(
        Actor actor, int periodId, string unitCode, int appealId, EvidenceUpload upload, AuditChannel channel, CancellationToken cancellationToken = default)
    {
        var (member, failure) = await ReviewScope.FindAsync<EvidenceItem>(db, periodId, unitCode, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (period, unit) = (member!.Period, member.Unit);
        var appeal = await db.Appeals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appealId && a.PeriodId == periodId && a.UnitId == unit.UnitId, cancellationToken);
        if (appeal is null)
        {
            return Outcome<EvidenceItem>.NotFound(new AppMessage("AppealNotFound", appealId, periodId));
        }

        if (!IsUnitPerson(actor, unit.UnitId))
        {
            return Outcome<EvidenceItem>.Forbidden(new AppMessage("AppealFileNotAllowed", unitCode));
        }

        if (appeal.State != AppealState.Pending)
        {
            return Outcome<EvidenceItem>.Conflict(new AppMessage("AppealNotPending", appealId, StateText(appeal.State)));
        }

        var indicators = Split(appeal.Indicators);
        var indicator = ReviewScope.Clean(upload.Indicator) ?? indicators[0];
        if (!indicators.Contains(indicator, StringComparer.Ordinal))
        {
            return Outcome<EvidenceItem>.Invalid(
                new AppMessage("AppealEvidenceIndicator", indicator, appealId, string.Join(", ", indicators)),
                [new Problem("APP-APPEAL-INDICATOR", new AppMessage("AppealEvidenceIndicator", indicator, appealId, string.Join(", ", indicators)), indicator, "indicator")]);
        }

        return await evidence.StoreAsync(actor, period, unit, upload with { Indicator = indicator }, channel, appealId, cancellationToken);
    }

    /// <summary>Attaches a file to pending appeal <paramref name="appealId"/>, whichever unit filed it (the API's route names the appeal only).</summary>
    public async Task<Outcome<EvidenceItem>> AttachAsync(
        Actor actor, int periodId, int appealId, EvidenceUpload upload, AuditChannel channel, CancellationToken cancellationToken = default)
    {
        var (appeal, failure) = await FindAppealAsync<EvidenceItem>(periodId, appealId, cancellationToken);
        return failure ?? await AttachAsync(actor, periodId, await UnitCodeAsync(periodId, appeal!.UnitId, cancellationToken), appealId, upload, channel, cancellationToken);
    }

    /// <summary>File <paramref name="evidenceId"/> of appeal <paramref name="appealId"/>, for whoever may read the unit.</summary>
    public async Task<Outcome<EvidenceDownload>> DownloadAsync(
        Actor actor, int periodId, int appealId, long evidenceId, CancellationToken cancellationToken = default)
    {
        var (appeal, failure) = await FindAppealAsync<EvidenceDownload>(periodId, appealId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!AccessPolicy.CanReadUnit(actor, appeal!.UnitId))
        {
            return Outcome<EvidenceDownload>.Forbidden(new AppMessage("AppealReadNotAllowed"));
        }

        var file = await evidence.Files(periodId, appeal.UnitId, appealId)
            .Where(e => e.Id == evidenceId)
            .Select(e => new EvidenceDownload(e.FileName, e.ContentType, e.Content!.Bytes))
            .SingleOrDefaultAsync(cancellationToken);
        return file is null
            ? Outcome<EvidenceDownload>.NotFound(new AppMessage("AppealEvidenceNotFound", evidenceId, appealId))
            : Outcome<EvidenceDownload>.Ok(file);
    }

    /// <summary>
    /// Accepts or rejects pending appeal <paramref name="appealId"/>, with a reason; evaluators and administrators.
    /// Accepting needs an adjustment of an appealed indicator made since the appeal was filed, and publishes a
    /// correction; nothing is kept when any part fails.
    /// </summary>
    /// <param name="actor">Who decides.</param>
    /// <param name="periodId">The period.</param>
    /// <param name="appealId">The appeal.</param>
    /// <param name="accept">Accept (true) or reject (false).</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="version">The appeal's version the evaluator read, when known: another is a conflict.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Outcome<AppealItem>> DecideAsync(
        Actor actor, int periodId, int appealId, bool accept, string? reason, int? version = null, CancellationToken cancellationToken = default)
    {
        var (found, failure) = await FindAppealAsync<AppealItem>(periodId, appealId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!CanDecide(actor))
        {
            return Outcome<AppealItem>.Forbidden(new AppMessage("AppealDecideNotAllowed"));
        }

        var appeal = await db.Appeals.SingleAsync(a => a.Id == found!.Id, cancellationToken);
        if (appeal.State != AppealState.Pending)
        {
            return Outcome<AppealItem>.Conflict(new AppMessage("AppealNotPending", appealId, StateText(appeal.State)));
        }

        if (version is { } read && read != appeal.Version)
        {
            return Outcome<AppealItem>.Conflict(new AppMessage("AppealChanged", appealId));
        }

        var text = ReviewScope.Clean(reason);
        if (text is null)
        {
            return Outcome<AppealItem>.Invalid(new AppMessage("AppealDecisionReasonRequired"), [new Problem("APP-REASON-REQUIRED", new AppMessage("AppealDecisionReasonRequired"))]);
        }

        if (text.Length > MaxReasonLength)
        {
            return Outcome<AppealItem>.Invalid(new AppMessage("AppealReasonTooLong", MaxReasonLength), [new Problem("APP-REASON-TOO-LONG", new AppMessage("AppealReasonTooLong", MaxReasonLength))]);
        }

        var (member, _) = await ReviewScope.FindAsync<AppealItem>(db, periodId, await UnitCodeAsync(periodId, appeal.UnitId, cancellationToken), cancellationToken);
        var indicators = Split(appeal.Indicators);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        int? resulting = null;
        if (accept)
        {
            var filedAt = appeal.FiledAt;
            var adjusted = await db.ValueAdjustments.AsNoTracking()
                .AnyAsync(a => a.PeriodId == periodId && a.UnitId == appeal.UnitId && indicators.Contains(a.Indicator) && a.At >= filedAt, cancellationToken);
            if (!adjusted)
            {
                return Outcome<AppealItem>.Conflict(new AppMessage("AppealAcceptNeedsAdjustment", appealId, string.Join(", ", indicators)));
            }

            var published = await publications.PublishAsync(actor, periodId, new AppMessage("AppealPublicationReason", member!.Unit.UnitCode, text).ToString(), confirmation: null, requireConfirmation: false, cancellationToken);
            if (!published.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                return published.As<AppealItem>();
            }

            resulting = published.Value!.Number;
        }

        appeal.State = accept ? AppealState.Accepted : AppealState.Rejected;
        appeal.Decision = text;
        appeal.DecidedAt = now;
        appeal.DecidedBy = actor.UserName;
        appeal.ResultingPublication = resulting;
        appeal.Version++;
        await db.AppealIndicators
            .Where(a => a.AppealId == appeal.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Pending, false), cancellationToken);
        var line = ReviewScope.Event(member!, actor, now, accept ? ReviewEventKind.AppealAccepted : ReviewEventKind.AppealRejected);
        line.OldValue = appeal.Indicators.Replace(",", ", ", StringComparison.Ordinal);
        line.NewValue = resulting?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        line.Text = text;
        db.ReviewEvents.Add(line);
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, now, AuditKind.Appeal, accept ? "accepted" : "rejected", line.OldValue, line.NewValue, periodId, appeal.UnitId,
            subject: appeal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), reason: text));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Outcome<AppealItem>.Conflict(new AppMessage("AppealChanged", appealId));
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<AppealItem>.Ok(Item(appeal, member!.Unit, await FilesAsync(periodId, [appeal], cancellationToken)));
    }

    /// <summary>
    /// The appeals of period <paramref name="periodId"/>, newest first: every unit's for province staff and
    /// viewers (only <paramref name="unitCode"/>'s when given), only their own unit's for unit users.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<AppealItem>>> ListAsync(Actor actor, int periodId, string? unitCode = null, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<IReadOnlyList<AppealItem>>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        PeriodUnit? only = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            only = period.Units.SingleOrDefault(u => u.UnitCode == unitCode.Trim());
            if (only is null)
            {
                return Outcome<IReadOnlyList<AppealItem>>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId));
            }

            if (!AccessPolicy.CanReadUnit(actor, only.UnitId))
            {
                return Outcome<IReadOnlyList<AppealItem>>.Forbidden(new AppMessage("UnitNotAllowed", unitCode));
            }
        }
        else if (!actor.IsProvinceStaff && !actor.IsIn(Roles.Viewer))
        {
            return Outcome<IReadOnlyList<AppealItem>>.Forbidden(new AppMessage("AppealReadNotAllowed"));
        }

        var query = db.Appeals.AsNoTracking().Where(a => a.PeriodId == periodId);
        if (only is not null)
        {
            query = query.Where(a => a.UnitId == only.UnitId);
        }

        var appeals = await query.ToListAsync(cancellationToken);
        var files = await FilesAsync(periodId, appeals, cancellationToken);
        var units = period.Units.ToDictionary(u => u.UnitId);
        return Outcome<IReadOnlyList<AppealItem>>.Ok(appeals
            .Where(a => units.ContainsKey(a.UnitId))
            .OrderByDescending(a => a.Id)
            .Select(a => Item(a, units[a.UnitId], files))
            .ToArray());
    }

    /// <summary>The code of <paramref name="actor"/>'s unit in period <paramref name="periodId"/> when they file appeals for it (its reporter or leader); otherwise null.</summary>
    public async Task<string?> OwnUnitAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        if (actor.UnitId is not { } unitId || !IsUnitPerson(actor, unitId))
        {
            return null;
        }

        return await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId && u.UnitId == unitId).Select(u => u.UnitCode).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="actor"/> files appeals for unit <paramref name="unitId"/>: its own reporter or leader.</summary>
    public static bool IsUnitPerson(Actor actor, int unitId) =>
        ReviewScope.ParticipantFor(actor, unitId) is Participant.UnitReporter or Participant.UnitLeader;

    /// <summary>Whether <paramref name="actor"/> decides appeals: evaluators and administrators.</summary>
    public static bool CanDecide(Actor actor) => actor.IsProvinceStaff;

    /// <summary>The name of <paramref name="state"/> for people.</summary>
    public static AppMessage StateText(AppealState state) => new("AppealState" + state);

    private async Task<AppealWindow?> WindowAsync(Period period, CancellationToken cancellationToken)
    {
        var latest = await db.Publications.AsNoTracking()
            .Where(p => p.PeriodId == period.Id)
            .OrderByDescending(p => p.Number)
            .Select(p => new { p.Number, p.At })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var publishedOn = DateOnly.FromDateTime(VietnamTime.ToLocal(latest.At));
        var lastDay = publishedOn.AddDays(period.AppealDays);
        var today = VietnamTime.Today(time);
        return new AppealWindow(latest.Number, publishedOn, lastDay, period.Status == PeriodStatus.Published && today <= lastDay);
    }

    /// <summary>Why no appeal may be filed now: the period is not published, or the window has closed (naming its last day).</summary>
    private async Task<Outcome<T>?> OpenWindowFailureAsync<T>(Period period, CancellationToken cancellationToken)
    {
        var window = await WindowAsync(period, cancellationToken);
        if (period.Status != PeriodStatus.Published || window is null)
        {
            return Outcome<T>.Conflict(new AppMessage("AppealNotPublished", period.Name));
        }

        return window.Open
            ? null
            : Outcome<T>.Conflict(new AppMessage("AppealWindowClosed", period.AppealDays, window.PublicationNumber, new DayText(window.LastDay)));
    }

    private async Task<(Appeal? Appeal, Outcome<T>? Failure)> FindAppealAsync<T>(int periodId, int appealId, CancellationToken cancellationToken)
    {
        if (!await db.Periods.AnyAsync(p => p.Id == periodId, cancellationToken))
        {
            return (null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        var appeal = await db.Appeals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appealId && a.PeriodId == periodId, cancellationToken);
        return appeal is null ? (null, Outcome<T>.NotFound(new AppMessage("AppealNotFound", appealId, periodId))) : (appeal, null);
    }

    private async Task<string> UnitCodeAsync(int periodId, int unitId, CancellationToken cancellationToken) =>
        await db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == periodId && u.UnitId == unitId).Select(u => u.UnitCode).SingleAsync(cancellationToken);

    /// <summary>The files of <paramref name="appeals"/>, by appeal, in upload order.</summary>
    private async Task<ILookup<int, EvidenceItem>> FilesAsync(int periodId, IReadOnlyCollection<Appeal> appeals, CancellationToken cancellationToken)
    {
        var ids = appeals.Select(a => (int?)a.Id).ToArray();
        if (ids.Length == 0)
        {
            return Array.Empty<EvidenceItem>().ToLookup(_ => 0);
        }

        var files = await db.EvidenceFiles.AsNoTracking()
            .Where(e => e.PeriodId == periodId && e.DeletedAt == null && ids.Contains(e.AppealId))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return files.ToLookup(e => e.AppealId!.Value, EvidenceService.Item);
    }

    private static string[] Split(string indicators) => indicators.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static AppealItem Item(Appeal a, PeriodUnit unit, IEnumerable<EvidenceItem> files) => new(
        a.Id,
        unit.UnitCode,
        unit.UnitName,
        Split(a.Indicators),
        a.Reason,
        a.PublicationNumber,
        DateTime.SpecifyKind(a.FiledAt, DateTimeKind.Utc),
        a.FiledBy,
        a.State,
        a.Decision,
        a.DecidedAt is { } decided ? DateTime.SpecifyKind(decided, DateTimeKind.Utc) : null,
        a.DecidedBy,
        a.ResultingPublication,
        a.Version,
        files.ToArray());

    private static AppealItem Item(Appeal a, PeriodUnit unit, ILookup<int, EvidenceItem> files) => Item(a, unit, files[a.Id]);
}
