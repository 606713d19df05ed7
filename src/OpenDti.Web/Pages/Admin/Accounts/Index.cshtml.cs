using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Accounts;
using OpenDti.Application.Units;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Pages.Admin.Accounts;

/// <summary>Accounts: the list, a new account, locking and unlocking, a new password, another role and unit, the e-mail address, deleting.</summary>
public sealed class IndexModel(AccountService accounts, UnitDirectory units, TableService tables) : AdminPage
{
    /// <summary>The accounts a page of the list shows.</summary>
    public const int PageSize = 50;

    /// <summary>The accounts of the page shown (after the search and the role filter).</summary>
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    /// <summary>How many accounts the search and filter found.</summary>
    public int Found { get; private set; }

    /// <summary>How many accounts there are in all.</summary>
    public int Total { get; private set; }

    /// <summary>Text searched in user names, names, units and addresses.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>Only the accounts of this role.</summary>
    [BindProperty(SupportsGet = true, Name = "vai-tro")]
    public string? RoleFilter { get; set; }

    /// <summary>The page of the list shown, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    /// <summary>How many pages the list has.</summary>
    public int PageCount => Math.Max(1, (Found + PageSize - 1) / PageSize);

    /// <summary>The units an account can belong to (those still active), by level and code.</summary>
    public IReadOnlyList<UnitSummary> Units { get; private set; } = [];

    /// <summary>The new account's user name.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The new account's display name.</summary>
    [BindProperty]
    public string? DisplayName { get; set; }

    /// <summary>The new account's role.</summary>
    [BindProperty]
    public string? Role { get; set; }

    /// <summary>The unit of a new reporter or leader.</summary>
    [BindProperty]
    public string? UnitCode { get; set; }

    /// <summary>The new account's e-mail address, for reminders (optional).</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The new account's first password (never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The account whose password is reset.</summary>
    [BindProperty]
    public string? ResetUserName { get; set; }

    /// <summary>The new password (never shown again).</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The account's new role (the form of its row).</summary>
    [BindProperty]
    public string? NewRole { get; set; }

    /// <summary>The account's new unit, for a reporter or leader (the form of its row).</summary>
    [BindProperty]
    public string? NewUnitCode { get; set; }

    /// <summary>The account's new e-mail address; empty removes it (the form of its row).</summary>
    [BindProperty]
    public string? NewEmail { get; set; }

    /// <summary>Whether the administrator ticked "I am sure" before deleting an account.</summary>
    [BindProperty]
    public bool ConfirmDelete { get; set; }

    /// <summary>The account whose row's form was sent and refused: its forms show what was chosen, open.</summary>
    public string? RowUserName { get; private set; }

    /// <summary>The failure key of the role form of <paramref name="userName"/>'s row.</summary>
    public static string RoleForm(string userName) => "role:" + userName;

    /// <summary>The failure key of the e-mail form of <paramref name="userName"/>'s row.</summary>
    public static string EmailForm(string userName) => "email:" + userName;

    /// <summary>The failure key of the delete form of <paramref name="userName"/>'s row.</summary>
    public static string DeleteForm(string userName) => "delete:" + userName;

    /// <summary>The resource key of a role's name ("Quản trị viên").</summary>
    public static string RoleKey(string role) => "AdminRole" + role;

    /// <summary>The roles, in the order a list shows them.</summary>
    public static IReadOnlyList<string> RoleChoices => Roles.All;

    /// <summary>Shows the list and the forms.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        return await ShowAsync(cancellationToken);
    }

    /// <summary>The list of accounts as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/accounts?format=</c>.</summary>
    public async Task<IActionResult> OnGetTableAsync(string? format, CancellationToken cancellationToken)
    {
        if (PageTables.Format(format) is not { } file)
        {
            return PageTables.UnknownFormat(HttpContext);
        }

        var table = await tables.AccountsAsync(await ActorAsync(), Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : TableRefused(table);
    }

    /// <summary>Creates an account.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var outcome = await accounts.CreateAsync(
            await ActorAsync(),
            UserName?.Trim() ?? string.Empty,
            Password ?? string.Empty,
            Role ?? string.Empty,
            string.IsNullOrWhiteSpace(UnitCode) ? null : UnitCode,
            string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim(),
            Email,
            cancellationToken);
        return Refused(outcome, "create") ?? (outcome.Succeeded ? Done(T("AdminAccountCreated", outcome.Value!.UserName)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Locks an account.</summary>
    public Task<IActionResult> OnPostLockAsync(string userName, CancellationToken cancellationToken) => SetLockedOutAsync(userName, true, cancellationToken);

    /// <summary>Unlocks an account.</summary>
    public Task<IActionResult> OnPostUnlockAsync(string userName, CancellationToken cancellationToken) => SetLockedOutAsync(userName, false, cancellationToken);

    /// <summary>Sets a new password.</summary>
    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var outcome = await accounts.ResetPasswordAsync(await ActorAsync(), ResetUserName ?? string.Empty, NewPassword ?? string.Empty, cancellationToken);
        return Refused(outcome, "reset") ?? (outcome.Succeeded ? Done(T("AdminPasswordReset", outcome.Value!.UserName)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Gives an account another role and unit.</summary>
    public async Task<IActionResult> OnPostChangeRoleAsync(string userName, CancellationToken cancellationToken)
    {
        var outcome = await accounts.ChangeRoleAsync(
            await ActorAsync(),
            userName ?? string.Empty,
            NewRole ?? string.Empty,
            string.IsNullOrWhiteSpace(NewUnitCode) ? null : NewUnitCode,
            cancellationToken);
        RowUserName = userName;
        return Refused(outcome, RoleForm(userName ?? string.Empty))
            ?? (outcome.Succeeded ? Done(T("AdminAccountRoleChanged", outcome.Value!.UserName)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Sets, changes or (when empty) removes an account's e-mail address.</summary>
    public async Task<IActionResult> OnPostEmailAsync(string userName, CancellationToken cancellationToken)
    {
        var outcome = await accounts.SetEmailAsync(await ActorAsync(), userName ?? string.Empty, NewEmail, cancellationToken);
        RowUserName = userName;
        return Refused(outcome, EmailForm(userName ?? string.Empty))
            ?? (outcome.Succeeded
                ? Done(outcome.Value!.Email is { } email ? T("AdminEmailSet", outcome.Value.UserName, email) : T("AdminEmailCleared", outcome.Value.UserName))
                : await ShowAsync(cancellationToken));
    }

    /// <summary>Deletes an account, once the administrator has ticked that they are sure.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string userName, CancellationToken cancellationToken)
    {
        RowUserName = userName;
        if (!ConfirmDelete)
        {
            Fail(DeleteForm(userName ?? string.Empty), T("AdminDeleteNotConfirmed", userName));
            return await ShowAsync(cancellationToken);
        }

        var outcome = await accounts.DeleteAsync(await ActorAsync(), userName ?? string.Empty, cancellationToken);
        return Refused(outcome, DeleteForm(userName ?? string.Empty))
            ?? (outcome.Succeeded ? Done(T("AdminAccountDeleted", outcome.Value!.UserName)) : await ShowAsync(cancellationToken));
    }

    /// <summary>The list's address for page <paramref name="page"/> with the same search and filter.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query.Add("q=" + Uri.EscapeDataString(Search.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(RoleFilter))
        {
            query.Add("vai-tro=" + Uri.EscapeDataString(RoleFilter));
        }

        query.Add("trang=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/quan-tri/tai-khoan?" + string.Join("&", query) + "#accounts-list";
    }

    private static bool Contains(string? text, string search) => text?.Contains(search, StringComparison.OrdinalIgnoreCase) == true;

    private async Task<IActionResult> SetLockedOutAsync(string userName, bool locked, CancellationToken cancellationToken)
    {
        var outcome = await accounts.SetLockedOutAsync(await ActorAsync(), userName, locked, cancellationToken);
        RowUserName = userName;
        return Refused(outcome, "list")
            ?? (outcome.Succeeded ? Done(T(locked ? "AdminAccountLocked" : "AdminAccountUnlocked", userName)) : await ShowAsync(cancellationToken));
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var list = await accounts.ListAsync(await ActorAsync(), cancellationToken);
        if (!list.Succeeded)
        {
            return Forbid();
        }

        // After a row's form was refused, the list shows that account alone, so that its message is in view.
        var search = RowUserName is not null && Failure is not null ? RowUserName : Search?.Trim();
        IEnumerable<AccountSummary> found = list.Value!;
        if (!string.IsNullOrEmpty(search))
        {
            found = found.Where(a => Contains(a.UserName, search) || Contains(a.DisplayName, search) || Contains(a.UnitCode, search) || Contains(a.Email, search));
        }

        if (RoleChoices.Contains(RoleFilter ?? string.Empty))
        {
            found = found.Where(a => a.Roles.Contains(RoleFilter!));
        }

        var matches = found.ToArray();
        (Total, Found) = (list.Value!.Count, matches.Length);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Accounts = matches.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToArray();
        Units = (await units.ListAsync(cancellationToken)).Where(u => u.ClosedOn is null).ToArray();
        return Page();
    }
}
