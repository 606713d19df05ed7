using System.IO.Compression;
using System.Text;

namespace OpenDti.Testing.Evidence;

/// <summary>
/// Small valid files of each kind evidence may be, built from bytes: only what a reader needs to
/// recognise them. A <c>marker</c> argument makes two files of a kind differ.
/// </summary>
public static class SampleFiles
{
    /// <summary>A one-page PDF.</summary>
    public static byte[] Pdf(string marker = "") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n" +
        $"% {Ascii(marker)}\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A 1×1 transparent PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>The start of a JFIF JPEG (the marker segments a reader recognises) and its end.</summary>
    public static byte[] Jpeg() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    /// <summary>A 1×1 GIF.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>A Word document (.docx): a ZIP with <c>[Content_Types].xml</c> and <c>word/document.xml</c>.</summary>
    public static byte[] Docx(string marker = "") => OfficeOpenXml("word/document.xml", marker);

    /// <summary>An Excel workbook (.xlsx).</summary>
    public static byte[] Xlsx() => OfficeOpenXml("xl/workbook.xml", string.Empty);

    /// <summary>A PowerPoint presentation (.pptx).</summary>
    public static byte[] Pptx() => OfficeOpenXml("ppt/presentation.xml", string.Empty);

    /// <summary>A legacy Office document (.doc, .xls): the OLE compound-file header.</summary>
    public static byte[] LegacyOffice() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    /// <summary>A ZIP that is not an Office document.</summary>
    public static byte[] Zip() => Archive(("readme.txt", "không phải tài liệu Office"));

    /// <summary>Plain text.</summary>
    public static byte[] Text() => Encoding.UTF8.GetBytes("Quyết định số 12 (bản đánh máy)\n");

    private static byte[] OfficeOpenXml(string mainPart, string marker) => Archive(
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"),
        (mainPart, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><root>{marker}</root>"));

    private static byte[] Archive(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    private static string Ascii(string text) => new(text.Select(c => c < 128 ? c : '?').ToArray());
}
