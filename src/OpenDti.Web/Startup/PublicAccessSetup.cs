using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenDti.Web.Security;

namespace OpenDti.Web.Startup;

/// <summary>How much anyone may ask of the public results (<c>OpenDti:Public</c>).</summary>
public sealed class PublicAccessSettings
{
    /// <summary>The section.</summary>
    public const string Section = "OpenDti:Public";

    /// <summary>Requests to the public page and API per client address (an IPv6 client by its /64) per window.</summary>
    public SignInLimit PerAddress { get; set; } = new() { Permits = 600, WindowSeconds = 60 };

    /// <summary>How long an answer of the public API is served from memory, in seconds (0: not cached).</summary>
    public int CacheSeconds { get; set; } = 30;
}

/// <summary>
/// The public results are for anyone, so anyone can ask for them many times: ASP.NET Core's rate limiter
/// gives each client address a budget (beyond it, 429 with <c>Retry-After</c>), and the output cache
/// answers repeated API requests from memory for a few seconds (by language), so a crowd opening the
/// page at the moment results come out reads the database once. Switching a period's public results off
/// evicts the cache at once (<see cref="Tag"/>).
/// </summary>
public static class PublicAccessSetup
{
    /// <summary>The rate-limiting and output-cache policy of the public routes.</summary>
    public const string Policy = "public";

    /// <summary>The output cache's tag of every public answer.</summary>
    public const string Tag = "public-results";

    /// <summary>Registers the rate limiter and the output cache.</summary>
    public static WebApplicationBuilder AddOpenDtiPublicAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicAccessSettings>()
            .Bind(builder.Configuration.GetSection(PublicAccessSettings.Section))
            .Validate(s => s.PerAddress is { Permits: > 0, WindowSeconds: > 0 } && s.CacheSeconds >= 0, "OpenDti:Public:PerAddress needs Permits and WindowSeconds above 0, and CacheSeconds 0 or more")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Policy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<PublicAccessSettings>>().Value.PerAddress;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.Permits,
                    Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<PublicAccessSettings>>((options, settings) => options.AddPolicy(Policy, policy =>
        {
            if (settings.Value.CacheSeconds == 0)
            {
                policy.NoCache();
                return;
            }

            policy.Expire(TimeSpan.FromSeconds(settings.Value.CacheSeconds)).SetVaryByHeader("Accept-Language").Tag(Tag);
        }));
        return builder;
    }
}
