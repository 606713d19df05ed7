using System.Buffers;

namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// What unpacking one file may cost: the bytes every part inflates to are counted as they come out of
/// the decompressor, never taken from what a header declares, and unpacking stops at the first limit
/// passed (<see cref="EvidenceOptions.MaxUnpackedBytes"/>, <see cref="EvidenceOptions.MaxEntryCompressionRatio"/>,
/// <see cref="EvidenceOptions.MaxCompressionRatio"/>). Nothing but the parts asked for is kept in memory.
/// </summary>
/// <param name="options">The limits.</param>
/// <param name="fileLength">The size of the whole file, the base of the overall ratio.</param>
internal sealed class UnpackBudget(EvidenceOptions options, long fileLength)
{
    /// <summary>Ratios are judged only past this many bytes: a small part may compress very well and harm nobody.</summary>
    public const long RatioFloor = 1024 * 1024;

    /// <summary>The bytes unpacked so far, all parts together.</summary>
    public long Total { get; private set; }

    /// <summary>
    /// Reads <paramref name="source"/> (the decompressor of part <paramref name="part"/>, which holds
    /// <paramref name="packedSize"/> packed bytes) to its end, counting what it gives; copies it into
    /// <paramref name="keep"/> when given, up to <paramref name="keepLimit"/> bytes. The bytes given, and
    /// why unpacking stopped when a limit was passed or the data was damaged.
    /// </summary>
    public (long Produced, AppMessage? Refusal) Unpack(string part, Stream source, long packedSize, MemoryStream? keep = null, long keepLimit = 0)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long produced = 0;
        try
        {
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                produced += read;
                Total += read;
                if (Total > options.MaxUnpackedBytes)
                {
                    return (produced, new AppMessage("EvidencePackageTooLarge", new SizeText(options.MaxUnpackedBytes), part));
                }

                if (produced > RatioFloor && produced > (long)options.MaxEntryCompressionRatio * Math.Max(packedSize, 1))
                {
                    return (produced, new AppMessage("EvidencePackageEntryRatio", part, options.MaxEntryCompressionRatio));
                }

                if (Total > RatioFloor && Total > (long)options.MaxCompressionRatio * Math.Max(fileLength, 1))
                {
                    return (produced, new AppMessage("EvidencePackageRatio", options.MaxCompressionRatio, part));
                }

                if (keep is not null)
                {
                    if (keep.Length + read > keepLimit)
                    {
                        return (produced, new AppMessage("EvidencePackagePartTooLarge", part, new SizeText(keepLimit)));
                    }

                    keep.Write(buffer, 0, read);
                }
            }

            return (produced, null);
        }
        catch (InvalidDataException)
        {
            return (produced, new AppMessage("EvidencePackageDamaged", part));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
