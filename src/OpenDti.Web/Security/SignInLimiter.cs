using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OpenDti.Web.Security;

/// <summary>How many sign-ins are tried per client address and per account name (<c>OpenDti:SignIn</c>).</summary>
public sealed class SignInSettings
{
    /// <summary>The section.</summary>
    public const string Section = "OpenDti:SignIn";

    /// <summary>Per client address (the proxy's forwarded address only from a known proxy): 20 a minute.</summary>
    public SignInLimit PerAddress { get; set; } = new() { Permits = 20, WindowSeconds = 60 };

    /// <summary>Per account name, whether it exists or not: 10 in 5 minutes.</summary>
    public SignInLimit PerAccount { get; set; } = new() { Permits = 10, WindowSeconds = 300 };
}

/// <summary><see cref="Permits"/> sign-ins in each window of <see cref="WindowSeconds"/> seconds.</summary>
public sealed class SignInLimit
{
    /// <summary>Sign-ins allowed per window.</summary>
    public int Permits { get; set; }

    /// <summary>The window, in seconds.</summary>
    public int WindowSeconds { get; set; }
}

/// <summary>A sign-in to limit: where it comes from and which account it names.</summary>
/// <param name="Address">The client address.</param>
/// <param name="Account">The account name, in upper case (Identity's normalised form).</param>
public readonly record struct SignInKey(string Address, string Account);

/// <summary>
/// The rate limits of sign-in, one budget for the page and the API: per client address and per
/// account name, each a fixed window (<see cref="PartitionedRateLimiter"/> from
/// System.Threading.RateLimiting, the limiter behind ASP.NET Core's rate-limiting middleware).
/// </summary>
/// <remarks>
/// The middleware's endpoint policies were not used: the per-account partition needs the user name
/// from the form or the JSON body, the page must answer with its form and a message rather than a bare
/// 429, and with one limiter an attacker cannot double the budget by switching between the page and
/// the API. A refused attempt is not checked at all: no password is verified and nothing is counted.
/// </remarks>
public sealed class SignInLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<SignInKey> _limiter;

    /// <summary>The limiter for <paramref name="settings"/>.</summary>
    public SignInLimiter(IOptions<SignInSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = settings.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<SignInKey, string>(key => RateLimitPartition.GetFixedWindowLimiter(key.Address, _ => Window(value.PerAddress))),
            PartitionedRateLimiter.Create<SignInKey, string>(key => RateLimitPartition.GetFixedWindowLimiter(key.Account, _ => Window(value.PerAccount))));
    }

    /// <summary>
    /// Takes one attempt for <paramref name="key"/>: null when allowed, or how long to wait when one of
    /// the limits is spent.
    /// </summary>
    public TimeSpan? TryAcquire(SignInKey key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    private static FixedWindowRateLimiterOptions Window(SignInLimit limit) => new()
    {
        PermitLimit = limit.Permits,
        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
