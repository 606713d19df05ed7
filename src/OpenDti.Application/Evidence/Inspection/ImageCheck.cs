using System.Buffers.Binary;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// Images checked beyond their magic number, by walking their structure to its end: PNG chunks from
/// IHDR to IEND, JPEG segments from SOI through the scans to EOI, GIF blocks to the trailer. Nothing may
/// follow a PNG's IEND or a GIF's trailer; phones write their own data after a JPEG's EOI, so that is
/// allowed (the search for HTML reads it like the rest).
/// </summary>
internal static class ImageCheck
{
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Why a PNG is refused, or null.</summary>
    public static AppMessage? Png(ReadOnlySpan<byte> data)
    {
        var position = PngMagic.Length;
        var first = true;
        var images = 0;
        while (true)
        {
            if (position + 12 > data.Length)
            {
                return Damaged(EvidenceFileType.Png, "EvidencePngNoEnd");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = data.Slice(position + 4, 4);
            if (length > data.Length - position - 12 || !IsLetters(type) || (first && (!type.SequenceEqual("IHDR"u8) || length != 13)))
            {
                return Damaged(EvidenceFileType.Png, "EvidencePngChunks");
            }

            first = false;
            images += type.SequenceEqual("IDAT"u8) ? 1 : 0;
            position += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
        }

        if (images == 0)
        {
            return Damaged(EvidenceFileType.Png, "EvidencePngChunks");
        }

        return position == data.Length ? null : Damaged(EvidenceFileType.Png, "EvidenceImageTrailing");

        static bool IsLetters(ReadOnlySpan<byte> type)
        {
            foreach (var b in type)
            {
                if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Why a JPEG is refused, or null.</summary>
    public static AppMessage? Jpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        var frame = false;
        var scan = false;
        while (true)
        {
            while (position < data.Length && data[position] == 0xFF && position + 1 < data.Length && data[position + 1] == 0xFF)
            {
                position++;
            }

            if (position + 2 > data.Length || data[position] != 0xFF)
            {
                return Damaged(EvidenceFileType.Jpeg, scan ? "EvidenceJpegNoEnd" : "EvidenceJpegSegments");
            }

            var marker = data[position + 1];
            position += 2;
            if (marker == 0xD9)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0x00 or 0xD8 || position + 2 > data.Length)
            {
                return Damaged(EvidenceFileType.Jpeg, "EvidenceJpegSegments");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                return Damaged(EvidenceFileType.Jpeg, "EvidenceJpegSegments");
            }

            position += length;
            frame |= marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (marker != 0xDA)
            {
                continue;
            }

            // Entropy-coded data follows a scan header: 0xFF is stuffed as FF 00, restart markers are
            // FF D0 to FF D7; any other FF xx is the next marker.
            scan = true;
            while (position + 1 < data.Length
                && (data[position] != 0xFF || data[position + 1] is 0x00 or (>= 0xD0 and <= 0xD7)))
            {
                position += data[position] == 0xFF ? 2 : 1;
            }
        }

        return frame && scan ? null : Damaged(EvidenceFileType.Jpeg, "EvidenceJpegSegments");
    }

    /// <summary>Why a GIF is refused, or null.</summary>
    public static AppMessage? Gif(ReadOnlySpan<byte> data)
    {
        // Header (6) and logical screen descriptor (7), then the global colour table if its flag is set.
        if (data.Length < 13)
        {
            return Damaged(EvidenceFileType.Gif, "EvidenceGifBlocks");
        }

        var position = 13 + ColourTable(data[10]);
        var images = 0;
        while (true)
        {
            if (position >= data.Length)
            {
                return Damaged(EvidenceFileType.Gif, "EvidenceGifNoEnd");
            }

            var block = data[position++];
            if (block == 0x3B)
            {
                break;
            }

            if (block == 0x21)
            {
                position++;
            }
            else if (block == 0x2C)
            {
                if (position + 10 > data.Length)
                {
                    return Damaged(EvidenceFileType.Gif, "EvidenceGifBlocks");
                }

                position += 9 + ColourTable(data[position + 8]) + 1;
                images++;
            }
            else
            {
                return Damaged(EvidenceFileType.Gif, "EvidenceGifBlocks");
            }

            // Data sub-blocks: a size byte, that many bytes, … until a size of 0.
            while (true)
            {
                if (position >= data.Length)
                {
                    return Damaged(EvidenceFileType.Gif, "EvidenceGifNoEnd");
                }

                var size = data[position++];
                if (size == 0)
                {
                    break;
                }

                position += size;
            }
        }

        if (images == 0)
        {
            return Damaged(EvidenceFileType.Gif, "EvidenceGifBlocks");
        }

        return position == data.Length ? null : Damaged(EvidenceFileType.Gif, "EvidenceImageTrailing");

        static int ColourTable(byte flags) => (flags & 0x80) == 0 ? 0 : 3 * (1 << ((flags & 0x07) + 1));
    }

    private static AppMessage Damaged(EvidenceFileType type, string detail) => new("EvidenceImageStructure", new AppMessage(type.NameKey), new AppMessage(detail));
}
