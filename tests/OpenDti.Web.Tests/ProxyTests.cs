using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Cookies are Secure when the request came over HTTPS; <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> count only from the proxies named in <c>OpenDti:ForwardedHeaders</c>, for
/// HTTPS and for the rate limits' client address alike. The application runs on a real port here, so
/// requests come from a real address (the loopback).
/// </summary>
public sealed class ProxyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverHttps_EveryCookieIsSecure_AndOverHttpNone()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();

        var https = await CookiesOfASignInAsync(factory, new Uri("https://localhost"), null);
        var http = await CookiesOfASignInAsync(factory, new Uri("http://localhost"), null);

        Assert.Equal(["OpenDti secure", "opendti-lang secure", "xsrf secure"], https);
        Assert.Equal(["OpenDti", "opendti-lang", "xsrf"], http);
    }

    [Fact]
    public async Task WithoutAKnownProxy_ForwardedHeadersChangeNothing()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, kestrel: true, settings: SignInTests.Limits(perAddress: 3)).StartAsync();

        var cookies = await CookiesOfASignInAsync(factory, factory.Address, "https");
        var answers = await LoginsAsync(factory, ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"]);

        Assert.Equal(["OpenDti", "opendti-lang", "xsrf"], cookies);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task FromAKnownProxy_TheForwardedSchemeAndAddressCount()
    {
        await using var database = TestDatabase.Sqlite();
        var settings = SignInTests.Limits(perAddress: 3);
        settings["OpenDti:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        settings["OpenDti:ForwardedHeaders:KnownProxies:1"] = "::1";
        await using var factory = await new OpenDtiFactory(database, kestrel: true, settings: settings).StartAsync();

        var cookies = await CookiesOfASignInAsync(factory, factory.Address, "https");
        var distinct = await LoginsAsync(factory, ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"]);
        var same = await LoginsAsync(factory, ["203.0.113.9", "203.0.113.9", "203.0.113.9", "203.0.113.9"]);

        Assert.Equal(["OpenDti secure", "opendti-lang secure", "xsrf secure"], cookies);
        Assert.All(distinct, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], same);
    }

    [Fact]
    public async Task AKnownNetwork_IsAKnownProxyToo()
    {
        await using var database = TestDatabase.Sqlite();
        var settings = new Dictionary<string, string?>
        {
            ["OpenDti:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8",
            ["OpenDti:ForwardedHeaders:KnownNetworks:1"] = "::1/128",
        };
        await using var factory = await new OpenDtiFactory(database, kestrel: true, settings: settings).StartAsync();

        var cookies = await CookiesOfASignInAsync(factory, factory.Address, "https");

        Assert.Equal(["OpenDti secure", "opendti-lang secure", "xsrf secure"], cookies);
    }

    /// <summary>
    /// Opens the sign-in page in English (the language cookie), signs in as viewer; the cookies set on the
    /// way (sign-in, language, anti-forgery as "xsrf"), each with "secure" when it was sent Secure.
    /// </summary>
    private static async Task<string[]> CookiesOfASignInAsync(OpenDtiFactory factory, Uri address, string? forwardedProto)
    {
        // On a real port, a client of its own: the factory's follows redirects whatever it is told.
        using var client = address.IsLoopback && address.Port != 80 && address.Port != 443
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address }
            : factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = address });
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        var page = await client.GetAsync("/dang-nhap?lang=en", Cancel);
        var set = page.Headers.GetValues("Set-Cookie").ToList();
        var html = await page.Content.ReadAsStringAsync(Cancel);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/dang-nhap")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "viewer",
                ["Password"] = OpenDtiFactory.Password,
                ["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", set.Select(c => c.Split(';')[0])));
        var signIn = await client.SendAsync(post, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        set.AddRange(signIn.Headers.GetValues("Set-Cookie"));

        return set
            .Select(c => (Name: c.Split('=')[0], Secure: c.Split(';').Skip(1).Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase))))
            .Select(c => (Name: c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal) ? "xsrf" : c.Name, c.Secure))
            .Select(c => c.Secure ? c.Name + " secure" : c.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A wrong password for viewer from each of <paramref name="forwardedFor"/>, in turn.</summary>
    private static async Task<HttpStatusCode[]> LoginsAsync(OpenDtiFactory factory, string[] forwardedFor)
    {
        var answers = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var client = new HttpClient { BaseAddress = factory.Address };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "viewer", password = "sai-mat-khau-nhe" }, Cancel);
            answers.Add(response.StatusCode);
        }

        return [.. answers];
    }
}
