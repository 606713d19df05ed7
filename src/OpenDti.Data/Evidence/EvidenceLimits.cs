namespace OpenDti.Data.Evidence;

/// <summary>The lengths the evidence columns hold; the application checks them before saving.</summary>
public static class EvidenceLimits
{
    /// <summary>The longest file name (most file systems' limit).</summary>
    public const int FileName = 255;

    /// <summary>The longest document number (số hiệu).</summary>
    public const int DocumentNumber = 100;

    /// <summary>The longest summary (trích yếu).</summary>
    public const int Summary = 1000;
}
