using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OpenDti.Application.Accounts;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Security;

/// <summary>How a sign-in attempt ended.</summary>
/// <param name="Verdict">The password check's verdict; null when the attempt was not checked because a limit was spent.</param>
/// <param name="User">The account, when the password was right.</param>
/// <param name="RetryAfter">How long to wait, when a limit was spent.</param>
public sealed record SignInAttempt(SignInVerdict? Verdict, AppUser? User, TimeSpan? RetryAfter)
{
    /// <summary>Whether the account may sign in.</summary>
    public bool Succeeded => Verdict == SignInVerdict.Succeeded && User is not null;

    /// <summary>The whole seconds to wait, as <c>Retry-After</c> says them.</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling(RetryAfter?.TotalSeconds ?? 0)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The resource key of the message for a failed attempt.</summary>
    public string MessageKey => Verdict switch
    {
        null => "SignInTooMany",
        SignInVerdict.LockedOut => "LockedOut",
        SignInVerdict.DemoPassword => "SignInDemoPassword",
        _ => "LoginFailed",
    };
}

/// <summary>
/// The one sign-in path of the page (<c>/dang-nhap</c>) and the API (<c>POST /api/auth/login</c>):
/// the rate limits first (<see cref="SignInLimiter"/>), then the password check with its lock-out
/// counted in the database (<see cref="SignInCheck"/>). Issuing the cookie or the token is the caller's.
/// </summary>
public sealed class PasswordSignIn(SignInLimiter limiter, SignInCheck check, ILookupNormalizer normalizer)
{
    /// <summary>Longest user name looked at; longer ones are cut for the limiter's key and fail the check.</summary>
    private const int LongestName = 256;

    /// <summary>Tries <paramref name="userName"/> and <paramref name="password"/> from <paramref name="http"/>'s client.</summary>
    public async Task<SignInAttempt> AttemptAsync(HttpContext http, string? userName, string? password)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = userName ?? string.Empty;
        var account = normalizer.NormalizeName(name.Length > LongestName ? name[..LongestName] : name) ?? string.Empty;
        var wait = limiter.TryAcquire(new SignInKey(ClientAddress.Of(http), account));
        if (wait is not null)
        {
            return new SignInAttempt(null, null, wait);
        }

        var result = await check.CheckAsync(name.Length > LongestName ? string.Empty : name, password ?? string.Empty, http.RequestAborted);
        return new SignInAttempt(result.Verdict, result.User, null);
    }

    /// <summary>
    /// <see cref="AttemptAsync"/> for a sign-in (the page, the API's token), which, when it succeeds, is written down
    /// as the account's last sign-in. A password checked for another purpose (changing it) is not a sign-in.
    /// </summary>
    public async Task<SignInAttempt> SignInAsync(HttpContext http, string? userName, string? password)
    {
        var attempt = await AttemptAsync(http, userName, password);
        if (attempt.Succeeded)
        {
            await check.RecordSignInAsync(attempt.User!, http.RequestAborted);
        }

        return attempt;
    }
}

/// <summary>The client's address as the rate limits see it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address: the forwarded one only when the forwarded-headers middleware
    /// took it from a known proxy (<c>OpenDti:ForwardedHeaders</c>), the proxy's own otherwise. An IPv6
    /// address counts by its /64 network.
    /// </summary>
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "(none)";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        // One IPv6 client has a whole /64 to pick addresses from: count the /64.
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !System.Net.IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new System.Net.IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
