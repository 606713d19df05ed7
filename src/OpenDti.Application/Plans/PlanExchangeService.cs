using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Documents;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Reporting;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Plans;
using OpenDti.Exchange.Documents;
using OpenDti.Exchange.Plans;

namespace OpenDti.Application.Plans;

/// <summary>A change an uploaded plan table makes: a field of a row, old → new (units by code; null when empty).</summary>
/// <param name="Sheet">The sheet.</param>
/// <param name="Row">The row.</param>
/// <param name="Cell">The cell of the field.</param>
/// <param name="Indicator">The node's code.</param>
/// <param name="Field">The field, as the plan route names it: guidingBody, leadUnit, coordinatingUnits, target, deadline, note.</param>
/// <param name="Old">What the plan says now.</param>
/// <param name="New">What the table says.</param>
public sealed record PlanImportChange(string Sheet, int Row, string Cell, string Indicator, string Field, string? Old, string? New);

/// <summary>A problem of an uploaded plan table, located by sheet, cell and row, with the indicator and field when known.</summary>
/// <param name="Sheet">The sheet, when known.</param>
/// <param name="Cell">The cell, when known.</param>
/// <param name="Row">The row, when known.</param>
/// <param name="Indicator">The indicator, when known.</param>
/// <param name="Field">The field, when known.</param>
/// <param name="Code">A stable code (DTI71xx, APP-PLAN-…).</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlanImportIssue(string? Sheet, string? Cell, int? Row, string? Indicator, string? Field, string Code, ILocalizable Message);

/// <summary>What an uploaded plan table does (preview) or did (applied).</summary>
/// <param name="FileName">The file's name as sent.</param>
/// <param name="Layout">The layout recognised by its headings.</param>
/// <param name="Changes">Every change, old → new.</param>
/// <param name="Problems">Every problem; any refuses the whole upload.</param>
/// <param name="Applied">Whether the changes were saved.</param>
public sealed record PlanImportPreview(string FileName, PlanLayout? Layout, IReadOnlyList<PlanImportChange> Changes, IReadOnlyList<PlanImportIssue> Problems, bool Applied);

/// <summary>
/// A plan in the seeds' layouts (docs/plans.md, "The seeds' tables"): as a workbook or a printed document for
/// whoever may read the plan (<see cref="PlanService.GetAsync"/> decides), and a workbook in any of the layouts
/// taken back by an evaluator — a preview of every change old → new and every problem by sheet and cell, then
/// applied all or nothing through <see cref="PlanService.SaveAsync"/> (its checks, its audit, with the channel
/// "import"). A field the layout has no column for keeps what the plan says.
/// </summary>
public sealed class PlanExchangeService(
    OpenDtiDbContext db,
    PlanService plans,
    FrameworkCatalog frameworks,
    IOptions<EvidenceOptions> evidenceOptions,
    IOptions<DocumentOptions> documentOptions,
    TimeProvider time)
{
    private const int FileNameInMessages = 200;

    /// <summary>The layout a request names ("001", "002", "004"; 004 when none), or null when it names none of them.</summary>
    public static PlanLayout? LayoutOf(string? text) => string.IsNullOrWhiteSpace(text) ? PlanLayout.Seed004 : PlanLayouts.Parse(text);

    /// <summary>The plan of <paramref name="unitCode"/> in period <paramref name="periodId"/> as a workbook in <paramref name="layout"/> (001, 002, 004).</summary>
    public async Task<Outcome<WorkbookFile>> ExportAsync(
        Actor actor, int periodId, string? unitCode, string? layout, Language language, CancellationToken cancellationToken = default)
    {
        var sheet = await SheetAsync(actor, periodId, unitCode, layout, language, cancellationToken);
        if (!sheet.Succeeded)
        {
            return sheet.As<WorkbookFile>();
        }

        var (laid, plan) = sheet.Value!;
        var name = $"Kế hoạch {plan.UnitCode} - {plan.Period.Name} - mẫu {PlanLayouts.Name(laid.Layout)}";
        return Outcome<WorkbookFile>.Ok(new WorkbookFile(
            PlanWorkbookWriter.ToBytes(laid),
            FormWorkbookService.SafeFileName(name) + ".xlsx",
            FormWorkbookService.Ascii(name) + ".xlsx"));
    }

    /// <summary>The plan as a document to print or make a PDF of: the seed's table on landscape pages, with the official heading.</summary>
    public async Task<Outcome<OfficialDocument>> DocumentAsync(
        Actor actor, int periodId, string? unitCode, string? layout, Language language, CancellationToken cancellationToken = default)
    {
        var sheet = await SheetAsync(actor, periodId, unitCode, layout, language, cancellationToken);
        if (!sheet.Succeeded)
        {
            return sheet.As<OfficialDocument>();
        }

        var (laid, plan) = sheet.Value!;
        var body = new List<DocumentBlock> { new DocumentParagraph(string.Join(". ", laid.Lines) + ".") };
        var head = new IReadOnlyList<DocumentCell>[] { laid.Columns.Select(c => new DocumentCell(c.Header)).ToArray() };
        var widths = laid.Columns.Select(c => c.Percent).ToArray();
        foreach (var block in laid.Blocks)
        {
            if (block.Heading is { } heading)
            {
                body.Add(new DocumentSection(heading));
            }

            var rows = block.Rows.Select(r => (IReadOnlyList<DocumentCell>)r.Cells
                    .Select(c => new DocumentCell(c.Text, Number: c.Number is not null, Strong: r.Strong))
                    .ToArray())
                .ToArray();
            body.Add(rows.Length == 0
                ? new DocumentParagraph(PlanText.Format(language, "Section001Empty"))
                : new DocumentTable(head, rows, Wide: true, Widths: widths));
        }

        var settings = documentOptions.Value;
        return Outcome<OfficialDocument>.Ok(new OfficialDocument(
            new DocumentHeading(settings.IssuingAuthority, settings.IssuingBody, settings.NumberPrefix, settings.Place, VietnamTime.Today(time)),
            laid.Kind,
            laid.Title,
            body,
            [plan.UnitName, OfficialDocumentWriter.Format(language, "RecipientArchive")],
            new DocumentSignature(settings.SignerTitle, settings.SignerName)));
    }

    /// <summary>
    /// Reads an uploaded plan table for <paramref name="unitCode"/> in period <paramref name="periodId"/> and previews
    /// it — every change, every problem (the table's and the plan's own checks); with <paramref name="apply"/>, saves
    /// the changes when nothing is wrong, all or nothing.
    /// </summary>
    public async Task<Outcome<PlanImportPreview>> ImportAsync(
        Actor actor, int periodId, string? unitCode, WorkbookUpload upload, bool apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var read = await plans.GetAsync(actor, periodId, unitCode, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<PlanImportPreview>();
        }

        if (!AccessPolicy.CanEditPlan(actor))
        {
            return Outcome<PlanImportPreview>.Forbidden(new AppMessage("PlanEditNotAllowed"));
        }

        var plan = read.Value!;
        if (!plan.CanEdit)
        {
            return Outcome<PlanImportPreview>.Conflict(new AppMessage("PlanPeriodPublished", plan.Period.Name));
        }

        var fileName = Excerpt.Of(string.IsNullOrWhiteSpace(upload.FileName) ? "(không tên)" : upload.FileName.Trim(), FileNameInMessages)!;
        var limit = evidenceOptions.Value.MaxBytes;
        var bytes = await Evidence.BoundedRead.ReadAsync(upload.Content, limit, cancellationToken);
        if (bytes is null)
        {
            return Refused("APP-WORKBOOK-TOO-LARGE", new AppMessage("PlanWorkbookTooLarge", (decimal)limit / (1024 * 1024)));
        }

        // Opened as the package it is, within the limits of any uploaded Office file (parts, sizes, ratios, macros),
        // before the spreadsheet library unpacks anything.
        var inspection = EvidenceFileType.Inspect(bytes, evidenceOptions.Value);
        if (inspection.Refusal is { } refusal)
        {
            return Refused("APP-WORKBOOK-REFUSED", refusal);
        }

        if (inspection.Type != EvidenceFileType.Xlsx)
        {
            return Refused(PlanTableCodes.Unreadable, new PlanMessage("ProblemUnreadable"));
        }

        var items = plan.Items.ToDictionary(i => i.Indicator, StringComparer.Ordinal);
        var table = PlanWorkbookReader.Read(
            new MemoryStream(bytes, writable: false),
            new PlanTableContext(
                plan.Items.Select(i => new PlanNodeRef(i.Indicator, i.Name)).ToArray(),
                plan.Choices.Select(u => new PlanUnitRef(u.Code, u.Name)).ToArray()));
        if (table.Layout is null)
        {
            return Outcome<PlanImportPreview>.Invalid(new AppMessage("PlanWorkbookRefused"), table.Problems.Select(p => Problem(Issue(p))).ToArray());
        }

        var problems = table.Problems.Select(Issue).ToList();
        var changes = new List<PlanRowChange>();
        var sources = new List<PlanReadRow>();
        var list = new List<PlanImportChange>();
        foreach (var row in table.Rows)
        {
            var item = items[row.Indicator];
            if (row.Section is { } section && item.Classification is { } classification && (int)section != (int)classification)
            {
                problems.Add(new PlanImportIssue(
                    row.Sheet,
                    row.Cells.Values.FirstOrDefault(),
                    row.Row,
                    row.Indicator,
                    "classification",
                    PlanTableCodes.SectionMismatch,
                    new PlanMessage("ProblemSectionMismatch", row.Row, row.Indicator, SectionName(section), SectionName((PlanSection)(int)classification))));
                continue;
            }

            var (change, differences) = Merge(item, row, table.Fields);
            if (differences.Count > 0)
            {
                changes.Add(change);
                sources.Add(row);
                list.AddRange(differences);
            }
        }

        var importer = actor with { Channel = AuditChannel.Import };
        if (problems.Count == 0 && changes.Count > 0)
        {
            // The plan's own checks (deadlines, lengths, a lead also coordinating) on the preview too: saved in a
            // transaction rolled back, so that the preview lists every problem the apply would meet.
            var outcome = apply ? await plans.SaveAsync(importer, periodId, plan.UnitCode, changes, cancellationToken) : await DryRunAsync(importer, periodId, plan.UnitCode, changes, cancellationToken);
            if (outcome is { Succeeded: false, Problems.Count: 0 })
            {
                return outcome.As<PlanImportPreview>();
            }

            foreach (var problem in outcome.Problems)
            {
                var source = problem.Row is { } at && at >= 1 && at <= sources.Count ? sources[at - 1] : null;
                var field = FieldOf(problem.Input);
                var cell = source is null ? null : field is { } f && source.Cells.TryGetValue(f, out var address) ? address : source.Cells.Values.FirstOrDefault();
                problems.Add(new PlanImportIssue(source?.Sheet, cell, source?.Row, problem.Indicator, problem.Input, problem.Code, problem.Message));
            }

            return Outcome<PlanImportPreview>.Ok(new PlanImportPreview(fileName, table.Layout, list, problems, Applied: apply && outcome.Succeeded));
        }

        return Outcome<PlanImportPreview>.Ok(new PlanImportPreview(fileName, table.Layout, list, problems, Applied: apply && problems.Count == 0));
    }

    /// <summary>The plan laid out: the read model the plan page has, the framework's guidance, the seed's table.</summary>
    internal async Task<Outcome<(PlanSheet Sheet, PeriodPlan Plan)>> SheetAsync(
        Actor actor, int periodId, string? unitCode, string? layoutName, Language language, CancellationToken cancellationToken)
    {
        if (LayoutOf(layoutName) is not { } layout)
        {
            return Outcome<(PlanSheet, PeriodPlan)>.Invalid(
                new AppMessage("PlanLayoutInvalid"), [new Problem("APP-PLAN-LAYOUT", new AppMessage("PlanLayoutInvalid"), Input: "layout")]);
        }

        var read = await plans.GetAsync(actor, periodId, unitCode, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<(PlanSheet, PeriodPlan)>();
        }

        var plan = read.Value!;
        var frameworkId = await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.FrameworkId).SingleAsync(cancellationToken);
        var framework = await frameworks.GetByIdAsync(frameworkId, cancellationToken);
        var items = plan.Items;
        var rows = items.Select((item, i) => new PlanTableRow(
                item.Indicator,
                item.Name,
                item.Depth,
                i + 1 < items.Count && items[i + 1].Depth > item.Depth,
                item.MaxPoints,
                item.Requirement,
                framework.FindNode(item.Indicator)?.Guidance,
                item.GuidingBody,
                item.LeadUnit?.Name,
                item.CoordinatingUnits.Select(u => u.Name).ToArray(),
                item.LastYear?.Points,
                item.LastYear is { } last ? last.MeasureText ?? (last.Measure is { } measure ? NumberText.Percent(measure, language) : null) : null,
                item.Classification is { } c ? (PlanSection)(int)c : null,
                item.PointsLost,
                item.Target,
                item.Deadline,
                item.Note))
            .ToArray();
        var table = new PlanTable(plan.UnitName, plan.Period.Name, plan.Period.Year, plan.FrameworkName, rows, VietnamTime.Today(time));
        return Outcome<(PlanSheet, PeriodPlan)>.Ok((PlanLayouts.Lay(table, layout, language), plan));
    }

    /// <summary>The row as the plan has it with the table's fields over it, and each field that changes.</summary>
    private static (PlanRowChange Change, List<PlanImportChange> Differences) Merge(PlanItem item, PlanReadRow row, PlanField fields)
    {
        var differences = new List<PlanImportChange>();
        string? Take(PlanField field, string name, string? current, string? table)
        {
            if (!fields.HasFlag(field) || !row.Cells.TryGetValue(field, out var cell))
            {
                return current;
            }

            if (!string.Equals(Clean(current), Clean(table), StringComparison.Ordinal))
            {
                differences.Add(new PlanImportChange(row.Sheet, row.Row, cell, row.Indicator, name, Clean(current), Clean(table)));
            }

            return table;
        }

        var currentCoordinating = item.CoordinatingUnits.Select(u => u.Code).Order(StringComparer.Ordinal).ToArray();
        var coordinating = fields.HasFlag(PlanField.CoordinatingUnits) && row.Cells.ContainsKey(PlanField.CoordinatingUnits)
            ? row.CoordinatingUnits.Order(StringComparer.Ordinal).ToArray()
            : currentCoordinating;
        if (!coordinating.SequenceEqual(currentCoordinating, StringComparer.Ordinal))
        {
            differences.Add(new PlanImportChange(
                row.Sheet, row.Row, row.Cells[PlanField.CoordinatingUnits], row.Indicator, "coordinatingUnits", Join(currentCoordinating), Join(coordinating)));
        }

        var change = new PlanRowChange(
            item.Indicator,
            Take(PlanField.GuidingBody, "guidingBody", item.GuidingBody, row.GuidingBody),
            Take(PlanField.LeadUnit, "leadUnit", item.LeadUnit?.Code, row.LeadUnit),
            coordinating,
            Take(PlanField.Target, "target", item.Target, row.Target),
            Take(PlanField.Deadline, "deadline", item.Deadline, NormalDeadline(row.Deadline)),
            Take(PlanField.Note, "note", item.Note, row.Note),
            item.ClassificationOverridden ? ClassificationName(item.Classification) : null,
            item.ClassificationReason,
            item.Version);
        return (change, differences);
    }

    /// <summary>A day written d/M/yyyy as the plan writes it back (dd/MM/yyyy), so that an unchanged day is no change.</summary>
    private static string? NormalDeadline(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Trim(), ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day.ToString("dd'/'MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : text;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Join(IReadOnlyList<string> codes) => codes.Count == 0 ? null : string.Join(", ", codes);

    private static string? ClassificationName(PlanClassification? classification) => classification switch
    {
        PlanClassification.Maintain => "maintain",
        PlanClassification.Push => "push",
        _ => null,
    };

    private static PlanMessage SectionName(PlanSection section) => new(section == PlanSection.Maintain ? "SectionMaintain" : "SectionPush");

    private static PlanField? FieldOf(string? input) => input switch
    {
        "guidingBody" => PlanField.GuidingBody,
        "leadUnit" => PlanField.LeadUnit,
        "coordinatingUnits" => PlanField.CoordinatingUnits,
        "target" => PlanField.Target,
        "deadline" => PlanField.Deadline,
        "note" => PlanField.Note,
        _ => null,
    };

    /// <summary>The plan's checks without saving: the save in a transaction that is rolled back (when no caller's transaction is open).</summary>
    private async Task<Outcome<PeriodPlan>> DryRunAsync(Actor actor, int periodId, string unitCode, IReadOnlyList<PlanRowChange> changes, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // A caller's transaction cannot be rolled back here: the preview then lists the table's problems only.
            return Outcome<PeriodPlan>.Ok(null!);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            return await plans.SaveAsync(actor, periodId, unitCode, changes, cancellationToken);
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
    }

    private static PlanImportIssue Issue(PlanReadProblem problem) =>
        new(problem.Sheet, problem.Cell, problem.Row, problem.Indicator, null, problem.Code, problem.Message);

    private static Problem Problem(PlanImportIssue issue) => new(issue.Code, new Located(issue), issue.Indicator, issue.Field) { Row = issue.Row };

    private static Outcome<PlanImportPreview> Refused(string code, ILocalizable message) =>
        Outcome<PlanImportPreview>.Invalid(new AppMessage("PlanWorkbookRefused"), [new Problem(code, message)]);

    /// <summary>A problem's message with its place ("Trang …, ô …: …") where an outcome carries no place of its own.</summary>
    private sealed record Located(PlanImportIssue Issue) : ILocalizable
    {
        public string ToString(Language language) =>
            Issue.Sheet is null
                ? Issue.Message.ToString(language)
                : new PlanMessage("ProblemAt", Issue.Sheet, Issue.Cell ?? "-", Issue.Message).ToString(language);
    }
}
