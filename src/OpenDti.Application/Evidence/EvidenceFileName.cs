using System.Text;
using OpenDti.Data.Evidence;

namespace OpenDti.Application.Evidence;

/// <summary>
/// File names as sent by browsers and scripts, made safe to store and to send back: no folder
/// (some browsers send "C:\Users\...\a.pdf"), no control characters, composed Unicode (macOS sends
/// Vietnamese letters decomposed), at most <see cref="EvidenceLimits.FileName"/> characters with the
/// extension kept.
/// </summary>
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
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            if (!char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))
            {
                builder.Append(c);
            }
        }

        var clean = builder.ToString().Trim().TrimStart('.').Trim();
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

    /// <summary>The extension of <paramref name="name"/> with its dot (".pdf"), or empty.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 || name.Length - dot > 16 ? string.Empty : name[dot..];
    }
}
