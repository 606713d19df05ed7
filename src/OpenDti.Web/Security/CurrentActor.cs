using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenDti.Application.Access;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Security;

/// <summary>
/// The signed-in user as an <see cref="Actor"/>, loaded from the database once per request: roles and
/// unit come from the account, never from the request, and a change to an account applies at once.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, UserManager<AppUser> users)
{
    private Actor? _actor;
    private bool _loaded;

    /// <summary>The actor, or null when nobody is signed in (or the account is gone or locked out).</summary>
    public async Task<Actor?> GetAsync()
    {
        if (_loaded)
        {
            return _actor;
        }

        _loaded = true;

        // Another system's service account, authenticated by its API key for this request (ApiKeyHandler).
        if (http.HttpContext is { } context && ApiKeyHandler.ActorOf(context) is { } service)
        {
            _actor = service;
            return _actor;
        }

        var principal = http.HttpContext?.User;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || await users.FindByIdAsync(id) is not { } user || !await IsStillValidAsync(principal, user, users))
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        _actor = new Actor(user.Id, user.UserName ?? user.Id, roles.ToHashSet(StringComparer.Ordinal), user.UnitId)
        {
            Channel = http.HttpContext!.Request.Path.StartsWithSegments("/api") ? Data.Audit.AuditChannel.Api : Data.Audit.AuditChannel.Page,
        };
        return _actor;
    }

    /// <summary>
    /// Whether a sign-in (cookie or token) still stands: its account exists, is not locked out, and has
    /// the security stamp it had at sign-in (sign-out, a lock or unlock, a new password, role or unit
    /// changes the stamp). A principal without a stamp is not valid.
    /// </summary>
    public static async Task<bool> IsStillValidAsync(ClaimsPrincipal? principal, UserManager<AppUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is not null && await users.FindByIdAsync(id) is { } user && await IsStillValidAsync(principal, user, users);
    }

    private static async Task<bool> IsStillValidAsync(ClaimsPrincipal? principal, AppUser user, UserManager<AppUser> users)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return false;
        }

        // Every cookie and token is issued with the stamp; one without it was not made by a sign-in of ours.
        var stamp = principal?.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && user.SecurityStamp is not null && string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal);
    }
}
