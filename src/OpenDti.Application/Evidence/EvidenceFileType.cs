using OpenDti.Application.Evidence.Inspection;

namespace OpenDti.Application.Evidence;

/// <summary>
/// A kind of file recognised by its content: what it is called in messages, and the file-name
/// extensions it may carry with the content type each is served with. A kind with no extension
/// (a plain ZIP, another Office file) is recognised only to say what a refused file really is.
/// </summary>
/// <param name="NameKey">The resource key of its name ("tệp PDF", "ảnh PNG").</param>
/// <param name="ContentTypes">Each accepted extension (lower case, with the dot) and its content type.</param>
public sealed record EvidenceFileType(string NameKey, IReadOnlyDictionary<string, string> ContentTypes)
{
    /// <summary>PDF.</summary>
    public static readonly EvidenceFileType Pdf = new("EvidenceTypePdf", Types((".pdf", "application/pdf")));

    /// <summary>PNG image.</summary>
    public static readonly EvidenceFileType Png = new("EvidenceTypePng", Types((".png", "image/png")));

    /// <summary>JPEG image.</summary>
    public static readonly EvidenceFileType Jpeg = new("EvidenceTypeJpeg", Types((".jpg", "image/jpeg"), (".jpeg", "image/jpeg")));

    /// <summary>GIF image.</summary>
    public static readonly EvidenceFileType Gif = new("EvidenceTypeGif", Types((".gif", "image/gif")));

    /// <summary>Word document (Office Open XML).</summary>
    public static readonly EvidenceFileType Docx = new("EvidenceTypeDocx", Types((".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")));

    /// <summary>Excel workbook (Office Open XML).</summary>
    public static readonly EvidenceFileType Xlsx = new("EvidenceTypeXlsx", Types((".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));

    /// <summary>PowerPoint presentation (Office Open XML).</summary>
    public static readonly EvidenceFileType Pptx = new("EvidenceTypePptx", Types((".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")));

    /// <summary>Word document, legacy format (an OLE compound file with a <c>WordDocument</c> stream).</summary>
    public static readonly EvidenceFileType Doc = new("EvidenceTypeDoc", Types((".doc", "application/msword")));

    /// <summary>Excel workbook, legacy format (an OLE compound file with a <c>Workbook</c> or <c>Book</c> stream).</summary>
    public static readonly EvidenceFileType Xls = new("EvidenceTypeXls", Types((".xls", "application/vnd.ms-excel")));

    /// <summary>Another legacy Office file (an OLE compound file that is neither Word nor Excel): recognised, never accepted.</summary>
    public static readonly EvidenceFileType LegacyOffice = new("EvidenceTypeLegacyOffice", Types());

    /// <summary>Another Office Open XML package (Visio, a package without a known main part): recognised, never accepted.</summary>
    public static readonly EvidenceFileType OfficeOther = new("EvidenceTypeOfficeOther", Types());

    /// <summary>A ZIP archive that is not an Office document: recognised, never accepted.</summary>
    public static readonly EvidenceFileType Zip = new("EvidenceTypeZip", Types());

    /// <summary>Every accepted extension, for messages.</summary>
    public static string AcceptedExtensions { get; } =
        string.Join(", ", new[] { Pdf, Png, Jpeg, Gif, Docx, Xlsx, Pptx, Doc, Xls }.SelectMany(t => t.ContentTypes.Keys));

    /// <summary>The first bytes of a PDF.</summary>
    internal static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Gif87Magic => "GIF87a"u8;

    private static ReadOnlySpan<byte> Gif89Magic => "GIF89a"u8;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Whether files of this kind are accepted at all.</summary>
    public bool Accepted => ContentTypes.Count > 0;

    /// <summary>
    /// What <paramref name="bytes"/> are, by their first bytes, and why their content is refused: each kind
    /// is then read as far as its structure goes (the readers in <c>Evidence/Inspection</c>). The name of the file plays no part.
    /// </summary>
    public static ContentInspection Inspect(byte[] bytes, EvidenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(options);
        var head = bytes.AsSpan();
        if (head.StartsWith(PdfMagic))
        {
            return ContentInspection.Of(Pdf, Markup.Find(bytes, Pdf) ?? PdfCheck.Check(bytes, new UnpackBudget(options, bytes.Length)));
        }

        if (head.StartsWith(PngMagic))
        {
            return ContentInspection.Of(Png, Markup.Find(bytes, Png) ?? ImageCheck.Png(bytes));
        }

        if (head.StartsWith(JpegMagic))
        {
            return ContentInspection.Of(Jpeg, Markup.Find(bytes, Jpeg) ?? ImageCheck.Jpeg(bytes));
        }

        if (head.StartsWith(Gif87Magic) || head.StartsWith(Gif89Magic))
        {
            return ContentInspection.Of(Gif, Markup.Find(bytes, Gif) ?? ImageCheck.Gif(bytes));
        }

        if (head.StartsWith(CompoundFile.Magic))
        {
            return Inspection.LegacyOffice.Inspect(bytes);
        }

        return head.StartsWith(ZipMagic) ? OfficePackage.Inspect(bytes, options) : ContentInspection.Unknown;
    }

    /// <summary>The extension's content type, or null when files of this kind do not carry it.</summary>
    public string? ContentTypeFor(string extension) => ContentTypes.GetValueOrDefault(extension.ToLowerInvariant());

    private static Dictionary<string, string> Types(params (string Extension, string ContentType)[] types) =>
        types.ToDictionary(t => t.Extension, t => t.ContentType, StringComparer.Ordinal);
}
