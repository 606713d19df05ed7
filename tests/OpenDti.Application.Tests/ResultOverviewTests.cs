using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Periods;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// What the period page and the scorecard read: the ranking with each unit's change against last
/// year's period of the same level, the units still incomplete after the closing day (by Vietnam's
/// calendar, from the application's clock), the distribution of totals, and a scorecard's inputs as
/// the reader writes them.
/// </summary>
public sealed class ResultOverviewTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Change against last year

    [Fact]
    public async Task Overview_ComparesEachUnitWithLastYearsPeriodOfTheSameLevel_ByUnitCode()
    {
        // 2023: SO-B ahead of SO-A. 2024: SO-A ahead of SO-B; SO-C is new (and reports nothing yet).
        var lastYear = await CreatePeriodAsync(2023, ["SO-A", "SO-B"]);
        await _province.ReportAsync(lastYear.Id, "SO-A", 0.15m, seed: 1);
        await _province.ReportAsync(lastYear.Id, "SO-B", 0.95m, seed: 2);
        var thisYear = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"]);
        await _province.ReportAsync(thisYear.Id, "SO-A", 0.95m, seed: 3);
        await _province.ReportAsync(thisYear.Id, "SO-B", 0.15m, seed: 4);
        var before = await TotalsAsync(lastYear.Id);

        var overview = await OverviewAsync(Actors.Evaluator, thisYear.Id);

        Assert.Equal(lastYear.Id, overview.Previous?.Id);
        var rows = overview.Rows.ToDictionary(r => r.Result.UnitCode);
        Assert.Equal((before["SO-A"], 2, 1), (rows["SO-A"].Change!.PreviousTotal, rows["SO-A"].Change!.PreviousRank, rows["SO-A"].Change!.RankChange));
        Assert.Equal((before["SO-B"], 1, -1), (rows["SO-B"].Change!.PreviousTotal, rows["SO-B"].Change!.PreviousRank, rows["SO-B"].Change!.RankChange));
        Assert.Equal(rows["SO-A"].Result.Total - before["SO-A"], rows["SO-A"].Change!.PointsDifference);
        Assert.True(rows["SO-A"].Change!.PointsDifference > 0 && rows["SO-B"].Change!.PointsDifference < 0);
        Assert.Null(rows["SO-C"].Change);
    }

    [Fact]
    public async Task Overview_WithoutAPeriodTheYearBefore_ShowsNoChange()
    {
        var twoYearsAgo = await CreatePeriodAsync(2022, ["SO-A", "SO-B"]);
        await _province.ReportAsync(twoYearsAgo.Id, "SO-A", 0.5m, seed: 1);
        var thisYear = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.ReportAsync(thisYear.Id, "SO-A", 0.5m, seed: 2);

        var overview = await OverviewAsync(Actors.Evaluator, thisYear.Id);

        Assert.Null(overview.Previous);
        Assert.All(overview.Rows, r => Assert.Null(r.Change));
    }

    [Fact]
    public async Task Overview_IgnoresLastYearsPeriodOfAnotherLevel()
    {
        var district = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-district-2023", 2023, "Huyện 2023", new DateOnly(2023, 11, 1), new DateOnly(2023, 12, 31), cancellationToken: Ct));
        Assert.True(district.Succeeded, district.Message?.ToString());
        var thisYear = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);

        var overview = await OverviewAsync(Actors.Evaluator, thisYear.Id);

        Assert.Null(overview.Previous);
    }

    [Fact]
    public async Task Overview_ForAUnitUser_ComparesOnlyWithAPublishedPeriod()
    {
        var lastYear = await CreatePeriodAsync(2023, ["SO-A", "SO-B"]);
        await _province.ReportAsync(lastYear.Id, "SO-A", 0.5m, seed: 1);
        var thisYear = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.ReportAsync(thisYear.Id, "SO-A", 0.5m, seed: 2);
        await SetStatusAsync(thisYear.Id, PeriodStatus.Published);
        var reporter = Actors.Reporter((await _province.UnitAsync("SO-A")).Id);

        var unpublished = await OverviewAsync(reporter, thisYear.Id);
        await SetStatusAsync(lastYear.Id, PeriodStatus.Published);
        var published = await OverviewAsync(reporter, thisYear.Id);

        Assert.Null(unpublished.Previous);
        Assert.All(unpublished.Rows, r => Assert.Null(r.Change));
        Assert.Equal(lastYear.Id, published.Previous?.Id);
        Assert.NotNull(published.Rows.Single(r => r.Result.UnitCode == "SO-A").Change);
    }

    [Fact]
    public async Task Overview_PrefersAPublishedPeriodOfLastYear_OverALaterDraft()
    {
        var published = await CreatePeriodAsync(2023, ["SO-A"]);
        await SetStatusAsync(published.Id, PeriodStatus.Published);
        await CreatePeriodAsync(2023, ["SO-A"]);
        var thisYear = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);

        var overview = await OverviewAsync(Actors.Viewer, thisYear.Id);

        Assert.Equal(published.Id, overview.Previous?.Id);
    }

    // ---- Who may read it

    [Fact]
    public async Task Overview_IsForbiddenToUnitUsers_UntilPublished_AndUnknownPeriodsAreNotFound()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        var results = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, period.Id, Ct));
        Assert.True(results.Succeeded);

        foreach (var actor in new[] { Actors.Reporter(unitId), Actors.Leader(unitId) })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await TryOverviewAsync(actor, period.Id)).Status);
        }

        foreach (var actor in new[] { Actors.Admin, Actors.Evaluator, Actors.Viewer })
        {
            Assert.Equal(OutcomeStatus.Ok, (await TryOverviewAsync(actor, period.Id)).Status);
        }

        await SetStatusAsync(period.Id, PeriodStatus.Published);
        Assert.Equal(OutcomeStatus.Ok, (await TryOverviewAsync(Actors.Leader(unitId), period.Id)).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await TryOverviewAsync(Actors.Evaluator, period.Id + 1000)).Status);
    }

    // ---- Completeness and overdue units

    [Theory]
    [InlineData("2025-01-01T16:59:00Z", "")] // 23:59 on the closing day in Vietnam
    [InlineData("2025-01-01T17:00:00Z", "SO-B SO-C")] // 00:00 the day after in Vietnam, still the closing day in UTC
    [InlineData("2024-12-15T00:00:00Z", "")]
    public async Task Overview_ListsIncompleteUnits_OnlyAfterTheClosingDayInVietnam(string now, string expected)
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"]); // closes 01/01/2025
        Assert.Equal(new DateOnly(2025, 1, 1), period.ClosesOn);
        await _province.ReportAsync(period.Id, "SO-A", 0.8m, seed: 1);
        await SaveAsync(period.Id, "SO-B", [new ValueChange("1.3", "da_to_chuc", "có")]);

        var overview = await OverviewAsync(Actors.Evaluator, period.Id, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, string.Join(" ", overview.Overdue.Select(u => u.UnitCode)));
        var rows = overview.Rows.ToDictionary(r => r.Result.UnitCode);
        Assert.Equal(1m, rows["SO-A"].Completeness);
        Assert.Equal(1m / rows["SO-B"].Result.TotalInputs, rows["SO-B"].Completeness);
        Assert.Equal((0, false), (rows["SO-C"].Result.AnsweredInputs, rows["SO-C"].Result.Submitted));
    }

    // ---- Distribution of totals

    [Fact]
    public void Distribution_CountsUnitsPerBandOf100Points_WithEveryPointInTheLastBand()
    {
        decimal[] totals = [0m, 99.99m, 100m, 455.5m, 999.99m, 1000m];

        var bands = ResultService.Distribution(totals.Select(Unit), 1000m);

        Assert.Equal(10, bands.Count);
        Assert.Equal([2, 1, 0, 0, 1, 0, 0, 0, 0, 2], bands.Select(b => b.Units));
        Assert.Equal((0m, 100m), (bands[0].From, bands[0].To));
        Assert.Equal((900m, 1000m), (bands[^1].From, bands[^1].To));
    }

    [Fact]
    public void Distribution_OfAFrameworkNotAMultipleOf100_EndsAtItsTotal()
    {
        var bands = ResultService.Distribution([Unit(250m)], 250m);

        Assert.Equal([(0m, 100m, 0), (100m, 200m, 0), (200m, 250m, 1)], bands.Select(b => (b.From, b.To, b.Units)));
    }

    // ---- The scorecard's inputs

    [Fact]
    public async Task Scorecard_GivesEveryInputWithWhatTheUnitReported_AsTheReaderWritesIt()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await SaveAsync(period.Id, "SO-A", [
            new ValueChange("1.1", "truong_ban", "cap_pho"),
            new ValueChange("1.4", "co_chuyen_muc", "có"),
            new ValueChange("1.4", "a", "1234"),
            new ValueChange("5.10", "c", "2500.75"),
        ]);
        var unitId = (await _province.UnitAsync("SO-A")).Id;

        var vietnamese = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Leader(unitId), period.Id, "SO-A", Language.Vietnamese, Ct));
        var english = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Leader(unitId), period.Id, "SO-A", Language.English, Ct));

        Assert.True(vietnamese.Succeeded, vietnamese.Message?.ToString());
        var inputs = vietnamese.Value!.Inputs.ToDictionary(i => i.Indicator + "/" + i.Input);
        Assert.Equal("Cấp phó của người đứng đầu (Phó Giám đốc/Phó Thủ trưởng)", inputs["1.1/truong_ban"].Value);
        Assert.Equal("Có", inputs["1.4/co_chuyen_muc"].Value);
        Assert.Equal(("1.234", "tin, bài"), (inputs["1.4/a"].Value, inputs["1.4/a"].Unit));
        Assert.Equal("2.500,75", inputs["5.10/c"].Value);
        Assert.Null(inputs["5.10/a"].Value);
        Assert.Equal("2,500.75", english.Value!.Inputs.Single(i => i.Indicator == "5.10" && i.Input == "c").Value);
        Assert.Equal("Yes", english.Value.Inputs.Single(i => i.Indicator == "1.4" && i.Input == "co_chuyen_muc").Value);

        var framework = (await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022", Ct))).Value!;
        Assert.Equal(framework.Inputs.Count, inputs.Count);
        var main = vietnamese.Value.MainIndices;
        Assert.Equal(framework.MainIndices.Select(m => m.Code.Value), main.Select(m => m.Code));
        Assert.Equal(10m + 40m, main[0].Points); // 1.1 half of 20, 1.4 all of 40
        Assert.Equal(1, main[0].Rank);
    }

    [Theory]
    [InlineData("pct", "0.3574", "35,74%", "35.74%")]
    [InlineData("a", "1234567.891", "1.234.567,891", "1,234,567.891")]
    [InlineData("no", "không", "Không", "No")]
    [InlineData("pick", "half", "Một nửa", "Một nửa")]
    public void ValueText_WritesAValue_AsTheReaderWritesIt(string input, string stored, string vietnamese, string english)
    {
        var spec = TestFrameworks.SingleRule("a").FindInput("1.1", input)!;
        var value = ReportedValueText.ParseStored(spec, stored)!.Value;

        Assert.Equal(vietnamese, ResultService.ValueText(spec, value, Language.Vietnamese));
        Assert.Equal(english, ResultService.ValueText(spec, value, Language.English));
    }

    // ---- Helpers

    private static UnitResult Unit(decimal total) => new("U", "U", total, 1, true, true, 1, 1, []);

    private async Task<PeriodSummary> CreatePeriodAsync(int year, IReadOnlyList<string> units)
    {
        var created = await _province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, "dti-department-2022", year, $"Đánh giá năm {year}", new DateOnly(year, 11, 1), new DateOnly(year, 12, 31), units, Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        await SetStatusAsync(created.Value!.Id, PeriodStatus.Open);
        return created.Value;
    }

    /// <summary>Moves the period to <paramref name="status"/>; to published by publishing its results, as the only way there.</summary>
    private async Task SetStatusAsync(int periodId, PeriodStatus status)
    {
        if (status == PeriodStatus.Published)
        {
            await _province.PublishAsync(periodId);
            return;
        }

        var outcome = await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, periodId, status, Ct));
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }

    private async Task SaveAsync(int periodId, string unitCode, IReadOnlyList<ValueChange> changes)
    {
        var saved = await _province.ValuesAsync(v => v.SaveAsync(Actors.Evaluator, periodId, unitCode, changes, AuditChannel.Api, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message + " " + string.Join("; ", saved.Problems.Select(p => $"{p.Indicator} {p.Input}: {p.Message}")));
    }

    private async Task<Dictionary<string, decimal>> TotalsAsync(int periodId)
    {
        var results = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, periodId, Ct));
        return results.Value!.Units.ToDictionary(u => u.UnitCode, u => u.Total);
    }

    private async Task<PeriodOverview> OverviewAsync(Actor actor, int periodId, DateTimeOffset? now = null)
    {
        var outcome = await TryOverviewAsync(actor, periodId, now);
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        return outcome.Value!;
    }

    private Task<Outcome<PeriodOverview>> TryOverviewAsync(Actor actor, int periodId, DateTimeOffset? now = null) =>
        _province.InScopeAsync(s =>
        {
            var service = now is { } at
                ? ActivatorUtilities.CreateInstance<ResultService>(s, new FixedTime(at))
                : s.GetRequiredService<ResultService>();
            return service.OverviewAsync(actor, periodId, Ct);
        });

    /// <summary>A clock that always says <paramref name="now"/>.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
