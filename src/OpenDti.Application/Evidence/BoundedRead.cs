namespace OpenDti.Application.Evidence;

/// <summary>Reading an uploaded file into memory up to a limit, whatever length it declares.</summary>
internal static class BoundedRead
{
    /// <summary>
    /// The bytes of <paramref name="content"/>, or null when there are more than <paramref name="maxBytes"/>: at
    /// most one chunk past the limit is read, so a huge stream is never read whole.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
