using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Integration;

namespace OpenDti.Web.Pages.Admin.ServiceAccounts;

/// <summary>
/// Service accounts for other systems (administrators): create one for some units (and, optionally,
/// some indicators) and see its API key once, list them, revoke one. The key is shown only in the
/// answer to the form that created it, never stored in a cookie or shown again.
/// </summary>
public sealed class IndexModel(ServiceAccountService accounts) : AdminPage
{
    /// <summary>The accounts, newest first.</summary>
    public IReadOnlyList<ServiceAccountSummary> Accounts { get; private set; } = [];

    /// <summary>The account just created, with its key (shown this once).</summary>
    public CreatedServiceAccount? Created { get; private set; }

    /// <summary>The new account's name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The units' codes, separated by commas, semicolons, spaces or lines.</summary>
    [BindProperty]
    public string? UnitCodes { get; set; }

    /// <summary>The indicators' codes, likewise; empty: every indicator.</summary>
    [BindProperty]
    public string? Indicators { get; set; }

    /// <summary>Lists the accounts.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        return await ShowAsync(cancellationToken);
    }

    /// <summary>Creates an account; the page then shows its key once.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var indicators = Split(Indicators);
        var outcome = await accounts.CreateAsync(await ActorAsync(), Name, Split(UnitCodes), indicators.Length == 0 ? null : indicators, cancellationToken);
        if (Refused(outcome, "create") is { } refused)
        {
            return refused;
        }

        if (outcome.Succeeded)
        {
            Created = outcome.Value;
            (Name, UnitCodes, Indicators) = (null, null, null);
            ModelState.Clear();
        }
        else
        {
            // The form shows what was sent again, as an excerpt: a refusal never echoes a huge field.
            (Name, UnitCodes, Indicators) = (Core.Text.Excerpt.Of(Name), Shown(UnitCodes), Shown(Indicators));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    /// <summary>Revokes account <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        // The creation form's fields are not this form's: nothing sent with a revocation is shown again.
        (Name, UnitCodes, Indicators) = (null, null, null);
        var outcome = await accounts.RevokeAsync(await ActorAsync(), id, cancellationToken);
        if (Refused(outcome, "list") is { } refused)
        {
            return refused;
        }

        if (!outcome.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return await ShowAsync(cancellationToken);
        }

        return Done(T("AdminServiceRevoked", outcome.Value!.Name));
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var list = await accounts.ListAsync(await ActorAsync(), cancellationToken);
        if (Refused(list, "list") is { } refused)
        {
            return refused;
        }

        Accounts = list.Value!;
        return Page();
    }

    /// <summary>A list of codes as sent, when it looks like one; an excerpt otherwise.</summary>
    private static string? Shown(string? text) =>
        text is { Length: <= 4000 } && Split(text).All(code => code.Length <= 64) ? text : Core.Text.Excerpt.Of(text);

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
