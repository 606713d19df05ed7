using Xunit;

namespace OpenDti.Cli.Tests;

/// <summary>Every command has help, in Vietnamese by default and in English with --lang en.</summary>
public class HelpTests
{
    public static TheoryData<string[], string> Commands => new()
    {
        { [], "chấm điểm Chỉ số chuyển đổi số" },
        { ["framework"], "Bộ chỉ số: liệt kê, xem, kiểm tra" },
        { ["framework", "list"], "Liệt kê các bộ chỉ số có sẵn" },
        { ["framework", "show"], "Xem toàn bộ cây chỉ số" },
        { ["framework", "validate"], "Kiểm tra một tệp bộ chỉ số" },
        { ["framework", "diff"], "So sánh hai bộ chỉ số" },
        { ["score"], "Chấm điểm mọi đơn vị" },
        { ["admin"], "Quản trị cơ sở dữ liệu" },
        { ["admin", "create"], "Tạo tài khoản quản trị đầu tiên" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommand_HasHelp(string[] command, string description)
    {
        var (exitCode, output, _) = Cli.Run([.. command, "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains(description, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsAvailableInEnglish()
    {
        var (exitCode, output, _) = Cli.Run("score", "--help", "--lang", "en");

        Assert.Equal(0, exitCode);
        Assert.Contains("Score every unit of a data file as one cohort", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var (exitCode, _, error) = Cli.Run("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }
}
