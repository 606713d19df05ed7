using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Values;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Exchange.Workbooks;

namespace OpenDti.Application.Reporting;

/// <summary>A form workbook to download: its bytes, a Vietnamese file name and an ASCII one for old clients.</summary>
/// <param name="Content">The .xlsx bytes.</param>
/// <param name="FileName">"Biểu mẫu kê khai SO-A - Kỳ 2024.xlsx".</param>
/// <param name="AsciiFileName">"bieu-mau-so-a-ky-2024.xlsx".</param>
public sealed record WorkbookFile(byte[] Content, string FileName, string AsciiFileName)
{
    /// <summary>The content type of an .xlsx workbook.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>An uploaded workbook: the name it came with and its content.</summary>
/// <param name="FileName">The file's name as sent (kept in the audit).</param>
/// <param name="Content">The content.</param>
public sealed record WorkbookUpload(string? FileName, Stream Content);

/// <summary>A change an upload makes: a value cell, old → new (exchange text; null when none).</summary>
/// <param name="Sheet">The sheet.</param>
/// <param name="Cell">The cell.</param>
/// <param name="Indicator">The indicator.</param>
/// <param name="Input">The input.</param>
/// <param name="Old">The value in OpenDti now.</param>
/// <param name="New">The value of the cell.</param>
public sealed record WorkbookChange(string Sheet, string Cell, string Indicator, string Input, string? Old, string? New);

/// <summary>A problem or conflict of an upload, located: the sheet and cell, the indicator and input when known.</summary>
/// <param name="Sheet">The sheet, when known.</param>
/// <param name="Cell">The cell, when known.</param>
/// <param name="Indicator">The indicator, when known.</param>
/// <param name="Input">The input, when known.</param>
/// <param name="Code">A stable code (DTI7003, DTI4001, APP-VERSION …).</param>
/// <param name="Message">What is wrong.</param>
public sealed record WorkbookIssue(string? Sheet, string? Cell, string? Indicator, string? Input, string Code, ILocalizable Message);

/// <summary>What an upload does or would do: the changes, the problems, the conflicts, and whether it was applied.</summary>
/// <param name="FileName">The file's name as sent.</param>
/// <param name="Changes">Every change, old → new.</param>
/// <param name="Problems">Every problem, located; any refuses the whole upload.</param>
/// <param name="Conflicts">Values changed in OpenDti since the workbook was downloaded; any refuses the whole upload.</param>
/// <param name="Applied">Whether the changes were saved (only when asked, and nothing was wrong).</param>
public sealed record WorkbookPreview(
    string FileName, IReadOnlyList<WorkbookChange> Changes, IReadOnlyList<WorkbookIssue> Problems, IReadOnlyList<WorkbookIssue> Conflicts, bool Applied);

/// <summary>
/// The form as a workbook (docs/exchange.md): download a unit's form as .xlsx with its values and their versions,
/// and take a filled-in workbook back — first as a preview (every change old → new, every problem and conflict
/// located by sheet and cell), then applied all or nothing through the values route's own path
/// (<see cref="ValueService"/>: the right to write, the entry lock, every value's checks, parts, versions),
/// audited with the channel "import" and the file's name.
/// </summary>
public sealed class FormWorkbookService(
    OpenDtiDbContext db, FrameworkCatalog frameworks, PeriodService periods, ValueService values, IOptions<EvidenceOptions> options)
{
    /// <summary>The longest file name kept in the audit's reason.</summary>
    private const int FileNameInAudit = 200;

    /// <summary>The form of <paramref name="unitCode"/> in period <paramref name="periodId"/> as a workbook, for whoever may read the form.</summary>
    public async Task<Outcome<WorkbookFile>> DownloadAsync(Actor actor, int periodId, string unitCode, Language language, CancellationToken cancellationToken = default)
    {
        var read = await values.GetAsync(actor, periodId, unitCode, cancellationToken);
        if (!read.Succeeded)
        {
            return read.As<WorkbookFile>();
        }

        // The form workbook is the whole form: a plan's delegate enters their indicators on the form page or through the values route.
        if (read.Value!.Delegation is not null)
        {
            return Outcome<WorkbookFile>.Forbidden(new AppMessage("WorkbookNotForDelegates", Excerpt.Of(unitCode)!));
        }

        var period = (await periods.GetAsync(periodId, cancellationToken)).Value!;
        var (framework, version) = await FrameworkAsync(periodId, cancellationToken);
        var current = new Dictionary<(string, string), FormWorkbookValue>();
        foreach (var item in read.Value!.Values)
        {
            if (framework.FindInput(item.Indicator, item.Input) is { } input && InputValueParser.Parse(input, item.Value) is { Succeeded: true } parsed)
            {
                current[(item.Indicator, item.Input)] = new FormWorkbookValue(parsed.Value, item.Version);
            }
        }

        using var output = new MemoryStream();
        FormWorkbookWriter.Write(
            new FormWorkbookContent(new FormWorkbookIdentity(periodId, read.Value.UnitCode, framework.Code, version), period.Name, read.Value.UnitName, period.ClosesOn, framework, current),
            output,
            language);
        var name = $"Biểu mẫu kê khai {read.Value.UnitCode} - {period.Name}";
        return Outcome<WorkbookFile>.Ok(new WorkbookFile(output.ToArray(), SafeFileName(name) + ".xlsx", "bieu-mau-" + Ascii(read.Value.UnitCode + "-" + period.Name) + ".xlsx"));
    }

    /// <summary>
    /// Reads an uploaded workbook for <paramref name="unitCode"/> in period <paramref name="periodId"/> and previews
    /// it; with <paramref name="apply"/>, saves its changes when nothing is wrong (all or nothing). A file that is
    /// not a form workbook, or the form of another unit or period, is refused (Invalid) with the reason.
    /// </summary>
    public async Task<Outcome<WorkbookPreview>> ImportAsync(
        Actor actor, int periodId, string unitCode, WorkbookUpload upload, bool apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var (_, unit, delegation, failure) = await values.ResolveAsync(actor, periodId, unitCode, write: true, cancellationToken);
        if (failure is not null)
        {
            return failure.As<WorkbookPreview>();
        }

        // The form workbook is the whole form: a plan's delegate enters their indicators on the form page or through the values route.
        if (delegation is not null)
        {
            return Outcome<WorkbookPreview>.Forbidden(new AppMessage("WorkbookNotForDelegates", Excerpt.Of(unitCode)!));
        }

        var fileName = Excerpt.Of(string.IsNullOrWhiteSpace(upload.FileName) ? "(không tên)" : upload.FileName.Trim(), FileNameInAudit)!;
        var bytes = await Evidence.BoundedRead.ReadAsync(upload.Content, options.Value.MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return Refused("APP-WORKBOOK-TOO-LARGE", new AppMessage("WorkbookTooLarge", (decimal)options.Value.MaxBytes / (1024 * 1024)));
        }

        // Opened as the package it is, within the limits of any uploaded Office file (parts, sizes, ratios, macros),
        // before the spreadsheet library unpacks anything.
        var inspection = EvidenceFileType.Inspect(bytes, options.Value);
        if (inspection.Refusal is { } refusal)
        {
            return Refused("APP-WORKBOOK-REFUSED", refusal);
        }

        if (inspection.Type != EvidenceFileType.Xlsx)
        {
            return Refused(DiagnosticCodes.WorkbookUnreadable, new DiagnosticMessage(Diagnostic.Error(DiagnosticCodes.WorkbookUnreadable, SourceLocation.None)));
        }

        var (framework, version) = await FrameworkAsync(periodId, cancellationToken);
        var read = FormWorkbookReader.Read(new MemoryStream(bytes, writable: false), framework);
        if (read.Identity is not { } identity)
        {
            return Outcome<WorkbookPreview>.Invalid(new AppMessage("WorkbookNotAForm"), read.Problems.Select(p => Problem(Issue(p))).ToArray());
        }

        if (identity.PeriodId != periodId || !string.Equals(identity.UnitCode, unit!.UnitCode, StringComparison.Ordinal))
        {
            return Refused("APP-WORKBOOK-OTHER-FORM", new AppMessage("WorkbookOtherForm", identity.UnitCode, identity.PeriodId.ToString(CultureInfo.InvariantCulture), unit!.UnitCode, periodId.ToString(CultureInfo.InvariantCulture)));
        }

        if (identity.FrameworkCode != framework.Code || identity.FrameworkVersion != version)
        {
            return Refused("APP-WORKBOOK-OTHER-FRAMEWORK", new AppMessage("WorkbookOtherFramework", identity.FrameworkCode, framework.Code));
        }

        var stored = (await values.GetAsync(actor, periodId, unitCode, cancellationToken)).Value!.Values
            .ToDictionary(v => (v.Indicator, v.Input), v => v.Value);
        var problems = read.Problems.Select(Issue).ToList();
        var cells = read.Cells.ToDictionary(c => (c.Indicator, c.Input));
        var changed = new List<WorkbookCell>();
        foreach (var cell in read.Cells.Where(c => c.Changed))
        {
            // A cell that now says what OpenDti already holds changes nothing, whoever wrote it there first.
            if (!string.Equals(stored.GetValueOrDefault((cell.Indicator, cell.Input)) ?? string.Empty, cell.Text, StringComparison.Ordinal))
            {
                changed.Add(cell);
            }
        }

        var changes = changed.Select(c => new ValueChange(c.Indicator, c.Input, c.Text.Length == 0 ? null : c.Text, c.Version)).ToArray();
        var reason = new AppMessage("WorkbookImportReason", fileName).ToString(Language.Vietnamese);
        var importer = actor with { Channel = AuditChannel.Import };
        var checkedOutcome = await values.CheckAsync(importer, periodId, unitCode, changes, AuditChannel.Import, reason, cancellationToken);
        var conflicts = new List<WorkbookIssue>();
        if (!checkedOutcome.Succeeded)
        {
            if (checkedOutcome.Problems.Count == 0)
            {
                // The entry lock, a period no longer open: the upload as a whole is refused.
                return checkedOutcome.As<WorkbookPreview>();
            }

            foreach (var problem in checkedOutcome.Problems)
            {
                var cell = cells.GetValueOrDefault((problem.Indicator ?? string.Empty, problem.Input ?? string.Empty));
                var issue = new WorkbookIssue(cell?.Sheet, cell?.Cell, problem.Indicator, problem.Input, problem.Code, problem.Message);
                (problem.Code == "APP-VERSION" ? conflicts : problems).Add(issue);
            }
        }

        var list = changed.Select(c => new WorkbookChange(c.Sheet, c.Cell, c.Indicator, c.Input, stored.GetValueOrDefault((c.Indicator, c.Input)), New(framework, c))).ToArray();
        if (!apply || problems.Count > 0 || conflicts.Count > 0 || changes.Length == 0)
        {
            return Outcome<WorkbookPreview>.Ok(new WorkbookPreview(fileName, list, problems, conflicts, Applied: apply && problems.Count == 0 && conflicts.Count == 0));
        }

        var saved = await values.SaveAsync(importer, periodId, unitCode, changes, AuditChannel.Import, reason, cancellationToken);
        if (!saved.Succeeded)
        {
            if (saved.Problems.Count == 0)
            {
                return saved.As<WorkbookPreview>();
            }

            // Changed between the check and the save: reported as the check would have.
            foreach (var problem in saved.Problems)
            {
                var cell = cells.GetValueOrDefault((problem.Indicator ?? string.Empty, problem.Input ?? string.Empty));
                var issue = new WorkbookIssue(cell?.Sheet, cell?.Cell, problem.Indicator, problem.Input, problem.Code, problem.Message);
                (problem.Code == "APP-VERSION" ? conflicts : problems).Add(issue);
            }

            return Outcome<WorkbookPreview>.Ok(new WorkbookPreview(fileName, list, problems, conflicts, Applied: false));
        }

        return Outcome<WorkbookPreview>.Ok(new WorkbookPreview(fileName, list, [], [], Applied: true));
    }

    /// <summary>A file name without characters that file systems or headers refuse.</summary>
    internal static string SafeFileName(string name)
    {
        var invalid = new HashSet<char>(Path.GetInvalidFileNameChars()) { '"', '\\', '/', ':', '*', '?', '<', '>', '|' };
        var clean = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '-' : c).ToArray()).Trim();
        return clean.Length > 150 ? clean[..150] : clean;
    }

    /// <summary>Lower-case ASCII words joined by dashes: "Kỳ đánh giá 2024" → "ky-danh-gia-2024".</summary>
    internal static string Ascii(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > 100 ? slug[..100].TrimEnd('-') : slug;
    }

    private static string? New(Framework framework, WorkbookCell cell)
    {
        if (cell.Text.Length == 0)
        {
            return null;
        }

        var input = framework.FindInput(cell.Indicator, cell.Input)!;
        return InputValueParser.Parse(input, cell.Text) is { Succeeded: true } parsed ? ReportedValueText.Format(input, parsed.Value!.Value) : cell.Text;
    }

    private async Task<(Framework Framework, int Version)> FrameworkAsync(int periodId, CancellationToken cancellationToken)
    {
        var frameworkId = await db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.FrameworkId).SingleAsync(cancellationToken);
        return (await frameworks.GetByIdAsync(frameworkId, cancellationToken), frameworkId);
    }

    private static WorkbookIssue Issue(WorkbookProblem problem) =>
        new(problem.Sheet, problem.Cell, problem.Indicator, problem.Input, problem.Diagnostic.Code, new DiagnosticMessage(problem.Diagnostic));

    private static Problem Problem(WorkbookIssue issue) => new(issue.Code, new Located(issue), issue.Indicator, issue.Input);

    private static Outcome<WorkbookPreview> Refused(string code, ILocalizable message) =>
        Outcome<WorkbookPreview>.Invalid(new AppMessage("WorkbookRefused"), [new Problem(code, message)]);

    /// <summary>A workbook problem's message with its place ("Trang …, ô …: …") where an outcome carries no place of its own.</summary>
    private sealed record Located(WorkbookIssue Issue) : ILocalizable
    {
        public string ToString(Language language) =>
            Issue.Sheet is null
                ? Issue.Message.ToString(language)
                : new AppMessage("WorkbookAt", Issue.Sheet, Issue.Cell ?? "-", Issue.Message).ToString(language);
    }
}
