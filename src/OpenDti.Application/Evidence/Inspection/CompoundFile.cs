using System.Buffers.Binary;
using System.Text;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>A storage or stream of a compound file, with its path from the root ("Macros/VBA").</summary>
/// <param name="Path">Names from the root, separated by "/".</param>
/// <param name="Name">Its own name.</param>
/// <param name="IsStorage">A storage (a folder) rather than a stream.</param>
/// <param name="Depth">0 for the root's children.</param>
/// <param name="Start">Its first sector (or mini sector).</param>
/// <param name="Size">Its size in bytes, as declared.</param>
internal sealed record CompoundEntry(string Path, string Name, bool IsStorage, int Depth, uint Start, long Size);

/// <summary>
/// The OLE compound file ([MS-CFB]) that holds a legacy .doc or .xls, read far enough to know it is
/// well formed: the header's fixed fields, the sector allocation table (every chain inside the file and
/// free of loops) and the directory tree (every entry reachable once). It reads the first bytes of a
/// stream, which is all the checks need, and never trusts a size it has not bounded by the file.
/// </summary>
internal sealed class CompoundFile
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint NoStream = 0xFFFFFFFF;
    private const int HeaderDifatEntries = 109;
    private const int MiniSectorSize = 64;
    private const int MiniStreamCutoff = 4096;
    private const int EntrySize = 128;

    private readonly byte[] _bytes;
    private readonly int _sectorSize;
    private readonly int _sectorCount;
    private readonly uint[] _fat;
    private readonly uint _firstMiniFat;
    private readonly CompoundEntry _root;

    private CompoundFile(byte[] bytes, int sectorSize, int sectorCount, uint[] fat, uint firstMiniFat, CompoundEntry root, IReadOnlyList<CompoundEntry> entries)
    {
        _bytes = bytes;
        _sectorSize = sectorSize;
        _sectorCount = sectorCount;
        _fat = fat;
        _firstMiniFat = firstMiniFat;
        _root = root;
        Entries = entries;
    }

    /// <summary>The compound file's magic number: its first eight bytes.</summary>
    public static ReadOnlySpan<byte> Magic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Every storage and stream reachable from the root, depth first.</summary>
    public IReadOnlyList<CompoundEntry> Entries { get; }

    /// <summary>
    /// Reads <paramref name="bytes"/> as a compound file; null with the resource key of what is wrong
    /// (<c>EvidenceOleHeader</c>, <c>EvidenceOleSectors</c>, <c>EvidenceOleDirectory</c>) when it is not one.
    /// </summary>
    public static CompoundFile? Read(byte[] bytes, out string? problem)
    {
        problem = "EvidenceOleHeader";
        var data = bytes.AsSpan();
        if (data.Length < 512 || !data.StartsWith(Magic))
        {
            return null;
        }

        var major = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]);
        var byteOrder = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(data[30..]);
        var miniShift = BinaryPrimitives.ReadUInt16LittleEndian(data[32..]);
        var directorySectors = BinaryPrimitives.ReadUInt32LittleEndian(data[40..]);
        var fatSectors = BinaryPrimitives.ReadUInt32LittleEndian(data[44..]);
        var firstDirectory = BinaryPrimitives.ReadUInt32LittleEndian(data[48..]);
        var cutoff = BinaryPrimitives.ReadUInt32LittleEndian(data[56..]);
        var firstMiniFat = BinaryPrimitives.ReadUInt32LittleEndian(data[60..]);
        var firstDifat = BinaryPrimitives.ReadUInt32LittleEndian(data[68..]);
        var difatSectors = BinaryPrimitives.ReadUInt32LittleEndian(data[72..]);
        if (major is not (3 or 4) || byteOrder != 0xFFFE || sectorShift != (major == 3 ? 9 : 12) || miniShift != 6
            || (major == 3 && directorySectors != 0) || cutoff != MiniStreamCutoff || fatSectors == 0)
        {
            return null;
        }

        var sectorSize = 1 << sectorShift;
        if (data.Length < sectorSize * 3)
        {
            // The header's sector, at least one sector of the allocation table and one of the directory.
            return null;
        }

        var sectorCount = (data.Length - sectorSize + sectorSize - 1) / sectorSize;
        problem = "EvidenceOleSectors";
        var perSector = sectorSize / 4;
        if (fatSectors > sectorCount || difatSectors > sectorCount)
        {
            return null;
        }

        // The sectors of the allocation table: 109 in the header, the rest in a chain of DIFAT sectors.
        var fatSectorIds = new List<uint>((int)fatSectors);
        for (var i = 0; i < Math.Min(fatSectors, HeaderDifatEntries); i++)
        {
            fatSectorIds.Add(BinaryPrimitives.ReadUInt32LittleEndian(data[(76 + (4 * i))..]));
        }

        var difat = firstDifat;
        for (var read = 0; fatSectorIds.Count < fatSectors; read++)
        {
            if (read >= difatSectors || difat >= sectorCount || !FullSector(data, sectorSize, difat))
            {
                return null;
            }

            var sector = Sector(data, sectorSize, difat);
            for (var i = 0; i < perSector - 1 && fatSectorIds.Count < fatSectors; i++)
            {
                fatSectorIds.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector[(4 * i)..]));
            }

            difat = BinaryPrimitives.ReadUInt32LittleEndian(sector[(4 * (perSector - 1))..]);
        }

        var fat = new uint[fatSectorIds.Count * perSector];
        for (var s = 0; s < fatSectorIds.Count; s++)
        {
            if (fatSectorIds[s] >= sectorCount || !FullSector(data, sectorSize, fatSectorIds[s]))
            {
                return null;
            }

            var sector = Sector(data, sectorSize, fatSectorIds[s]);
            for (var i = 0; i < perSector; i++)
            {
                fat[(s * perSector) + i] = BinaryPrimitives.ReadUInt32LittleEndian(sector[(4 * i)..]);
            }
        }

        var directoryChain = Chain(fat, sectorCount, firstDirectory);
        if (directoryChain is null || directoryChain.Count == 0)
        {
            return null;
        }

        foreach (var sector in directoryChain)
        {
            if (!FullSector(data, sectorSize, sector))
            {
                return null;
            }
        }

        problem = "EvidenceOleDirectory";
        var directory = new byte[directoryChain.Count * sectorSize];
        for (var i = 0; i < directoryChain.Count; i++)
        {
            Sector(data, sectorSize, directoryChain[i]).CopyTo(directory.AsSpan(i * sectorSize));
        }

        var entries = ReadDirectory(directory, major);
        if (entries is null)
        {
            return null;
        }

        var (rootName, rootType, _, _, rootChild, rootStart, rootSize) = entries[0];
        if (rootType != 5)
        {
            return null;
        }

        var root = new CompoundEntry(string.Empty, rootName, IsStorage: true, -1, rootStart, rootSize);
        var tree = Tree(entries, rootChild);
        if (tree is null)
        {
            return null;
        }

        problem = null;
        return new CompoundFile(bytes, sectorSize, sectorCount, fat, firstMiniFat, root, tree);
    }

    /// <summary>The stream <paramref name="name"/> directly under the root, or null.</summary>
    public CompoundEntry? RootStream(string name) =>
        Entries.FirstOrDefault(e => e.Depth == 0 && !e.IsStorage && string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The first <paramref name="count"/> bytes of <paramref name="stream"/> (fewer when it is shorter), or
    /// null when its chain leaves the file, loops or is shorter than its declared size.
    /// </summary>
    public byte[]? ReadStart(CompoundEntry stream, int count)
    {
        var wanted = (int)Math.Min(count, stream.Size);
        if (stream.Size >= MiniStreamCutoff)
        {
            var chain = Chain(_fat, _sectorCount, stream.Start);
            if (chain is null || (long)chain.Count * _sectorSize < stream.Size)
            {
                return null;
            }

            return ReadChain(_bytes, _sectorSize, chain, wanted);
        }

        // A small stream lives in the mini stream (the root's own stream), in 64-byte mini sectors
        // allocated by the mini FAT.
        var miniFatChain = Chain(_fat, _sectorCount, _firstMiniFat);
        var rootChain = Chain(_fat, _sectorCount, _root.Start);
        if (miniFatChain is null || rootChain is null || (long)rootChain.Count * _sectorSize < _root.Size)
        {
            return null;
        }

        var miniFatBytes = ReadChain(_bytes, _sectorSize, miniFatChain, miniFatChain.Count * _sectorSize);
        var miniStream = ReadChain(_bytes, _sectorSize, rootChain, (int)Math.Min(_root.Size, rootChain.Count * (long)_sectorSize));
        if (miniFatBytes is null || miniStream is null)
        {
            return null;
        }

        var miniFat = new uint[miniFatBytes.Length / 4];
        for (var i = 0; i < miniFat.Length; i++)
        {
            miniFat[i] = BinaryPrimitives.ReadUInt32LittleEndian(miniFatBytes.AsSpan(4 * i));
        }

        var miniChain = Chain(miniFat, miniStream.Length / MiniSectorSize, stream.Start);
        if (miniChain is null || (long)miniChain.Count * MiniSectorSize < stream.Size)
        {
            return null;
        }

        var result = new byte[wanted];
        for (var i = 0; i * MiniSectorSize < wanted; i++)
        {
            var length = Math.Min(MiniSectorSize, wanted - (i * MiniSectorSize));
            miniStream.AsSpan((int)miniChain[i] * MiniSectorSize, length).CopyTo(result.AsSpan(i * MiniSectorSize));
        }

        return result;
    }

    /// <summary>The sectors of the chain starting at <paramref name="start"/>, or null when it leaves the table or loops.</summary>
    private static List<uint>? Chain(uint[] table, int count, uint start)
    {
        var chain = new List<uint>();
        var sector = start;
        while (sector != EndOfChain)
        {
            if (sector >= count || sector >= table.Length || chain.Count >= count)
            {
                return null;
            }

            chain.Add(sector);
            sector = table[sector];
        }

        return chain;
    }

    private static bool FullSector(ReadOnlySpan<byte> data, int sectorSize, uint sector) => ((long)sector + 2) * sectorSize <= data.Length;

    private static ReadOnlySpan<byte> Sector(ReadOnlySpan<byte> data, int sectorSize, uint sector)
    {
        var start = ((int)sector + 1) * sectorSize;
        return data.Slice(start, Math.Min(sectorSize, data.Length - start));
    }

    private static byte[]? ReadChain(byte[] bytes, int sectorSize, List<uint> chain, int count)
    {
        var result = new byte[count];
        for (var i = 0; i * sectorSize < count; i++)
        {
            var sector = Sector(bytes, sectorSize, chain[i]);
            var length = Math.Min(sectorSize, count - (i * sectorSize));
            if (sector.Length < length)
            {
                return null;
            }

            sector[..length].CopyTo(result.AsSpan(i * sectorSize));
        }

        return result;
    }

    private static List<(string Name, byte Type, uint Left, uint Right, uint Child, uint Start, long Size)>? ReadDirectory(byte[] directory, int major)
    {
        var entries = new List<(string, byte, uint, uint, uint, uint, long)>();
        for (var offset = 0; offset + EntrySize <= directory.Length; offset += EntrySize)
        {
            var entry = directory.AsSpan(offset, EntrySize);
            var type = entry[66];
            if (type == 0)
            {
                entries.Add((string.Empty, 0, NoStream, NoStream, NoStream, 0, 0));
                continue;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
            if (type is not (1 or 2 or 5) || nameLength is < 2 or > 64 || nameLength % 2 != 0)
            {
                return null;
            }

            var name = Encoding.Unicode.GetString(entry[..(nameLength - 2)]);
            var size = major == 3 ? BinaryPrimitives.ReadUInt32LittleEndian(entry[120..]) : (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[120..]);
            entries.Add((
                name,
                type,
                BinaryPrimitives.ReadUInt32LittleEndian(entry[68..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[72..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[76..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[116..]),
                size));
        }

        return entries.Count > 0 ? entries : null;
    }

    /// <summary>
    /// The entries under the root, walking each storage's tree of children (left and right siblings, and
    /// each storage's own child); null when an id is outside the directory, an entry is reached twice or
    /// is not a storage or a stream.
    /// </summary>
    private static List<CompoundEntry>? Tree(List<(string Name, byte Type, uint Left, uint Right, uint Child, uint Start, long Size)> entries, uint rootChild)
    {
        var result = new List<CompoundEntry>();
        var seen = new HashSet<uint> { 0 };
        var pending = new Stack<(uint Id, string Parent, int Depth)>();
        if (rootChild != NoStream)
        {
            pending.Push((rootChild, string.Empty, 0));
        }

        while (pending.Count > 0)
        {
            var (id, parent, depth) = pending.Pop();
            if (id >= entries.Count || !seen.Add(id))
            {
                return null;
            }

            var entry = entries[(int)id];
            if (entry.Type is not (1 or 2))
            {
                return null;
            }

            var path = parent.Length == 0 ? entry.Name : parent + "/" + entry.Name;
            result.Add(new CompoundEntry(path, entry.Name, entry.Type == 1, depth, entry.Start, entry.Size));
            foreach (var sibling in new[] { entry.Right, entry.Left })
            {
                if (sibling != NoStream)
                {
                    pending.Push((sibling, parent, depth));
                }
            }

            if (entry.Type == 1 && entry.Child != NoStream)
            {
                pending.Push((entry.Child, path, depth + 1));
            }
        }

        return result;
    }
}
