using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using OpenDti.Application.Audit;
using OpenDti.Application.Review.Mail;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;

namespace OpenDti.Application.Accounts;

/// <summary>What a request for a password reset did, as far as the person asking may know.</summary>
public enum PasswordResetRequest
{
    /// <summary>The request was taken: a message went to the account's address if the account has one. The same answer whether or not the account exists.</summary>
    Taken = 0,

    /// <summary>E-mail is not set up (no SMTP host, or no site address for the link): ask an administrator.</summary>
    MailOff = 1,
}

/// <summary>
/// "Quên mật khẩu": a person gives their user name or e-mail address; when an account matches, is not locked
/// and has an address, a link with a one-time reset token (ASP.NET Core Identity's, valid for a limited
/// time and spent when the password changes) goes to that address. The answer never says whether an
/// account matched. The link's address comes from configuration (<see cref="ReminderOptions.SiteAddress"/>),
/// never from the request, so a forged Host header cannot send someone's token elsewhere.
/// </summary>
public sealed class PasswordResetService(
    UserManager<AppUser> users,
    OpenDtiDbContext db,
    IOptions<SmtpOptions> smtpOptions,
    IOptions<ReminderOptions> reminderOptions,
    TimeProvider time,
    ILogger<PasswordResetService> logger)
{
    /// <summary>The page the link opens.</summary>
    public const string ResetPath = "/dat-lai-mat-khau";

    /// <summary>The longest token a link of this service carries (Identity's are a few hundred characters).</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>Whether e-mail can carry a reset link: an SMTP host and the site's address are set.</summary>
    public bool Available => smtpOptions.Value.Enabled && !string.IsNullOrWhiteSpace(reminderOptions.Value.SiteAddress);

    /// <summary>Sends a reset link to the account named by <paramref name="nameOrEmail"/>, when there is one with an address.</summary>
    public async Task<PasswordResetRequest> RequestAsync(string? nameOrEmail, CancellationToken cancellationToken = default)
    {
        if (!Available)
        {
            return PasswordResetRequest.MailOff;
        }

        var key = (nameOrEmail ?? string.Empty).Trim();
        if (key.Length is 0 or > 256)
        {
            return PasswordResetRequest.Taken;
        }

        var user = await users.FindByNameAsync(key);
        if (user is null && key.Contains('@', StringComparison.Ordinal))
        {
            // Addresses are not unique: only an address that belongs to exactly one account names it.
            var normalized = users.NormalizeEmail(key);
            var matches = users.Users.Where(u => u.NormalizedEmail == normalized).OrderBy(u => u.Id).Take(2).ToList();
            user = matches.Count == 1 ? matches[0] : null;
        }

        if (user is null || string.IsNullOrWhiteSpace(user.Email) || (user.LockoutEnd is { } end && end > time.GetUtcNow()))
        {
            return PasswordResetRequest.Taken;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = reminderOptions.Value.SiteAddress!.TrimEnd('/') + ResetPath
            + "?u=" + Uri.EscapeDataString(user.UserName!) + "&t=" + Uri.EscapeDataString(token);
        try
        {
            await SmtpSession.SendOneAsync(smtpOptions.Value, Compose(user, link), cancellationToken);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The person sees the same answer; the administrator sees why in the log.
            logger.LogWarning(e, "The password reset message for {UserName} could not be sent", user.UserName);
        }

        return PasswordResetRequest.Taken;
    }

    /// <summary>
    /// Sets <paramref name="newPassword"/> for <paramref name="userName"/> when <paramref name="token"/> is the one
    /// sent and still valid; the password rules apply. Every session of the account ends. Audited.
    /// </summary>
    public async Task<Outcome<string>> ResetAsync(string? userName, string? token, string? newPassword, CancellationToken cancellationToken = default)
    {
        var user = await LinkUserAsync(userName, token);
        if (user is null)
        {
            return Outcome<string>.Invalid(new AppMessage("PasswordResetLinkInvalid"), [new Problem("APP-RESET-TOKEN", new AppMessage("PasswordResetLinkInvalid"), Input: "token")]);
        }

        if (await AccountService.PasswordProblemsAsync(users, user, newPassword, "newPassword") is { Count: > 0 } problems)
        {
            return Outcome<string>.Invalid(new AppMessage("PasswordInvalid", user.UserName), problems);
        }

        // Identity checks the token, sets the password and renews the security stamp in one update.
        db.AuditEntries.Add(AuditTrail.Entry(
            Access.Actor.System(user.UserName!, AuditChannel.Page) with { UserId = user.Id }, time.GetUtcNow().UtcDateTime, AuditKind.Account, "password", null, "reset by e-mail", subject: user.UserName));
        var reset = await users.ResetPasswordAsync(user, token!, newPassword!);
        if (!reset.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome<string>.Invalid(new AppMessage("PasswordResetLinkInvalid"), [new Problem("APP-RESET-TOKEN", new AppMessage("PasswordResetLinkInvalid"), Input: "token")]);
        }

        return Outcome<string>.Ok(user.UserName!);
    }

    /// <summary>
    /// Whether a reset link (<paramref name="userName"/>, <paramref name="token"/>) can still set a password:
    /// the page says so before anyone types a new password twice.
    /// </summary>
    public async Task<bool> LinkValidAsync(string? userName, string? token) =>
        await LinkUserAsync(userName, token) is { } user
        && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token!);

    /// <summary>The account a link names, when the link has the shape of one this service sends.</summary>
    private async Task<AppUser?> LinkUserAsync(string? userName, string? token) =>
        string.IsNullOrWhiteSpace(userName) || userName.Length > 256 || string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength
            ? null
            : await users.FindByNameAsync(userName);

    private MimeMessage Compose(AppUser user, string link)
    {
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(Language.Vietnamese);
        var smtp = smtpOptions.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress ?? "opendti@localhost"));
        message.To.Add(new MailboxAddress(user.DisplayName ?? user.UserName, user.Email!));
        message.Subject = T("PasswordResetSubject");
        message.Body = new TextPart("plain")
        {
            Text = string.Join("\n", T("ReminderGreeting", user.DisplayName ?? user.UserName), string.Empty, T("PasswordResetBody", user.UserName, link), string.Empty, T("PasswordResetIgnore")) + "\n",
        };
        return message;
    }
}
