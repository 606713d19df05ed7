using OpenDti.Application.Values;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A framework's checks between inputs applied where values are saved (dti-department-2022): a
/// <c>level: refuse</c> check (5.10: a + b ≤ c) refuses the whole save naming the inputs by their labels; a
/// <c>level: warn</c> check (3.1: a ≤ công chức + viên chức of the unit's general information) saves and
/// returns the warning; only checks the save touches are reported.
/// </summary>
public sealed class CrossInputCheckSaveTests : SoAReporterTests
{
    [Fact]
    public async Task ARefusingCheck_RefusesTheWholeSave_NamingTheInputsByTheirLabels()
    {
        var saved = await SaveAsync(new ValueChange("5.10", "a", "3"), new ValueChange("5.10", "b", "4"), new ValueChange("5.10", "c", "5"));

        Assert.Equal(OutcomeStatus.Invalid, saved.Status);
        var problem = Assert.Single(saved.Problems);
        Assert.Equal((DiagnosticCodes.CheckFailed, "5.10", "a"), (problem.Code, problem.Indicator, problem.Input));
        Assert.Equal(
            "Kinh phí cho an toàn thông tin (a + b) không thể lớn hơn tổng chi cho chuyển đổi số (c): cần "
            + "“a = Kinh phí đầu tư từ ngân sách nhà nước cho an toàn thông tin” + “b = Kinh phí thường xuyên từ ngân sách nhà nước chi cho an toàn thông tin” "
            + "≤ “c = Tổng chi từ ngân sách nhà nước cho chuyển đổi số của sở, ban, ngành”, nhưng số liệu cho 3 + 4 ≤ 5",
            problem.Message.ToString(Language.Vietnamese));
        Assert.Empty((await StoredAsync()).Values);
        Assert.True((await SaveAsync(new ValueChange("5.10", "a", "3"), new ValueChange("5.10", "b", "2"), new ValueChange("5.10", "c", "5"))).Succeeded);
    }

    [Fact]
    public async Task AWarningCheck_Saves_AndReturnsTheWarning_WithTheUnitsGeneralInformation()
    {
        // Sở A has 40 công chức and 60 viên chức for 2024: 150 equipped people is more than all of them.
        var saved = await SaveAsync(new ValueChange("3.1", "a", "150"));

        Assert.True(saved.Succeeded);
        Assert.Equal("150", Assert.Single(saved.Value!.Values).Value);
        var warning = Assert.Single(saved.Value.Warnings);
        Assert.Equal((DiagnosticCodes.CheckFailed, "3.1", "a"), (warning.Code, warning.Indicator, warning.Input));
        Assert.EndsWith("nhưng số liệu cho 150 ≤ 40 + 60", warning.Message.ToString(Language.Vietnamese), StringComparison.Ordinal);

        var within = await SaveAsync(new ValueChange("3.1", "a", "90", 1));
        Assert.True(within.Succeeded);
        Assert.Empty(within.Value!.Warnings);
    }

    [Fact]
    public async Task AWarning_IsReportedOnlyBySavesThatTouchIt_AndTheCheckPreviewGivesItToo()
    {
        Assert.Single((await SaveAsync(new ValueChange("3.1", "a", "150"))).Value!.Warnings);

        var other = await SaveAsync(new ValueChange("3.2", "b", "40"));
        var preview = await Province.ValuesAsync(v => v.CheckAsync(Actors.Reporter(UnitId), PeriodId, "SO-A", [new ValueChange("3.1", "a", "151", 1)], AuditChannel.Import, cancellationToken: Ct));

        Assert.True(other.Succeeded);
        Assert.Empty(other.Value!.Warnings);
        Assert.Single(preview.Value!.Warnings);
    }
}
