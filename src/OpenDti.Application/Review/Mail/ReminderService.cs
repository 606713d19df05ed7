using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using OpenDti.Application.Access;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Review;

namespace OpenDti.Application.Review.Mail;

/// <summary>What a run of the reminder job did.</summary>
/// <param name="MailOff">Whether e-mail is off (no SMTP host): nothing was tried.</param>
/// <param name="Sent">Messages sent.</param>
/// <param name="AlreadySent">Messages not sent because the same reminder went out earlier today (here or on another instance).</param>
/// <param name="Failed">Messages the server did not take; they are tried again on the next run.</param>
public sealed record ReminderRun(bool MailOff, int Sent, int AlreadySent, int Failed);

/// <summary>
/// Reminder e-mail (thư nhắc việc): each account with an e-mail address that is not locked gets, per
/// period and kind of work (submit, approve, review, answer, contribute: a plan's lead and coordinating units
/// before the contributors' deadline), one message a day listing what waits
/// for it, in Vietnamese. A reminder is recorded in <see cref="ReminderLog"/> before it is sent, and
/// the log's unique index lets only one run claim it, even when several web instances run the job.
/// </summary>
public sealed class ReminderService(
    OpenDtiDbContext db,
    ToDoService toDo,
    IOptions<SmtpOptions> smtpOptions,
    IOptions<ReminderOptions> reminderOptions,
    TimeProvider time,
    ILogger<ReminderService> logger)
{
    private const Language MailLanguage = Language.Vietnamese;

    /// <summary>Sends the reminders due on <paramref name="today"/> (Vietnam's day) that have not gone out yet.</summary>
    public async Task<ReminderRun> SendDueAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var smtp = smtpOptions.Value;
        if (!smtp.Enabled)
        {
            return new ReminderRun(true, 0, 0, 0);
        }

        var options = reminderOptions.Value;
        var now = time.GetUtcNow();
        var accounts = (await db.Users.AsNoTracking()
                .Where(u => u.Email != null && u.Email != string.Empty)
                .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.UnitId, u.LockoutEnd })
                .ToListAsync(cancellationToken))
            .Where(u => u.LockoutEnd is not { } end || end <= now)
            .ToArray();
        var accountIds = accounts.Select(a => a.Id).ToArray();
        var roles = (await db.UserRoles.AsNoTracking()
                .Where(r => accountIds.Contains(r.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var items = await toDo.AllAsync(today, null, cancellationToken);
        var sentToday = (await db.RemindersSent.AsNoTracking()
                .Where(r => r.Day == today)
                .Select(r => new { r.PeriodId, r.UserId, r.Kind })
                .ToListAsync(cancellationToken))
            .Select(r => (r.PeriodId, r.UserId, r.Kind))
            .ToHashSet();

        int sent = 0, already = 0, failed = 0;
        await using var connection = new Connection(smtp);
        foreach (var account in accounts)
        {
            var actor = new Actor(account.Id, account.UserName ?? account.Id, roles[account.Id].ToHashSet(StringComparer.Ordinal), account.UnitId);
            var groups = ToDoService.For(actor, items)
                .Where(i => i.Kind is not (ToDoKind.Submit or ToDoKind.Contribute) || i.DaysLeft <= options.SubmitWithinDays)
                .GroupBy(i => (i.PeriodId, Kind: KindOf(i.Kind)))
                .OrderBy(g => g.Key.PeriodId).ThenBy(g => g.Key.Kind, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                if (sentToday.Contains((group.Key.PeriodId, account.Id, group.Key.Kind)))
                {
                    already++;
                    continue;
                }

                MimeMessage message;
                try
                {
                    message = Compose(smtp, options, account.Email!, account.DisplayName ?? account.UserName ?? account.Email!, group.Key.Kind, group.ToArray(), today);
                }
                catch (ParseException e)
                {
                    logger.LogWarning(e, "The e-mail address of {UserName} cannot be written to; no reminder is sent to it", account.UserName);
                    failed++;
                    continue;
                }

                var log = await ClaimAsync(group.Key.PeriodId, account.Id, group.Key.Kind, today, cancellationToken);
                if (log is null)
                {
                    already++;
                    continue;
                }

                try
                {
                    await connection.SendAsync(message, cancellationToken);
                    sent++;
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException)
                {
                    logger.LogWarning(e, "Reminder {Kind} of period {PeriodId} to {UserName} was not sent; it is tried again on the next run", group.Key.Kind, group.Key.PeriodId, account.UserName);
                    failed++;
                    db.RemindersSent.Remove(log);
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }

        if (sent + failed > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Reminders of {Day}: {Sent} sent, {Failed} failed, {Already} already sent", today, sent, failed, already);
        }

        return new ReminderRun(false, sent, already, failed);
    }

    /// <summary>The stored name of a reminder's kind (<see cref="ReminderLog.Kind"/>): starting and finishing a review are one reminder.</summary>
    public static string KindOf(ToDoKind kind) => kind switch
    {
        ToDoKind.Submit => "submit",
        ToDoKind.Approve => "approve",
        ToDoKind.Answer => "answer",
        ToDoKind.Contribute => "contribute",
        _ => "review",
    };

    /// <summary>Records the reminder as sent; null when another run recorded it first.</summary>
    private async Task<ReminderLog?> ClaimAsync(int periodId, string userId, string kind, DateOnly today, CancellationToken cancellationToken)
    {
        var log = new ReminderLog { PeriodId = periodId, UserId = userId, Kind = kind, Day = today, At = time.GetUtcNow().UtcDateTime };
        db.RemindersSent.Add(log);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return log;
        }
        catch (DbUpdateException e) when (!Data.Storage.StorageFailure.Is(e))
        {
            // The unique index (period, account, kind, day): another instance claimed it.
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>The message for one account, period and kind, in Vietnamese.</summary>
    internal static MimeMessage Compose(
        SmtpOptions smtp, ReminderOptions options, string to, string name, string kind, IReadOnlyList<ToDoItem> items, DateOnly today)
    {
        string T(string key, params object?[] args) => new AppMessage(key, args).ToString(MailLanguage);
        var site = options.SiteAddress?.TrimEnd('/') ?? string.Empty;
        var period = items[0].PeriodName;
        var kindKey = char.ToUpperInvariant(kind[0]) + kind[1..];
        var lines = new List<string> { T("ReminderGreeting", name), string.Empty, T("ReminderIntro" + kindKey, period), string.Empty };
        foreach (var item in items)
        {
            var link = site + item.Path;
            lines.Add(item is { Kind: ToDoKind.Contribute, Deadline: { } due }
                ? T("ReminderItemContribute", item.Indicator, item.UnitName, item.UnitCode, due, DaysText(item.DaysLeft!.Value, T), item.EmptyInputs, link)
                : item.Deadline is { } deadline
                ? T("ReminderItemDeadline", item.UnitName, item.UnitCode, deadline, DaysText(item.DaysLeft!.Value, T), link)
                : T("ReminderItemSince", item.UnitName, item.UnitCode, item.Since, T("ToDo" + item.Kind), link));
            if (item.CommentsWaiting > 0)
            {
                lines.Add(T("ReminderCommentsWaiting", item.CommentsWaiting));
            }
        }

        lines.Add(string.Empty);
        lines.Add(site.Length > 0 ? T("ReminderFooter", today, site + "/") : T("ReminderFooterNoLink", today));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress ?? "opendti@localhost"));
        message.To.Add(new MailboxAddress(name, to));
        message.Subject = T("ReminderSubject" + kindKey, period);
        message.Body = new TextPart("plain") { Text = string.Join("\n", lines) + "\n" };
        return message;
    }

    private static string DaysText(int daysLeft, Func<string, object?[], string> text) =>
        daysLeft > 0 ? text("ReminderDaysLeft", [daysLeft]) : daysLeft == 0 ? text("ReminderDueToday", []) : text("ReminderOverdue", [-daysLeft]);

    /// <summary>One SMTP connection for a run, opened at the first message.</summary>
    private sealed class Connection(SmtpOptions options) : IAsyncDisposable
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (_client is not { IsConnected: true })
            {
                _client?.Dispose();
                _client = null;
                _client = await SmtpSession.OpenAsync(options, cancellationToken);
            }

            await _client.SendAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true })
            {
                try
                {
                    await _client.DisconnectAsync(quit: true);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
                {
                    // The messages are sent; a server that hangs up early changes nothing.
                }
            }

            _client?.Dispose();
        }
    }
}
