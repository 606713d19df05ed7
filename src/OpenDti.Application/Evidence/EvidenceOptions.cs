namespace OpenDti.Application.Evidence;

/// <summary>Limits on evidence files (configuration section <c>OpenDti:Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Evidence";

    /// <summary>The default largest file: 10 MB, enough for a scanned decision of a few dozen pages.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The default space a unit may fill in one period: 200 MB, twenty files of the largest size.</summary>
    public const long DefaultQuotaBytes = 200L * 1024 * 1024;

    /// <summary>The default most parts an Office package may hold; real documents hold tens to a few hundred.</summary>
    public const int DefaultMaxPackageEntries = 5000;

    /// <summary>The default most bytes an Office package (or a PDF's compressed objects) may unpack to: 100 MB.</summary>
    public const long DefaultMaxUnpackedBytes = 100L * 1024 * 1024;

    /// <summary>
    /// The default largest compression ratio of one part. XML compresses 5 to 30 times, a very repetitive
    /// sheet a few times more; a ZIP bomb is about 1.000 times.
    /// </summary>
    public const int DefaultMaxEntryCompressionRatio = 200;

    /// <summary>The default largest ratio of all the bytes unpacked to the size of the file.</summary>
    public const int DefaultMaxCompressionRatio = 100;

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// The most bytes of evidence a unit may store in one period (its indicators' and its appeals' files,
    /// deleted ones included, since they are kept); 0 means no quota.
    /// </summary>
    public long QuotaBytes { get; set; } = DefaultQuotaBytes;

    /// <summary>The most parts (ZIP entries) a .docx, .xlsx or .pptx may hold.</summary>
    public int MaxPackageEntries { get; set; } = DefaultMaxPackageEntries;

    /// <summary>The most bytes all the parts of a package, or all the compressed object streams of a PDF, may unpack to.</summary>
    public long MaxUnpackedBytes { get; set; } = DefaultMaxUnpackedBytes;

    /// <summary>The largest ratio of one part's unpacked bytes to its packed bytes, judged once it has given 1 MB.</summary>
    public int MaxEntryCompressionRatio { get; set; } = DefaultMaxEntryCompressionRatio;

    /// <summary>The largest ratio of all the unpacked bytes to the file's size, judged once they reach 1 MB.</summary>
    public int MaxCompressionRatio { get; set; } = DefaultMaxCompressionRatio;
}
