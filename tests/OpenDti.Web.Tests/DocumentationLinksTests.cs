using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Every picture and relative link of the repository's Markdown (README, docs/, the users' guide in docs/huong-dan/)
/// points at a file that exists, and every #anchor at a heading of that file, named as GitHub names it.
/// </summary>
public sealed partial class DocumentationLinksTests
{
    private static readonly string Root = Testing.TestFrameworks.RepositoryRoot;

    [Fact]
    public void EveryPictureAndRelativeLink_PointsAtAFileAndAHeadingThatExist()
    {
        var problems = new List<string>();
        var checkedLinks = 0;
        foreach (var file in MarkdownFiles())
        {
            var lines = Prose(File.ReadAllLines(file));
            for (var number = 0; number < lines.Length; number++)
            {
                foreach (Match link in Link().Matches(lines[number]))
                {
                    var target = link.Groups["target"].Value;
                    if (target.Contains(':', StringComparison.Ordinal))
                    {
                        continue; // https:, mailto: and the like: not this repository's
                    }

                    checkedLinks++;
                    var hash = target.IndexOf('#', StringComparison.Ordinal);
                    var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
                    var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
                    var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                    var where = $"{Path.GetRelativePath(Root, file)}:{number + 1}: {target}";
                    if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    {
                        problems.Add($"{where}: no such file");
                    }
                    else if (anchor is not null && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                        && !Anchors(resolved).Contains(anchor.Normalize(NormalizationForm.FormC)))
                    {
                        problems.Add($"{where}: no heading with this anchor in {Path.GetFileName(resolved)}");
                    }
                }
            }
        }

        Assert.True(checkedLinks > 100, $"only {checkedLinks} links found: the search for Markdown files or links is broken");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void TheUsersGuide_HasAPagePerRole_AndEveryPageHasAPicture()
    {
        var guide = Path.Combine(Root, "docs", "huong-dan");
        string[] pages = ["README.md", "nguoi-ke-khai.md", "lanh-dao-don-vi.md", "can-bo-tham-dinh.md", "quan-tri-vien.md", "nguoi-xem.md", "cong-khai.md"];
        foreach (var page in pages)
        {
            var text = File.ReadAllText(Path.Combine(guide, page));
            Assert.Matches(@"!\[[^\]]+\]\(\.\./screenshots/[a-z0-9-]+\.png\)", text);
            Assert.Contains(page == "README.md" ? "" : "(README.md)", text, StringComparison.Ordinal);
        }

        var index = File.ReadAllText(Path.Combine(guide, "README.md"));
        foreach (var page in pages.Skip(1))
        {
            Assert.Contains($"]({page})", index, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Cán bộ thẩm định: thẩm định, công bố, phúc khảo", "cán-bộ-thẩm-định-thẩm-định-công-bố-phúc-khảo")]
    [InlineData("Chính quyền địa phương hai cấp (từ 01/07/2025): chuyển xã về tỉnh, sáp nhập", "chính-quyền-địa-phương-hai-cấp-từ-01072025-chuyển-xã-về-tỉnh-sáp-nhập")]
    [InlineData("The form as a workbook", "the-form-as-a-workbook")]
    [InlineData("`OpenDti:Smtp` and [mail](x.md)", "opendtismtp-and-mail")]
    [InlineData("Under load: 100 people on a 1.000-unit cohort", "under-load-100-people-on-a-1000-unit-cohort")]
    public void Anchors_AreNamedAsGitHubNamesThem(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading));

    private static IEnumerable<string> MarkdownFiles()
    {
        string[] skipped = ["bin", "obj", "node_modules", ".git", "TestResults", "BenchmarkDotNet.Artifacts"];
        return Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part)));
    }

    /// <summary>The lines with code (fenced blocks, `spans`) blanked: a link written in code is not a link.</summary>
    private static string[] Prose(string[] lines)
    {
        var prose = new string[lines.Length];
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                prose[i] = "";
                continue;
            }

            prose[i] = fenced ? "" : InlineCode().Replace(lines[i], "");
        }

        return prose;
    }

    private static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            foreach (Match html in HtmlAnchor().Matches(line))
            {
                anchors.Add(html.Groups[1].Value.Normalize(NormalizationForm.FormC));
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups[1].Value);
                var count = seen.GetValueOrDefault(slug);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }
        }

        return anchors;
    }

    /// <summary>GitHub's anchor for a heading: its text, lower case, without punctuation, spaces as hyphens.</summary>
    private static string Slug(string heading)
    {
        var text = LinkInHeading().Replace(heading.Trim().TrimEnd('#').Trim(), "$1").Replace("`", "", StringComparison.Ordinal);
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation || c == '-')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkInHeading();

    [GeneratedRegex(@"<a\s+(?:id|name)=""([^""]+)""")]
    private static partial Regex HtmlAnchor();
}
