using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Frameworks;

namespace OpenDti.Web.Pages.Admin.Frameworks;

/// <summary>The stored frameworks: the list, importing a file, copying one to a new year.</summary>
public sealed class IndexModel(FrameworkCatalog catalog, FrameworkWorkbookService workbooks) : AdminPage
{
    /// <summary>The largest framework file accepted (the built-in provincial one is about 150 KB).</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>Every stored framework.</summary>
    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    /// <summary>The framework file sent.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The framework copied.</summary>
    [BindProperty]
    public string? CopySource { get; set; }

    /// <summary>The copy's code.</summary>
    [BindProperty]
    public string? CopyCode { get; set; }

    /// <summary>The copy's year.</summary>
    [BindProperty]
    public string? CopyYear { get; set; }

    /// <summary>The copy's name (the source's when empty).</summary>
    [BindProperty]
    public string? CopyName { get; set; }

    /// <summary>Shows the list and the forms.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        Frameworks = await catalog.ListAsync(cancellationToken);
    }

    /// <summary>Imports a framework file; every problem is listed with its line and indicator.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 } upload)
        {
            Fail("import", T("AdminFileMissing"));
            return await ShowAsync(cancellationToken);
        }

        if (upload.Length > MaxFileBytes)
        {
            Fail("import", T("AdminFileTooLarge", PageText.Number(HttpContext, MaxFileBytes / 1024m / 1024m)));
            return await ShowAsync(cancellationToken);
        }

        var fileName = Path.GetFileName(upload.FileName);
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            // The same framework as a workbook (docs/exchange.md), checked as the YAML file is.
            await using var content = upload.OpenReadStream();
            var imported = await workbooks.ImportAsync(await ActorAsync(), content, fileName, cancellationToken);
            return Refused(imported, "import") ?? (imported.Succeeded ? Done(T("AdminFrameworkImported", imported.Value!.Code)) : await ShowAsync(cancellationToken));
        }

        string yaml;
        using (var reader = new StreamReader(upload.OpenReadStream()))
        {
            yaml = await reader.ReadToEndAsync(cancellationToken);
        }

        var outcome = await catalog.ImportAsync(await ActorAsync(), yaml, string.IsNullOrWhiteSpace(fileName) ? "upload.yaml" : fileName, cancellationToken);
        return Refused(outcome, "import") ?? (outcome.Succeeded ? Done(T("AdminFrameworkImported", outcome.Value!.Code)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Copies a framework to a new year.</summary>
    public async Task<IActionResult> OnPostCopyAsync(CancellationToken cancellationToken)
    {
        if (!int.TryParse(CopyYear, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            Fail("copy", T("AdminYearInvalid", CopyYear));
            return await ShowAsync(cancellationToken);
        }

        var code = CopyCode?.Trim() ?? string.Empty;
        if (code.Length == 0)
        {
            Fail("copy", T("AdminCodeRequired"));
            return await ShowAsync(cancellationToken);
        }

        var outcome = await catalog.CopyAsync(
            await ActorAsync(), CopySource ?? string.Empty, code, year, string.IsNullOrWhiteSpace(CopyName) ? null : CopyName.Trim(), cancellationToken);
        return Refused(outcome, "copy") ?? (outcome.Succeeded ? Done(T("AdminFrameworkCopied", CopySource, outcome.Value!.Code)) : await ShowAsync(cancellationToken));
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Frameworks = await catalog.ListAsync(cancellationToken);
        return Page();
    }
}
