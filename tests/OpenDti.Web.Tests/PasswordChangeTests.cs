using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Changing one's own password, on the page and through the API: the current password is checked by the
/// sign-in path (wrong ones count towards the lock-out), the new one by the password rules; on success
/// every other session ends and the audit says the password was changed (never what it is).
/// </summary>
public sealed class PasswordChangeTests : WebAppTest
{
    private const string NewPassword = "Mat-Khau-Moi@2026";

    [Fact]
    public async Task Api_ChangesThePassword_EndsTheToken_AndTheNewOneSignsIn()
    {
        using var client = await Factory.ClientAsync("reporter.so-b");

        var changed = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = OpenDtiFactory.Password, newPassword = NewPassword }, Cancel);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("reporter.so-b", (await JsonAsync(changed)).GetProperty("userName").GetString());
        // The token used was issued before the change: it has ended with every other session.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/periods/" + Factory.OpenPeriodId + "/units/SO-B/values", Cancel)).StatusCode);
        using var anonymous = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "reporter.so-b", password = OpenDtiFactory.Password }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "reporter.so-b", password = NewPassword }, Cancel)).StatusCode);

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var audit = await db.AuditEntries.Where(a => a.Kind == Data.Audit.AuditKind.Account && a.Subject == "reporter.so-b").ToListAsync(Cancel);
        var entry = Assert.Single(audit);
        Assert.Equal(("password", "changed", "reporter.so-b"), (entry.Input, entry.NewValue, entry.UserName));
        Assert.DoesNotContain(NewPassword, entry.NewValue + entry.OldValue + entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_RefusesAWrongCurrentPassword_AndAWeakNewOne_AndKeepsTheOldPassword()
    {
        using var client = await Factory.ClientAsync("leader.so-b");

        var wrong = await client.PutAsJsonAsync("/api/auth/password", new { currentPassword = "khong-dung", newPassword = NewPassword }, Cancel);
        var weak = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = OpenDtiFactory.Password, newPassword = "abc" }, Cancel);
        var empty = await client.PostAsJsonAsync("/api/me/password", new { }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("Mật khẩu hiện tại không đúng.", await TitleAsync(wrong));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var problems = (await JsonAsync(weak)).GetProperty("problems").EnumerateArray().ToArray();
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal("newPassword", p.GetProperty("input").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        // The wrong current password counted towards the lock-out, like a wrong sign-in.
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Identity.AppUser>>();
        Assert.True(await users.GetAccessFailedCountAsync((await users.FindByNameAsync("leader.so-b"))!) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/periods", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Page_ChangesThePassword_KeepsThisBrowserSignedIn_AndEndsTheOtherSessions()
    {
        var browser = await SignedInAsync("viewer");
        var other = await SignedInAsync("viewer");
        var form = await browser.GetStringAsync("/tai-khoan/mat-khau", Cancel);
        Assert.Contains("Mật khẩu hiện tại", form, StringComparison.Ordinal);

        var posted = await browser.PostAsync("/tai-khoan/mat-khau", Form(form, OpenDtiFactory.Password, NewPassword, NewPassword), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var done = await browser.GetAsync(posted.Headers.Location!.ToString(), Cancel);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Đã đổi mật khẩu", await done.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        // The other browser's cookie was issued before the change: it is sent to sign in again.
        var stale = await other.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/dang-nhap", stale.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsEachRefusalBesideItsField_WithFocusThere()
    {
        var browser = await SignedInAsync("reporter.so-a");
        var form = await browser.GetStringAsync("/tai-khoan/mat-khau", Cancel);

        var differs = await browser.PostAsync("/tai-khoan/mat-khau", Form(form, OpenDtiFactory.Password, NewPassword, NewPassword + "x"), Cancel);
        var differsHtml = await differs.Content.ReadAsStringAsync(Cancel);
        var wrong = await browser.PostAsync("/tai-khoan/mat-khau", Form(form, "khong-dung", NewPassword, NewPassword), Cancel);
        var wrongHtml = await wrong.Content.ReadAsStringAsync(Cancel);
        var weak = await browser.PostAsync("/tai-khoan/mat-khau", Form(form, OpenDtiFactory.Password, "abcdefghijkl", "abcdefghijkl"), Cancel);
        var weakHtml = await weak.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, differs.StatusCode);
        Assert.Matches("id=\"Confirmation\"[^>]*aria-invalid=\"true\"[^>]*autofocus", differsHtml);
        Assert.Contains("id=\"Confirmation-error\"", differsHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("id=\"CurrentPassword-error\"", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu hiện tại không đúng.", wrongHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Matches("id=\"NewPassword\"[^>]*aria-invalid=\"true\"[^>]*autofocus", weakHtml);
        Assert.Contains("id=\"NewPassword-error\"", weakHtml, StringComparison.Ordinal);

        // Nothing changed: the old password still signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Browser(), "reporter.so-a", OpenDtiFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Header_LinksTheUserNameToThePasswordPage_AndShowsTheApiReferenceToProvinceStaffOnly()
    {
        var reporter = await (await SignedInAsync("reporter.so-a")).GetStringAsync("/", Cancel);
        var evaluator = await (await SignedInAsync("evaluator")).GetStringAsync("/", Cancel);

        Assert.Contains("href=\"/tai-khoan/mat-khau\"", reporter, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/scalar\"", reporter, StringComparison.Ordinal);
        Assert.Contains("href=\"/scalar\"", evaluator, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string html, string current, string @new, string confirmation) => new(new Dictionary<string, string>
    {
        ["CurrentPassword"] = current,
        ["NewPassword"] = @new,
        ["Confirmation"] = confirmation,
        ["__RequestVerificationToken"] = AntiforgeryTokenIn(html),
    });
}
