using System.Globalization;
using System.Text;

namespace OpenDti.Application.Lists;

/// <summary>Text compared the way people search it: without accents and case, so that "dau tu" finds "Đầu tư".</summary>
public static class TextFold
{
    /// <summary><paramref name="text"/> without its accents (đ as d), in lower case.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="foldedSearch"/> (already <see cref="Fold"/>ed), accents and case aside.</summary>
    public static bool Contains(string? text, string foldedSearch) =>
        foldedSearch.Length == 0 || Fold(text).Contains(foldedSearch, StringComparison.Ordinal);
}
