using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace OpenDti.Application.Review.Mail;

/// <summary>Opening an SMTP session by <see cref="SmtpOptions"/>: connect (STARTTLS when set) and sign in when a user name is given.</summary>
internal static class SmtpSession
{
    /// <summary>A client connected and signed in to the configured server.</summary>
    public static async Task<SmtpClient> OpenAsync(SmtpOptions options, CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            var security = options.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto;
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one message in a session of its own.</summary>
    public static async Task SendOneAsync(SmtpOptions options, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = await OpenAsync(options, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
