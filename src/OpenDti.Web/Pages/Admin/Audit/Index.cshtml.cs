using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Audit;
using OpenDti.Data.Audit;

namespace OpenDti.Web.Pages.Admin.Audit;

/// <summary>
/// The audit for administrators (<c>/quan-tri/nhat-ky</c>): every change that moves a score or a right,
/// newest first, filtered by unit, user, kind and days, a page at a time; and, on request, the check of
/// the hash chain. The same search as <c>GET /api/audit</c>.
/// </summary>
public sealed class IndexModel(AuditService audit, TableService tables) : AdminPage
{
    /// <summary>A unit's code.</summary>
    [BindProperty(SupportsGet = true, Name = "unit")]
    public string? Unit { get; set; }

    /// <summary>A user name.</summary>
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Account { get; set; }

    /// <summary>A kind of change.</summary>
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    /// <summary>The first day, dd/MM/yyyy.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    /// <summary>The last day, dd/MM/yyyy.</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    /// <summary>The place in the chain the page starts before (the "next page" link).</summary>
    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    /// <summary>Whether to check the chain now.</summary>
    [BindProperty(SupportsGet = true, Name = "verify")]
    public string? Verify { get; set; }

    /// <summary>The entries found.</summary>
    public AuditPage? Found { get; private set; }

    /// <summary>The check of the chain, when asked for.</summary>
    public AuditChainReport? Chain { get; private set; }

    /// <summary>Every kind, for the filter.</summary>
    public static IReadOnlyList<AuditKind> Kinds { get; } = Enum.GetValues<AuditKind>();

    /// <summary>A kind in the reader's language.</summary>
    public string KindText(AuditKind kind) => T("AuditKind" + kind);

    /// <summary>A channel in the reader's language.</summary>
    public string ChannelText(AuditChannel channel) => T("AuditChannel" + channel);

    /// <summary>The address of the next page, with the same filters.</summary>
    public string NextPage(long before) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
        "/quan-tri/nhat-ky",
        new Dictionary<string, string?> { ["unit"] = Unit, ["user"] = Account, ["kind"] = Kind, ["from"] = From, ["to"] = To, ["before"] = before.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    /// <summary>Searches the audit; checks the chain when asked.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        var found = await audit.SearchAsync(actor, new AuditQuery(Unit, Account, Kind, From, To, Before: Before), cancellationToken);
        if (Refused(found, "search") is { } refused)
        {
            return refused;
        }

        Found = found.Value;
        if (Verify == "1")
        {
            var chain = await audit.VerifyAsync(actor, cancellationToken);
            if (Refused(chain, "verify") is { } forbidden)
            {
                return forbidden;
            }

            Chain = chain.Value;
        }

        return Page();
    }

    /// <summary>The entries found (up to 1.000 without a limit) as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/audit?format=</c>.</summary>
    public async Task<IActionResult> OnGetTableAsync(string? format, CancellationToken cancellationToken)
    {
        if (PageTables.Format(format) is not { } file)
        {
            return PageTables.UnknownFormat(HttpContext);
        }

        var table = await tables.AuditAsync(await ActorAsync(), new AuditQuery(Unit, Account, Kind, From, To, Before: Before), Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : TableRefused(table);
    }
}
