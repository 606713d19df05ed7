using System.Globalization;
using System.Text;
using OpenDti.Data.Evidence;

namespace OpenDti.Application.Evidence;

/// <summary>
/// File names as sent by browsers and scripts, made safe to store and to send back: no folder
/// (some browsers send "C:\Users\...\a.pdf"), no control characters, no invisible formatting
/// characters, composed Unicode (macOS sends Vietnamese letters decomposed), at most
/// <see cref="EvidenceLimits.FileName"/> characters with the extension kept.
/// </summary>
/// <remarks>
/// Invisible formatting characters (Unicode category Cf) are removed: the bidirectional controls
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that make "hoá đơn\u202Efdp.exe" display as
/// "hoá đơnexe.pdf", and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF) that make two names
/// look the same. The extension is read from the cleaned name, so what is checked is what is shown.
/// </remarks>
public static class EvidenceFileName
{
    /// <summary>The safe form of <paramref name="name"/>; empty when nothing is left.</summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var last = name.Replace('\\', '/').Split('/')[^1];
        var builder = new StringBuilder(last.Length);
        for (var i = 0; i < last.Length; i++)
        {
            var c = last[i];
            if (char.IsSurrogate(c))
            {
                // A pair is kept whole unless it is invisible (the tag characters U+E0000–U+E007F); a lone
                // half, which no encoding can write, is dropped.
                if (char.IsHighSurrogate(c) && i + 1 < last.Length && char.IsLowSurrogate(last[i + 1]))
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(last, i) != UnicodeCategory.Format)
                    {
                        builder.Append(c).Append(last[i + 1]);
                    }

                    i++;
                }
            }
            else if (!char.IsControl(c) && !IsInvisible(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))
            {
                builder.Append(c);
            }
        }

        // Composed after the removal: a zero-width character between a letter and its accent would otherwise keep them apart.
        var clean = builder.ToString().Normalize(NormalizationForm.FormC).Trim().TrimStart('.').Trim();
        if (clean.Length <= EvidenceLimits.FileName)
        {
            return clean;
        }

        var extension = Extension(clean);
        var stem = clean[..^extension.Length];
        var keep = EvidenceLimits.FileName - extension.Length;
        if (char.IsHighSurrogate(stem[keep - 1]))
        {
            keep--;
        }

        return stem[..keep].TrimEnd() + extension;
    }

    /// <summary>Whether <paramref name="c"/> is an invisible formatting character (bidirectional control, zero-width character, …).</summary>
    public static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>The extension of <paramref name="name"/> with its dot (".pdf"), or empty.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 || name.Length - dot > 16 ? string.Empty : name[dot..];
    }
}
