using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Accounts;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>The pages: sign-in with anti-forgery and lock-out, what each page shows, and who may open it.</summary>
public sealed class PageTests : WebAppTest
{
    [Theory]
    [InlineData("/")]
    public async Task SignedInPages_SendAnonymousVisitorsToSignIn(string path)
    {
        using var browser = Browser();

        var response = await browser.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dang-nhap", "Đăng nhập")]
    [InlineData("/khong-co-quyen", "Không có quyền")]
    public async Task OpenPages_AreOpenToEveryone(string path, string title)
    {
        using var browser = Browser();

        var html = await browser.GetStringAsync(path, Cancel);

        Assert.Contains($"<title>{title} · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryRole_SignsIn_AndSeesThePeriods()
    {
        foreach (var (userName, _, unit) in OpenDtiFactory.Accounts)
        {
            using var browser = Browser();

            var signIn = await SignInAsync(browser, userName, OpenDtiFactory.Password);
            var home = await browser.GetStringAsync("/", Cancel);

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Contains($"Đăng nhập với tài khoản {userName}", home, StringComparison.Ordinal);

            // SO-C is outside the period (a plan's delegate in OpenDtiFactory): it has no period of its own to see.
            if (unit == "SO-C")
            {
                continue;
            }

            Assert.Contains("Kỳ mở", home, StringComparison.Ordinal);

            // Unit users see their unit's periods with the deadline; the others every period with its dates.
            Assert.Contains(userName.Contains('.', StringComparison.Ordinal) ? "Hạn kê khai: 31/12/2030" : "01/11/2024 – 31/12/2030", home, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongPassword_IsSaidPlainly()
    {
        using var browser = Browser();

        var response = await SignInAsync(browser, "viewer", "sai");

        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormWithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = Browser();

        var response = await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "viewer",
            ["Password"] = OpenDtiFactory.Password,
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var browser = Browser();
        await SignInAsync(browser, "viewer", OpenDtiFactory.Password);
        var home = await browser.GetStringAsync("/", Cancel);
        var token = AntiforgeryTokenIn(home);

        var signOut = await browser.PostAsync("/dang-xuat", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Cancel);
        var after = await browser.GetAsync("/", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Language_CanBeEnglish()
    {
        using var browser = Browser();

        var html = await browser.GetStringAsync("/dang-nhap?lang=en", Cancel);

        Assert.Contains("<title>Sign in · OpenDti</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInReturnUrl_MustBeLocal()
    {
        using var browser = Browser();
        var form = await browser.GetStringAsync("/dang-nhap", Cancel);
        var token = AntiforgeryTokenIn(form);

        var response = await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "viewer",
            ["Password"] = OpenDtiFactory.Password,
            ["ReturnUrl"] = "https://example.com/",
            ["__RequestVerificationToken"] = token,
        }), Cancel);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALockedAccount_IsSignedOutAtOnce_OnPagesAndTheApi()
    {
        using var browser = await SignedInAsync("reporter.so-a");
        using var api = await Factory.ClientAsync("reporter.so-a");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Cancel)).StatusCode);

        await AccountsAsync(a => a.SetLockedOutAsync(Application.Access.Actor.System("test"), "reporter.so-a", locked: true, Cancel));
        var page = await browser.GetAsync("/", Cancel);
        var call = await api.GetAsync("/api/periods", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/dang-nhap", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
    }

    [Fact]
    public async Task ANewPassword_EndsTheSignInsMadeWithTheOldOne()
    {
        using var browser = await SignedInAsync("viewer");

        await AccountsAsync(a => a.ResetPasswordAsync(Application.Access.Actor.System("test"), "viewer", "Moi@Khau-2026", Cancel));
        var page = await browser.GetAsync("/", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/dang-nhap", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Changes an account as an administrator would, outside the signed-in browser.</summary>
    private async Task AccountsAsync(Func<AccountService, Task<Outcome<AccountSummary>>> action)
    {
        using var scope = Factory.Services.CreateScope();
        var outcome = await action(scope.ServiceProvider.GetRequiredService<AccountService>());
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }
}
