using System.IO.Compression;
using System.Text;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// A PDF checked beyond its <c>%PDF-</c> header: the structure of a PDF (a <c>%%EOF</c> near the end,
/// <c>startxref</c> with an offset inside the file before it, at least one <c>n n obj</c>) and no active
/// content. Active content is a name among <c>/JavaScript</c>, <c>/JS</c>, <c>/Launch</c>,
/// <c>/EmbeddedFile(s)</c> and <c>/RichMedia</c>, written plainly or with <c>#xx</c> escapes, in the file or
/// in its compressed object streams (<c>/ObjStm</c>, where PDF 1.5 and later keep dictionaries), which
/// are inflated within the same limits as an Office package. Page content and images are not inflated:
/// an action can only be a dictionary entry.
/// </summary>
internal static class PdfCheck
{
    /// <summary>How far from the end (after trailing white space) <c>%%EOF</c> may be.</summary>
    private const int EndWindow = 1024;

    private static readonly string[] ActiveNames = ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"];

    /// <summary>The filters a stream may have besides Flate; an object stream using one cannot be read here.</summary>
    private static readonly string[] OtherFilters =
        ["ASCIIHexDecode", "ASCII85Decode", "LZWDecode", "RunLengthDecode", "CCITTFaxDecode", "JBIG2Decode", "DCTDecode", "JPXDecode", "Crypt", "AHx", "A85", "LZW", "RL", "CCF", "DCT"];

    /// <summary>Why <paramref name="bytes"/> (which begin with <c>%PDF-</c>) are refused, or null.</summary>
    public static AppMessage? Check(byte[] bytes, UnpackBudget budget)
    {
        var data = bytes.AsSpan();
        var end = data.Length;
        while (end > 0 && IsWhite(data[end - 1]))
        {
            end--;
        }

        var windowStart = Math.Max(0, end - EndWindow);
        var eof = data[windowStart..end].LastIndexOf("%%EOF"u8);
        if (eof < 0)
        {
            return Structure("EvidencePdfNoEof");
        }

        eof += windowStart;
        var searchFrom = Math.Max(0, eof - EndWindow);
        var startxref = data[searchFrom..eof].LastIndexOf("startxref"u8);
        if (startxref < 0 || ReadOffset(data[(searchFrom + startxref + "startxref".Length)..eof]) is not { } offset || offset >= data.Length)
        {
            return Structure("EvidencePdfNoStartXref");
        }

        if (!HasObject(data))
        {
            return Structure("EvidencePdfNoObject");
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectNames(data, names);
        found.UnionWith(names.Intersect(ActiveNames));
        var encrypted = names.Contains("Encrypt");

        // Object streams: dictionaries compressed together, out of sight of the scan above.
        foreach (var (label, dictionary, contentStart, contentEnd) in Streams(data))
        {
            var dictionaryNames = new HashSet<string>(StringComparer.Ordinal);
            CollectNames(data[dictionary..contentStart], dictionaryNames);
            if (!dictionaryNames.Contains("ObjStm"))
            {
                continue;
            }

            if (encrypted)
            {
                return new AppMessage("EvidencePdfEncrypted");
            }

            if (dictionaryNames.Intersect(OtherFilters).FirstOrDefault() is { } filter)
            {
                return new AppMessage("EvidencePdfObjectStreamFilter", "/" + filter);
            }

            if (!dictionaryNames.Contains("FlateDecode") && !dictionaryNames.Contains("Fl"))
            {
                // Not compressed: the scan of the whole file has read it.
                continue;
            }

            var part = label;
            using var kept = new MemoryStream();
            using var inflater = new ZLibStream(new MemoryStream(bytes, contentStart, contentEnd - contentStart, writable: false), CompressionMode.Decompress);
            var (_, refusal) = budget.Unpack(part, inflater, contentEnd - contentStart, kept, long.MaxValue);
            if (refusal is not null && refusal.Key != "EvidencePackageDamaged")
            {
                return refusal;
            }

            // A damaged stream is read as far as it goes: a viewer reads no further.
            var inner = new HashSet<string>(StringComparer.Ordinal);
            CollectNames(kept.GetBuffer().AsSpan(0, (int)kept.Length), inner);
            found.UnionWith(inner.Intersect(ActiveNames));
        }

        return found.Count == 0 ? null : new AppMessage("EvidencePdfActive", string.Join(", ", found.Select(n => "/" + n)));
    }

    private static AppMessage Structure(string detail) => new("EvidencePdfStructure", new AppMessage(detail));

    /// <summary>PDF white space (NUL, tab, line feed, form feed, carriage return, space).</summary>
    private static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    /// <summary>The non-negative integer after white space at the start of <paramref name="text"/>, or null.</summary>
    private static long? ReadOffset(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length && IsWhite(text[i]))
        {
            i++;
        }

        long value = 0;
        var digits = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && digits < 12; i++, digits++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return digits == 0 ? null : value;
    }

    /// <summary>Whether <paramref name="data"/> holds an indirect object header: digits, white space, digits, white space, <c>obj</c>.</summary>
    private static bool HasObject(ReadOnlySpan<byte> data)
    {
        var from = 0;
        while (from < data.Length)
        {
            var at = data[from..].IndexOf("obj"u8);
            if (at < 0)
            {
                return false;
            }

            at += from;
            var after = at + 3;
            if (after == data.Length || IsWhite(data[after]) || IsDelimiter(data[after]))
            {
                var i = at - 1;
                if (SkipBack(data, ref i, IsWhite) && SkipBack(data, ref i, IsDigit) && SkipBack(data, ref i, IsWhite) && SkipBack(data, ref i, IsDigit))
                {
                    return true;
                }
            }

            from = at + 3;
        }

        return false;

        static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

        // Steps back over at least one byte matching the test.
        static bool SkipBack(ReadOnlySpan<byte> data, ref int i, Func<byte, bool> test)
        {
            var start = i;
            while (i >= 0 && test(data[i]))
            {
                i--;
            }

            return i < start;
        }
    }

    /// <summary>The object whose <c>obj</c> keyword is at <paramref name="obj"/>, as written: "12 0 obj".</summary>
    private static string ObjectLabel(ReadOnlySpan<byte> data, int obj)
    {
        var start = obj;
        for (var group = 0; group < 2; group++)
        {
            while (start > 0 && IsWhite(data[start - 1]))
            {
                start--;
            }

            while (start > 0 && data[start - 1] is >= (byte)'0' and <= (byte)'9' && obj - start < 24)
            {
                start--;
            }
        }

        return Encoding.ASCII.GetString(data[start..(obj + 3)]).Trim();
    }

    /// <summary>Adds every name (<c>/Name</c>, with <c>#xx</c> escapes decoded) in <paramref name="data"/> to <paramref name="names"/>.</summary>
    private static void CollectNames(ReadOnlySpan<byte> data, HashSet<string> names)
    {
        var name = new StringBuilder();
        var i = 0;
        while (i < data.Length)
        {
            var slash = data[i..].IndexOf((byte)'/');
            if (slash < 0)
            {
                return;
            }

            i += slash + 1;
            name.Clear();
            while (i < data.Length && !IsWhite(data[i]) && !IsDelimiter(data[i]) && name.Length < 64)
            {
                if (data[i] == '#' && i + 2 < data.Length && IsHex(data[i + 1]) && IsHex(data[i + 2]))
                {
                    name.Append((char)((Hex(data[i + 1]) << 4) | Hex(data[i + 2])));
                    i += 3;
                }
                else
                {
                    name.Append((char)data[i]);
                    i++;
                }
            }

            if (name.Length > 0)
            {
                names.Add(name.ToString());
            }
        }

        static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

        static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }

    /// <summary>
    /// Each stream of the file: its object ("12 0 obj"), where its dictionary starts (after the last
    /// <c>obj</c> before it), and where its data starts and ends (<c>endstream</c>).
    /// </summary>
    private static List<(string Label, int Dictionary, int ContentStart, int ContentEnd)> Streams(ReadOnlySpan<byte> data)
    {
        var streams = new List<(string, int, int, int)>();
        var from = 0;
        while (from < data.Length)
        {
            var at = data[from..].IndexOf("stream"u8);
            if (at < 0)
            {
                break;
            }

            at += from;
            from = at + 6;
            var isKeyword = at < 3 || !data[(at - 3)..at].SequenceEqual("end"u8);
            var content = at + 6;
            if (!isKeyword || content >= data.Length || data[content] is not ((byte)'\r' or (byte)'\n'))
            {
                continue;
            }

            content += data[content] == '\r' && content + 1 < data.Length && data[content + 1] == '\n' ? 2 : 1;
            var close = data[content..].IndexOf("endstream"u8);
            if (close < 0)
            {
                break;
            }

            var lookBack = Math.Max(0, at - 4096);
            var obj = data[lookBack..at].LastIndexOf("obj"u8);
            var dictionary = obj < 0 ? lookBack : lookBack + obj + 3;
            streams.Add((obj < 0 ? "stream" : ObjectLabel(data, lookBack + obj), dictionary, content, content + close));
            from = content + close + 9;
        }

        return streams;
    }
}
