using System.Text.Json;
using Xunit;

namespace OpenDti.Cli.Tests;

public class ScoreCommandTests
{
    [Fact]
    public void Score_AsJson_HasTheDocumentedShape()
    {
        var (exitCode, output, _) = Cli.Run(
            "score", "--framework", "samples/frameworks/example.yaml", "--data", "samples/example/values.csv", "--format", "json", "--explain");
        using var json = JsonDocument.Parse(output);
        var units = json.RootElement.GetProperty("units");

        Assert.Equal(0, exitCode);
        Assert.Equal("vi-du-2024", json.RootElement.GetProperty("framework").GetString());
        Assert.Equal(["SO-A", "SO-B", "SO-C"], units.EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
        Assert.Equal([1, 2, 3], units.EnumerateArray().Select(u => u.GetProperty("rank").GetInt32()));
        Assert.Equal([true, false, false], units.EnumerateArray().Select(u => u.GetProperty("complete").GetBoolean()));
        var node = units[0].GetProperty("nodes")[0];
        foreach (var field in new[] { "code", "points", "max_points", "fraction", "measure", "flags", "explanation", "children" })
        {
            Assert.True(node.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public void Score_TienGiang2022_ReproducesThePublishedTotal()
    {
        var (exitCode, output, _) = Cli.Run(
            "score", "--framework", "dti-province-2022", "--data", "samples/tien-giang-2022/values.csv",
            "--reference", "samples/tien-giang-2022/reference.csv", "--format", "json");
        using var json = JsonDocument.Parse(output);
        var unit = json.RootElement.GetProperty("units")[0];

        Assert.Equal(0, exitCode);
        Assert.InRange(unit.GetProperty("total").GetDecimal(), 627.40m, 627.44m);
        Assert.Equal(
            [87.50m, 80.00m, 64.43m, 75.38m, 60.60m, 127.77m, 85.36m, 46.40m],
            unit.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("points").GetDecimal()));
    }

    [Fact]
    public void Score_AsTable_RanksTheUnits()
    {
        var (exitCode, output, _) = Cli.Run("score", "--framework", "samples/frameworks/example.yaml", "--data", "samples/example/values.csv");

        Assert.Equal(0, exitCode);
        Assert.Contains("Xếp hạng vi-du-2024 (3 đơn vị)", output, StringComparison.Ordinal);
        Assert.Contains("│ 1    │ SO-A   │     61,91 │", output, StringComparison.Ordinal);
        Assert.Contains("chưa kê khai", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WithExplanations_AsTable_ExplainsEveryPoint()
    {
        var (exitCode, output, _) = Cli.Run(
            "score", "--framework", "samples/frameworks/example.yaml", "--data", "samples/example/values.csv", "--explain");

        Assert.Equal(0, exitCode);
        Assert.Contains("Tỷ lệ = (b + c)/a = (200 + 157,4)/1.000 = 35,74% < 80% nên Điểm = 35,74%/80% × 10 = 4,47", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_AsCsv_InEnglish()
    {
        var (exitCode, output, _) = Cli.Run(
            "score", "--framework", "samples/frameworks/example.yaml", "--data", "samples/example/values.csv", "--format", "csv", "--explain", "--lang", "en");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("unit,rank,total,code,name,points,max_points,fraction,measure,flags,explanation", output, StringComparison.Ordinal);
        Assert.Contains("Ratio = a/b = 1/4 = 25% so Points = 25% × 10 = 2.50", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadRows_AreAllReported_AndNothingIsWritten()
    {
        var (exitCode, output, error) = Cli.Run(
            "score", "--framework", "samples/frameworks/example.yaml", "--data", "samples/example/values-with-errors.csv", "--format", "json");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            [":5:", ":6:", ":7:", ":8:", ":9:"],
            error.Split('\n').Where(l => l.Contains("lỗi DTI", StringComparison.Ordinal)).Select(l => l[l.IndexOf(':', StringComparison.Ordinal)..(l.IndexOf(':', l.IndexOf(':', StringComparison.Ordinal) + 1) + 1)]));
        Assert.Contains("`samples/example/values-with-errors.csv`: 5 lỗi; không có kết quả nào được ghi", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_FailedCheck_IsAWarningOnTheErrorStream()
    {
        var directory = Directory.CreateTempSubdirectory("opendti-check");
        try
        {
            var path = Path.Combine(directory.FullName, "values.csv");
            File.WriteAllText(path, "unit,indicator,input,value\nX,1.3,a,5\nX,1.3,b,4\n");

            var (exitCode, output, error) = Cli.Run("score", "--framework", "samples/frameworks/example.yaml", "--data", path, "--format", "json");

            Assert.Equal(0, exitCode);
            Assert.Contains("cảnh báo: đơn vị X, chỉ số 1.3: Số văn bản do người đứng đầu ký (a) không thể lớn hơn tổng số văn bản (b).", error, StringComparison.Ordinal);
            Assert.Contains("\"clamped\"", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Score_WithoutRequiredOptions_IsAUsageError()
    {
        var (exitCode, output, error) = Cli.Run("score", "--data", "samples/example/values.csv");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("--framework", error, StringComparison.Ordinal);
        Assert.Contains("opendti score --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadFormatOption_IsAUsageError()
    {
        var (exitCode, _, error) = Cli.Run("score", "--framework", "dti-province-2022", "--data", "x.csv", "--format", "xml");

        Assert.Equal(2, exitCode);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }
}
