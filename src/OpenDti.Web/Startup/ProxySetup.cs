using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OpenDti.Web.Startup;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed
/// (<c>OpenDti:ForwardedHeaders:KnownProxies</c>, addresses, and <c>KnownNetworks</c>, CIDR ranges). None
/// by default, not even the loopback: a forwarded header from anyone else changes nothing, so a client
/// cannot pick its own address for the rate limits nor pretend to have come over HTTPS.
/// </summary>
public static class ProxySetup
{
    /// <summary>The section.</summary>
    public const string Section = "OpenDti:ForwardedHeaders";

    /// <summary>
    /// Reads the known proxies. A malformed address or range stops the start before anything listens, with the
    /// setting and its value in one line (an options validation failure, see <see cref="Listening"/>).
    /// </summary>
    public static WebApplicationBuilder AddOpenDtiProxies(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var wrong = new List<string>();
        var proxies = Read<IPAddress>(section, "KnownProxies", IPAddress.TryParse, "is not an IP address", wrong);
        var networks = Read<System.Net.IPNetwork>(section, "KnownNetworks", System.Net.IPNetwork.TryParse, "is not a network such as 10.0.0.0/24", wrong);
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                options.ForwardLimit = null; // walk back through every known proxy, stop at the first unknown one
                proxies.ForEach(options.KnownProxies.Add);
                networks.ForEach(options.KnownIPNetworks.Add);
            })
            .Validate(_ => wrong.Count == 0, string.Join("; ", wrong))
            .ValidateOnStart();
        return builder;
    }

    private delegate bool TryParse<T>(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value);

    /// <summary>The values of <paramref name="key"/> that parse; each that does not is added to <paramref name="wrong"/>, named with its setting.</summary>
    private static List<T> Read<T>(IConfigurationSection section, string key, TryParse<T> parse, string isNot, List<string> wrong)
    {
        var read = new List<T>();
        foreach (var text in (section.GetSection(key).Get<string[]>() ?? []).Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (parse(text.Trim(), out var value))
            {
                read.Add(value);
            }
            else
            {
                wrong.Add($"{Section}:{key}: '{text}' {isNot}");
            }
        }

        return read;
    }

    /// <summary>Whether any proxy is configured: without one the middleware is not even added.</summary>
    public static bool HasKnownProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection(Section);
        return (section.GetSection("KnownProxies").Get<string[]>() ?? []).Any(p => !string.IsNullOrWhiteSpace(p))
            || (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Any(n => !string.IsNullOrWhiteSpace(n));
    }
}
