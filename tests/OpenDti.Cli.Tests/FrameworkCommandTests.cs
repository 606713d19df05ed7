using System.Text.Json;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using Xunit;

namespace OpenDti.Cli.Tests;

public class FrameworkCommandTests
{
    [Fact]
    public void List_ShowsTheBuiltInFrameworks()
    {
        var (exitCode, output, _) = Cli.Run("framework", "list");

        Assert.Equal(0, exitCode);
        Assert.Contains("dti-province-2022", output, StringComparison.Ordinal);
        Assert.Contains("dti-department-2022", output, StringComparison.Ordinal);
        Assert.Contains("dti-district-2023", output, StringComparison.Ordinal);
        Assert.Contains("dti-commune-2025", output, StringComparison.Ordinal);
        Assert.Contains("Sở, ban, ngành", output, StringComparison.Ordinal);
        Assert.Contains("1.000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_AsJson_GivesCodeNameYearLevelAndTotal()
    {
        var (exitCode, output, _) = Cli.Run("framework", "list", "--format", "json");
        using var json = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        var province = json.RootElement.EnumerateArray().Single(f => f.GetProperty("code").GetString() == "dti-province-2022");
        Assert.Equal(2022, province.GetProperty("year").GetInt32());
        Assert.Equal("province", province.GetProperty("level").GetString());
        Assert.Equal(1000m, province.GetProperty("total_points").GetDecimal());
    }

    [Fact]
    public void Show_AsJson_HasTheDocumentedShape()
    {
        var (exitCode, output, _) = Cli.Run("framework", "show", "dti-province-2022", "--format", "json");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;

        Assert.Equal(0, exitCode);
        Assert.Equal("dti-province-2022", root.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("name").GetString()));
        var first = root.GetProperty("nodes")[0];
        Assert.Equal(("1", "Nhận thức số", 100m), (first.GetProperty("code").GetString(), first.GetProperty("name").GetString(), first.GetProperty("max_points").GetDecimal()));
        var leaf = first.GetProperty("children")[0];
        Assert.Equal("truong_ban", leaf.GetProperty("rule").GetString());
        var input = leaf.GetProperty("inputs")[0];
        Assert.Equal(("truong_ban", "choice"), (input.GetProperty("name").GetString(), input.GetProperty("kind").GetString()));
        var option = input.GetProperty("options")[1];
        Assert.Equal(0.5m, option.GetProperty("fraction").GetDecimal());
        Assert.False(string.IsNullOrEmpty(option.GetProperty("key").GetString()));
        Assert.False(string.IsNullOrEmpty(option.GetProperty("label").GetString()));
        Assert.Equal(0, leaf.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public void Show_AsYaml_LoadsBack()
    {
        var (exitCode, output, _) = Cli.Run("framework", "show", "dti-department-2022", "--format", "yaml");

        Assert.Equal(0, exitCode);
        var reloaded = FrameworkLoader.Load(output, "shown.yaml");
        Assert.Empty(reloaded.Diagnostics);
        Assert.Equal(FrameworkJsonWriter.Write(BuiltInFrameworks.Get("dti-department-2022")), FrameworkJsonWriter.Write(reloaded.Framework!));
    }

    [Fact]
    public void Show_AsTable_DrawsTheTree_AndMarksProvisionalPoints()
    {
        var (exitCode, output, _) = Cli.Run("framework", "show", "dti-province-2022");

        Assert.Equal(0, exitCode);
        Assert.Contains("1.1 Người đứng đầu tỉnh", output, StringComparison.Ordinal);
        Assert.Contains("[10*]", output, StringComparison.Ordinal);
        Assert.Contains("Công thức: target(ratio(b + c, a), 80%)", output, StringComparison.Ordinal);
        Assert.Contains("* điểm tạm tính", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_AFile_Works()
    {
        var (exitCode, output, _) = Cli.Run("framework", "show", "samples/frameworks/example.yaml", "--format", "json");

        Assert.Equal(0, exitCode);
        Assert.Contains("\"code\": \"vi-du-2024\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownFramework_IsOneLine()
    {
        var (exitCode, output, error) = Cli.Run("framework", "show", "dti-nowhere");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            "lỗi: không có bộ chỉ số `dti-nowhere`: đó không phải mã có sẵn (dti-province-2022, dti-department-2022, dti-district-2023, dti-commune-2025) và không có tệp nào như vậy",
            error.Trim());
    }

    [Fact]
    public void Validate_AValidFile_ExitsZero()
    {
        var (exitCode, output, error) = Cli.Run("framework", "validate", "samples/frameworks/example.yaml");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("hợp lệ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ABrokenFile_ReportsEveryProblem_AndExitsOne()
    {
        var (exitCode, _, error) = Cli.Run("framework", "validate", "samples/frameworks/broken.yaml");
        var lines = error.Split('\n').Where(l => l.StartsWith("samples/", StringComparison.Ordinal)).ToArray();

        Assert.Equal(1, exitCode);
        Assert.Equal(
            ["DTI5005", "DTI2003", "DTI1001", "DTI3001", "DTI1004", "DTI3006"],
            lines.Select(l => l.Split("lỗi ")[1][..7]));
        Assert.Contains(
            "samples/frameworks/broken.yaml:22:35: lỗi DTI2003: chỉ số 1.1, công thức `rule`, cột 21: gặp `)` nhưng cần một biểu thức (số, tên, hàm hoặc dấu `(`)",
            lines);
        Assert.Contains("`samples/frameworks/broken.yaml`: 6 lỗi, 0 cảnh báo", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AWorkbook_ChecksItAsItsYaml_ProblemsBySheetAndCell()
    {
        var directory = Directory.CreateTempSubdirectory("opendti-xlsx");
        try
        {
            var definition = FrameworkYamlReader.Read(File.ReadAllText(Path.Combine(Testing.TestFrameworks.RepositoryRoot, "samples/frameworks/example.yaml"))).Definition!;
            var good = Path.Combine(directory.FullName, "vi-du.xlsx");
            using (var output = File.Create(good))
            {
                Exchange.Workbooks.FrameworkWorkbook.Write(definition, output);
            }

            definition.FindNode("3.4")!.Rule = "target(ratio(b + c, zz), 80%)";
            var bad = Path.Combine(directory.FullName, "hong.xlsx");
            using (var output = File.Create(bad))
            {
                Exchange.Workbooks.FrameworkWorkbook.Write(definition, output);
            }

            var valid = Cli.Run("framework", "validate", good);
            var (exitCode, _, error) = Cli.Run("framework", "validate", bad);

            Assert.Equal(0, valid.ExitCode);
            Assert.Contains("hợp lệ", valid.Output, StringComparison.Ordinal);
            Assert.Equal(1, exitCode);
            Assert.Contains(bad + " › Chỉ số!M", error, StringComparison.Ordinal);
            Assert.Contains("DTI3001", error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Validate_MissingFile_IsOneLine()
    {
        var (exitCode, _, error) = Cli.Run("framework", "validate", "nowhere.yaml");

        Assert.Equal(1, exitCode);
        Assert.Equal("lỗi: không tìm thấy tệp `nowhere.yaml`", error.Trim());
    }

    [Fact]
    public void Diff_ListsWhatChanged()
    {
        var directory = Directory.CreateTempSubdirectory("opendti-diff");
        try
        {
            var changed = File.ReadAllText(Path.Combine(Testing.TestFrameworks.RepositoryRoot, "samples/frameworks/example.yaml"))
                .Replace("name: Văn bản chỉ đạo chuyên đề về chuyển đổi số do người đứng đầu ký", "name: Văn bản chỉ đạo do người đứng đầu ký", StringComparison.Ordinal)
                .Replace("rule: target(ratio(b + c, a), 80%)", "rule: target(ratio(b + c, a), 70%)", StringComparison.Ordinal);
            var path = Path.Combine(directory.FullName, "changed.yaml");
            File.WriteAllText(path, changed);

            var (exitCode, output, _) = Cli.Run("framework", "diff", "samples/frameworks/example.yaml", path, "--format", "json");
            using var json = JsonDocument.Parse(output);
            var changes = json.RootElement.EnumerateArray().Select(c => (c.GetProperty("change").GetString(), c.GetProperty("code").GetString())).ToArray();

            Assert.Equal(0, exitCode);
            Assert.Equal([("renamed", "1.3"), ("rule_changed", "3.4")], changes);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Diff_TwoFrameworks_AsTable()
    {
        var (exitCode, output, _) = Cli.Run("framework", "diff", "dti-province-2022", "dti-district-2023");

        Assert.Equal(0, exitCode);
        Assert.Contains("Đổi tên", output, StringComparison.Ordinal);
        Assert.Contains("Đổi điểm", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_OfAFrameworkWithItself_SaysThereIsNoDifference()
    {
        var (exitCode, output, _) = Cli.Run("framework", "diff", "dti-province-2022", "dti-province-2022");

        Assert.Equal(0, exitCode);
        Assert.Equal("Hai bộ chỉ số không khác nhau.", output.Trim());
    }

    [Fact]
    public void Diff_ProposesACrosswalk_ThatItsCheckAccepts_AndACorruptedOneIsRefusedWithItsLine()
    {
        var (exitCode, proposal, _) = Cli.Run("framework", "diff", "dti-province-2022", "dti-district-2023", "--crosswalk");
        Assert.Equal(0, exitCode);
        Assert.Contains("4.5,4.3,renamed,", proposal, StringComparison.Ordinal);

        var directory = Directory.CreateTempSubdirectory("opendti-crosswalk");
        try
        {
            var path = Path.Combine(directory.FullName, "doi-chieu.csv");
            File.WriteAllText(path, proposal);
            var (valid, said, _) = Cli.Run("framework", "diff", "dti-province-2022", "dti-district-2023", "--check-crosswalk", path);
            Assert.Equal(0, valid);
            Assert.Contains("hợp lệ", said, StringComparison.Ordinal);

            File.WriteAllText(path, proposal.Replace("4.5,4.3,renamed,", "4.5,4.3,giong,", StringComparison.Ordinal));
            var (invalid, _, errors) = Cli.Run("framework", "diff", "dti-province-2022", "dti-district-2023", "--check-crosswalk", path);
            Assert.Equal(1, invalid);
            var line = proposal.Split('\n').ToList().FindIndex(l => l.StartsWith("4.5,4.3,", StringComparison.Ordinal)) + 1;
            Assert.Contains($"doi-chieu.csv:{line}: lỗi DTI8007", errors, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
