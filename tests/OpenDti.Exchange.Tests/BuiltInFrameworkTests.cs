using OpenDti.Core.Frameworks;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Exchange.Tests;

/// <summary>The built-in frameworks load without any problem, add up, and keep their provisional points explained.</summary>
public class BuiltInFrameworkTests
{
    public static TheoryData<string> Codes() => new(BuiltInFrameworks.Codes);

    [Theory]
    [MemberData(nameof(Codes))]
    public void BuiltIn_LoadsWithoutErrorsOrWarnings(string code)
    {
        var result = BuiltInFrameworks.Load(code);

        Assert.Empty(result.Diagnostics.Select(d => d.ToLine()));
        Assert.Equal(code, result.Framework!.Code);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void BuiltIn_PointsAddUpToItsTotal(string code)
    {
        var framework = BuiltInFrameworks.Get(code);

        // The commune framework of 2025 is worth what its source table adds up to (CommuneFrameworkTests).
        Assert.Equal(code == "dti-commune-2025" ? 960m : 1000m, framework.TotalPoints);
        Assert.Equal(framework.TotalPoints, framework.Roots.Sum(r => r.MaxPoints));
        Assert.All(framework.Nodes.Where(n => !n.IsLeaf), node =>
        {
            var sum = node.Children.Sum(c => c.MaxPoints);
            Assert.True(sum == node.MaxPoints || (node.Capped && sum > node.MaxPoints), $"{code} {node.Code}: {sum} vs {node.MaxPoints}");
        });
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void BuiltIn_ProvisionalPoints_SayWhereTheyComeFrom(string code) =>
        Assert.All(BuiltInFrameworks.Get(code).Nodes.Where(n => n.Provisional), n => Assert.False(string.IsNullOrWhiteSpace(n.ProvisionalNote)));

    [Theory]
    [MemberData(nameof(Codes))]
    public void BuiltIn_RoundTripsThroughYaml(string code)
    {
        var framework = BuiltInFrameworks.Get(code);

        var reloaded = FrameworkLoader.Load(FrameworkYamlWriter.Write(framework.Definition), code + ".yaml");

        Assert.Equal(FrameworkJsonWriter.Write(framework), FrameworkJsonWriter.Write(reloaded.Framework!));
    }

    /// <summary>The reference table of ../shared (beside the clone in CI), or a skip that says why.</summary>
    private static string ReferenceTable()
    {
        var path = Path.Combine(Testing.TestFrameworks.RepositoryRoot, "..", "shared", "reference", "frameworks", "dti-province-2022.csv");
        if (!File.Exists(path))
        {
            Assert.Skip($"The reference table {Path.GetFullPath(path)} is not beside this clone; CI provides it.");
        }

        return path;
    }

    [Fact]
    public void Province_HasEveryIndicatorOfTheReference()
    {
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        var reference = File.ReadLines(ReferenceTable())
            .Skip(1)
            .Select(line => line.Split(',')[0])
            .Where(code => code is not ("6.22.1" or "6.22.2"))
            .ToArray();

        Assert.Equal(reference.Order(IndicatorCode.StringComparer), framework.Nodes.Select(n => n.Code.Value).Order(IndicatorCode.StringComparer));
        Assert.Equal(8, framework.MainIndices.Count);
        Assert.Equal([100m, 100m, 100m, 100m, 100m, 200m, 150m, 150m], framework.MainIndices.Select(m => m.MaxPoints));
    }

    [Fact]
    public void Province_KeepsEveryPublishedMaxPoint()
    {
        var framework = BuiltInFrameworks.Get("dti-province-2022");
        var published = File.ReadLines(ReferenceTable())
            .Skip(1)
            .Select(ParseCsvLine)
            .Where(cells => cells[4].Length > 0)
            .ToArray();

        Assert.All(published, cells =>
        {
            var node = framework.FindNode(cells[0])!;
            Assert.Equal(decimal.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture), node.MaxPoints);
            Assert.False(node.Provisional, $"{cells[0]} has published points");
        });
        Assert.All(framework.Nodes.Where(n => n.Provisional), n => Assert.DoesNotContain(published, p => p[0] == n.Code.Value));
    }

    [Fact]
    public void Department_FollowsSeed003()
    {
        var framework = BuiltInFrameworks.Get("dti-department-2022");

        Assert.Equal(2, framework.Roots.Count);
        Assert.All(framework.Roots, r => Assert.Equal(NodeKind.Group, r.Kind));
        Assert.Equal(6, framework.MainIndices.Count);
        Assert.Equal(41, framework.Leaves.Count);
        Assert.True(framework.FindNode("6")!.Capped);
    }

    [Fact]
    public void District_HasTheEightMainIndices_AllProvisional()
    {
        var framework = BuiltInFrameworks.Get("dti-district-2023");

        Assert.Equal([100m, 100m, 100m, 100m, 100m, 200m, 150m, 150m], framework.MainIndices.Select(m => m.MaxPoints));
        Assert.All(framework.Nodes, n => Assert.True(n.Provisional, $"{n.Code} should be provisional"));
    }

    private static string[] ParseCsvLine(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells.ToArray();
    }
}
