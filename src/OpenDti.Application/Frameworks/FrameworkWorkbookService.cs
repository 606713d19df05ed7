using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Reporting;
using OpenDti.Core.Diagnostics;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Workbooks;

namespace OpenDti.Application.Frameworks;

/// <summary>
/// Frameworks as workbooks (docs/exchange.md): export a framework as .xlsx, and import one from the same
/// layout. A workbook is read into the definition a YAML file gives and checked by the same compiler; once it
/// loads, it is imported through <see cref="FrameworkCatalog.ImportAsync"/> as its YAML, so that the rules
/// (administrators only, a new code, the audit) and what is stored are those of a YAML import.
/// </summary>
public sealed class FrameworkWorkbookService(FrameworkCatalog catalog, IOptions<EvidenceOptions> options)
{
    /// <summary>Framework <paramref name="code"/> as a workbook named after its code.</summary>
    public async Task<Outcome<WorkbookFile>> ExportAsync(string code, CancellationToken cancellationToken = default)
    {
        var framework = await catalog.GetAsync(code, cancellationToken);
        if (!framework.Succeeded)
        {
            return framework.As<WorkbookFile>();
        }

        using var output = new MemoryStream();
        FrameworkWorkbook.Write(framework.Value!.Definition, output);
        var name = FormWorkbookService.Ascii(framework.Value.Code) + ".xlsx";
        return Outcome<WorkbookFile>.Ok(new WorkbookFile(output.ToArray(), name, name));
    }

    /// <summary>Imports a framework workbook: every problem located by sheet and cell, as the YAML import's are by line.</summary>
    public async Task<Outcome<FrameworkSummary>> ImportAsync(Actor actor, Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<FrameworkSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var name = Core.Text.Excerpt.Of(string.IsNullOrWhiteSpace(fileName) ? "upload.xlsx" : Path.GetFileName(fileName.Trim()), 200)!;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > options.Value.MaxBytes)
            {
                return Outcome<FrameworkSummary>.Invalid(
                    new AppMessage("WorkbookRefused"), [new Problem("APP-WORKBOOK-TOO-LARGE", new AppMessage("WorkbookTooLarge", (decimal)options.Value.MaxBytes / (1024 * 1024)))]);
            }

            buffer.Write(chunk, 0, n);
        }

        var bytes = buffer.ToArray();
        var inspection = EvidenceFileType.Inspect(bytes, options.Value);
        if (inspection.Refusal is not null || inspection.Type != EvidenceFileType.Xlsx)
        {
            var unreadable = Diagnostic.Error(DiagnosticCodes.WorkbookUnreadable, new SourceLocation(name));
            return Outcome<FrameworkSummary>.Invalid(
                new AppMessage("WorkbookRefused"),
                [inspection.Refusal is { } refusal ? new Problem("APP-WORKBOOK-REFUSED", refusal) : new Problem(unreadable.Code, new DiagnosticText(unreadable))]);
        }

        var loaded = FrameworkLoader.Load(FrameworkWorkbook.Read(new MemoryStream(bytes, writable: false), name));
        if (loaded.Framework is not { } framework)
        {
            return Outcome<FrameworkSummary>.Invalid(
                new AppMessage("FrameworkInvalid", loaded.Errors.Count()),
                loaded.Errors.Select(d => new Problem(d.Code, new DiagnosticText(d), d.Location.NodeCode)).ToArray());
        }

        return await catalog.ImportAsync(actor, FrameworkYamlWriter.Write(framework.Definition), name, cancellationToken);
    }
}
