using OpenDti.Application.Accounts;
using OpenDti.Application.Tables;
using OpenDti.Core.Text;
using OpenDti.Web.Resources;
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

        api.MapPost("/me/password", ChangeOwnPasswordAsync)
            .WithTags("Accounts")
            .WithSummary("Đổi mật khẩu của chính mình (mọi vai trò); các phiên khác kết thúc / Change one's own password (every role); other sessions end");

        // The same change under the address it first had.
        api.MapPut("/auth/password", ChangeOwnPasswordAsync)
            .WithTags("Accounts")
            .WithSummary("Như POST /api/me/password / As POST /api/me/password");
    }

    /// <summary>
    /// The current password is checked by the sign-in path (its limits: 429 with <c>Retry-After</c>; its
    /// lock-out), then the new one is set. The bearer token used, whose account's stamp changed, ends with
    /// every other session: the caller signs in again with the new password.
    /// </summary>
    private static async Task<IResult> ChangeOwnPasswordAsync(
        PasswordChangeDto body,
        CurrentActor current,
        PasswordSignIn passwords,
        AccountService accounts,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Results.Unauthorized();
        }

        if (actor.Service is not null)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "ServiceAccountNoPassword", http);
        }

        var attempt = await passwords.AttemptAsync(http, actor.UserName, body.CurrentPassword);
        if (attempt.RetryAfter is not null)
        {
            http.Response.Headers.RetryAfter = attempt.RetryAfterSeconds;
            var language = ApiResults.LanguageOf(http);
            var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, WebText.ResourceManager.GetString(attempt.MessageKey, language.ResourceCulture())!, attempt.RetryAfterSeconds);
            return ApiResults.Problem(StatusCodes.Status429TooManyRequests, title, null, language);
        }

        if (!attempt.Succeeded && attempt.Verdict != Application.Accounts.SignInVerdict.DemoPassword)
        {
            return ApiResults.Problem(
                StatusCodes.Status400BadRequest,
                attempt.Verdict == Application.Accounts.SignInVerdict.LockedOut ? "LockedOut" : "CurrentPasswordWrong",
                http);
        }

        // The account's stamp changes: this token and every other session end; the caller signs in again.
        return ApiResults.From(await accounts.ChangeOwnPasswordAsync(actor, body.CurrentPassword, body.NewPassword, cancellationToken), http, Dto);
    }

    private static AccountDto Dto(AccountSummary a) => new(a.UserName, a.DisplayName, a.Roles, a.UnitCode, a.LockedOut, a.Email, a.LastSignInAt);
}

/// <summary>A change of one's own password.</summary>
/// <param name="CurrentPassword">The password now.</param>
/// <param name="NewPassword">The new password.</param>
public sealed record PasswordChangeDto(string? CurrentPassword, string? NewPassword);

/// <summary>An account.</summary>
/// <param name="UserName">Its user name.</param>
/// <param name="DisplayName">The person's name.</param>
/// <param name="Roles">Administrator, Evaluator, Viewer, UnitReporter, UnitLeader.</param>
/// <param name="UnitCode">The unit of a reporter or leader.</param>
/// <param name="LockedOut">Whether it is locked.</param>
/// <param name="Email">Its e-mail address, for reminders.</param>
/// <param name="LastSignIn">When the person last signed in (UTC, ISO 8601), on the page or for a token; null if never.</param>
public sealed record AccountDto(string UserName, string? DisplayName, IReadOnlyList<string> Roles, string? UnitCode, bool LockedOut, string? Email, DateTime? LastSignIn);
