namespace OpenDti.Application.Evidence;

/// <summary>Limits on evidence files (configuration section <c>OpenDti:Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Evidence";

    /// <summary>The default largest file: 10 MB, enough for a scanned decision of a few dozen pages.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}
