using System.Globalization;
using OpenDti.Core.Text;

namespace OpenDti.Application.Evidence;

/// <summary>Several messages as one, separated by "; ".</summary>
/// <param name="Parts">The messages.</param>
internal sealed record JoinedText(IReadOnlyList<ILocalizable> Parts) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) => string.Join("; ", Parts.Select(p => p.ToString(language)));
}

/// <summary>A size as people read it: "10 MB", "512 KB", "900 byte", numbers in the reader's format.</summary>
/// <param name="Bytes">The size in bytes.</param>
public sealed record SizeText(long Bytes) : ILocalizable
{
    private const long Kilobyte = 1024;
    private const long Megabyte = 1024 * 1024;

    /// <inheritdoc />
    public string ToString(Language language) => Bytes switch
    {
        >= Megabyte => NumberText.Number((decimal)Bytes / Megabyte, language, 2) + " MB",
        >= Kilobyte => NumberText.Number((decimal)Bytes / Kilobyte, language, 1) + " KB",
        _ => Bytes.ToString(CultureInfo.InvariantCulture) + (language == Language.English ? " bytes" : " byte"),
    };
}

/// <summary>A size in megabytes, as quotas are read: "195,5 MB", "200 MB" (at most two decimals, the reader's format).</summary>
/// <param name="Bytes">The size in bytes.</param>
public sealed record MegabytesText(long Bytes) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) => NumberText.Number((decimal)Bytes / (1024 * 1024), language, 2) + " MB";
}
