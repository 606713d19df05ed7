using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Improvement.Trends;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Core.Frameworks;
using OpenDti.Data.Periods;
using Xunit;

namespace OpenDti.Application.Tests.Improvement;

/// <summary>
/// Trends over the years and sensitivity (issue 15 points 4 and 5): a year is its period's publication when
/// published and scored otherwise; a reader sees only the years they may read; the framework's changes are named.
/// </summary>
public sealed class TrendServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task AUnitsTrend_ReadsAPublishedYearFromItsPublication_AndTheOthersAsScored()
    {
        var (y2022, y2023, y2024) = await ThreeYearsAsync();
        var published = await TotalsAsync(y2022.Id);

        // A 2022 figure changed after publication moves the period's scoring, not what was published.
        var set = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", 2022, SmallProvince.DepartmentProfile(2), Ct));
        Assert.True(set.Succeeded);
        var rescored = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScoreAsync(y2022.Id, Ct));
        Assert.NotEqual(published["SO-A"].Total, rescored.Scores.Find("SO-A")!.Total);

        var trends = (await TrendsAsync(s => s.UnitAsync(Actors.Viewer, "SO-A", Ct))).Value!;

        var level = Assert.Single(trends.Levels);
        Assert.Equal(FrameworkLevel.Department, level.Level);
        Assert.Equal([(2022, y2022.Id, true), (2023, y2023.Id, false), (2024, y2024.Id, false)], level.Years.Select(y => (y.Year, y.PeriodId, y.Published)));
        var line = Assert.Single(level.Units);
        Assert.Equal(("SO-A", "Sở A"), (line.UnitCode, line.UnitName));
        Assert.Equal(published["SO-A"].Total, line.Points[0].Total);
        Assert.Equal(published["SO-A"].Rank, line.Points[0].Rank);
        foreach (var (year, period) in new[] { (2023, y2023), (2024, y2024) })
        {
            var now = await TotalsAsync(period.Id);
            var point = line.Points.Single(p => p.Year == year);
            Assert.Equal((now["SO-A"].Total, now["SO-A"].Rank), (point.Total, point.Rank));
            Assert.Equal(now["SO-A"].MainIndices.Select(m => (m.Code, m.Points, m.Rank)), point.MainIndices.Select(m => (m.Code, m.Points, m.Rank)));
        }

        Assert.All(level.Years, y => Assert.False(y.FrameworkChanged));
    }

    [Fact]
    public async Task APeriodsTrend_ListsItsUnitsInRankOrder_AndShowsAUnitUserOnlyThePublishedYears()
    {
        var (y2022, y2023, y2024) = await ThreeYearsAsync();
        var ranked = (await TotalsAsync(y2024.Id)).OrderBy(u => u.Value.Rank).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => u.Key).ToArray();

        var viewer = (await TrendsAsync(s => s.PeriodAsync(Actors.Viewer, y2024.Id, Ct))).Value!;
        Assert.Equal([2022, 2023, 2024], viewer.Trends.Years.Select(y => y.Year));
        Assert.Equal(ranked, viewer.Trends.Units.Select(u => u.UnitCode));
        Assert.Equal([2022, 2023, 2024], viewer.Trends.Units.Single(u => u.UnitCode == "SO-A").Points.Select(p => p.Year));

        // A unit's reporter reads a period's ranking once published: 2022 only, not the unpublished years.
        var soA = (await _province.UnitAsync("SO-A")).Id;
        Assert.Equal(OutcomeStatus.Forbidden, (await TrendsAsync(s => s.PeriodAsync(Actors.Reporter(soA), y2024.Id, Ct))).Status);
        var reporter = (await TrendsAsync(s => s.PeriodAsync(Actors.Reporter(soA), y2022.Id, Ct))).Value!;
        Assert.Equal([2022], reporter.Trends.Years.Select(y => y.Year));
        Assert.Equal(OutcomeStatus.NotFound, (await TrendsAsync(s => s.PeriodAsync(Actors.Viewer, 9999, Ct))).Status);
        Assert.DoesNotContain(reporter.Trends.Years, y => y.PeriodId == y2023.Id);
    }

    [Fact]
    public async Task AUnitsTrend_IsForWhoeverMayReadTheUnit()
    {
        await ThreeYearsAsync();
        var soA = (await _province.UnitAsync("SO-A")).Id;
        var soB = (await _province.UnitAsync("SO-B")).Id;

        Assert.True((await TrendsAsync(s => s.UnitAsync(Actors.Reporter(soA), "SO-A", Ct))).Succeeded);
        Assert.True((await TrendsAsync(s => s.UnitAsync(Actors.Leader(soA), "SO-A", Ct))).Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await TrendsAsync(s => s.UnitAsync(Actors.Reporter(soB), "SO-A", Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await TrendsAsync(s => s.UnitAsync(Actors.Viewer, "SO-KHONG", Ct))).Status);

        // A unit in no period has no trend yet.
        Assert.Empty((await TrendsAsync(s => s.UnitAsync(Actors.Viewer, "HUYEN-1", Ct))).Value!.Levels);
    }

    [Fact]
    public async Task TheScorecardsTrend_IsTheUnitsLineAtThePeriodsLevel_WithItsSensitivity()
    {
        var (_, _, y2024) = await ThreeYearsAsync();
        var soB = (await _province.UnitAsync("SO-B")).Id;

        var outcome = await TrendsAsync(s => s.ScorecardAsync(Actors.Viewer, y2024.Id, "SO-A", Ct));

        var card = outcome.Value!;
        Assert.Equal([2022, 2023, 2024], card.Trend.Years.Select(y => y.Year));
        Assert.Equal("SO-A", Assert.Single(card.Trend.Units).UnitCode);
        var scorecard = (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Viewer, y2024.Id, "SO-A", cancellationToken: Ct))).Value!;
        Assert.NotEmpty(card.Sensitivity.Indicators);
        foreach (var item in card.Sensitivity.Indicators)
        {
            Assert.Equal("minmax", item.Rule);
            Assert.Equal(scorecard.Nodes.Single(n => n.Code == item.Indicator).Points, item.Points);
            if (item.Series.Count > 0)
            {
                Assert.Equal(item.Points, item.Series.Single(p => p.Current).Points);
            }
        }

        Assert.Equal(["min", "max"], card.Sensitivity.Indicators.Select(i => i.Figure).Distinct());
        Assert.Equal(OutcomeStatus.Forbidden, (await TrendsAsync(s => s.ScorecardAsync(Actors.Reporter(soB), y2024.Id, "SO-A", Ct))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await TrendsAsync(s => s.SensitivityAsync(Actors.Reporter(soB), y2024.Id, "SO-A", Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await TrendsAsync(s => s.SensitivityAsync(Actors.Viewer, y2024.Id, "HUYEN-1", Ct))).Status);
    }

    [Fact]
    public void AChangedFramework_IsNamed_ByItsCode_ItsTotal_AndEachMainIndexWhoseMaxPointsMoved()
    {
        var before = new TrendYear(2023, 1, "2023", "dti-a", 1000m, true, 3, [new("1", "Một", 100m), new("2", "Hai", 200m), new("3", "Ba", 700m)]);
        var same = before with { Year = 2024, PeriodId = 2 };
        var after = new TrendYear(2024, 2, "2024", "dti-b", 900m, false, 3, [new("1", "Một", 100m), new("2", "Hai", 120m), new("4", "Bốn", 680m)]);

        Assert.Empty(TrendService.Changes(before, same));
        Assert.Equal(
            [("framework", "dti-a", "dti-b"), ("total", "1000", "900"), ("2", "200", "120"), ("3", "700", null), ("4", null, "680")],
            TrendService.Changes(before, after).Select(c => (c.What, c.Before, c.After)));
    }

    /// <summary>SO-A, SO-B and SO-C reported in 2022 (published), 2023 and 2024 (open), with qualities that change their order.</summary>
    private async Task<(PeriodSummary Y2022, PeriodSummary Y2023, PeriodSummary Y2024)> ThreeYearsAsync()
    {
        var y2022 = await CreatePeriodAsync(2022);
        var y2023 = await CreatePeriodAsync(2023);
        var y2024 = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"]);
        var qualities = new Dictionary<int, decimal[]> { [y2022.Id] = [0.3m, 0.6m, 0.9m], [y2023.Id] = [0.6m, 0.9m, 0.3m], [y2024.Id] = [0.9m, 0.3m, 0.6m] };
        var seed = 1;
        foreach (var (period, quality) in qualities)
        {
            for (var u = 0; u < 3; u++)
            {
                await _province.ReportAsync(period, SmallProvince.Departments[u].Code, quality[u], seed++);
            }
        }

        await _province.FinaliseAsync(y2022.Id, "SO-A", "SO-B", "SO-C");
        await _province.PublishAsync(y2022.Id);
        return (y2022, y2023, y2024);
    }

    private async Task<PeriodSummary> CreatePeriodAsync(int year)
    {
        var created = await _province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, "dti-department-2022", year, $"Đánh giá năm {year}", new DateOnly(year, 11, 1), new DateOnly(year, 12, 31), ["SO-A", "SO-B", "SO-C"], Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        var opened = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, created.Value!.Id, PeriodStatus.Open, Ct));
        Assert.True(opened.Succeeded, opened.Message?.ToString());
        return opened.Value!;
    }

    private async Task<Dictionary<string, UnitResult>> TotalsAsync(int periodId)
    {
        var results = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, periodId, Ct));
        return results.Value!.Units.ToDictionary(u => u.UnitCode);
    }

    private Task<Outcome<T>> TrendsAsync<T>(Func<TrendService, Task<Outcome<T>>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<TrendService>()));
}
