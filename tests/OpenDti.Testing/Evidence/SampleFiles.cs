using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace OpenDti.Testing.Evidence;

/// <summary>
/// Small files of each kind evidence may be, built from bytes: valid ones with the structure a reader
/// checks (a PDF's objects, cross-reference table and trailer; a PNG's chunks; a JPEG's segments; an
/// Office package's content types and main part; a compound file's sectors and directory), and the
/// disguised or dangerous ones an upload must refuse. A <c>marker</c> argument makes two files of a
/// kind differ.
/// </summary>
public static class SampleFiles
{
    /// <summary>The content type of a Word document's main part.</summary>
    public const string DocxMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    /// <summary>A PDF with a catalog and an empty page tree, its cross-reference table, trailer and <c>%%EOF</c>.</summary>
    public static byte[] Pdf(string marker = "") => PdfOf(
        "<</Type /Catalog /Pages 2 0 R>>",
        "<</Type /Pages /Kids [] /Count 0>>",
        $"% {Ascii(marker)}");

    /// <summary>
    /// A PDF whose catalog also holds <paramref name="catalogEntries"/>, e.g.
    /// <c>/OpenAction &lt;&lt;/S /JavaScript /JS (app.alert(1))&gt;&gt;</c>.
    /// </summary>
    public static byte[] PdfWithCatalog(string catalogEntries) => PdfOf(
        $"<</Type /Catalog /Pages 2 0 R {catalogEntries}>>",
        "<</Type /Pages /Kids [] /Count 0>>",
        string.Empty);

    /// <summary>
    /// A PDF 1.5 whose objects 3 and 4 are in a Flate-compressed object stream (object 5), the first of
    /// them <paramref name="hidden"/>: where a script hides from a search of the file's bytes.
    /// </summary>
    public static byte[] PdfWithObjectStream(string hidden)
    {
        var objects = $"{hidden}\n<</Type /Annot /Subtype /Text>>";
        var offsets = $"3 0 4 {Encoding.ASCII.GetByteCount(hidden) + 1} ";
        var content = Encoding.ASCII.GetBytes(offsets + objects);
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(content);
        }

        var stream = packed.ToArray();
        return PdfOf(
            [
                Encoding.ASCII.GetBytes("<</Type /Catalog /Pages 2 0 R /OpenAction 3 0 R>>"),
                Encoding.ASCII.GetBytes("<</Type /Pages /Kids [] /Count 0>>"),
                [
                    .. Encoding.ASCII.GetBytes($"<</Type /ObjStm /N 2 /First {offsets.Length} /Filter /FlateDecode /Length {stream.Length}>>\nstream\n"),
                    .. stream,
                    .. "\nendstream"u8,
                ],
            ],
            string.Empty,
            version: "1.5");
    }

    /// <summary>A 1×1 transparent PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>
    /// An 8×8 grey baseline JPEG: SOI, JFIF, a quantisation table, the frame, one DC and one AC Huffman
    /// table of a single code each, the scan (one block: DC 0, end of block) and EOI.
    /// </summary>
    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)1, 64),
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, .. new byte[15], 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, .. new byte[15], 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        0x3F,
        0xFF, 0xD9,
    ];

    /// <summary>A 1×1 GIF.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>A Word document (.docx): content types, relationships and <c>word/document.xml</c>.</summary>
    public static byte[] Docx(string marker = "") => Package("word/document.xml", DocxMainType, marker);

    /// <summary>An Excel workbook (.xlsx).</summary>
    public static byte[] Xlsx() => Package("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", string.Empty);

    /// <summary>A PowerPoint presentation (.pptx).</summary>
    public static byte[] Pptx() => Package("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", string.Empty);

    /// <summary>
    /// A Word package with <paramref name="extraParts"/> beside its parts and <paramref name="contentTypes"/>
    /// added to its <c>[Content_Types].xml</c>, its main part of <paramref name="mainType"/>.
    /// </summary>
    public static byte[] DocxWith(string mainType = DocxMainType, string contentTypes = "", params (string Name, byte[] Bytes)[] extraParts) =>
        Archive(
            [
                ("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes("word/document.xml", mainType, contentTypes))),
                ("_rels/.rels", Encoding.UTF8.GetBytes(Relationships("word/document.xml"))),
                ("word/document.xml", Encoding.UTF8.GetBytes(Document(string.Empty))),
                .. extraParts,
            ]);

    /// <summary>
    /// A ZIP bomb dressed as a Word document: its <c>word/document.xml</c> is <paramref name="unpacked"/>
    /// bytes of one repeated character (about a thousand times smaller packed), while the ZIP's headers
    /// declare it holds <paramref name="declared"/> bytes.
    /// </summary>
    public static byte[] DocxBomb(long unpacked, uint declared = 1024)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes("word/document.xml", DocxMainType, string.Empty)));
            Write(zip, "_rels/.rels", Encoding.UTF8.GetBytes(Relationships("word/document.xml")));
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open();
            var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
            for (var written = 0L; written < unpacked; written += chunk.Length)
            {
                document.Write(chunk, 0, (int)Math.Min(chunk.Length, unpacked - written));
            }
        }

        return WithDeclaredSize(buffer.ToArray(), "word/document.xml", declared);
    }

    /// <summary>
    /// <paramref name="zip"/> with <paramref name="entry"/>'s uncompressed size rewritten as
    /// <paramref name="size"/> in both its local header and the central directory.
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entry, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, Math.Min(name.Length, bytes.Length - i - 30)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
            }
        }

        return bytes;
    }

    /// <summary>
    /// A legacy Word document (.doc): a compound file whose <c>WordDocument</c> stream begins with Word 97's
    /// identifier, with a <c>1Table</c> stream in the mini stream; with <paramref name="macros"/>, a
    /// <c>Macros/VBA</c> storage as Word writes for a document with macros.
    /// </summary>
    public static byte[] Doc(string marker = "", bool macros = false)
    {
        byte[] word = [0xEC, 0xA5, 0xC1, 0x00, .. Encoding.ASCII.GetBytes(Ascii(marker)), .. new byte[4600]];
        var builder = new CompoundFileBuilder()
            .Stream("WordDocument", word)
            .Stream("1Table", new byte[300])
            .Stream("\u0005SummaryInformation", new byte[200]);
        if (macros)
        {
            builder.Stream("Macros/VBA/dir", new byte[120]).Stream("Macros/PROJECT", Encoding.ASCII.GetBytes("ID=\"{00000000-0000-0000-0000-000000000000}\""));
        }

        return builder.Build();
    }

    /// <summary>
    /// A legacy Excel workbook (.xls): a compound file whose <c>Workbook</c> stream (in the mini stream)
    /// begins with a BIFF8 BOF record; with <paramref name="macros"/>, the <c>_VBA_PROJECT_CUR</c> storage.
    /// </summary>
    public static byte[] Xls(bool macros = false)
    {
        byte[] workbook = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, .. new byte[400]];
        var builder = new CompoundFileBuilder().Stream("Workbook", workbook);
        if (macros)
        {
            builder.Stream("_VBA_PROJECT_CUR/VBA/dir", new byte[120]);
        }

        return builder.Build();
    }

    /// <summary>The compound file's magic number followed by <paramref name="length"/> random bytes (the same for a seed).</summary>
    public static byte[] OleMagicThenRandom(int length = 4096, int seed = 12)
    {
        var noise = new byte[length];
        new Random(seed).NextBytes(noise);
        return [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. noise];
    }

    /// <summary>A ZIP that is not an Office document.</summary>
    public static byte[] Zip() => Archive(("readme.txt", Encoding.UTF8.GetBytes("không phải tài liệu Office")));

    /// <summary>Plain text.</summary>
    public static byte[] Text() => Encoding.UTF8.GetBytes("Quyết định số 12 (bản đánh máy)\n");

    private static byte[] Package(string mainPart, string mainType, string marker) => Archive(
        ("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes(mainPart, mainType, string.Empty))),
        ("_rels/.rels", Encoding.UTF8.GetBytes(Relationships(mainPart))),
        (mainPart, Encoding.UTF8.GetBytes(Document(marker))));

    private static string ContentTypes(string mainPart, string mainType, string more) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        $"<Override PartName=\"/{mainPart}\" ContentType=\"{mainType}\"/>{more}</Types>";

    private static string Relationships(string mainPart) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        $"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{mainPart}\"/>" +
        "</Relationships>";

    private static string Document(string marker) => $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><root>{marker}</root>";

    private static byte[] PdfOf(string first, string second, string comment) =>
        PdfOf([Encoding.ASCII.GetBytes(first), Encoding.ASCII.GetBytes(second)], comment);

    /// <summary>A PDF of the objects given (numbered from 1), with its cross-reference table at the offsets they land at.</summary>
    private static byte[] PdfOf(IReadOnlyList<byte[]> objects, string comment, string version = "1.4")
    {
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write($"%PDF-{version}\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n");
            pdf.Write(objects[i]);
            Write("\nendobj\n");
        }

        if (comment.Length > 0)
        {
            Write(comment + "\n");
        }

        var xref = pdf.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }

        Write($"trailer\n<</Size {objects.Count + 1} /Root 1 0 R>>\nstartxref\n{xref.ToString(CultureInfo.InvariantCulture)}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Archive(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                Write(zip, name, bytes);
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    private static string Ascii(string text) => new(text.Select(c => c < 128 ? c : '?').ToArray());
}
