using OpenDti.Application.Accounts;
using OpenDti.Application.Tables;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>The accounts, for administrators: the list the accounts page shows, as JSON or as a file.</summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", async (string? format, CurrentActor current, AccountService accounts, TableService tables, HttpContext http, CancellationToken cancellationToken) =>
                await ApiResults.ForActor(current, async actor => await TableFiles.RespondAsync(
                    format,
                    http,
                    async () => ApiResults.From(await accounts.ListAsync(actor, cancellationToken), http, list => list.Select(Dto).ToArray()),
                    () => tables.AccountsAsync(actor, ApiResults.LanguageOf(http), cancellationToken))))
            .WithTags("Accounts")
            .WithSummary("Các tài khoản (quản trị); ?format=xlsx|csv: dưới dạng tệp / Accounts (administrators); ?format=xlsx|csv: as a file");
    }

    private static AccountDto Dto(AccountSummary a) => new(a.UserName, a.DisplayName, a.Roles, a.UnitCode, a.LockedOut, a.Email);
}

/// <summary>An account.</summary>
/// <param name="UserName">Its user name.</param>
/// <param name="DisplayName">The person's name.</param>
/// <param name="Roles">Administrator, Evaluator, Viewer, UnitReporter, UnitLeader.</param>
/// <param name="UnitCode">The unit of a reporter or leader.</param>
/// <param name="LockedOut">Whether it is locked.</param>
/// <param name="Email">Its e-mail address, for reminders.</param>
public sealed record AccountDto(string UserName, string? DisplayName, IReadOnlyList<string> Roles, string? UnitCode, bool LockedOut, string? Email);
