using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Accounts;
using OpenDti.Application.Units;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Organisations that contribute figures without being scored (issue 14 point 3): of the department level,
/// under the province or a district, with accounts like any unit, and never in a period's cohort.
/// </summary>
public sealed class ContributorTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Theory]
    [InlineData("HUYEN-1")]
    [InlineData("TINH")]
    public async Task Create_NotScored_UnderTheProvinceOrADistrict_KeepsTheFlag(string parent)
    {
        var outcome = await CreateContributorAsync("BD-1", parent);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        var unit = await _province.UnitAsync("BD-1");
        Assert.True(unit.NotScored);
        Assert.Equal(UnitLevel.Department, unit.Level);
        var listed = Assert.Single(await _province.UnitsAsync(u => u.ListAsync(Ct)), u => u.Code == "BD-1");
        Assert.True(listed.NotScored);
        Assert.Equal(parent, listed.ParentCode);
    }

    [Theory]
    [InlineData(UnitLevel.District, "TINH", "đơn vị không chấm điểm (Chi cục Thống kê, Bưu điện, doanh nghiệp viễn thông, Công an…) phải ở cấp sở, ban, ngành, không phải huyện")]
    [InlineData(UnitLevel.Commune, "HUYEN-1", "đơn vị không chấm điểm (Chi cục Thống kê, Bưu điện, doanh nghiệp viễn thông, Công an…) phải ở cấp sở, ban, ngành, không phải xã")]
    [InlineData(UnitLevel.Department, "XA-1-1", "đơn vị không chấm điểm phải thuộc tỉnh hoặc một huyện, nhưng `XA-1-1` là xã")]
    [InlineData(UnitLevel.Department, "SO-A", "đơn vị không chấm điểm phải thuộc tỉnh hoặc một huyện, nhưng `SO-A` là sở, ban, ngành")]
    [InlineData(UnitLevel.Department, "", "đơn vị không chấm điểm phải thuộc tỉnh hoặc một huyện: hãy cho mã đơn vị cấp trên")]
    public async Task Create_NotScored_OfAnotherLevelOrUnderAnotherParent_IsInvalid_SayingWhy(UnitLevel level, string parent, string message)
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "MOI", "Đơn vị mới", level, parent, null, notScored: true, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString());
        Assert.False(await _province.InDbAsync(db => db.Units.AnyAsync(u => u.Code == "MOI", Ct)));
    }

    [Fact]
    public async Task Create_NotScored_ByANonAdministrator_IsForbidden()
    {
        var outcome = await _province.UnitsAsync(u => u.CreateAsync(Actors.Evaluator, "BD-1", "Bưu điện", UnitLevel.Department, "HUYEN-1", null, notScored: true, Ct));

        Assert.Equal(OutcomeStatus.Forbidden, outcome.Status);
    }

    [Fact]
    public async Task APeriodsCohort_LeavesContributorsOut_AndRefusesThemWhenChosen_NamingEach()
    {
        Assert.True((await CreateContributorAsync("THONGKE", "TINH")).Succeeded);

        var all = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2024, "Kỳ 1", new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 20), cancellationToken: Ct));
        Assert.True(all.Succeeded, all.Message?.ToString());
        Assert.Equal(3, all.Value!.UnitCount);

        var chosen = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2024, "Kỳ 2", new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 20), ["SO-A", "THONGKE"], Ct));
        Assert.Equal(OutcomeStatus.Invalid, chosen.Status);
        var problem = Assert.Single(chosen.Problems);
        Assert.Equal(("APP-PERIOD-UNIT-NOT-SCORED", "THONGKE"), (problem.Code, problem.Input));
        Assert.Equal("`THONGKE` là đơn vị không chấm điểm: không đưa vào kỳ đánh giá", problem.Message.ToString());
        Assert.Equal(1, await _province.InDbAsync(db => db.Periods.CountAsync(Ct)));
    }

    [Fact]
    public async Task SetNotScored_MarksAndUnmarks_AuditingEachChange()
    {
        var marked = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "SO-C", true, Ct));
        Assert.True(marked.Succeeded, marked.Message?.ToString());
        Assert.True((await _province.UnitAsync("SO-C")).NotScored);

        var again = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "SO-C", true, Ct));
        Assert.True(again.Succeeded);

        var unmarked = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "SO-C", false, Ct));
        Assert.True(unmarked.Succeeded);
        Assert.False((await _province.UnitAsync("SO-C")).NotScored);

        var id = (await _province.UnitAsync("SO-C")).Id;
        var audit = await _province.InDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKind.Unit && e.Input == "not_scored" && e.UnitId == id).OrderBy(e => e.Id).ToListAsync(Ct));
        Assert.Equal(["false → true admin", "true → false admin"], audit.Select(e => $"{e.OldValue} → {e.NewValue} {e.UserName}"));
    }

    [Fact]
    public async Task SetNotScored_IsRefused_ForAUnitInACohortNotYetPublished_ForAnotherLevel_AndForScoringAUnitUnderADistrict()
    {
        var period = await _province.OpenDepartmentPeriodAsync("Kỳ sở 2024");
        var inCohort = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "SO-A", true, Ct));
        Assert.Equal(OutcomeStatus.Conflict, inCohort.Status);
        Assert.Equal("`SO-A` đang trong danh sách đơn vị được đánh giá của kỳ „Kỳ sở 2024”, chưa công bố: không thể chuyển thành đơn vị không chấm điểm", inCohort.Message!.ToString());
        Assert.False((await _province.UnitAsync("SO-A")).NotScored);

        var district = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "HUYEN-1", true, Ct));
        Assert.Equal(OutcomeStatus.Invalid, district.Status);

        Assert.True((await CreateContributorAsync("CA-1", "HUYEN-1")).Succeeded);
        var scored = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Admin, "CA-1", false, Ct));
        Assert.Equal(OutcomeStatus.Invalid, scored.Status);
        Assert.True((await _province.UnitAsync("CA-1")).NotScored);

        var forbidden = await _province.UnitsAsync(u => u.SetNotScoredAsync(Actors.Evaluator, "SO-B", true, Ct));
        Assert.Equal(OutcomeStatus.Forbidden, forbidden.Status);
        Assert.True(period.Id > 0);
    }

    [Fact]
    public async Task AContributor_HasReportersAndLeaders_LikeAnyUnit()
    {
        Assert.True((await CreateContributorAsync("VIETTEL", "HUYEN-1")).Succeeded);

        var reporter = await _province.InScopeAsync(s => s.GetRequiredService<AccountService>()
            .CreateAsync(Actors.Admin, "reporter.viettel", "Kiem-Thu@2024", Roles.UnitReporter, "VIETTEL", "Viettel huyện", cancellationToken: Ct));
        var leader = await _province.InScopeAsync(s => s.GetRequiredService<AccountService>()
            .CreateAsync(Actors.Admin, "leader.viettel", "Kiem-Thu@2024", Roles.UnitLeader, "VIETTEL", "Lãnh đạo Viettel huyện", cancellationToken: Ct));

        Assert.True(reporter.Succeeded, reporter.Message?.ToString());
        Assert.True(leader.Succeeded, leader.Message?.ToString());
        Assert.Equal("VIETTEL", reporter.Value!.UnitCode);
    }

    [Fact]
    public async Task MergingAContributorWithAScoredUnit_IsRefused()
    {
        Assert.True((await CreateContributorAsync("THONGKE", "TINH")).Succeeded);

        var merged = await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-A", "THONGKE"], "SO-MOI", "Sở mới", new DateOnly(2025, 1, 1), null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, merged.Status);
        Assert.Equal("`SO-A` được chấm điểm còn `THONGKE` thì không (hoặc ngược lại): chỉ sáp nhập được các đơn vị cùng loại", merged.Message!.ToString());
    }

    private Task<Outcome<Unit>> CreateContributorAsync(string code, string parent) =>
        _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, code, "Đơn vị " + code, UnitLevel.Department, parent, null, notScored: true, Ct));
}
