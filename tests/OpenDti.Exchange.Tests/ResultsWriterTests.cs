using System.Text.Json;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Results;
using OpenDti.Exchange.Values;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Exchange.Tests;

public class ResultsWriterTests
{
    private static CohortScores SampleScores()
    {
        var framework = FrameworkLoader.Load(TestFrameworks.RepositoryFile("samples/frameworks/example.yaml"), "example.yaml").Framework!;
        var values = ValuesCsvReader.Read(new StringReader(TestFrameworks.RepositoryFile("samples/example/values.csv")), framework);
        return ScoringEngine.Score(framework, values.Units);
    }

    [Fact]
    public void Json_HasTheDocumentedShape()
    {
        using var json = JsonDocument.Parse(ScoresJsonWriter.Write(SampleScores(), explain: true));
        var root = json.RootElement;

        Assert.Equal("vi-du-2024", root.GetProperty("framework").GetString());
        var unit = root.GetProperty("units")[0];
        Assert.Equal("SO-A", unit.GetProperty("unit").GetString());
        Assert.Equal(61.91m, unit.GetProperty("total").GetDecimal());
        Assert.Equal(1, unit.GetProperty("rank").GetInt32());
        Assert.True(unit.GetProperty("complete").GetBoolean());
        var group = unit.GetProperty("nodes")[0];
        var leaf = group.GetProperty("children")[0].GetProperty("children")[2];
        Assert.Equal("1.3", leaf.GetProperty("code").GetString());
        Assert.Equal(2.5m, leaf.GetProperty("points").GetDecimal());
        Assert.Equal(10m, leaf.GetProperty("max_points").GetDecimal());
        Assert.Equal(0.25m, leaf.GetProperty("fraction").GetDecimal());
        Assert.Equal(0.25m, leaf.GetProperty("measure").GetDecimal());
        Assert.Equal(0, leaf.GetProperty("flags").GetArrayLength());
        Assert.Equal("Tỷ lệ = a/b = 1/4 = 25% nên Điểm = 25% × 10 = 2,50", leaf.GetProperty("explanation").GetString());
        Assert.Equal("(a)/b".Replace("(a)", "a", StringComparison.Ordinal), leaf.GetProperty("details").GetProperty("measure").GetProperty("formula").GetString());
        Assert.Equal(0, leaf.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public void Json_WithoutExplanations_HasNullExplanations()
    {
        using var json = JsonDocument.Parse(ScoresJsonWriter.Write(SampleScores(), explain: false));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("units")[0].GetProperty("nodes")[0].GetProperty("explanation").ValueKind);
    }

    [Fact]
    public void Csv_HasOneRowPerUnitAndNode()
    {
        var writer = new StringWriter();
        ScoresCsvWriter.Write(writer, SampleScores(), explain: true);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("unit,rank,total,code,name,points,max_points,fraction,measure,flags,explanation", lines[0].TrimEnd('\r'));
        Assert.Equal(1 + (3 * 18), lines.Length);
        Assert.Contains(lines, l => l.StartsWith("SO-B,2,60.75,3.4,", StringComparison.Ordinal) && l.Contains(",not_reported,", StringComparison.Ordinal));
    }
}
