using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application;
using OpenDti.Application.Accounts;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Sessions end on the server: signing out, a lock (even once lifted), a password reset or a role change
/// renew the account's security stamp, and a cookie or token with an old stamp, or none, is refused.
/// </summary>
public sealed class SessionTests : WebAppTest
{
    private static readonly Application.Access.Actor System = Application.Access.Actor.System("test");

    [Fact]
    public async Task SignOut_EndsTheCookie_EvenWhereACopyWasKept()
    {
        using var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = await SignInByHandAsync(browser, "reporter.so-a");
        var form = $"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai";
        var before = await SendAsync(browser, HttpMethod.Get, form, cookies);
        var home = await (await SendAsync(browser, HttpMethod.Get, "/", cookies)).Content.ReadAsStringAsync(Cancel);

        var signOut = await SendAsync(browser, HttpMethod.Post, "/dang-xuat", cookies, new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryTokenIn(home) });
        var withTheOldCookie = await SendAsync(browser, HttpMethod.Get, form, cookies);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withTheOldCookie.StatusCode);
        Assert.StartsWith("/dang-nhap", withTheOldCookie.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenIssuedBeforeALock_StaysRefusedAfterTheUnlock()
    {
        using var api = await Factory.ClientAsync("reporter.so-a");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/periods", Cancel)).StatusCode);

        await AccountsAsync(a => a.SetLockedOutAsync(System, "reporter.so-a", locked: true, Cancel));
        var whileLocked = await api.GetAsync("/api/periods", Cancel);
        await AccountsAsync(a => a.SetLockedOutAsync(System, "reporter.so-a", locked: false, Cancel));
        var afterUnlock = await api.GetAsync("/api/periods", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterUnlock.StatusCode);
    }

    [Fact]
    public async Task APasswordResetOrARoleChange_EndsTheTokens()
    {
        using var viewer = await Factory.ClientAsync("viewer");
        using var leader = await Factory.ClientAsync("leader.so-b");

        await AccountsAsync(a => a.ResetPasswordAsync(System, "viewer", "Moi@Khau-2026", Cancel));
        await AccountsAsync(a => a.ChangeRoleAsync(System, "leader.so-b", Roles.UnitReporter, "SO-B", Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/periods", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leader.GetAsync("/api/periods", Cancel)).StatusCode);
    }

    [Fact]
    public async Task ATokenWithoutASecurityStamp_IsRefused()
    {
        var withStamp = await TokenAsync("viewer", keepStamp: true);
        var withoutStamp = await TokenAsync("viewer", keepStamp: false);

        // The same token made by the same protector, with and without the stamp: only the stamp differs.
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(withStamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(withoutStamp));
    }

    /// <summary>A bearer token for <paramref name="userName"/> as the application protects it, with or without its stamp claim.</summary>
    private async Task<string> TokenAsync(string userName, bool keepStamp)
    {
        using var scope = Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByNameAsync(userName))!);
        var identity = (ClaimsIdentity)principal.Identity!;
        if (!keepStamp)
        {
            identity.RemoveClaim(identity.FindFirst(users.Options.ClaimsIdentity.SecurityStampClaimType));
        }

        var options = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        return options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme + ":AccessToken"));
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/periods", Cancel)).StatusCode;
    }

    /// <summary>Signs in through the form without a cookie jar; the cookies to send back, as a <c>Cookie</c> header.</summary>
    private static async Task<string> SignInByHandAsync(HttpClient client, string userName)
    {
        var page = await client.GetAsync("/dang-nhap", Cancel);
        var antiforgery = CookiesOf(page);
        var signIn = await SendAsync(client, HttpMethod.Post, "/dang-nhap", antiforgery, new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = OpenDtiFactory.Password,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(await page.Content.ReadAsStringAsync(Cancel)),
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return antiforgery + "; " + CookiesOf(signIn);
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookies, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request, Cancel);
    }

    private async Task AccountsAsync(Func<AccountService, Task<Outcome<AccountSummary>>> action)
    {
        using var scope = Factory.Services.CreateScope();
        var outcome = await action(scope.ServiceProvider.GetRequiredService<AccountService>());
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }
}
