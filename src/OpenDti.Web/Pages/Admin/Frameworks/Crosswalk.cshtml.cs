using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Frameworks;

namespace OpenDti.Web.Pages.Admin.Frameworks;

/// <summary>
/// The crosswalk between two editions of a framework (docs/frameworks.md, "Crosswalks between editions"): the confirmed
/// one, or the proposal from names and rules to correct and confirm, line by line or from a CSV file.
/// </summary>
public sealed class CrosswalkModel(FrameworkCatalog catalog, CrosswalkService crosswalks) : AdminPage
{
    /// <summary>The largest CSV file accepted.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The older framework (<c>?tu=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "tu")]
    public string? From { get; set; }

    /// <summary>The newer framework (<c>?den=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "den")]
    public string? To { get; set; }

    /// <summary>Start again from the proposal even when one is confirmed (<c>?de-xuat=1</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "de-xuat")]
    public bool Propose { get; set; }

    /// <summary>The lines sent for confirmation.</summary>
    [BindProperty]
    public List<LineForm> Lines { get; set; } = [];

    /// <summary>The version read (0 when none is stored).</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>The CSV file sent.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Every stored framework, for the choice.</summary>
    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    /// <summary>The crosswalk shown, once both frameworks are chosen.</summary>
    public CrosswalkView? View { get; private set; }

    /// <summary>The kinds, in the order the page offers them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["same", "renamed", "merged", "split", "new", "dropped"];

    /// <summary>Shows the crosswalk of the two frameworks chosen.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        return await ShowAsync(cancellationToken);
    }

    /// <summary>The crosswalk as CSV: the confirmed one, or the proposal.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = await crosswalks.CsvAsync(From?.Trim() ?? string.Empty, To?.Trim() ?? string.Empty, cancellationToken);
        return csv.Succeeded
            ? File(System.Text.Encoding.UTF8.GetBytes(csv.Value!), "text/csv; charset=utf-8", $"{From}--{To}.csv")
            : TableRefused(csv);
    }

    /// <summary>Confirms the lines as they were corrected; every problem is listed with its row.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var lines = Lines.Where(l => l is not null).Select(l => new CrosswalkLinkInput(l.From, l.To, l.Kind ?? string.Empty)).ToArray();
        var outcome = await crosswalks.SaveAsync(await ActorAsync(), From?.Trim() ?? string.Empty, To?.Trim() ?? string.Empty, lines, Version, cancellationToken);
        if (Refused(outcome, "confirm") is { } refused)
        {
            return refused;
        }

        return outcome.Succeeded ? Done(T("CrosswalkConfirmed", From, To, PageText.Number(HttpContext, outcome.Value!.Links.Count)), Address()) : await ShowAsync(cancellationToken, keepLines: true);
    }

    /// <summary>Confirms the crosswalk of a CSV file (from,to,kind); every problem is listed with its line and column.</summary>
    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 } upload)
        {
            Fail("upload", T("AdminFileMissing"));
            return await ShowAsync(cancellationToken);
        }

        if (upload.Length > MaxFileBytes)
        {
            Fail("upload", T("AdminFileTooLarge", PageText.Number(HttpContext, MaxFileBytes / 1024m / 1024m)));
            return await ShowAsync(cancellationToken);
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        var outcome = await crosswalks.UploadAsync(
            await ActorAsync(), From?.Trim() ?? string.Empty, To?.Trim() ?? string.Empty, buffer.ToArray(), Path.GetFileName(upload.FileName), Version, cancellationToken);
        if (Refused(outcome, "upload") is { } refused)
        {
            return refused;
        }

        return outcome.Succeeded ? Done(T("CrosswalkConfirmed", From, To, PageText.Number(HttpContext, outcome.Value!.Links.Count)), Address()) : await ShowAsync(cancellationToken);
    }

    /// <summary>The page's address for the two frameworks.</summary>
    public string Address(bool propose = false) =>
        $"/quan-tri/bo-chi-so/doi-chieu?tu={Uri.EscapeDataString(From ?? string.Empty)}&den={Uri.EscapeDataString(To ?? string.Empty)}" + (propose ? "&de-xuat=1" : string.Empty);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, bool keepLines = false)
    {
        Frameworks = await catalog.ListAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(From) || string.IsNullOrWhiteSpace(To))
        {
            return Page();
        }

        var outcome = Propose
            ? await crosswalks.ProposalAsync(From.Trim(), To.Trim(), cancellationToken)
            : await crosswalks.ReadAsync(From.Trim(), To.Trim(), cancellationToken);
        if (!outcome.Succeeded)
        {
            if (Failure is null && Refused(outcome, "choose") is { } refused)
            {
                return refused;
            }

            return Page();
        }

        View = outcome.Value;
        if (keepLines)
        {
            // What was sent stays on the page, to be corrected: the names where the codes are known.
            var older = View!.Links.Where(l => l.From is not null).GroupBy(l => l.From!).ToDictionary(g => g.Key, g => g.First().FromName);
            var newer = View.Links.Where(l => l.To is not null).GroupBy(l => l.To!).ToDictionary(g => g.Key, g => g.First().ToName);
            View = View with
            {
                Version = Version,
                Links = [.. Lines.Where(l => l is not null).Select(l => new CrosswalkLinkView(
                    l.From, l.From is null ? null : older.GetValueOrDefault(l.From), l.To, l.To is null ? null : newer.GetValueOrDefault(l.To), l.Kind ?? string.Empty))],
            };
        }

        return Page();
    }

    /// <summary>A line of the form.</summary>
    public sealed class LineForm
    {
        /// <summary>The older node's code.</summary>
        public string? From { get; set; }

        /// <summary>The newer node's code.</summary>
        public string? To { get; set; }

        /// <summary>The kind.</summary>
        public string? Kind { get; set; }
    }
}
