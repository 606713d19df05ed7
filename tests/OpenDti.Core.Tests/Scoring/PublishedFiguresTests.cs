using System.Globalization;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Exchange.Values;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Scoring;

/// <summary>
/// The published figures of SCORING.md (seed 002, Tiền Giang, DTI 2022) reproduced through the
/// built-in dti-province-2022. The published ratios are themselves rounded, so points fed back from
/// them may differ by up to 0.02 (SCORING.md).
/// </summary>
public class PublishedFiguresTests
{
    private const decimal Tolerance = 0.02m;

    private static readonly Framework Province = BuiltInFrameworks.Get("dti-province-2022");

    /// <summary>SCORING.md's table: indicator, figures that give the published measure, published points.</summary>
    public static TheoryData<string, string, string> ScoringTable => new()
    {
        { "1.3", "a=1 b=4", "2.5" },                           // 1 of 4 documents signed by the Chairman
        { "4.9", "a=73 b=1000", "0.73" },                      // 7.3% against 50%
        { "5.6", "a=1 b=6", "1.67" },                          // 16.67%
        { "6.11", "a=8000 b=2000 c=4617 d=1000", "5.62" },      // 56.17%
        { "6.12", "a=10000 b=2000 c=1574", "8.93" },            // 35.74%, target 80%
        { "6.13", "a=5000 b=1213 c=8000 d=2000", "3.11" },      // 62.13%
        { "7.1", "a=573 b=10000", "5.73" },                    // 5.73%, target 20%
        { "7.2", "a=157 b=10000", "6.26" },                    // 1.57%, target 5%
        { "7.3", "a=142 b=10000", "1.42" },                    // 1.42%, target 10%
        { "7.6", "a=21 b=10000", "0.03" },                     // 0.21%, target 80%
        { "7.7", "a=9158 b=10000", "9.16" },                   // 91.58%
        { "7.9", "a=68 b=10000", "1.36" },                     // 0.68%, target 5%
        { "8.1", "a=593 b=10000", "1.19" },                    // 5.93%
        { "8.3", "a=38 b=10000", "0.15" },                     // 0.38%, target 50%
        { "8.5", "a=6343 b=10000", "9.06" },                   // 63.43%, target 70%
    };

    [Theory]
    [MemberData(nameof(ScoringTable))]
    public void PublishedMeasure_GivesThePublishedPoints(string indicator, string figures, string published)
    {
        var unit = new Core.Inputs.UnitInputs(Province, "TG");
        foreach (var pair in figures.Split(' '))
        {
            var (name, value) = (pair.Split('=')[0], pair.Split('=')[1]);
            Assert.Null(unit.Set(Province.FindInput(indicator, name)!, Core.Inputs.ReportedValue.OfNumber(decimal.Parse(value, CultureInfo.InvariantCulture))));
        }

        var points = ScoringEngine.Score(Province, [unit]).Units[0][indicator].Points;

        Assert.InRange(points, decimal.Parse(published, CultureInfo.InvariantCulture) - Tolerance, decimal.Parse(published, CultureInfo.InvariantCulture) + Tolerance);
    }

    [Fact]
    public void PublishedMainIndices_AddUpToThePublishedTotal() =>
        Assert.Equal(627.42m, new[] { 87.50m, 80m, 64.43m, 75.38m, 60.6m, 127.75m, 85.36m, 46.40m }.Sum());

    private static CohortScores SampleRun()
    {
        var values = ValuesCsvReader.Read(new StringReader(TestFrameworks.RepositoryFile("samples/tien-giang-2022/values.csv")), Province, "values.csv");
        var references = ReferenceCsvReader.Read(new StringReader(TestFrameworks.RepositoryFile("samples/tien-giang-2022/reference.csv")), Province, "reference.csv");
        Assert.Empty(values.Diagnostics);
        Assert.Empty(references.Diagnostics);
        return ScoringEngine.Score(Province, values.Units, new ScoringOptions { References = references.References });
    }

    [Fact]
    public void SampleRun_ReproducesThePublishedMainIndicesAndTotal()
    {
        var unit = SampleRun().Units.Single();
        decimal[] published = [87.50m, 80m, 64.43m, 75.38m, 60.6m, 127.75m, 85.36m, 46.40m];

        for (var i = 0; i < published.Length; i++)
        {
            Assert.InRange(unit[Province.MainIndices[i]].Points, published[i] - Tolerance, published[i] + Tolerance);
        }

        Assert.InRange(unit.Total, 627.42m - Tolerance, 627.42m + Tolerance);
        Assert.True(unit.Complete);
    }

    /// <summary>Every indicator point seed 002 publishes for Tiền Giang (section III and the appendix).</summary>
    public static TheoryData<string, string> PublishedIndicatorPoints => new()
    {
        { "1.2", "5" }, { "1.3", "2.5" }, { "2.8", "0" }, { "2.9", "0" },
        { "3.1", "6.37" }, { "3.2", "8.5" }, { "3.3", "7.42" }, { "3.5.2", "0" }, { "3.6", "7.14" },
        { "4.5", "4.33" }, { "4.6", "10" }, { "4.9", "0.73" }, { "4.11", "0.32" },
        { "5.1", "6.33" }, { "5.6", "1.67" }, { "5.7", "5" }, { "5.9", "0" }, { "5.10", "0" }, { "5.12", "2.6" },
        { "6.2", "0" }, { "6.7", "4" }, { "6.9", "5.58" }, { "6.10", "0" }, { "6.11", "5.62" }, { "6.12", "8.93" },
        { "6.13", "3.11" }, { "6.16", "0" }, { "6.20", "0" }, { "6.21", "5" }, { "6.22", "5.53" },
        { "7.1", "5.73" }, { "7.2", "6.26" }, { "7.3", "1.42" }, { "7.6", "0.03" }, { "7.7", "9.16" }, { "7.9", "1.36" }, { "7.10", "3.73" },
        { "8.1", "1.19" }, { "8.3", "0.15" }, { "8.4", "0" }, { "8.5", "9.06" }, { "8.6", "0" }, { "8.7", "0" }, { "8.8", "13.93" },
    };

    [Theory]
    [MemberData(nameof(PublishedIndicatorPoints))]
    public void SampleRun_ReproducesEveryPublishedIndicator(string indicator, string published) =>
        Assert.Equal(decimal.Parse(published, CultureInfo.InvariantCulture), SampleRun().Units.Single()[indicator].Points);

    [Fact]
    public void SampleRun_ExplainsTargetAsInScoringMd()
    {
        var scores = SampleRun();

        var explanation = scores.Explain(scores.Units.Single(), Province.FindNode("6.12")!);

        Assert.Equal("Tỷ lệ = (b + c)/a = (2.000 + 1.572)/10.000 = 35,72% < 80% nên Điểm = 35,72%/80% × 20 = 8,93", explanation.Text);
    }

    [Fact]
    public void SampleRun_SaysWhichPointsAreProvisional()
    {
        var scores = SampleRun();
        var unit = scores.Units.Single();

        Assert.True((unit["1.1"].Flags & ScoreFlags.Provisional) != 0);
        Assert.True((unit["1"].Flags & ScoreFlags.ContainsProvisional) != 0);
        Assert.EndsWith("(điểm tạm tính)", scores.Explain(unit, Province.FindNode("1.1")!).Text, StringComparison.Ordinal);
        Assert.False((unit["1.3"].Flags & ScoreFlags.Provisional) != 0);
    }
}
