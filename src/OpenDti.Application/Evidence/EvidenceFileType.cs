using System.IO.Compression;

namespace OpenDti.Application.Evidence;

/// <summary>
/// A kind of file recognised by its content: what it is called in messages, and the file-name
/// extensions it may carry with the content type each is served with. A kind with no extension
/// (a plain ZIP) is recognised only to say what a refused file really is.
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

    /// <summary>
    /// A legacy Office document (OLE compound file). Word and Excel share the container, and telling
    /// them apart means reading its directory, so the extension picks the content type.
    /// </summary>
    public static readonly EvidenceFileType LegacyOffice = new("EvidenceTypeLegacyOffice", Types((".doc", "application/msword"), (".xls", "application/vnd.ms-excel")));

    /// <summary>A ZIP archive that is not an Office document: recognised, never accepted.</summary>
    public static readonly EvidenceFileType Zip = new("EvidenceTypeZip", Types());

    /// <summary>Every accepted extension, for messages.</summary>
    public static string AcceptedExtensions { get; } =
        string.Join(", ", new[] { Pdf, Png, Jpeg, Gif, Docx, Xlsx, Pptx, LegacyOffice }.SelectMany(t => t.ContentTypes.Keys));

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Gif87Magic => "GIF87a"u8;

    private static ReadOnlySpan<byte> Gif89Magic => "GIF89a"u8;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Whether files of this kind are accepted at all.</summary>
    public bool Accepted => ContentTypes.Count > 0;

    /// <summary>
    /// What <paramref name="bytes"/> are, by their first bytes (and, for a ZIP, its entries); null when
    /// not recognised. The name of the file plays no part.
    /// </summary>
    public static EvidenceFileType? Detect(byte[] bytes)
    {
        var head = bytes.AsSpan();
        if (head.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (head.StartsWith(PngMagic))
        {
            return Png;
        }

        if (head.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        if (head.StartsWith(Gif87Magic) || head.StartsWith(Gif89Magic))
        {
            return Gif;
        }

        if (head.StartsWith(OleMagic))
        {
            return LegacyOffice;
        }

        return head.StartsWith(ZipMagic) ? DetectOfficeOpenXml(bytes) : null;
    }

    /// <summary>The extension's content type, or null when files of this kind do not carry it.</summary>
    public string? ContentTypeFor(string extension) => ContentTypes.GetValueOrDefault(extension.ToLowerInvariant());

    /// <summary>
    /// An Office Open XML package is a ZIP with a <c>[Content_Types].xml</c> entry; its main part's
    /// folder says which application made it. Only the ZIP's directory is read: nothing is unpacked.
    /// </summary>
    private static EvidenceFileType? DetectOfficeOpenXml(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToArray();
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal))
            {
                return Zip;
            }

            bool Has(string folder) => names.Any(n => n.StartsWith(folder, StringComparison.Ordinal));
            return Has("word/") ? Docx : Has("xl/") ? Xlsx : Has("ppt/") ? Pptx : Zip;
        }
        catch (InvalidDataException)
        {
            // Begins like a ZIP but its directory is unreadable: a damaged or disguised file.
            return null;
        }
    }

    private static Dictionary<string, string> Types(params (string Extension, string ContentType)[] types) =>
        types.ToDictionary(t => t.Extension, t => t.ContentType, StringComparer.Ordinal);
}
