using Microsoft.Extensions.Options;
using OpenDti.Application;
using OpenDti.Application.Review.Mail;

namespace OpenDti.Web.Startup;

/// <summary>Reminder e-mail: the SMTP server (<c>OpenDti:Smtp</c>) and the daily job (<c>OpenDti:Reminders</c>).</summary>
public static class ReminderSetup
{
    /// <summary>Binds the SMTP and reminder settings and adds the daily reminder job.</summary>
    public static WebApplicationBuilder AddOpenDtiReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .Validate(smtp => !smtp.Enabled || (smtp.Port is > 0 and < 65536 && !string.IsNullOrWhiteSpace(smtp.FromAddress)), "OpenDti:Smtp needs a Port (1–65535) and a FromAddress when Host is set")
            .ValidateOnStart();
        builder.Services.AddOptions<ReminderOptions>()
            .Bind(builder.Configuration.GetSection(ReminderOptions.Section))
            .Validate(r => r.SendFromHour is >= 0 and <= 23, "OpenDti:Reminders:SendFromHour must be an hour from 0 to 23")
            .ValidateOnStart();
        builder.Services.AddHostedService<ReminderJob>();
        return builder;
    }
}

/// <summary>
/// Sends the day's reminders: every hour from <see cref="ReminderOptions.SendFromHour"/> (Vietnam's
/// time) it asks <see cref="ReminderService"/> for what is due; the reminder log makes the second and
/// later runs of a day, and runs on other instances, send nothing already sent. Without an SMTP host,
/// or with <c>OpenDti:Reminders:Enabled=false</c>, it says so once and stops.
/// </summary>
internal sealed partial class ReminderJob(
    IServiceScopeFactory scopes,
    IOptions<SmtpOptions> smtp,
    IOptions<ReminderOptions> reminders,
    TimeProvider time,
    ILogger<ReminderJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!reminders.Value.Enabled)
        {
            Off(logger);
            return;
        }

        if (!smtp.Value.Enabled)
        {
            MailOff(logger);
            return;
        }

        On(logger, smtp.Value.Host!, smtp.Value.Port, reminders.Value.SendFromHour);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
            if (now.Hour >= reminders.Value.SendFromHour)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDueAsync(VietnamTime.Today(time), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next run tries again: a database or mail server that is down for a while stops nothing.
                    Failed(logger, e);
                }
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Thư nhắc việc đã tắt (OpenDti:Reminders:Enabled=false).")]
    private static partial void Off(ILogger logger);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Chưa cấu hình máy chủ thư (OpenDti:Smtp:Host trống): không gửi thư nhắc việc.")]
    private static partial void MailOff(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Thư nhắc việc gửi qua {Host}:{Port}, mỗi ngày từ {Hour} giờ.")]
    private static partial void On(ILogger logger, string host, int port, int hour);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Lượt gửi thư nhắc việc không thành công; sẽ thử lại sau một giờ.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
