using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The security headers on every kind of response (page, API, static file, error, health), the API
/// reference's own policy, and the pages' source free of inline script and event-handler attributes.
/// </summary>
public sealed class SecurityHeadersTests : WebAppTest
{
    public static TheoryData<string, HttpStatusCode> Responses => new()
    {
        { "/dang-nhap", HttpStatusCode.OK },
        { "/", HttpStatusCode.Redirect },
        { "/api/periods", HttpStatusCode.Unauthorized },
        { "/api/frameworks/khong-co", HttpStatusCode.Unauthorized },
        { "/css/site.css", HttpStatusCode.OK },
        { "/js/report-form.js", HttpStatusCode.OK },
        { "/khong-co-trang-nay", HttpStatusCode.Redirect },
        { "/health", HttpStatusCode.OK },
        { "/openapi/v1.json", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(status, response.StatusCode);
        AssertPagePolicy(response);
    }

    [Fact]
    public async Task SignedInPages_AndTheirErrors_CannotBeFramed()
    {
        using var admin = await SignedInAsync("admin");
        using var reporter = await SignedInAsync("reporter.so-a");

        using var accounts = await admin.GetAsync("/quan-tri/tai-khoan", Cancel);
        using var refused = await reporter.GetAsync("/quan-tri/tai-khoan", Cancel);
        using var api = await (await Factory.ClientAsync("viewer")).GetAsync("/api/periods", Cancel);
        using var missing = await (await Factory.ClientAsync("viewer")).GetAsync("/api/frameworks/khong-co", Cancel);
        using var missingPage = await reporter.GetAsync("/khong-co-trang-nay", Cancel);

        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        AssertPagePolicy(accounts);
        AssertPagePolicy(refused);
        AssertPagePolicy(api);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, missingPage.StatusCode));
        AssertPagePolicy(missing);
        AssertPagePolicy(missingPage);
    }

    [Fact]
    public async Task TheApiReference_HasItsOwnLooserPolicy_OnlyUnderScalar()
    {
        using var client = Factory.CreateClient();

        using var reference = await client.GetAsync("/scalar/", Cancel);
        using var beside = await client.GetAsync("/scalarx", Cancel);

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var policy = Header(reference, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Header(reference, "X-Frame-Options"));
        Assert.Equal("'self'", Directive(Header(beside, "Content-Security-Policy"), "script-src"));
    }

    [Fact]
    public async Task Hsts_IsSent_OnlyOverHttps()
    {
        using var http = Factory.CreateClient();
        using var https = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var plain = await http.GetAsync("/dang-nhap", Cancel);
        using var secure = await https.GetAsync("/dang-nhap", Cancel);

        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));
    }

    [Fact]
    public void ThePages_HaveNoInlineScript_NorEventHandlerAttributes()
    {
        var pages = Directory.GetFiles(Path.Combine(Testing.TestFrameworks.RepositoryRoot, "src", "OpenDti.Web", "Pages"), "*.cshtml", SearchOption.AllDirectories);
        var inline = new Regex("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", RegexOptions.IgnoreCase);
        var handler = new Regex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase);
        var javascriptUrl = new Regex("(href|action|formaction)\\s*=\\s*\"\\s*javascript:", RegexOptions.IgnoreCase);

        var found = pages.SelectMany(page => File.ReadAllLines(page).Select((line, i) => (page, line, number: i + 1)))
            .Where(l => inline.IsMatch(l.line) || handler.IsMatch(l.line) || javascriptUrl.IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.page)}:{l.number}: {l.line.Trim()}")
            .ToArray();

        Assert.NotEmpty(pages);
        Assert.True(found.Length == 0, "Inline script in the pages (move it to wwwroot/js):\n" + string.Join("\n", found));
    }

    private static void AssertPagePolicy(HttpResponseMessage response)
    {
        var policy = Header(response, "Content-Security-Policy");
        Assert.Equal("'self'", Directive(policy, "default-src"));
        Assert.Equal("'self'", Directive(policy, "script-src"));
        Assert.Equal("'self'", Directive(policy, "style-src"));
        Assert.Equal("'none'", Directive(policy, "frame-ancestors"));
        Assert.Equal("'none'", Directive(policy, "object-src"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    /// <summary>The sources of <paramref name="name"/> in <paramref name="policy"/>.</summary>
    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.Split(' ')[0] == name)[(name.Length + 1)..];

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from {response.RequestMessage?.RequestUri}");
}
