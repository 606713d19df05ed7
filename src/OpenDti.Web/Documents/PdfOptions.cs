namespace OpenDti.Web.Documents;

/// <summary>How documents become PDF (configuration section <c>OpenDti:Pdf</c>): Debian's chromium, bounded.</summary>
public sealed class PdfOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Pdf";

    /// <summary>The chromium executable.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>PDFs made at once; each is a chromium process of about 150 MB.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>How long a request waits for its turn before it is answered 503 with Retry-After.</summary>
    public int QueueSeconds { get; set; } = 20;

    /// <summary>How long one chromium may take before it is killed.</summary>
    public int TimeoutSeconds { get; set; } = 60;
}
