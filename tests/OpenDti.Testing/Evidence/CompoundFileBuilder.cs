using System.Buffers.Binary;
using System.Text;

namespace OpenDti.Testing.Evidence;

/// <summary>
/// Writes a small OLE compound file ([MS-CFB] version 3, 512-byte sectors): streams of 4.096 bytes or
/// more in regular sectors, smaller ones in the mini stream, storages made from the paths given
/// ("Macros/VBA/dir"). Enough to build the legacy .doc and .xls files a test needs from bytes.
/// </summary>
public sealed class CompoundFileBuilder
{
    private const int SectorSize = 512;
    private const int MiniSectorSize = 64;
    private const int Cutoff = 4096;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint NoStream = 0xFFFFFFFF;

    private readonly List<Node> _nodes = [new Node("Root Entry", 5, null)];

    /// <summary>Adds a stream at <paramref name="path"/>, creating the storages on the way.</summary>
    public CompoundFileBuilder Stream(string path, byte[] content)
    {
        var parts = path.Split('/');
        var parent = 0;
        foreach (var storage in parts[..^1])
        {
            parent = Child(parent, storage) ?? Add(new Node(storage, 1, null), parent);
        }

        Add(new Node(parts[^1], 2, content), parent);
        return this;
    }

    /// <summary>The compound file.</summary>
    public byte[] Build()
    {
        var small = _nodes.Where(n => n.Type == 2 && n.Content!.Length < Cutoff).ToList();
        var large = _nodes.Where(n => n.Type == 2 && n.Content!.Length >= Cutoff).ToList();

        // The mini stream: each small stream from a 64-byte boundary.
        var mini = new MemoryStream();
        var miniFat = new List<uint>();
        foreach (var node in small)
        {
            node.Start = (uint)(mini.Length / MiniSectorSize);
            var sectors = Math.Max(1, Ceiling(node.Content!.Length, MiniSectorSize));
            for (var i = 0; i < sectors; i++)
            {
                miniFat.Add(i == sectors - 1 ? EndOfChain : node.Start + (uint)i + 1);
            }

            mini.Write(node.Content);
            mini.Write(new byte[(sectors * MiniSectorSize) - node.Content.Length]);
        }

        var directorySectors = Ceiling(_nodes.Count * 128, SectorSize);
        var miniFatSectors = Ceiling(miniFat.Count * 4, SectorSize);
        var miniStreamSectors = Ceiling((int)mini.Length, SectorSize);
        var largeSectors = large.Sum(n => Ceiling(n.Content!.Length, SectorSize));
        var others = directorySectors + miniFatSectors + miniStreamSectors + largeSectors;
        var fatSectors = 1;
        while (fatSectors * (SectorSize / 4) < others + fatSectors)
        {
            fatSectors++;
        }

        var fat = Enumerable.Repeat(FreeSector, fatSectors * (SectorSize / 4)).ToArray();
        var next = 0u;
        for (var i = 0; i < fatSectors; i++)
        {
            fat[next++] = FatSector;
        }

        uint Region(int count)
        {
            if (count == 0)
            {
                return EndOfChain;
            }

            var first = next;
            for (var i = 0; i < count; i++, next++)
            {
                fat[next] = i == count - 1 ? EndOfChain : next + 1;
            }

            return first;
        }

        var firstDirectory = Region(directorySectors);
        var firstMiniFat = Region(miniFatSectors);
        _nodes[0].Start = Region(miniStreamSectors);
        _nodes[0].Size = mini.Length;
        foreach (var node in large)
        {
            node.Start = Region(Ceiling(node.Content!.Length, SectorSize));
        }

        var file = new byte[(1 + fatSectors + others) * SectorSize];
        var header = file.AsSpan();
        ReadOnlySpan<byte> magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], (uint)fatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], firstDirectory);
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], Cutoff);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], firstMiniFat);
        BinaryPrimitives.WriteUInt32LittleEndian(header[64..], (uint)miniFatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + (4 * i))..], i < fatSectors ? (uint)i : FreeSector);
        }

        for (var i = 0; i < fat.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(SectorSize + (4 * i)), fat[i]);
        }

        var directory = file.AsSpan(SectorOffset(firstDirectory), directorySectors * SectorSize);
        for (var i = 0; i < directorySectors * SectorSize / 128; i++)
        {
            var entry = directory.Slice(i * 128, 128);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], NoStream);
            if (i >= _nodes.Count)
            {
                continue;
            }

            var node = _nodes[i];
            var name = Encoding.Unicode.GetBytes(node.Name);
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(name.Length + 2));
            entry[66] = node.Type;
            entry[67] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], node.Right);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], node.Child);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], node.Type == 1 ? 0 : node.Start);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[120..], (uint)(node.Type == 2 ? node.Content!.Length : node.Size));
        }

        for (var i = 0; i < miniFat.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(SectorOffset(firstMiniFat) + (4 * i)), miniFat[i]);
        }

        mini.ToArray().CopyTo(file, _nodes[0].Start == EndOfChain ? 0 : SectorOffset(_nodes[0].Start));
        foreach (var node in large)
        {
            node.Content!.CopyTo(file, SectorOffset(node.Start));
        }

        return file;
    }

    private static int SectorOffset(uint sector) => ((int)sector + 1) * SectorSize;

    private static int Ceiling(int bytes, int size) => (bytes + size - 1) / size;

    /// <summary>The child of storage <paramref name="parent"/> named <paramref name="name"/>, or null.</summary>
    private int? Child(int parent, string name)
    {
        for (var id = _nodes[parent].Child; id != NoStream; id = _nodes[(int)id].Right)
        {
            if (string.Equals(_nodes[(int)id].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return (int)id;
            }
        }

        return null;
    }

    /// <summary>
    /// Adds <paramref name="node"/> under <paramref name="parent"/>. Siblings are kept as a chain of right
    /// children in the compound file's order (shorter names first, then by upper case): a valid, if
    /// unbalanced, red-black tree whose nodes are all black.
    /// </summary>
    private int Add(Node node, int parent)
    {
        var id = (uint)_nodes.Count;
        _nodes.Add(node);
        var previous = NoStream;
        var current = _nodes[parent].Child;
        while (current != NoStream && Compare(_nodes[(int)current].Name, node.Name) < 0)
        {
            previous = current;
            current = _nodes[(int)current].Right;
        }

        node.Right = current;
        if (previous == NoStream)
        {
            _nodes[parent].Child = id;
        }
        else
        {
            _nodes[(int)previous].Right = id;
        }

        return (int)id;

        static int Compare(string a, string b) =>
            a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a.ToUpperInvariant(), b.ToUpperInvariant());
    }

    private sealed class Node(string name, byte type, byte[]? content)
    {
        public string Name { get; } = name;

        public byte Type { get; } = type;

        public byte[]? Content { get; } = content;

        public uint Right { get; set; } = NoStream;

        public uint Child { get; set; } = NoStream;

        public uint Start { get; set; } = EndOfChain;

        public long Size { get; set; }
    }
}
