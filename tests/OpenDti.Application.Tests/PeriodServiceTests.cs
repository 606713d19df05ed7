using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Evaluation periods as the province's DTI team runs them: a framework, a year, a cohort of units
/// with their names of the time, reporting dates, and a status from draft to published.
/// </summary>
public sealed class PeriodServiceTests : IAsyncLifetime
{
    private static readonly DateOnly OpensOn = new(2025, 1, 15);
    private static readonly DateOnly ClosesOn = new(2025, 3, 15);

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Creating a period

    [Fact]
    public async Task Create_KeepsTheFrameworkYearNameAndDates_AsADraft()
    {
        var outcome = await CreateAsync(units: ["SO-A", "SO-B"]);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        var period = outcome.Value!;
        Assert.Equal(
            ("dti-department-2022", 2024, "Đánh giá DTI các sở năm 2024", OpensOn, ClosesOn, PeriodStatus.Draft, 2),
            (period.FrameworkCode, period.Year, period.Name, period.OpensOn, period.ClosesOn, period.Status, period.UnitCount));
        Assert.Equal(period, (await _province.PeriodsAsync(p => p.GetAsync(period.Id, Ct))).Value);
    }

    [Fact]
    public async Task Create_KeepsEachUnitsCodeAndNameOfTheTime()
    {
        var period = (await CreateAsync(units: ["SO-A", "SO-B"])).Value!;

        var cohort = await _province.InDbAsync(db => db.PeriodUnits.AsNoTracking().Where(u => u.PeriodId == period.Id).ToListAsync(Ct));

        Assert.Equal(["SO-A Sở A", "SO-B Sở B"], cohort.Select(u => u.UnitCode + " " + u.UnitName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dti-department-2022", "SO-A SO-B SO-C")]
    [InlineData("dti-district-2023", "HUYEN-1")]
    [InlineData("dti-province-2022", "TINH")]
    public async Task Create_WithoutUnits_TakesEveryUnitOfTheFrameworksLevel(string framework, string expected)
    {
        var period = (await CreateAsync(framework)).Value!;

        Assert.Equal(expected, string.Join(" ", await CohortAsync(period.Id)));
    }

    [Fact]
    public async Task Create_WithoutUnits_LeavesOutUnitsClosedBeforeItOpens_AndUnitsNotYetCreated()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", OpensOn, null, Ct));
        await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", "Sở D", Data.Units.UnitLevel.Department, "TINH", OpensOn.AddDays(1), Ct));

        var period = (await CreateAsync()).Value!;

        Assert.Equal(["SO-A", "SO-B"], await CohortAsync(period.Id));
    }

    [Fact]
    public async Task Create_ClosingTheDayItOpens_IsAllowed()
    {
        var outcome = await CreateAsync(closesOn: OpensOn);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }

    [Fact]
    public async Task Create_ClosingBeforeItOpens_IsInvalid_AndCreatesNothing()
    {
        var outcome = await CreateAsync(closesOn: OpensOn.AddDays(-1));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("ngày đóng phải sau ngày mở", outcome.Message!.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithAnUnknownFramework_IsNotFound_NamingIt()
    {
        var outcome = await CreateAsync("dti-department-2099");

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal("không có bộ chỉ số `dti-department-2099`", outcome.Message!.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithUnknownUnits_IsNotFound_NamingThem()
    {
        var outcome = await CreateAsync(units: ["SO-A", "SO-Y", "SO-Z"]);

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal("không có đơn vị `SO-Y, SO-Z`", outcome.Message!.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithUnitsOfAnotherLevel_IsInvalid_NamingEach_AndCreatesNothing()
    {
        var outcome = await CreateAsync("dti-district-2023", units: ["HUYEN-1", "XA-1-1", "SO-A"]);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("2 đơn vị không đưa được vào kỳ đánh giá; kỳ đánh giá chưa được tạo", outcome.Message!.ToString());
        Assert.Equal(
            ["`SO-A` là sở, ban, ngành, còn bộ chỉ số `dti-district-2023` dành cho cấp huyện", "`XA-1-1` là xã, còn bộ chỉ số `dti-district-2023` dành cho cấp huyện"],
            outcome.Problems.Select(p => p.Message.ToString()));
        Assert.Equal(
            "`SO-A` is a department, but framework `dti-district-2023` is for the district level",
            outcome.Problems[0].Message.ToString(Language.English));
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithAUnitClosedBeforeTheYear_IsInvalid_NamingIt()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", new DateOnly(2024, 1, 1), null, Ct));

        var outcome = await CreateAsync(units: ["SO-A", "SO-C"]);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(
            "đơn vị `SO-C` không hoạt động trong năm 2024 được đánh giá: đã ngừng hoạt động từ 01/01/2024",
            Assert.Single(outcome.Problems).Message.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithAUnitCreatedAfterTheYear_IsInvalid_NamingIt()
    {
        await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "SO-D", "Sở D", Data.Units.UnitLevel.Department, "TINH", new DateOnly(2025, 1, 1), Ct));

        var outcome = await CreateAsync(units: ["SO-A", "SO-D"]);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(
            "đơn vị `SO-D` không hoạt động trong năm 2024 được đánh giá: chỉ hoạt động từ 01/01/2025",
            Assert.Single(outcome.Problems).Message.ToString());
    }

    [Fact]
    public async Task Create_WithUnitsMergedAwayAfterTheYear_EvaluatesThemForThatYear()
    {
        // Merged on 1 January 2025, before the period for 2024 opens: they were the departments of 2024.
        await _province.UnitsAsync(u => u.MergeAsync(Actors.Admin, ["SO-B", "SO-C"], "SO-BC", "Sở B và C", new DateOnly(2025, 1, 1), null, Ct));

        var outcome = await CreateAsync(units: ["SO-A", "SO-B", "SO-C"]);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(["SO-A", "SO-B", "SO-C"], await CohortAsync(outcome.Value!.Id));
    }

    [Fact]
    public async Task Create_WithAnEmptyListOfUnits_IsInvalid()
    {
        var outcome = await CreateAsync(units: [" "]);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("kỳ đánh giá phải có ít nhất một đơn vị", outcome.Message!.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_WithoutUnits_WhenNoUnitOfTheLevelIsActive_IsInvalid()
    {
        await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "TINH", OpensOn, null, Ct));

        var outcome = await CreateAsync("dti-province-2022");

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("không có tỉnh nào hoạt động vào ngày 15/01/2025 để đưa vào kỳ đánh giá", outcome.Message!.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_WithoutAName_IsInvalid(string name)
    {
        var outcome = await CreateAsync(name: name);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("tên kỳ đánh giá phải có từ 1 đến 400 ký tự", outcome.Message!.ToString());
        Assert.Empty(await _province.PeriodsAsync(p => p.ListAsync(Ct)));
    }

    [Fact]
    public async Task Create_ForAYearNoDayCanBeWritten_IsInvalid()
    {
        var outcome = await CreateAsync(year: 0, units: ["SO-A"]);

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("năm đánh giá 0 không hợp lệ", outcome.Message!.ToString());
    }

    // ---- Who may manage periods

    [Fact]
    public async Task CreateAndSetStatus_ByViewersAndUnitUsers_AreForbidden()
    {
        var period = (await CreateAsync()).Value!;
        var unitId = (await _province.UnitAsync("SO-A")).Id;

        foreach (var actor in new[] { Actors.Viewer, Actors.Reporter(unitId), Actors.Leader(unitId) })
        {
            var created = await CreateAsync(actor: actor);
            var opened = await _province.PeriodsAsync(p => p.SetStatusAsync(actor, period.Id, PeriodStatus.Open, Ct));

            Assert.Equal((OutcomeStatus.Forbidden, OutcomeStatus.Forbidden), (created.Status, opened.Status));
        }

        Assert.Equal(PeriodStatus.Draft, Assert.Single(await _province.PeriodsAsync(p => p.ListAsync(Ct))).Status);
    }

    [Fact]
    public async Task CreateAndSetStatus_ByEvaluatorsAndAdministrators_AreAllowed()
    {
        foreach (var actor in new[] { Actors.Evaluator, Actors.Admin })
        {
            var created = await CreateAsync(actor: actor);
            var opened = await _province.PeriodsAsync(p => p.SetStatusAsync(actor, created.Value!.Id, PeriodStatus.Open, Ct));

            Assert.Equal(PeriodStatus.Open, opened.Value!.Status);
        }
    }

    // ---- Status

    [Fact]
    public async Task SetStatus_GoesBetweenDraftOpenAndClosed_OneStepAtATime()
    {
        var period = (await CreateAsync()).Value!;

        foreach (var status in new[] { PeriodStatus.Open, PeriodStatus.Closed, PeriodStatus.Open, PeriodStatus.Draft, PeriodStatus.Open })
        {
            var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, status, Ct));

            Assert.Equal(status, outcome.Value!.Status);
            Assert.Equal(status, (await _province.PeriodsAsync(p => p.GetAsync(period.Id, Ct))).Value!.Status);
        }
    }

    [Theory]
    [InlineData(PeriodStatus.Draft, PeriodStatus.Closed, "không thể chuyển kỳ đánh giá từ trạng thái đang chuẩn bị sang đã đóng")]
    [InlineData(PeriodStatus.Closed, PeriodStatus.Draft, "không thể chuyển kỳ đánh giá từ trạng thái đã đóng sang đang chuẩn bị")]
    [InlineData(PeriodStatus.Draft, PeriodStatus.Published, "không thể chuyển kỳ đánh giá từ trạng thái đang chuẩn bị sang đã công bố bằng cách đổi trạng thái: hãy dùng chức năng công bố kết quả")]
    [InlineData(PeriodStatus.Open, PeriodStatus.Published, "không thể chuyển kỳ đánh giá từ trạng thái đang mở sang đã công bố bằng cách đổi trạng thái: hãy dùng chức năng công bố kết quả")]
    [InlineData(PeriodStatus.Closed, PeriodStatus.Published, "không thể chuyển kỳ đánh giá từ trạng thái đã đóng sang đã công bố bằng cách đổi trạng thái: hãy dùng chức năng công bố kết quả")]
    [InlineData(PeriodStatus.Published, PeriodStatus.Closed, "không thể chuyển kỳ đánh giá từ trạng thái đã công bố sang đã đóng: kết quả đã công bố không thay đổi; muốn đính chính, hãy công bố lần mới")]
    [InlineData(PeriodStatus.Published, PeriodStatus.Open, "không thể chuyển kỳ đánh giá từ trạng thái đã công bố sang đang mở: kết quả đã công bố không thay đổi; muốn đính chính, hãy công bố lần mới")]
    [InlineData(PeriodStatus.Published, PeriodStatus.Draft, "không thể chuyển kỳ đánh giá từ trạng thái đã công bố sang đang chuẩn bị: kết quả đã công bố không thay đổi; muốn đính chính, hãy công bố lần mới")]
    public async Task SetStatus_RefusesOtherMoves_NamingBothStatuses(PeriodStatus from, PeriodStatus to, string message)
    {
        var period = (await CreateAsync()).Value!;
        await MoveToAsync(period.Id, from);

        var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, to, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal(message, outcome.Message!.ToString());
        Assert.Equal(from, (await _province.PeriodsAsync(p => p.GetAsync(period.Id, Ct))).Value!.Status);
    }

    [Fact]
    public async Task SetStatus_RefusalIsWrittenInEnglishToo()
    {
        var period = (await CreateAsync()).Value!;

        var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, PeriodStatus.Published, Ct));

        Assert.Equal("a period cannot go from draft to published by changing its status: publish its results instead", outcome.Message!.ToString(Language.English));
    }

    [Fact]
    public async Task SetStatus_ToTheStatusItHas_ChangesNothing()
    {
        var period = (await CreateAsync()).Value!;

        var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, period.Id, PeriodStatus.Draft, Ct));

        Assert.Equal(PeriodStatus.Draft, outcome.Value!.Status);
    }

    [Fact]
    public async Task SetStatus_OfAnUnknownPeriod_IsNotFound()
    {
        var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, 999, PeriodStatus.Open, Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
        Assert.Equal("không có kỳ đánh giá 999", outcome.Message!.ToString());
    }

    [Theory]
    [InlineData(PeriodStatus.Draft, "đang chuẩn bị")]
    [InlineData(PeriodStatus.Closed, "đã đóng")]
    [InlineData(PeriodStatus.Published, "đã công bố")]
    public async Task Status_OnlyAnOpenPeriodTakesValues(PeriodStatus status, string text)
    {
        var period = (await CreateAsync()).Value!;
        await MoveToAsync(period.Id, status);
        var reporter = Actors.Reporter((await _province.UnitAsync("SO-A")).Id);

        var outcome = await _province.ValuesAsync(v => v.SaveAsync(
            reporter, period.Id, "SO-A", [new ValueChange("2.1", "da_ban_hanh", "có")], AuditChannel.Page, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal($"kỳ đánh giá \"Đánh giá DTI các sở năm 2024\" đang ở trạng thái {text}: không nhận số liệu", outcome.Message!.ToString());
        Assert.Empty(await _province.StoredValuesAsync(period.Id));
    }

    // ---- Listing

    [Fact]
    public async Task List_ShowsTheNewestYearFirst()
    {
        await CreateAsync(year: 2023, name: "Năm 2023");
        await CreateAsync(year: 2025, name: "Năm 2025");
        await CreateAsync(year: 2024, name: "Năm 2024");

        var periods = await _province.PeriodsAsync(p => p.ListAsync(Ct));

        Assert.Equal(["Năm 2025", "Năm 2024", "Năm 2023"], periods.Select(p => p.Name));
    }

    // ---- Helpers

    private Task<Outcome<PeriodSummary>> CreateAsync(
        string framework = "dti-department-2022",
        int year = 2024,
        string name = "Đánh giá DTI các sở năm 2024",
        DateOnly? closesOn = null,
        IReadOnlyList<string>? units = null,
        Actor? actor = null) =>
        _province.PeriodsAsync(p => p.CreateAsync(actor ?? Actors.Evaluator, framework, year, name, OpensOn, closesOn ?? ClosesOn, units, Ct));

    /// <summary>Moves a draft period to <paramref name="status"/> step by step, the way the team does; to published by publishing.</summary>
    private async Task MoveToAsync(int periodId, PeriodStatus status)
    {
        foreach (var step in Enum.GetValues<PeriodStatus>().Where(s => s > PeriodStatus.Draft && s <= status))
        {
            if (step == PeriodStatus.Published)
            {
                await _province.PublishAsync(periodId);
                continue;
            }

            var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, periodId, step, Ct));
            Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        }
    }

    private async Task<string[]> CohortAsync(int periodId) =>
        (await _province.InDbAsync(db => db.PeriodUnits.Where(u => u.PeriodId == periodId).Select(u => u.UnitCode).ToListAsync(Ct)))
            .Order(StringComparer.Ordinal).ToArray();
}
