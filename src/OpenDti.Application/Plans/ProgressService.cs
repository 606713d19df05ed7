using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Evidence;
using OpenDti.Application.Periods;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Plans;

namespace OpenDti.Application.Plans;

/// <summary>A progress report on a plan row for one term, with its documents.</summary>
/// <param name="Term">The term.</param>
/// <param name="Status">Where the work stands.</param>
/// <param name="Text">What was done, briefly.</param>
/// <param name="ReportedBy">Who reported.</param>
/// <param name="ReportedByUnitCode">The unit they reported for.</param>
/// <param name="ReportedAt">When (UTC).</param>
/// <param name="Documents">The documents attached to it.</param>
public sealed record ProgressReport(
    ProgressTerm Term, ProgressStatus Status, string? Text, string ReportedBy, string? ReportedByUnitCode, DateTime ReportedAt, IReadOnlyList<EvidenceItem> Documents);

/// <summary>An assignment with its progress reports, term by term.</summary>
/// <param name="Assignment">The assignment.</param>
/// <param name="Reports">Its reports, by term.</param>
/// <param name="CanReport">Whether the reader may report on it.</param>
public sealed record ProgressRow(Assignment Assignment, IReadOnlyList<ProgressReport> Reports, bool CanReport);

/// <summary>A lead unit's assignments counted by their latest status.</summary>
/// <param name="LeadUnitCode">The lead unit's code; null for rows with coordinating units only.</param>
/// <param name="LeadUnitName">Its name.</param>
/// <param name="Assigned">Its assignments.</param>
/// <param name="NotReported">Those with no report yet.</param>
/// <param name="NotStarted">Chưa thực hiện.</param>
/// <param name="InProgress">Đang thực hiện.</param>
/// <param name="Done">Hoàn thành.</param>
/// <param name="Overdue">Those overdue (the day passed, not Hoàn thành).</param>
public sealed record LeadProgress(string? LeadUnitCode, string? LeadUnitName, int Assigned, int NotReported, int NotStarted, int InProgress, int Done, int Overdue);

/// <summary>A period's progress as the reader may see it.</summary>
/// <param name="Period">The period.</param>
/// <param name="Today">Today in Vietnam.</param>
/// <param name="Rows">The assignments with their reports, by lead unit then indicator.</param>
/// <param name="ByLead">Counts per lead unit.</param>
/// <param name="Overdue">The overdue assignments, the oldest day first.</param>
public sealed record PeriodProgress(PeriodSummary Period, DateOnly Today, IReadOnlyList<ProgressRow> Rows, IReadOnlyList<LeadProgress> ByLead, IReadOnlyList<Assignment> Overdue);

/// <summary>One row of a progress request: the plan unit's code, the plan row's indicator, the term, the status and a short text.</summary>
/// <param name="Unit">The plan unit (the province, a district) whose plan has the row.</param>
/// <param name="Indicator">The plan row's node.</param>
/// <param name="Term">quarter1, halfYear, nineMonths, year (or Quý I, 6 tháng, 9 tháng, Cả năm).</param>
/// <param name="Status">notStarted, inProgress, done (or Chưa thực hiện, Đang thực hiện, Hoàn thành).</param>
/// <param name="Text">What was done, briefly; optional.</param>
public sealed record ProgressInput(string? Unit, string? Indicator, string? Term, string? Status, string? Text);

/// <summary>
/// Progress reports on plans (seed 002 V.3.l: "định kỳ hàng quý, 6 tháng, cả năm"): per plan row and term, a
/// status, a short text and documents. The lead unit's reporters, the plan unit's reporters and evaluators
/// report; whoever may see the row reads it (province staff and viewers every row; a unit's reporters and
/// leaders the rows of its plan and those naming it). Each change is audited (kind progress) with the unit the
/// reporter acted for; documents are evidence files checked and counted like evidence, kept apart from it.
/// </summary>
public sealed class ProgressService(OpenDtiDbContext db, PeriodService periods, AssignmentService assignments, EvidenceService evidence, TimeProvider time)
{
    /// <summary>The terms in order.</summary>
    public static IReadOnlyList<ProgressTerm> Terms { get; } = [ProgressTerm.Quarter1, ProgressTerm.HalfYear, ProgressTerm.NineMonths, ProgressTerm.Year];

    /// <summary>The statuses in order.</summary>
    public static IReadOnlyList<ProgressStatus> Statuses { get; } = [ProgressStatus.NotStarted, ProgressStatus.InProgress, ProgressStatus.Done];

    /// <summary>The progress of period <paramref name="periodId"/> that <paramref name="actor"/> may see.</summary>
    public async Task<Outcome<PeriodProgress>> GetAsync(Actor actor, int periodId, CancellationToken cancellationToken = default)
    {
        var summary = await periods.GetAsync(periodId, cancellationToken);
        if (!summary.Succeeded)
        {
            return summary.As<PeriodProgress>();
        }

        var today = VietnamTime.Today(time);
        var all = await assignments.OfPeriodAsync(periodId, today, cancellationToken);
        var seesAll = actor.IsProvinceStaff || actor.IsIn(Roles.Viewer);
        var visible = all.Where(a => seesAll || CanRead(actor, a)).ToArray();
        if (!seesAll && visible.Length == 0)
        {
            return Outcome<PeriodProgress>.Forbidden(new AppMessage("ProgressNotAllowed"));
        }

        var rowIds = visible.Select(a => a.PlanRowId).ToArray();
        var reports = await db.PlanProgress.AsNoTracking().Where(p => rowIds.Contains(p.PlanRowId)).ToListAsync(cancellationToken);
        var reportIds = reports.Select(r => (int?)r.Id).ToArray();
        var documents = (await db.EvidenceFiles.AsNoTracking()
                .Where(e => e.PeriodId == periodId && e.DeletedAt == null && reportIds.Contains(e.ProgressId))
                .OrderBy(e => e.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ProgressId!.Value, EvidenceService.Item);
        var unitIds = reports.Select(r => r.ReportedByUnitId).Distinct().ToArray();
        var codes = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        var byRow = reports.ToLookup(r => r.PlanRowId);

        var rows = visible
            .OrderBy(a => a.LeadUnitCode ?? "\uffff", StringComparer.Ordinal).ThenBy(a => a.PlanUnitCode, StringComparer.Ordinal).ThenBy(a => a.Indicator, Core.Frameworks.IndicatorCode.StringComparer)
            .Select(a => new ProgressRow(
                a,
                byRow[a.PlanRowId].OrderBy(r => r.Term)
                    .Select(r => new ProgressReport(r.Term, r.Status, r.Text, r.ReportedBy, codes.GetValueOrDefault(r.ReportedByUnitId), DateTime.SpecifyKind(r.ReportedAt, DateTimeKind.Utc), documents[r.Id].ToArray()))
                    .ToArray(),
                CanReport(actor, a)))
            .ToArray();
        var byLead = visible
            .GroupBy(a => (a.LeadUnitCode, a.LeadUnitName))
            .OrderBy(g => g.Key.LeadUnitCode ?? "\uffff", StringComparer.Ordinal)
            .Select(g => new LeadProgress(
                g.Key.LeadUnitCode,
                g.Key.LeadUnitName,
                g.Count(),
                g.Count(a => a.LatestStatus is null),
                g.Count(a => a.LatestStatus == ProgressStatus.NotStarted),
                g.Count(a => a.LatestStatus == ProgressStatus.InProgress),
                g.Count(a => a.LatestStatus == ProgressStatus.Done),
                g.Count(a => a.IsOverdueOn(today))))
            .ToArray();
        var overdue = visible.Where(a => a.IsOverdueOn(today)).OrderBy(a => a.DueOn).ThenBy(a => a.PlanUnitCode, StringComparer.Ordinal).ThenBy(a => a.Indicator, Core.Frameworks.IndicatorCode.StringComparer).ToArray();
        return Outcome<PeriodProgress>.Ok(new PeriodProgress(summary.Value!, today, rows, byLead, overdue));
    }

    /// <summary>
    /// The assignments of <paramref name="actor"/>'s unit (lead or coordinating) in open periods, most urgent first,
    /// for its home page (việc được giao); none for someone without a unit.
    /// </summary>
    public async Task<IReadOnlyList<Assignment>> AssignedToAsync(Actor actor, CancellationToken cancellationToken = default) =>
        actor.UnitId is { } unit && (actor.IsIn(Roles.UnitReporter) || actor.IsIn(Roles.UnitLeader))
            ? await assignments.OfUnitAsync(unit, VietnamTime.Today(time), cancellationToken)
            : [];

    /// <summary>
    /// Saves progress reports of period <paramref name="periodId"/>: every row is checked (plan unit, plan row,
    /// term, status, text, the reader's right to report on it) before anything is written; any problem refuses
    /// the whole request and names each row. A report of a term replaces the one before, the audit keeps both.
    /// </summary>
    /// <returns>How many reports changed.</returns>
    public async Task<Outcome<int>> SaveAsync(
        Actor actor, int periodId, IReadOnlyList<ProgressInput> inputs, AuditChannel channel, CancellationToken cancellationToken = default)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<int>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (period.Status == PeriodStatus.Published)
        {
            return Outcome<int>.Conflict(new AppMessage("ProgressPeriodPublished", period.Name));
        }

        if (inputs is not { Count: > 0 })
        {
            return Outcome<int>.Invalid(new AppMessage("ProgressNoRows"), []);
        }

        var today = VietnamTime.Today(time);
        var all = await assignments.OfPeriodAsync(periodId, today, cancellationToken);
        var problems = new List<Problem>();
        var forbidden = new List<Problem>();
        var seen = new HashSet<(string, string, ProgressTerm)>();
        var valid = new List<(Assignment Row, ProgressTerm Term, ProgressStatus Status, string? Text)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var unit = input.Unit?.Trim() ?? string.Empty;
            var indicator = input.Indicator?.Trim() ?? string.Empty;
            Problem At(string code, AppMessage message, string? field) => new(code, message, Excerpt.Of(indicator), field) { Unit = Excerpt.Of(unit), Row = i };

            var row = all.FirstOrDefault(a => a.PlanUnitCode == unit && a.Indicator == indicator);
            if (row is null)
            {
                problems.Add(At("APP-PROGRESS-ROW", new AppMessage("ProgressNoPlanRow", i + 1, Excerpt.Of(unit), Excerpt.Of(indicator)), "indicator"));
            }

            var term = ParseTerm(input.Term);
            if (term is null)
            {
                problems.Add(At("APP-PROGRESS-TERM", new AppMessage("ProgressTermUnknown", i + 1, Excerpt.Of(input.Term ?? string.Empty)), "term"));
            }

            var status = ParseStatus(input.Status);
            if (status is null)
            {
                problems.Add(At("APP-PROGRESS-STATUS", new AppMessage("ProgressStatusUnknown", i + 1, Excerpt.Of(input.Status ?? string.Empty)), "status"));
            }

            var text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim();
            if (text?.Length > PlanLimits.Long)
            {
                problems.Add(At("APP-PROGRESS-TEXT", new AppMessage("ProgressTextTooLong", i + 1, PlanLimits.Long), "text"));
            }

            if (row is null || term is null || status is null)
            {
                continue;
            }

            if (!seen.Add((unit, indicator, term.Value)))
            {
                problems.Add(At("APP-PROGRESS-TWICE", new AppMessage("ProgressRowTwice", i + 1, unit, indicator, new AppMessage("ProgressTerm" + term)), "term"));
                continue;
            }

            if (!CanReport(actor, row))
            {
                forbidden.Add(At("APP-PROGRESS-NOT-ALLOWED", new AppMessage("ProgressRowNotAllowed", i + 1, unit, indicator), "indicator"));
                continue;
            }

            valid.Add((row, term.Value, status.Value, text));
        }

        if (forbidden.Count > 0)
        {
            // 403 names the first row refused (and counts them): nothing is saved.
            return Outcome<int>.Forbidden(new AppMessage("ProgressRowsNotAllowed", forbidden.Count, forbidden[0].Message));
        }

        if (problems.Count > 0)
        {
            return Outcome<int>.Invalid(new AppMessage("ProgressInvalid", problems.Count), problems);
        }

        var rowIds = valid.Select(v => v.Row.PlanRowId).Distinct().ToArray();
        var existing = await db.PlanProgress.Where(p => rowIds.Contains(p.PlanRowId)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var (row, term, status, text) in valid)
        {
            var report = existing.SingleOrDefault(p => p.PlanRowId == row.PlanRowId && p.Term == term);
            if (report is not null && report.Status == status && report.Text == text)
            {
                continue;
            }

            var entry = AuditTrail.Entry(
                actor,
                now,
                AuditKind.Progress,
                TermName(term),
                report is null ? null : AuditText(report.Status, report.Text),
                AuditText(status, text),
                periodId: periodId,
                unitId: row.PlanUnitId,
                indicator: row.Indicator,
                channel: channel);
            entry.ActorUnitId = actor.UnitId is { } actorUnit && actorUnit != row.PlanUnitId ? actorUnit : null;
            db.AuditEntries.Add(entry);
            if (report is null)
            {
                report = new PlanProgress { PlanRowId = row.PlanRowId, Term = term, ReportedBy = actor.UserName };
                db.PlanProgress.Add(report);
                existing.Add(report);
            }

            report.Status = status;
            report.Text = text;
            report.ReportedBy = actor.UserName;
            report.ReportedByUnitId = actor.UnitId ?? row.PlanUnitId;
            report.ReportedAt = now;
            report.Version++;
            changed++;
        }

        if (changed > 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
            {
                // A report changed since it was read (its version), or the same term's report added by a
                // simultaneous request (the unique index): a conflict to retry, never a lost report. (A full disk
                // is not a conflict: it goes on to answer 503.)
                db.ChangeTracker.Clear();
                return Outcome<int>.Conflict(new AppMessage("ConcurrentChange"));
            }
        }

        return Outcome<int>.Ok(changed);
    }

    /// <summary>
    /// Attaches a document to the progress report of <paramref name="unitCode"/>'s plan row <paramref name="indicator"/>
    /// for <paramref name="term"/>: the report must exist (a status first, then its documents); the file is checked
    /// and counted in the plan unit's quota like evidence, and audited as progress.
    /// </summary>
    public async Task<Outcome<EvidenceItem>> UploadAsync(
        Actor actor, int periodId, string unitCode, string indicator, string? term, EvidenceUpload upload, AuditChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var period = await db.Periods.AsNoTracking().Include(p => p.Units).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return Outcome<EvidenceItem>.NotFound(new AppMessage("PeriodNotFound", periodId));
        }

        if (period.Status == PeriodStatus.Published)
        {
            return Outcome<EvidenceItem>.Conflict(new AppMessage("ProgressPeriodPublished", period.Name));
        }

        var row = (await assignments.OfPeriodAsync(periodId, VietnamTime.Today(time), cancellationToken))
            .FirstOrDefault(a => a.PlanUnitCode == unitCode && a.Indicator == indicator);
        if (row is null || period.Units.SingleOrDefault(u => u.UnitId == row.PlanUnitId) is not { } member)
        {
            return Outcome<EvidenceItem>.NotFound(new AppMessage("ProgressRowNotFound", Excerpt.Of(unitCode), Excerpt.Of(indicator)));
        }

        if (!CanReport(actor, row))
        {
            return Outcome<EvidenceItem>.Forbidden(new AppMessage("ProgressRowNotAllowedOne", unitCode, indicator));
        }

        if (ParseTerm(term) is not { } parsed)
        {
            var message = new AppMessage("ProgressTermUnknownOne", Excerpt.Of(term ?? string.Empty));
            return Outcome<EvidenceItem>.Invalid(message, [new Problem("APP-PROGRESS-TERM", message, Excerpt.Of(indicator), "term") { Unit = Excerpt.Of(unitCode) }]);
        }

        var report = await db.PlanProgress.AsNoTracking().SingleOrDefaultAsync(p => p.PlanRowId == row.PlanRowId && p.Term == parsed, cancellationToken);
        if (report is null)
        {
            return Outcome<EvidenceItem>.Conflict(new AppMessage("ProgressNoReport", unitCode, indicator, new AppMessage("ProgressTerm" + parsed)));
        }

        return await evidence.StoreAsync(actor, period, member, upload with { Indicator = row.Indicator }, channel, appealId: null, cancellationToken, progressId: report.Id);
    }

    /// <summary>A progress document of period <paramref name="periodId"/>, for whoever may read its row.</summary>
    public async Task<Outcome<EvidenceDownload>> DownloadAsync(Actor actor, int periodId, long documentId, CancellationToken cancellationToken = default)
    {
        var found = await (
                from e in db.EvidenceFiles.AsNoTracking()
                join p in db.PlanProgress on e.ProgressId equals p.Id
                where e.Id == documentId && e.PeriodId == periodId && e.DeletedAt == null
                select new { p.PlanRowId, e.FileName, e.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        var row = found is null ? null : (await assignments.OfPeriodAsync(periodId, VietnamTime.Today(time), cancellationToken)).FirstOrDefault(a => a.PlanRowId == found.PlanRowId);
        if (found is null || row is null)
        {
            return Outcome<EvidenceDownload>.NotFound(new AppMessage("ProgressDocumentNotFound", documentId));
        }

        if (!(actor.IsProvinceStaff || actor.IsIn(Roles.Viewer) || CanRead(actor, row)))
        {
            return Outcome<EvidenceDownload>.Forbidden(new AppMessage("ProgressNotAllowed"));
        }

        var bytes = await db.EvidenceFiles.AsNoTracking().Where(e => e.Id == documentId).Select(e => e.Content!.Bytes).SingleAsync(cancellationToken);
        return Outcome<EvidenceDownload>.Ok(new EvidenceDownload(found.FileName, found.ContentType, bytes));
    }

    /// <summary>Whether <paramref name="actor"/> may report on <paramref name="row"/>: evaluators, the lead unit's reporters, the plan unit's reporters.</summary>
    public static bool CanReport(Actor actor, Assignment row) =>
        actor.IsIn(Roles.Evaluator)
        || (actor.IsIn(Roles.UnitReporter) && actor.UnitId is { } unit && (unit == row.LeadUnitId || unit == row.PlanUnitId));

    /// <summary>Whether a unit user may read <paramref name="row"/>: it belongs to their unit's plan, or names their unit.</summary>
    private static bool CanRead(Actor actor, Assignment row) =>
        (actor.IsIn(Roles.UnitReporter) || actor.IsIn(Roles.UnitLeader)) && actor.UnitId is { } unit && (unit == row.PlanUnitId || row.Names(unit));

    /// <summary>The term named by <paramref name="text"/>: its API name (quarter1, halfYear, nineMonths, year), q1–q4, or its Vietnamese name.</summary>
    public static ProgressTerm? ParseTerm(string? text)
    {
        var t = Normal(text);
        return t switch
        {
            "quarter1" or "q1" or "quý i" or "quy i" or "quý 1" => ProgressTerm.Quarter1,
            "halfyear" or "q2" or "6 tháng" or "6 thang" => ProgressTerm.HalfYear,
            "ninemonths" or "q3" or "9 tháng" or "9 thang" => ProgressTerm.NineMonths,
            "year" or "q4" or "cả năm" or "ca nam" => ProgressTerm.Year,
            _ => null,
        };
    }

    /// <summary>The status named by <paramref name="text"/>: its API name (notStarted, inProgress, done) or its Vietnamese name.</summary>
    public static ProgressStatus? ParseStatus(string? text) => Normal(text) switch
    {
        "notstarted" or "chưa thực hiện" => ProgressStatus.NotStarted,
        "inprogress" or "đang thực hiện" => ProgressStatus.InProgress,
        "done" or "hoàn thành" => ProgressStatus.Done,
        _ => null,
    };

    /// <summary>The API name of <paramref name="term"/> ("halfYear").</summary>
    public static string TermName(ProgressTerm term) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(term.ToString());

    /// <summary>The API name of <paramref name="status"/> ("inProgress").</summary>
    public static string StatusName(ProgressStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string? Normal(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string AuditText(ProgressStatus status, string? text) => text is null ? StatusName(status) : $"{StatusName(status)}: {text}";
}
