namespace OpenDti.Web.Startup;

/// <summary>Configuration section <c>OpenDti</c> (appsettings.json, environment variables <c>OpenDti__…</c>, command line).</summary>
public sealed class OpenDtiSettings
{
    /// <summary>The section.</summary>
    public const string Section = "OpenDti";

    /// <summary>Where the SQLite database lives (evidence files are in the database); relative paths are relative to the application folder.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Whether to seed the demo province ("Tỉnh Mẫu") into an empty database; on in Development and with <c>--demo</c>.</summary>
    public bool Demo { get; set; }

    /// <summary>The first administrator, created at start-up when set and missing.</summary>
    public AdminSettings Admin { get; set; } = new();
}

/// <summary>The first administrator's account (<c>OpenDti:Admin</c>).</summary>
public sealed class AdminSettings
{
    /// <summary>User name.</summary>
    public string? UserName { get; set; }

    /// <summary>Password (give it through an environment variable or a secret, never in a committed file).</summary>
    public string? Password { get; set; }
}
