using System.Text;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Frameworks;

namespace OpenDti.Web.Pages.Admin.Frameworks;

/// <summary>A framework's tree (codes, names, max points, rules, inputs) and its file.</summary>
public sealed class FrameworkModel(FrameworkCatalog catalog, FrameworkWorkbookService workbooks) : AdminPage
{
    /// <summary>The framework's code (from the address).</summary>
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    /// <summary>The framework.</summary>
    public Framework Framework { get; private set; } = null!;

    /// <summary>Every node, depth first, as the table lists them.</summary>
    public IEnumerable<FrameworkNode> Rows => Framework.Roots.SelectMany(r => r.SelfAndDescendants());

    /// <summary>Shows the tree.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        var framework = await catalog.GetAsync(Code, cancellationToken);
        if (!framework.Succeeded)
        {
            return NotFound();
        }

        Framework = framework.Value!;
        return Page();
    }

    /// <summary>The framework file, as imported, to download.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var yaml = await catalog.ExportAsync(Code, cancellationToken);
        return yaml.Succeeded
            ? File(Encoding.UTF8.GetBytes(yaml.Value!), "application/yaml; charset=utf-8", Code + ".yaml")
            : NotFound();
    }

    /// <summary>The framework as an Excel workbook (docs/exchange.md), to edit and import again.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync(CancellationToken cancellationToken)
    {
        var workbook = await workbooks.ExportAsync(Code, cancellationToken);
        return workbook.Succeeded
            ? File(workbook.Value!.Content, Application.Reporting.WorkbookFile.ContentType, workbook.Value.FileName)
            : NotFound();
    }
}
