using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>An entry of a ZIP's central directory, as declared (sizes are claims until unpacked).</summary>
/// <param name="Name">Its name (a part name in an Office package: "word/document.xml").</param>
/// <param name="RawName">The name's bytes, to compare with the local header's.</param>
/// <param name="Flags">General-purpose flags (bit 0: encrypted).</param>
/// <param name="Method">Compression method: 0 stored, 8 deflate.</param>
/// <param name="PackedSize">The compressed size declared.</param>
/// <param name="DeclaredSize">The uncompressed size declared.</param>
/// <param name="LocalHeader">Where its local header starts.</param>
internal sealed record ZipEntry(string Name, byte[] RawName, ushort Flags, ushort Method, long PackedSize, long DeclaredSize, long LocalHeader);

/// <summary>
/// A ZIP read from its bytes, without <see cref="ZipArchive"/>: the central directory as declared, and
/// each entry unpacked on demand through a plain <see cref="DeflateStream"/> so that what it really holds
/// is counted. <see cref="ZipArchive"/> stops an entry at its declared size, which would hide a bomb that
/// declares a small one; here the declared size is only compared with what came out.
/// </summary>
internal sealed class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;
    private const int EndSize = 22;
    private const int CentralSize = 46;
    private const int LocalSize = 30;

    private readonly byte[] _bytes;
    private readonly long _directoryStart;

    private ZipDirectory(byte[] bytes, long directoryStart, IReadOnlyList<ZipEntry> entries)
    {
        _bytes = bytes;
        _directoryStart = directoryStart;
        Entries = entries;
    }

    /// <summary>Every entry, in directory order.</summary>
    public IReadOnlyList<ZipEntry> Entries { get; }

    /// <summary>
    /// The directory of <paramref name="bytes"/>, or null when it cannot be read: no end record, a
    /// directory outside the file or inconsistent with its end record, several disks or ZIP64 (an evidence
    /// file is far too small to need it).
    /// </summary>
    public static ZipDirectory? Read(byte[] bytes)
    {
        var data = bytes.AsSpan();
        var end = -1;
        for (var i = data.Length - EndSize; i >= Math.Max(0, data.Length - EndSize - ushort.MaxValue); i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) == EndSignature)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            return null;
        }

        var disk = BinaryPrimitives.ReadUInt16LittleEndian(data[(end + 4)..]);
        var directoryDisk = BinaryPrimitives.ReadUInt16LittleEndian(data[(end + 6)..]);
        var onDisk = BinaryPrimitives.ReadUInt16LittleEndian(data[(end + 8)..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(data[(end + 10)..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(data[(end + 12)..]);
        long start = BinaryPrimitives.ReadUInt32LittleEndian(data[(end + 16)..]);
        if (disk != 0 || directoryDisk != 0 || onDisk != count || count == ushort.MaxValue || size == uint.MaxValue || start == uint.MaxValue
            || start + size > end)
        {
            return null;
        }

        var entries = new List<ZipEntry>();
        var position = start;
        while (position < start + size)
        {
            if (position + CentralSize > start + size || BinaryPrimitives.ReadUInt32LittleEndian(data[(int)position..]) != CentralSignature)
            {
                return null;
            }

            var record = data[(int)position..];
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
            long packed = BinaryPrimitives.ReadUInt32LittleEndian(record[20..]);
            long declared = BinaryPrimitives.ReadUInt32LittleEndian(record[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(record[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(record[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(record[32..]);
            long local = BinaryPrimitives.ReadUInt32LittleEndian(record[42..]);
            var next = position + CentralSize + nameLength + extraLength + commentLength;
            if (next > start + size || packed == uint.MaxValue || declared == uint.MaxValue || local == uint.MaxValue)
            {
                return null;
            }

            var raw = record.Slice(CentralSize, nameLength).ToArray();
            // Bit 11: the name is UTF-8; otherwise code page 437, whose ASCII half is all a part name uses.
            var name = (flags & 0x800) != 0 ? Encoding.UTF8.GetString(raw) : Encoding.Latin1.GetString(raw);
            entries.Add(new ZipEntry(name, raw, flags, method, packed, declared, local));
            position = next;
        }

        return entries.Count == count ? new ZipDirectory(bytes, start, entries) : null;
    }

    /// <summary>
    /// Unpacks <paramref name="entry"/> through <paramref name="budget"/>, keeping its bytes in
    /// <paramref name="keep"/> (up to <paramref name="keepLimit"/>) when given; why it is refused, or null.
    /// An entry whose local header disagrees with the directory, that lies outside the file, is encrypted,
    /// uses another method than stored or deflate, or whose content is not the size it declares is refused.
    /// </summary>
    public AppMessage? Unpack(ZipEntry entry, UnpackBudget budget, MemoryStream? keep = null, long keepLimit = 0)
    {
        var data = _bytes.AsSpan();
        if ((entry.Flags & 0x1) != 0)
        {
            return new AppMessage("EvidencePackageEncrypted", entry.Name);
        }

        if (entry.Method is not (0 or 8))
        {
            return new AppMessage("EvidencePackageMethod", entry.Name, entry.Method);
        }

        if (entry.LocalHeader + LocalSize > _directoryStart
            || BinaryPrimitives.ReadUInt32LittleEndian(data[(int)entry.LocalHeader..]) != LocalSignature)
        {
            return new AppMessage("EvidencePackageDamaged", entry.Name);
        }

        var local = data[(int)entry.LocalHeader..];
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(local[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
        var dataStart = entry.LocalHeader + LocalSize + nameLength + extraLength;
        if (dataStart + entry.PackedSize > _directoryStart || !local.Slice(LocalSize, nameLength).SequenceEqual(entry.RawName))
        {
            return new AppMessage("EvidencePackageDamaged", entry.Name);
        }

        using var packed = new MemoryStream(_bytes, (int)dataStart, (int)entry.PackedSize, writable: false);
        using var source = entry.Method == 8 ? new DeflateStream(packed, CompressionMode.Decompress) : (Stream)packed;
        var (produced, refusal) = budget.Unpack(entry.Name, source, entry.PackedSize, keep, keepLimit);
        if (refusal is not null)
        {
            return refusal;
        }

        return produced == entry.DeclaredSize
            ? null
            : new AppMessage("EvidencePackageSizeMismatch", entry.Name, (decimal)entry.DeclaredSize, (decimal)produced);
    }
}
