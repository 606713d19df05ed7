namespace OpenDti.Core.Text;

/// <summary>
/// What a message may repeat of a text someone sent: at most <see cref="MaxLength"/> characters and
/// "…". A refusal names what was wrong without echoing a 10 MB field back.
/// </summary>
public static class Excerpt
{
    /// <summary>The most characters of a sent text a message repeats.</summary>
    public const int MaxLength = 50;

    /// <summary>
    /// <paramref name="text"/> when it is short; otherwise its first <paramref name="maxLength"/>
    /// characters (never half of a surrogate pair) followed by "…". Null stays null.
    /// </summary>
    public static string? Of(string? text, int maxLength = MaxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
