using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Evidence;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Evidence;

/// <summary>An evidence file as lists show it (never its bytes).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Indicator">The indicator it supports.</param>
/// <param name="FileName">The file name as uploaded.</param>
/// <param name="ContentType">The content type detected from its bytes.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes (lower-case hexadecimal).</param>
/// <param name="DocumentNumber">Số hiệu, when given.</param>
/// <param name="IssuedOn">Ngày ban hành, when given.</param>
/// <param name="Summary">Trích yếu, when given.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="UploadedAt">When (UTC).</param>
public sealed record EvidenceItem(
    long Id,
    string Indicator,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string? DocumentNumber,
    DateOnly? IssuedOn,
    string? Summary,
    string UploadedBy,
    DateTime UploadedAt);

/// <summary>A file to attach, as a form or the API sends it.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="FileName">The file name as sent (folders and control characters are removed).</param>
/// <param name="Content">The bytes; read once, up to the size limit and one byte more.</param>
/// <param name="DocumentNumber">Số hiệu, optional.</param>
/// <param name="IssuedOn">Ngày ban hành as text, dd/MM/yyyy or yyyy-MM-dd, optional.</param>
/// <param name="Summary">Trích yếu, optional.</param>
public sealed record EvidenceUpload(string? Indicator, string? FileName, Stream Content, string? DocumentNumber = null, string? IssuedOn = null, string? Summary = null);

/// <summary>A file to send back.</summary>
/// <param name="FileName">The original file name.</param>
/// <param name="ContentType">The content type detected when it was uploaded.</param>
/// <param name="Bytes">The bytes.</param>
public sealed record EvidenceDownload(string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// The evidence (minh chứng) a unit attaches to the indicators it reports. The unit is looked up in
/// the period's cohort and checked with <see cref="AccessPolicy"/>: whoever may read the unit lists and
/// downloads, whoever may write it uploads and deletes, and only while the period is open. A file is
/// accepted by what its bytes are, never by its name, and its name must agree with it. Uploads and
/// deletions are audited in the same transaction, with the file's SHA-256. A unit stores at most
/// <see cref="EvidenceOptions.QuotaBytes"/> per period, and a file once per indicator (a unique index).
/// </summary>
public sealed class EvidenceService(OpenDtiDbContext db, FrameworkCatalog frameworks, TimeProvider time, IOptions<EvidenceOptions> options)
{
    /// <summary>The input name written in the audit for evidence (not a valid input name, so never one of a framework's).</summary>
    public const string AuditInput = "#evidence";

    /// <summary>The input name written in the audit for a progress report's document.</summary>
    public const string ProgressAuditInput = "#progress-document";

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>The evidence of <paramref name="unitCode"/> in period <paramref name="periodId"/>, by indicator then upload; only <paramref name="indicator"/>'s when given.</summary>
    public async Task<Outcome<IReadOnlyList<EvidenceItem>>> ListAsync(
        Actor actor, int periodId, string unitCode, string? indicator = null, CancellationToken cancellationToken = default)
    {
        var (_, unit, delegation, failure) = await ResolveAsync<IReadOnlyList<EvidenceItem>>(actor, periodId, unitCode, write: false, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var query = Live(periodId, unit!.UnitId);
        if (delegation is not null)
        {
            // A plan's delegate sees the evidence of the indicators assigned to their unit only.
            var assigned = delegation.Indicators.ToArray();
            query = query.Where(e => assigned.Contains(e.Indicator));
        }

        if (!string.IsNullOrWhiteSpace(indicator))
        {
            var code = indicator.Trim();
            query = query.Where(e => e.Indicator == code);
        }

        var files = await query.ToListAsync(cancellationToken);
        return Outcome<IReadOnlyList<EvidenceItem>>.Ok(Items(files));
    }

    /// <summary>
    /// <see cref="ListAsync"/> (every indicator) for the report form, from its context: the same rule,
    /// <see cref="AccessPolicy.CanReadUnit"/> or what the plan grants, decides.
    /// </summary>
    internal static Outcome<IReadOnlyList<EvidenceItem>> ListOf(Reporting.FormContext form)
    {
        var own = AccessPolicy.CanReadUnit(form.Actor, form.Unit.UnitId);
        if ((!own && form.Granted is null) || form.Evidence is null)
        {
            return Outcome<IReadOnlyList<EvidenceItem>>.Forbidden(new AppMessage("UnitNotAllowed", form.Unit.UnitCode));
        }

        // A plan's delegate sees the evidence of the indicators assigned to their unit only.
        return Outcome<IReadOnlyList<EvidenceItem>>.Ok(Items(own ? form.Evidence : form.Evidence.Where(e => form.Granted!.Indicators.Contains(e.Indicator))));
    }

    private static EvidenceItem[] Items(IEnumerable<EvidenceFile> files) =>
        files.OrderBy(e => e.Indicator, IndicatorCode.StringComparer).ThenBy(e => e.Id).Select(Item).ToArray();

    /// <summary>The file <paramref name="evidenceId"/> of <paramref name="unitCode"/> in period <paramref name="periodId"/>.</summary>
    public async Task<Outcome<EvidenceDownload>> DownloadAsync(
        Actor actor, int periodId, string unitCode, long evidenceId, CancellationToken cancellationToken = default)
    {
        var (_, unit, delegation, failure) = await ResolveAsync<EvidenceDownload>(actor, periodId, unitCode, write: false, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        // A plan's delegate reaches the files of the indicators assigned to their unit only; another file is, to them, not there.
        var assigned = delegation?.Indicators.ToArray();
        var file = await Live(periodId, unit!.UnitId)
            .Where(e => e.Id == evidenceId && (assigned == null || assigned.Contains(e.Indicator)))
            .Select(e => new EvidenceDownload(e.FileName, e.ContentType, e.Content!.Bytes))
            .SingleOrDefaultAsync(cancellationToken);
        return file is null
            ? Outcome<EvidenceDownload>.NotFound(new AppMessage("EvidenceNotFound", evidenceId, unitCode, periodId))
            : Outcome<EvidenceDownload>.Ok(file);
    }

    /// <summary>Attaches a file to an indicator of <paramref name="unitCode"/> in period <paramref name="periodId"/>.</summary>
    /// <param name="actor">Who uploads.</param>
    /// <param name="periodId">The period.</param>
    /// <param name="unitCode">The unit.</param>
    /// <param name="upload">The file and its document fields.</param>
    /// <param name="channel">Page or API, for the audit.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Outcome<EvidenceItem>> UploadAsync(
        Actor actor, int periodId, string unitCode, EvidenceUpload upload, AuditChannel channel, CancellationToken cancellationToken = default)
    {
        var (period, unit, delegation, failure) = await ResolveAsync<EvidenceItem>(actor, periodId, unitCode, write: true, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        // A plan's delegate attaches files to the indicators assigned to their unit only.
        if (delegation is not null && !delegation.Covers(upload.Indicator?.Trim()))
        {
            return Outcome<EvidenceItem>.Forbidden(new AppMessage("IndicatorNotDelegated", Core.Text.Excerpt.Of(upload.Indicator?.Trim() ?? string.Empty)!, Core.Text.Excerpt.Of(unitCode)!));
        }

        if (await Review.ReviewScope.LockedAsync<EvidenceItem>(db, period!, unit!.UnitId, channel, VietnamTime.Today(time), cancellationToken) is { } locked)
        {
            return locked;
        }

        return await StoreAsync(actor, period!, unit, upload, channel, appealId: null, cancellationToken, delegation?.DelegateUnitId);
    }

    /// <summary>
    /// Checks and stores a file for <paramref name="unit"/> once the caller has checked who may and when:
    /// the indicator, the name, the bytes (size, what they are and their structure, extension), the document
    /// fields, a duplicate of the same file; then, in one transaction, the unit's quota, the file and its audit. A file of an appeal (<paramref name="appealId"/>)
    /// is kept apart from the indicator's evidence: it is listed with the appeal only. A plan's delegate's upload
    /// names their unit (<paramref name="actorUnitId"/>) in the audit.
    /// </summary>
    /// <remarks>
    /// A progress report's document (<paramref name="progressId"/>) is kept apart in the same way, checked and
    /// counted in the quota like evidence, not bound by the entry lock, and audited as progress.
    /// </remarks>
    internal async Task<Outcome<EvidenceItem>> StoreAsync(
        Actor actor, Period period, PeriodUnit unit, EvidenceUpload upload, AuditChannel channel, int? appealId, CancellationToken cancellationToken, int? actorUnitId = null, int? progressId = null)
    {
        var indicator = upload.Indicator?.Trim() ?? string.Empty;
        var fileName = EvidenceFileName.Sanitize(upload.FileName);
        var reasons = new List<(string Code, string Field, AppMessage Reason)>();

        var framework = await frameworks.GetByIdAsync(period.FrameworkId, cancellationToken);
        if (indicator.Length == 0)
        {
            reasons.Add(("APP-EVIDENCE-INDICATOR", "indicator", new AppMessage("EvidenceNoIndicator")));
        }
        else if (framework.FindNode(indicator) is not { } node || (progressId is null && node.Inputs.Count == 0))
        {
            reasons.Add(("APP-EVIDENCE-INDICATOR", "indicator", new AppMessage("EvidenceUnknownIndicator", framework.Code, Core.Text.Excerpt.Of(indicator)!)));
        }

        var bytes = await BoundedRead.ReadAsync(upload.Content, MaxBytes, cancellationToken);
        string? contentType = null;
        if (fileName.Length == 0 && !string.IsNullOrWhiteSpace(upload.FileName))
        {
            reasons.Add(("APP-EVIDENCE-NAME", "file", new AppMessage("EvidenceNameEmpty")));
        }

        if (bytes is null)
        {
            reasons.Add(("APP-EVIDENCE-SIZE", "file", new AppMessage("EvidenceTooLarge", new SizeText(MaxBytes))));
        }
        else if (bytes.Length == 0)
        {
            reasons.Add(("APP-EVIDENCE-EMPTY", "file", new AppMessage("EvidenceEmpty")));
        }
        else if (EvidenceFileType.Inspect(bytes, options.Value) is var inspection && inspection.Refusal is not null)
        {
            reasons.Add(("APP-EVIDENCE-CONTENT", "file", inspection.Refusal));
        }
        else if (inspection.Type is not { Accepted: true } type)
        {
            reasons.Add(("APP-EVIDENCE-TYPE", "file", inspection.Type is { } what
                ? new AppMessage("EvidenceRefusedType", new AppMessage(what.NameKey), EvidenceFileType.AcceptedExtensions)
                : new AppMessage("EvidenceUnknownType", EvidenceFileType.AcceptedExtensions)));
        }
        else if (fileName.Length > 0 || string.IsNullOrWhiteSpace(upload.FileName))
        {
            // The extension of the cleaned name: what is checked is what people will see.
            var extension = EvidenceFileName.Extension(fileName);
            contentType = type.ContentTypeFor(extension);
            if (contentType is null)
            {
                var expected = string.Join(", ", type.ContentTypes.Keys);
                reasons.Add(("APP-EVIDENCE-EXTENSION", "file", extension.Length == 0
                    ? new AppMessage("EvidenceNoExtension", new AppMessage(type.NameKey), expected)
                    : new AppMessage("EvidenceWrongExtension", extension, new AppMessage(type.NameKey), expected)));
            }
        }

        var documentNumber = Optional(upload.DocumentNumber);
        if (documentNumber?.Length > EvidenceLimits.DocumentNumber)
        {
            reasons.Add(("APP-EVIDENCE-FIELD", "documentNumber", new AppMessage("EvidenceDocumentNumberTooLong", EvidenceLimits.DocumentNumber)));
        }

        var summary = Optional(upload.Summary);
        if (summary?.Length > EvidenceLimits.Summary)
        {
            reasons.Add(("APP-EVIDENCE-FIELD", "summary", new AppMessage("EvidenceSummaryTooLong", EvidenceLimits.Summary)));
        }

        DateOnly? issuedOn = null;
        if (Optional(upload.IssuedOn) is { } issuedText)
        {
            if (DateOnly.TryParseExact(issuedText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                issuedOn = day;
            }
            else
            {
                reasons.Add(("APP-EVIDENCE-FIELD", "issuedOn", new AppMessage("EvidenceIssuedOnInvalid", Core.Text.Excerpt.Of(issuedText)!)));
            }
        }

        var shownName = fileName.Length == 0 ? new AppMessage("EvidenceNoName") : (object)fileName;
        if (reasons.Count > 0)
        {
            // A refusal repeats at most an excerpt of what was sent: the indicator may be anything.
            var shownIndicator = Core.Text.Excerpt.Of(indicator)!;
            return Outcome<EvidenceItem>.Invalid(
                new AppMessage("EvidenceRefused", shownName, shownIndicator, new JoinedText(reasons.Select(r => r.Reason).ToArray())),
                reasons.Select(r => new Problem(r.Code, new AppMessage("EvidenceRefused", shownName, shownIndicator, r.Reason), shownIndicator, r.Field)).ToArray());
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes!));
        var same = await SameFileAsync(period.Id, unit.UnitId, appealId, indicator, sha256, cancellationToken, progressId);
        if (same is not null)
        {
            return Outcome<EvidenceItem>.Conflict(new AppMessage("EvidenceDuplicate", fileName, indicator, same));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var file = new EvidenceFile
        {
            PeriodId = period.Id,
            UnitId = unit.UnitId,
            Indicator = indicator,
            FileName = fileName,
            ContentType = contentType!,
            Size = bytes!.Length,
            Sha256 = sha256,
            DocumentNumber = documentNumber,
            IssuedOn = issuedOn,
            Summary = summary,
            UploadedBy = actor.UserName,
            UploadedAt = now,
            Content = new EvidenceContent { Bytes = bytes },
            AppealId = appealId,
            ProgressId = progressId,
        };

        // The quota is checked and the file inserted in one transaction, the unit's row locked, so that
        // parallel uploads cannot pass it together; the audit names the file by its id, known only once it
        // is inserted: two writes, one transaction. A caller's transaction, when there is one, is joined.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        try
        {
            await db.LockAsync(period.Id, unit.UnitId, cancellationToken);

            // The entry lock again, now that the unit's row is held: a submission made while the file was
            // being read and checked wins (ReviewScope.HoldEntryAsync). Appeal files are not bound by it.
            if (appealId is null && progressId is null
                && await Review.ReviewScope.LockedAsync<EvidenceItem>(db, period, unit.UnitId, channel, VietnamTime.Today(time), cancellationToken) is { } locked)
            {
                return locked;
            }

            if (await QuotaRefusalAsync(unit, bytes.Length, fileName, cancellationToken) is { } quota)
            {
                return quota;
            }

            db.EvidenceFiles.Add(file);
            await db.SaveChangesAsync(cancellationToken);
            var entry = Audit(actor, file, now, channel, oldValue: null, newValue: AuditText(file), reason: null, actorUnitId);
            if (progressId is not null)
            {
                entry.Kind = AuditKind.Progress;
                entry.Input = ProgressAuditInput;
                entry.ActorUnitId = actor.UnitId is { } actorUnit && actorUnit != unit.UnitId ? actorUnit : null;
            }

            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same file, uploaded at the same moment, was inserted first: the unique index refused this one.
            // (In a caller's transaction EF has rolled back to the savepoint it takes before saving.)
            db.Entry(file).State = EntityState.Detached;
            db.Entry(file.Content!).State = EntityState.Detached;
            await transaction.RollbackAsync(cancellationToken);

            same = await SameFileAsync(period.Id, unit.UnitId, appealId, indicator, sha256, cancellationToken, progressId);
            return Outcome<EvidenceItem>.Conflict(new AppMessage("EvidenceDuplicate", fileName, indicator, same ?? fileName));
        }

        return Outcome<EvidenceItem>.Ok(Item(file));
    }

    /// <summary>The name of the live file with <paramref name="sha256"/> already attached to <paramref name="indicator"/> (of the unit, or of the appeal), or null.</summary>
    private Task<string?> SameFileAsync(int periodId, int unitId, int? appealId, string indicator, string sha256, CancellationToken cancellationToken, int? progressId = null) =>
        Files(periodId, unitId, appealId, progressId)
            .Where(e => e.Indicator == indicator && e.Sha256 == sha256)
            .Select(e => e.FileName)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The refusal of <paramref name="size"/> more bytes when they would take the unit past its quota in the
    /// period (<see cref="EvidenceOptions.QuotaBytes"/>), or null. Every file stored counts: the indicators'
    /// and the appeals', deleted ones too, since they are kept.
    /// </summary>
    private async Task<Outcome<EvidenceItem>?> QuotaRefusalAsync(PeriodUnit unit, long size, string fileName, CancellationToken cancellationToken)
    {
        var quota = options.Value.QuotaBytes;
        if (quota <= 0)
        {
            return null;
        }

        var used = await db.EvidenceFiles.Where(e => e.PeriodId == unit.PeriodId && e.UnitId == unit.UnitId).SumAsync(e => (long?)e.Size, cancellationToken) ?? 0;
        if (used + size <= quota)
        {
            return null;
        }

        var message = new AppMessage("EvidenceQuotaExceeded", fileName, unit.UnitCode, new MegabytesText(used), new MegabytesText(quota), new MegabytesText(size));
        return Outcome<EvidenceItem>.Conflict(message, [new Problem("APP-EVIDENCE-QUOTA", message, Input: "file")]);
    }

    /// <summary>
    /// Removes file <paramref name="evidenceId"/> from the unit's evidence. The row and its bytes are kept,
    /// marked deleted (who, when), and the audit records it: what a unit withdrew stays verifiable.
    /// </summary>
    public async Task<Outcome<EvidenceItem>> DeleteAsync(
        Actor actor, int periodId, string unitCode, long evidenceId, AuditChannel channel, string? reason = null, CancellationToken cancellationToken = default)
    {
        var (period, unit, delegation, failure) = await ResolveAsync<EvidenceItem>(actor, periodId, unitCode, write: true, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        if (await Review.ReviewScope.HoldEntryAsync<EvidenceItem>(db, period!, unit!.UnitId, channel, VietnamTime.Today(time), cancellationToken) is { } locked)
        {
            return locked;
        }

        var file = await db.EvidenceFiles
            .SingleOrDefaultAsync(e => e.Id == evidenceId && e.PeriodId == periodId && e.UnitId == unit!.UnitId && e.DeletedAt == null && e.AppealId == null && e.ProgressId == null, cancellationToken);
        if (file is null)
        {
            return Outcome<EvidenceItem>.NotFound(new AppMessage("EvidenceNotFound", evidenceId, unitCode, periodId));
        }

        // A plan's delegate removes files of the indicators assigned to their unit only.
        if (delegation is not null && !delegation.Covers(file.Indicator))
        {
            return Outcome<EvidenceItem>.Forbidden(new AppMessage("IndicatorNotDelegated", file.Indicator, Core.Text.Excerpt.Of(unitCode)!));
        }

        var now = time.GetUtcNow().UtcDateTime;
        file.DeletedAt = now;
        file.DeletedBy = actor.UserName;
        db.AuditEntries.Add(Audit(actor, file, now, channel, oldValue: AuditText(file), newValue: null, reason: Optional(reason), delegation?.DelegateUnitId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<EvidenceItem>.Ok(Item(file));
    }

    /// <summary>
    /// The period and the unit's place in it, and what a plan grants the actor when they reach the unit only as its
    /// delegate; or why the actor cannot have them (the same rules as values).
    /// </summary>
    private async Task<(Period? Period, PeriodUnit? Unit, Plans.Delegation? Delegation, Outcome<T>? Failure)> ResolveAsync<T>(
        Actor actor, int periodId, string unitCode, bool write, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, null, null, Outcome<T>.NotFound(new AppMessage("PeriodNotFound", periodId)));
        }

        var unit = period.Units.SingleOrDefault(u => u.UnitCode == unitCode);
        if (unit is null)
        {
            return (null, null, null, Outcome<T>.NotFound(new AppMessage("UnitNotInPeriod", unitCode, periodId)));
        }

        Plans.Delegation? delegation = null;
        if (write ? !AccessPolicy.CanWriteUnit(actor, unit.UnitId) : !AccessPolicy.CanReadUnit(actor, unit.UnitId))
        {
            delegation = await Plans.Delegations.GrantedAsync(db, frameworks, actor, period, unit.UnitId, write, cancellationToken);
            if (delegation is null)
            {
                return (null, null, null, Outcome<T>.Forbidden(new AppMessage("UnitNotAllowed", unitCode)));
            }
        }

        if (write && period.Status != PeriodStatus.Open)
        {
            return (null, null, null, Outcome<T>.Conflict(new AppMessage("PeriodNotOpen", period.Name, new AppMessage("Status" + period.Status))));
        }

        if (write && delegation is not null && Plans.Delegation.Closed(period, VietnamTime.Today(time)) is { } closed)
        {
            return (null, null, null, Outcome<T>.Conflict(closed));
        }

        return (period, unit, delegation, null);
    }

    /// <summary>The unit's evidence of its indicators that is not deleted (never an appeal's files or a progress report's documents); metadata only.</summary>
    private IQueryable<EvidenceFile> Live(int periodId, int unitId) => Files(periodId, unitId, appealId: null);

    /// <summary>
    /// The unit's files that are not deleted: its indicators' evidence when <paramref name="appealId"/> and
    /// <paramref name="progressId"/> are null, else that appeal's or that progress report's.
    /// </summary>
    internal IQueryable<EvidenceFile> Files(int periodId, int unitId, int? appealId, int? progressId = null) => Files(db, periodId, unitId, appealId, progressId);

    /// <summary>The unit's live indicator evidence (<see cref="Live"/>), for the report form's context.</summary>
    internal static IQueryable<EvidenceFile> LiveFiles(OpenDtiDbContext db, int periodId, int unitId) => Files(db, periodId, unitId, appealId: null);

    private static IQueryable<EvidenceFile> Files(OpenDtiDbContext db, int periodId, int unitId, int? appealId, int? progressId = null) =>
        db.EvidenceFiles.AsNoTracking().Where(e => e.PeriodId == periodId && e.UnitId == unitId && e.DeletedAt == null && e.AppealId == appealId && e.ProgressId == progressId);

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The file as the audit names it: name and SHA-256 (the name shortened to fit, never the hash).</summary>
    private static string AuditText(EvidenceFile file)
    {
        var hash = $" [#{file.Id} SHA-256 {file.Sha256}]";
        var room = 200 - hash.Length;
        var name = file.FileName.Length <= room ? file.FileName : file.FileName[..(room - 1)] + "…";
        return name + hash;
    }

    private static AuditEntry Audit(Actor actor, EvidenceFile file, DateTime now, AuditChannel channel, string? oldValue, string? newValue, string? reason, int? actorUnitId) => new()
    {
        At = now,
        UserId = actor.UserId,
        UserName = actor.UserName,
        PeriodId = file.PeriodId,
        UnitId = file.UnitId,
        Indicator = file.Indicator,
        Input = AuditInput,
        OldValue = oldValue,
        NewValue = newValue,
        Channel = channel,
        Reason = reason,
        ActorUnitId = actorUnitId,
    };

    // SQLite gives back times without their kind; they were written in UTC, and say so.
    internal static EvidenceItem Item(EvidenceFile e) =>
        new(e.Id, e.Indicator, e.FileName, e.ContentType, e.Size, e.Sha256, e.DocumentNumber, e.IssuedOn, e.Summary, e.UploadedBy, DateTime.SpecifyKind(e.UploadedAt, DateTimeKind.Utc));
}
