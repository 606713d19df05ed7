using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Testing.Mail;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// "Quên mật khẩu" by e-mail, delivered to a real SMTP server on a loopback port: the link comes from the
/// configured site address (never the request's Host), works once and for a limited time, the new password
/// follows the rules, and the answer never says whether an account exists.
/// </summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private const string NewPassword = "Dat-Lai-Moi@2026";
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private SmtpTestServer _smtp = null!;
    private OpenDtiFactory _factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _smtp = SmtpTestServer.Start();
        _factory = await new OpenDtiFactory(_database, settings: new Dictionary<string, string?>
        {
            ["OpenDti:Smtp:Host"] = "127.0.0.1",
            ["OpenDti:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenDti:Smtp:UseStartTls"] = "false",
            ["OpenDti:Smtp:FromAddress"] = "dti@stttt.tinh.gov.vn",
            ["OpenDti:Reminders:Enabled"] = "false",
            ["OpenDti:Reminders:SiteAddress"] = "https://dti.tinh.gov.vn/",
        }).StartAsync();
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Identity.AppUser>>();
        var reporter = (await users.FindByNameAsync("reporter.so-a"))!;
        await users.SetEmailAsync(reporter, "bao.cao@so-a.tinh.gov.vn");
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheLinkSetsANewPassword_Once_AndTheOldOneNoLongerSignsIn()
    {
        using var browser = Browser();
        // A forged Host header changes nothing: the link is built from the configured address.
        var asked = await PostFormAsync(browser, "/quen-mat-khau", new() { ["NameOrEmail"] = "reporter.so-a" }, host: "ke-gian.example");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Đã nhận yêu cầu", await asked.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal(["bao.cao@so-a.tinh.gov.vn"], mail.To);
        Assert.Equal("OpenDti: đặt lại mật khẩu", mail.Subject);
        var link = Regex.Match(mail.Body, @"https://dti\.tinh\.gov\.vn/dat-lai-mat-khau\?u=reporter\.so-a&t=\S+").Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain("ke-gian", mail.Body, StringComparison.Ordinal);

        var path = new Uri(link).PathAndQuery;
        var reset = await PostFormAsync(browser, path, new() { ["NewPassword"] = NewPassword, ["Confirmation"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/dang-nhap?doi-mat-khau=1", reset.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Browser(), "reporter.so-a", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(Browser(), "reporter.so-a", OpenDtiFactory.Password)).StatusCode);

        // The token was made with the old security stamp: used once, it is spent.
        var again = await PostFormAsync(Browser(), path, new() { ["NewPassword"] = "Lan-Thu-Hai@2026", ["Confirmation"] = "Lan-Thu-Hai@2026" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("id=\"Token-error\"", await again.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAccount_AnAccountWithoutAddress_AndAKnownOne_GetTheSameAnswer()
    {
        var answers = new List<string>();
        foreach (var name in new[] { "khong-co-ai", "viewer", "reporter.so-a", "bao.cao@so-a.tinh.gov.vn" })
        {
            var page = await (await PostFormAsync(Browser(), "/quen-mat-khau", new() { ["NameOrEmail"] = name })).Content.ReadAsStringAsync(Cancel);
            answers.Add(Regex.Match(page, "<p class=\"notice\"[^>]*>([^<]*)</p>").Groups[1].Value);
        }

        Assert.Single(answers.Distinct());
        Assert.NotEmpty(answers[0]);
        // Only the two that name reporter.so-a (by name and by address) sent a message.
        Assert.Equal(2, _smtp.Received.Count);
    }

    [Fact]
    public async Task AWeakPassword_OrAWrongToken_IsRefusedBesideItsField_AndNothingChanges_ABrokenLinkSaysSoAtOnce()
    {
        string token;
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Identity.AppUser>>();
            token = await users.GeneratePasswordResetTokenAsync((await users.FindByNameAsync("viewer"))!);
        }

        var path = "/dat-lai-mat-khau?u=viewer&t=" + Uri.EscapeDataString(token);
        var weak = await PostFormAsync(Browser(), path, new() { ["NewPassword"] = "abcdefghijkl", ["Confirmation"] = "abcdefghijkl" });
        var forged = await PostFormAsync(Browser(), "/dat-lai-mat-khau?u=viewer&t=gia-mao", new() { ["NewPassword"] = NewPassword, ["Confirmation"] = NewPassword });
        var otherAccount = await PostFormAsync(Browser(), "/dat-lai-mat-khau?u=admin&t=" + Uri.EscapeDataString(token), new() { ["NewPassword"] = NewPassword, ["Confirmation"] = NewPassword });

        var forgedPage = await Browser().GetStringAsync("/dat-lai-mat-khau?u=viewer&t=gia-mao", Cancel);
        Assert.Contains("id=\"Token-error\"", forgedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("NewPassword", forgedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("gia-mao", forgedPage, StringComparison.Ordinal);
        Assert.Contains("name=\"NewPassword\"", await Browser().GetStringAsync(path, Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("id=\"NewPassword-error\"", await weak.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Browser(), "viewer", OpenDtiFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Browser(), "admin", OpenDtiFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task WithoutMail_ThePageSaysToAskAnAdministrator()
    {
        await using var database = TestDatabase.Sqlite();
        await using var factory = await new OpenDtiFactory(database).StartAsync();
        using var browser = factory.CreateClient();

        var page = await browser.GetStringAsync("/quen-mat-khau", Cancel);

        Assert.Contains("chưa được cấu hình gửi thư", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"NameOrEmail\"", page, StringComparison.Ordinal);
    }

    private HttpClient Browser() =>
        _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password)
    {
        var form = await browser.GetStringAsync("/dang-nhap", Cancel);
        return await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = Token(form),
        }), Cancel);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, string? host = null)
    {
        // A broken link's page has no form: the anonymous visitor's token of the sign-in page serves as well.
        var form = await browser.GetStringAsync(path, Cancel);
        fields["__RequestVerificationToken"] = Token(form.Contains("__RequestVerificationToken", StringComparison.Ordinal) ? form : await browser.GetStringAsync("/dang-nhap", Cancel));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return await browser.SendAsync(request, Cancel);
    }

    private static string Token(string html) =>
        Regex.Matches(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")[^1].Groups[1].Value;
}
