using OpenDti.Application.Values;
using OpenDti.Core.Diagnostics;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A part above its whole (3.2 of dti-department-2022: computers connected to the Internet, a, are a
/// part of all computers, b) refuses the whole save, naming both inputs; a whole not reported yet is
/// not compared. Counts refuse fractions.
/// </summary>
public sealed class ValuePartsTests : SoAReporterTests
{
    [Fact]
    public async Task PartAboveItsWhole_InOneRequest_RefusesTheWholeRequest_NamingBothInputs()
    {
        var saved = await SaveAsync(new ValueChange("2.1", "da_ban_hanh", "có"), new ValueChange("3.2", "a", "50"), new ValueChange("3.2", "b", "40"));

        Assert.Equal(OutcomeStatus.Invalid, saved.Status);
        var problem = Assert.Single(saved.Problems);
        Assert.Equal((DiagnosticCodes.PartExceedsWhole, "3.2", "a"), (problem.Code, problem.Indicator, problem.Input));
        Assert.Equal(
            "“a = Số lượng máy tính có kết nối Internet (không kể máy tính xử lý tài liệu mật)” = 50 lớn hơn "
            + "“b = Tổng số máy tính của sở, ban, ngành (không kể máy tính xử lý tài liệu mật)” = 40: phần không thể lớn hơn tổng của nó",
            problem.Message.ToString(Core.Text.Language.Vietnamese));
        Assert.Empty((await StoredAsync()).Values);
    }

    [Fact]
    public async Task PartAboveAStoredWhole_AndAWholeBelowAStoredPart_AreRefused_AndAMissingWholeIsNotCompared()
    {
        Assert.True((await SaveAsync(new ValueChange("3.2", "a", "120"))).Succeeded);

        var lowerWhole = await SaveAsync(new ValueChange("3.2", "b", "100"));
        Assert.True((await SaveAsync(new ValueChange("3.2", "b", "150"))).Succeeded);
        var higherPart = await SaveAsync(new ValueChange("3.2", "a", "151", 1));

        Assert.Equal((OutcomeStatus.Invalid, "a"), (lowerWhole.Status, Assert.Single(lowerWhole.Problems).Input));
        Assert.Equal((OutcomeStatus.Invalid, DiagnosticCodes.PartExceedsWhole), (higherPart.Status, Assert.Single(higherPart.Problems).Code));
        Assert.True((await SaveAsync(new ValueChange("3.2", "a", "150", 1))).Succeeded);
    }

    [Fact]
    public async Task FractionOfACount_IsRefused_WithItsPlace()
    {
        var saved = await SaveAsync(new ValueChange("3.2", "b", "2,5"));

        var problem = Assert.Single(saved.Problems);
        Assert.Equal((DiagnosticCodes.NotWhole, "3.2", "b"), (problem.Code, problem.Indicator, problem.Input));
        Assert.Equal("giá trị 2,5 không phải số nguyên; `b` đếm số máy tính nên chỉ nhận số nguyên", problem.Message.ToString(Core.Text.Language.Vietnamese));
    }
}
