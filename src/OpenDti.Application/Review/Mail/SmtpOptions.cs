namespace OpenDti.Application.Review.Mail;

/// <summary>
/// The SMTP server reminder e-mail goes through (configuration section <c>OpenDti:Smtp</c>). With no
/// <see cref="Host"/>, e-mail is off: nothing is sent.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Smtp";

    /// <summary>The server's host name; empty turns e-mail off.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port (587 for submission with STARTTLS, 465 for TLS from the start, 25).</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// Whether the connection must be upgraded with STARTTLS (the default). When false, TLS is used from
    /// the start on port 465, STARTTLS when the server offers it, and a plain connection otherwise.
    /// </summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>The account to authenticate as; empty to send without authenticating.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password (give it through an environment variable or a secret, never in a committed file).</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address ("dti@stttt.tinh.gov.vn").</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "OpenDti";

    /// <summary>Whether e-mail is on: a host is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
