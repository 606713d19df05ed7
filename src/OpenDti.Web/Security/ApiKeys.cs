using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Integration;

namespace OpenDti.Web.Security;

/// <summary>
/// Other systems' sign-in: the header <c>X-Api-Key</c> holds a service account's key. The handler looks the
/// key's hash up on every request (a revoked account's key stops working at once, on every instance) and
/// hands <see cref="CurrentActor"/> the account's actor, scoped to its units and indicators. An unknown or
/// revoked key fails, so a route that needs a caller answers 401; a key is never accepted from a cookie
/// or the query string.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceAccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The claim naming the service account.</summary>
    public const string AccountClaim = "opendti:service-account";

    private static readonly object ActorKey = new();

    /// <summary>Whether <paramref name="request"/> carries an API key.</summary>
    public static bool HasKey(HttpRequest request) => request.Headers.ContainsKey(Header);

    /// <summary>The service account's actor authenticated for <paramref name="context"/>, if any.</summary>
    public static Actor? ActorOf(HttpContext context) => context.Items.TryGetValue(ActorKey, out var actor) ? actor as Actor : null;

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var actor = values.Count == 1 ? await accounts.AuthenticateAsync(values[0], Context.RequestAborted) : null;
        if (actor is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        Context.Items[ActorKey] = actor;
        var identity = new ClaimsIdentity(
            [new Claim(AccountClaim, actor.Service!.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, actor.UserName)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
