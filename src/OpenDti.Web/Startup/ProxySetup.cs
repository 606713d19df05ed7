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
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        var wrong = new List<string>();
        foreach (var proxy in (section.GetSection("KnownProxies").Get<string[]>() ?? []).Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (IPAddress.TryParse(proxy.Trim(), out var address))
            {
                proxies.Add(address);
            }
            else
            {
                wrong.Add($"{Section}:KnownProxies: '{proxy}' is not an IP address");
            }
        }

        foreach (var network in (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            if (System.Net.IPNetwork.TryParse(network.Trim(), out var range))
            {
                networks.Add(range);
            }
            else
            {
                wrong.Add($"{Section}:KnownNetworks: '{network}' is not a network such as 10.0.0.0/24");
            }
        }

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

    /// <summary>Whether any proxy is configured: without one the middleware is not even added.</summary>
    public static bool HasKnownProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection(Section);
        return (section.GetSection("KnownProxies").Get<string[]>() ?? []).Any(p => !string.IsNullOrWhiteSpace(p))
            || (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Any(n => !string.IsNullOrWhiteSpace(n));
    }
}
