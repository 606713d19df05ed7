using System.Globalization;
using System.Text;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Exchange.Tests;

/// <summary>
/// The built-in commune framework of 2025 (issue 17, point 3): it is the reference table of
/// ../shared/reference/frameworks/commune-2025-example.csv row by row, every rule scores 0 on nothing and full
/// points at or over its threshold, and every rule written from an indicator's wording says so.
/// </summary>
public class CommuneFrameworkTests
{
    private const string Code = "dti-commune-2025";

    private static Framework Framework => BuiltInFrameworks.Get(Code);

    public static TheoryData<string> Leaves() => new(BuiltInFrameworks.Get(Code).Leaves.Select(l => l.Code.Value));

    [Fact]
    public void Commune_LoadsAndCompiles_AsABuiltInOfTheCommuneLevel()
    {
        var result = BuiltInFrameworks.Load(Code);

        Assert.Empty(result.Diagnostics.Select(d => d.ToLine()));
        Assert.Contains(Code, BuiltInFrameworks.Codes);
        var framework = result.Framework!;
        Assert.Equal((FrameworkLevel.Commune, 2025, "Bộ chỉ số đánh giá chuyển đổi số cấp xã năm 2025"), (framework.Level, framework.Year, framework.Name));
        Assert.Equal(6, framework.MainIndices.Count);
        Assert.Equal(62, framework.Leaves.Count);
        Assert.All(framework.Leaves, leaf => Assert.NotNull(leaf.Rule));
    }

    [Fact]
    public void Commune_IsTheReferenceTable_RowByRow()
    {
        var rows = ReferenceRows();
        Assert.Equal(62, rows.Count);

        // Codes, names (as written, typos included) and max points, in the file's order.
        Assert.Equal(
            rows.Select(r => (r.Code, r.Name, r.MaxPoints)),
            Framework.Leaves.Select(l => (l.Code.Value, l.Name, l.MaxPoints)));

        // Every indicator sits under its group, and the groups are the main indices in the file's order.
        Assert.Equal(rows.Select(r => r.Group).Distinct(), Framework.MainIndices.Select(m => m.Name));
        Assert.All(rows, r => Assert.Equal(r.Group, Framework.FindNode(r.Code)!.Parent!.Name));
    }

    [Fact]
    public void Commune_TotalsAddUp_ToTheReferenceTable()
    {
        var rows = ReferenceRows();

        Assert.Equal(960m, rows.Sum(r => r.MaxPoints));
        Assert.Equal(rows.Sum(r => r.MaxPoints), Framework.TotalPoints);
        Assert.Equal([80m, 100m, 100m, 520m, 80m, 80m], Framework.MainIndices.Select(m => m.MaxPoints));
        Assert.All(Framework.MainIndices, m => Assert.Equal(rows.Where(r => r.Group == m.Name).Sum(r => r.MaxPoints), m.MaxPoints));
        Assert.Equal(Framework.TotalPoints, Framework.MainIndices.Sum(m => m.MaxPoints));
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Commune_EveryIndicator_ScoresZeroWithNothingReported(string code)
    {
        var leaf = Framework.FindNode(code)!;

        var score = Score(new UnitInputs(Framework, "XA-1"))[leaf];

        Assert.Equal(0m, score.Points);
        Assert.True(score.Flags.HasFlag(ScoreFlags.NotReported), $"{code}: {score.Flags}");
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Commune_EveryIndicator_ScoresFullPointsAtOrOverItsThreshold(string code)
    {
        // Every number the same (a part equal to its whole, a ratio of 100%, a count of 100), every percentage
        // 100%, every yes/no "có", every choice its best option: at or over any threshold a rule can have.
        var leaf = Framework.FindNode(code)!;
        var inputs = new UnitInputs(Framework, "XA-1");
        foreach (var input in leaf.Inputs)
        {
            var value = input.Kind switch
            {
                InputKind.YesNo => ReportedValue.OfAnswer(true),
                InputKind.Choice => ReportedValue.OfOption(input.Options.MaxBy(o => o.Fraction)!.Key),
                _ => ReportedValue.OfNumber(input.IsPercent ? 1m : 100m),
            };
            Assert.Null(inputs.Set(input, value));
        }

        var score = Score(inputs)[leaf];

        Assert.Equal(leaf.MaxPoints, score.Points);
        Assert.Equal(leaf.MaxPoints, Score(inputs).Total);
    }

    /// <summary>The thresholds below 100%: points at the threshold and just under it.</summary>
    [Theory]
    [InlineData("1.3", "a=80;b=100", 10, "a=79;b=100", 9.88)]
    [InlineData("1.4", "a=4", 20, "a=3", 15)]
    [InlineData("4.3", "a=800;b=1000", 20, "a=799;b=1000", 19.98)]
    [InlineData("4.4", "a=80;b=100", 20, "a=40;b=100", 10)]
    [InlineData("4.22.10", "a=20", 30, "a=19", 15)]
    [InlineData("4.22.10", "a=1", 7.5, "a=0", 0)]
    [InlineData("5.1", "a=20%", 20, "a=10%", 10)]
    [InlineData("5.3", "a=10%", 20, "a=9%", 18)]
    [InlineData("5.4", "a=40;b=50", 20, "a=20;b=50", 10)]
    [InlineData("6.2", "a=800;b=1000", 10, "a=400;b=1000", 5)]
    [InlineData("6.3", "a=500;b=1000", 10, "a=250;b=1000", 5)]
    [InlineData("1.6", "trien_khai=da_van_hanh", 10, "trien_khai=dang_trien_khai", 5)]
    [InlineData("4.22.6", "da_xay_dung=có;da_trien_khai=có", 20, "da_xay_dung=có;da_trien_khai=không", 10)]
    public void Commune_Threshold_GivesFullPointsThereAndLessUnder(string code, string at, double full, string under, double less)
    {
        Assert.Equal((decimal)full, Points(code, at));
        Assert.Equal((decimal)less, Points(code, under));
    }

    /// <summary>Where the wording counts only what the commune has (own systems, tasks given, feedback), having none is not a loss.</summary>
    [Theory]
    [InlineData("3.1")]
    [InlineData("3.2")]
    [InlineData("3.3")]
    [InlineData("4.22.1")]
    [InlineData("4.22.5")]
    [InlineData("6.6")]
    [InlineData("6.7")]
    public void Commune_NothingToCount_GivesFullPoints(string code) =>
        Assert.Equal(Framework.FindNode(code)!.MaxPoints, Points(code, "a=0;b=0"));

    [Fact]
    public void Commune_EveryRuleWrittenFromWording_IsMarkedProvisional_AndSaysSo()
    {
        Assert.All(Framework.Leaves, leaf =>
        {
            Assert.True(leaf.Provisional, leaf.Code.Value);
            Assert.StartsWith("Quy tắc tạm tính: tệp nguồn chỉ cho tên và điểm tối đa", leaf.ProvisionalNote, StringComparison.Ordinal);
            Assert.Contains("viết từ nội dung của chỉ số", leaf.ProvisionalNote, StringComparison.Ordinal);
        });

        // The groups' points are the file's (sums of its rows), not provisional; they contain provisional rules.
        Assert.All(Framework.MainIndices, m => Assert.True(!m.Provisional && m.ContainsProvisional, m.Code.Value));
    }

    [Fact]
    public void Commune_EveryIndicatorSaysWhatToDoAndWhatToShow()
    {
        Assert.All(Framework.Leaves, leaf =>
        {
            Assert.False(string.IsNullOrWhiteSpace(leaf.Guidance), leaf.Code.Value);
            Assert.False(string.IsNullOrWhiteSpace(leaf.Evidence), leaf.Code.Value);
        });
    }

    private static decimal Points(string code, string values)
    {
        var leaf = Framework.FindNode(code)!;
        var inputs = new UnitInputs(Framework, "XA-1");
        foreach (var pair in values.Split(';'))
        {
            var (name, text) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var input = Framework.FindInput(code, name)!;
            var value = input.Kind switch
            {
                InputKind.YesNo => ReportedValue.OfAnswer(text == "có"),
                InputKind.Choice => ReportedValue.OfOption(text),
                _ when text.EndsWith('%') => ReportedValue.OfNumber(decimal.Parse(text[..^1], CultureInfo.InvariantCulture) / 100m),
                _ => ReportedValue.OfNumber(decimal.Parse(text, CultureInfo.InvariantCulture)),
            };
            Assert.Null(inputs.Set(input, value));
        }

        return Score(inputs)[leaf].Points;
    }

    private static UnitScores Score(UnitInputs inputs) => ScoringEngine.Score(Framework, [inputs]).Units.Single();

    private sealed record Row(string Code, string Group, string Name, decimal MaxPoints);

    /// <summary>The reference table of ../shared (beside the clone in CI), or a skip that says why.</summary>
    private static List<Row> ReferenceRows()
    {
        var path = Path.Combine(Testing.TestFrameworks.RepositoryRoot, "..", "shared", "reference", "frameworks", "commune-2025-example.csv");
        if (!File.Exists(path))
        {
            Assert.Skip($"The reference table {Path.GetFullPath(path)} is not beside this clone; CI provides it.");
        }

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal(["code", "main_index", "name_vi", "max_points"], Fields(lines[0]));
        return lines.Skip(1).Where(l => l.Length > 0).Select(Fields)
            .Select(f => new Row(f[0], f[1], f[2], decimal.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>The fields of one CSV line: commas separate, double quotes enclose a field with commas ("" is a quote).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
