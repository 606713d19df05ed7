using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Sign-in under attack: wrong passwords fired truly in parallel (many clients at once, on SQLite and on
/// two instances sharing PostgreSQL) all count and lock the account; the rate limits per client address
/// and per account name answer 429 with Retry-After, on the API and on the page; the login returns an
/// access token and no refresh token.
/// </summary>
public sealed class SignInTests
{
    private const string Wrong = "sai-mat-khau-nhe";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    private static async Task<TestDatabase> DatabaseAsync(string provider) =>
        provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ParallelWrongPasswords_BelowTheThreshold_EachCount(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var first = await new OpenDtiFactory(database).StartAsync();
        await using var second = await new OpenDtiFactory(database).StartAsync();

        var answers = await BurstAsync([first, second], "leader.so-b", Wrong, 4);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal((4, false), await StateAsync(first, "leader.so-b"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABurstOfThirtyWrongPasswords_LocksTheAccount_AndTheRightPasswordThenFails(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var first = await new OpenDtiFactory(database).StartAsync();
        await using var second = await new OpenDtiFactory(database).StartAsync();

        var answers = await BurstAsync([first, second], "leader.so-b", Wrong, 30);
        using var client = first.CreateClient();
        var right = await client.PostAsJsonAsync("/api/auth/login", new { userName = "leader.so-b", password = OpenDtiFactory.Password }, Cancel);

        // Every attempt was counted, or refused unchecked once the lock was set: none was lost, the lock
        // held, and no more than four answers could say "wrong password" rather than "locked".
        var (failures, lockedOut) = await StateAsync(first, "leader.so-b");
        Assert.True(lockedOut);
        Assert.InRange(failures, 5, 30);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.InRange(answers.Count(a => a.Body.Contains("Sai tên đăng nhập", StringComparison.Ordinal)), 0, 4);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("tạm khóa", await right.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABurstWithTheRightPasswordInside_NeverLeavesALockedAccountSignedIn(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var first = await new OpenDtiFactory(database).StartAsync();
        await using var second = await new OpenDtiFactory(database).StartAsync();
        var attempts = Enumerable.Range(0, 24).Select(i => i == 12 ? OpenDtiFactory.Password : Wrong).ToArray();

        var answers = await Task.WhenAll(attempts.Select((password, i) => LoginAsync(i % 2 == 0 ? first : second, "reporter.so-b", password)));
        var (_, lockedOut) = await StateAsync(first, "reporter.so-b");

        // Whether the right password came before or after the lock, the account ends locked and a token
        // it got, if any, is refused at once.
        Assert.True(lockedOut);
        foreach (var token in answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("accessToken").GetString()))
        {
            using var client = first.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/periods", Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task Login_ReturnsAnAccessTokenAndNoRefreshToken()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var client = factory.CreateClient();

        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "viewer", password = OpenDtiFactory.Password }, Cancel);
        var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync(Cancel)).RootElement;

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(["tokenType", "accessToken", "expiresIn"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(8 * 3600, body.GetProperty("expiresIn").GetInt64());
    }

    [Fact]
    public async Task PerAccountLimit_Answers429WithRetryAfter_ToTheApiAndThePage_WithoutCheckingThePassword()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, settings: Limits(perAccount: 3)).StartAsync();
        using var client = factory.CreateClient();

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await LoginAsync(factory, "viewer", Wrong)).Status);
        }

        var api = await client.PostAsJsonAsync("/api/auth/login", new { userName = "VIEWER", password = OpenDtiFactory.Password }, Cancel);
        var page = await PageSignInAsync(factory, "viewer", OpenDtiFactory.Password);
        var otherAccount = await LoginAsync(factory, "evaluator", OpenDtiFactory.Password);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], allowed);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.InRange(int.Parse(api.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        Assert.StartsWith("Đã thử đăng nhập quá nhiều lần từ máy này hoặc vào tài khoản này; hãy thử lại sau ", JsonDocument.Parse(await api.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.Contains("Retry-After"));
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("<form method=\"post\" class=\"login\">", html, StringComparison.Ordinal);
        Assert.Contains("Đã thử đăng nhập quá nhiều lần", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherAccount.Status);

        // Refused attempts were not checked: the three counted failures are all there is.
        Assert.Equal((3, false), await StateAsync(factory, "viewer"));
    }

    [Fact]
    public async Task PerAddressLimit_CoversEveryAccountName_AndSaysSoInEnglish()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, settings: Limits(perAddress: 4)).StartAsync();

        var answers = new List<HttpStatusCode>();
        foreach (var name in new[] { "khong-co-1", "khong-co-2", "khong-co-3", "khong-co-4", "admin" })
        {
            answers.Add((await LoginAsync(factory, name, Wrong)).Status);
        }

        using var english = factory.CreateClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var refused = await english.PostAsJsonAsync("/api/auth/login", new { userName = "viewer", password = OpenDtiFactory.Password }, Cancel);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.StartsWith("Too many sign-in attempts from this computer or for this account; try again in ", JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParallelBurst_PastTheDefaultLimits_IsRefusedUncheckedBeyondThem()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database, settings: Limits(perAddress: 20, perAccount: 10)).StartAsync();

        var answers = await BurstAsync([factory], "admin", Wrong, 30);

        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.Unauthorized));
        // The ten let through were each counted, or refused unchecked once the fifth had locked the account
        // (an attempt that reads the account after the lock is not a password check): never fewer than five.
        var (failures, lockedOut) = await StateAsync(factory, "admin");
        Assert.True(lockedOut);
        Assert.InRange(failures, 5, 10);
    }

    /// <summary>The sign-in limits of <c>OpenDti:SignIn</c>, low for one test.</summary>
    internal static Dictionary<string, string?> Limits(int perAddress = 1_000_000, int perAccount = 1_000_000) => new()
    {
        ["OpenDti:SignIn:PerAddress:Permits"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OpenDti:SignIn:PerAccount:Permits"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary><paramref name="count"/> sign-ins at once, each from its own client, spread over <paramref name="instances"/>.</summary>
    private static async Task<(HttpStatusCode Status, string Body)[]> BurstAsync(OpenDtiFactory[] instances, string userName, string password, int count)
    {
        // Every client is made (and its instance started) before the first request leaves.
        var clients = Enumerable.Range(0, count).Select(i => instances[i % instances.Length].CreateClient()).ToArray();
        using var start = new SemaphoreSlim(0);
        var sends = clients.Select(async client =>
        {
            await start.WaitAsync(Cancel);
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password }, Cancel);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
        }).ToArray();
        start.Release(count);
        var answers = await Task.WhenAll(sends);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return answers;
    }

    private static async Task<(HttpStatusCode Status, string Body)> LoginAsync(OpenDtiFactory factory, string userName, string password)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password }, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private static async Task<HttpResponseMessage> PageSignInAsync(OpenDtiFactory factory, string userName, string password)
    {
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/dang-nhap", Cancel);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }), Cancel);
    }

    /// <summary>The account's failure count and whether it is locked out now, as stored.</summary>
    private static async Task<(int Failures, bool LockedOut)> StateAsync(OpenDtiFactory factory, string userName)
    {
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName, Cancel);
        return (user.AccessFailedCount, user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow);
    }
}
