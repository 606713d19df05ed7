namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// HTML or script behind a PDF's or an image's magic number: a file a browser would render as a page
/// if it ever sniffed it. The tags looked for (case-insensitive) never occur in a real PDF's or
/// image's bytes outside text a document shows, which a PDF keeps in strings and streams.
/// </summary>
internal static class Markup
{
    private static readonly string[] Tags = ["<!doctype html", "<html", "<head>", "<body", "<script", "<iframe", "javascript:"];

    /// <summary>Why <paramref name="bytes"/> of <paramref name="type"/> are refused for holding markup, or null.</summary>
    public static AppMessage? Find(byte[] bytes, EvidenceFileType type)
    {
        var data = bytes.AsSpan();
        for (var i = 0; i < data.Length; i++)
        {
            var at = data[i..].IndexOfAny((byte)'<', (byte)'j', (byte)'J');
            if (at < 0)
            {
                return null;
            }

            i += at;
            foreach (var tag in Tags)
            {
                if (StartsWithIgnoringCase(data[i..], tag))
                {
                    return new AppMessage("EvidenceMarkup", tag.TrimEnd('>'), new AppMessage(type.NameKey));
                }
            }
        }

        return null;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> data, string tag)
    {
        if (data.Length < tag.Length)
        {
            return false;
        }

        for (var i = 0; i < tag.Length; i++)
        {
            var b = data[i];
            if ((b is >= (byte)'A' and <= (byte)'Z' ? (char)(b | 0x20) : (char)b) != tag[i])
            {
                return false;
            }
        }

        return true;
    }
}
