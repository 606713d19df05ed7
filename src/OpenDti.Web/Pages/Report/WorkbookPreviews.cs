using Microsoft.Extensions.Caching.Memory;

namespace OpenDti.Web.Pages.Report;

/// <summary>
/// The form workbooks previewed and waiting for "Áp dụng", kept in this instance's memory for 30 minutes.
/// At most 256 MB of files are kept all together, so that previews sent over and over cannot fill the
/// server's memory; past it a new preview is still shown but must be uploaded again to be applied.
/// </summary>
public sealed class WorkbookPreviews : IDisposable
{
    /// <summary>How long a preview waits for "Áp dụng".</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(30);

    /// <summary>The bytes of all previews kept together, at most.</summary>
    public const long ByteLimit = 256L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = ByteLimit });

    /// <summary>Keeps <paramref name="bytes"/> (named <paramref name="fileName"/>) under <paramref name="key"/>.</summary>
    public void Keep(string key, string? fileName, byte[] bytes) =>
        _cache.Set(key, (fileName, bytes), new MemoryCacheEntryOptions { Size = Math.Max(1, bytes.LongLength), AbsoluteExpirationRelativeToNow = Kept });

    /// <summary>The preview kept under <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out (string? FileName, byte[] Bytes) kept)
    {
        if (_cache.TryGetValue(key, out (string? FileName, byte[] Bytes) found))
        {
            kept = found;
            return true;
        }

        kept = default;
        return false;
    }

    /// <summary>Forgets the preview under <paramref name="key"/>.</summary>
    public void Remove(string key) => _cache.Remove(key);

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
