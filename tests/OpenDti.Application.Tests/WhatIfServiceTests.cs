using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Improvement;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Plans;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The what-if and the cheapest points first as people reach them: who may, the same figures as the scorecard once the
/// values are saved for real, located problems for bad values, nothing written anywhere, and each gain's owner from the plan.
/// </summary>
public sealed class WhatIfServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private int _periodId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"])).Id;
        await _province.ReportAsync(_periodId, "SO-A", 0.35m, seed: 1);
        await _province.ReportAsync(_periodId, "SO-B", 0.6m, seed: 2);
        await _province.ReportAsync(_periodId, "SO-C", 0.8m, seed: 3);
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    private Task<T> WhatIfAsync<T>(Func<WhatIfService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<WhatIfService>()));

    private async Task<(decimal Total, int Rank)> ScorecardAsync(string code)
    {
        var card = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Evaluator, _periodId, code, cancellationToken: Ct));
        Assert.True(card.Succeeded, card.Message?.ToString());
        return (card.Value!.Total, card.Value.Rank);
    }

    [Fact]
    public async Task EveryGain_SentToTheWhatIf_GainsItsPoints_AndSavedForReal_GivesTheScorecardTheWhatIfShowed()
    {
        var before = await ScorecardAsync("SO-A");
        var gains = await WhatIfAsync(w => w.GainsAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));
        Assert.True(gains.Succeeded, gains.Message?.ToString());
        Assert.NotEmpty(gains.Value!);

        foreach (var gain in gains.Value!)
        {
            var run = await WhatIfAsync(w => w.RunAsync(Actors.Evaluator, _periodId, "SO-A", gain.Values.Select(v => new WhatIfValue(v.Indicator, v.Input, v.Value)).ToArray(), cancellationToken: Ct));
            Assert.True(run.Succeeded, run.Message + string.Join("; ", run.Problems.Select(p => p.Message.ToString(Language.Vietnamese))));
            Assert.Equal((before.Total, before.Rank), (run.Value!.TotalBefore, run.Value.RankBefore));
            Assert.Equal(gain.PointsGained, run.Value.Total - run.Value.TotalBefore);
            Assert.Equal(gain.RankGained, run.Value.RankBefore - run.Value.Rank);
        }

        // The best gain saved for real: the scorecard then shows what the what-if showed.
        var first = gains.Value![0];
        var preview = await WhatIfAsync(w => w.RunAsync(Actors.Evaluator, _periodId, "SO-A", first.Values.Select(v => new WhatIfValue(v.Indicator, v.Input, v.Value)).ToArray(), cancellationToken: Ct));
        var unit = await _province.UnitAsync("SO-A");
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(unit.Id), _periodId, "SO-A", first.Values.Select(x => new ValueChange(x.Indicator, x.Input, x.Value)).ToArray(), AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());
        Assert.Equal((preview.Value!.Total, preview.Value.Rank), await ScorecardAsync("SO-A"));
    }

    [Fact]
    public async Task AWhatIf_WritesNoRowInAnyTable()
    {
        var before = await CountsAsync();
        var values = await _province.StoredValuesAsync(_periodId);
        var gains = await WhatIfAsync(w => w.GainsAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));
        Assert.True(gains.Succeeded);
        var soA = await _province.UnitAsync("SO-A");
        var run = await WhatIfAsync(w => w.RunAsync(
            Actors.Reporter(soA.Id), _periodId, "SO-A", gains.Value!.SelectMany(g => g.Values).Select(v => new WhatIfValue(v.Indicator, v.Input, v.Value)).ToArray(), cancellationToken: Ct));
        Assert.True(run.Succeeded, run.Message?.ToString());
        Assert.True(run.Value!.Total > run.Value.TotalBefore);

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(values, await _province.StoredValuesAsync(_periodId));
    }

    [Fact]
    public async Task OnlyWhoMayReadTheScorecard_RunsAWhatIf()
    {
        var soA = await _province.UnitAsync("SO-A");
        var soB = await _province.UnitAsync("SO-B");
        foreach (var actor in new[] { Actors.Admin, Actors.Evaluator, Actors.Viewer, Actors.Reporter(soA.Id), Actors.Leader(soA.Id) })
        {
            Assert.True((await WhatIfAsync(w => w.RunAsync(actor, _periodId, "SO-A", [], cancellationToken: Ct))).Succeeded, actor.UserName);
        }

        foreach (var actor in new[] { Actors.Reporter(soB.Id), Actors.Leader(soB.Id) })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await WhatIfAsync(w => w.RunAsync(actor, _periodId, "SO-A", [], cancellationToken: Ct))).Status);
            Assert.Equal(OutcomeStatus.Forbidden, (await WhatIfAsync(w => w.GainsAsync(actor, _periodId, "SO-A", cancellationToken: Ct))).Status);
        }

        Assert.Equal(OutcomeStatus.NotFound, (await WhatIfAsync(w => w.RunAsync(Actors.Evaluator, _periodId, "SO-X", [], cancellationToken: Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await WhatIfAsync(w => w.GainsAsync(Actors.Evaluator, 999, "SO-A", cancellationToken: Ct))).Status);
    }

    [Fact]
    public async Task BadValues_AreRefused_EachNamingItsIndicatorAndInput()
    {
        var run = await WhatIfAsync(w => w.RunAsync(
            Actors.Evaluator,
            _periodId,
            "SO-A",
            [new WhatIfValue("9.9", "a", "1"), new WhatIfValue("2.1", "khong_co", "1"), new WhatIfValue("2.1", "da_ban_hanh", "có lẽ"), null],
            [new WhatIfCohort("2.1", "1", null)],
            Ct));

        Assert.Equal(OutcomeStatus.Invalid, run.Status);
        Assert.Contains(run.Problems, p => p.Indicator == "9.9" && p.Input == "a");
        Assert.Contains(run.Problems, p => p.Indicator == "2.1" && p.Input == "khong_co");
        Assert.Contains(run.Problems, p => p.Indicator == "2.1" && p.Input == "da_ban_hanh");
        Assert.Contains(run.Problems, p => p.Indicator == "2.1" && p.Input == "cohort");
    }

    [Fact]
    public async Task AGainsOwner_IsTheLeadUnitOfTheNearestPlanRow()
    {
        var gains = await WhatIfAsync(w => w.GainsAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));
        var gain = gains.Value![0];
        var soA = await _province.UnitAsync("SO-A");
        var soB = await _province.UnitAsync("SO-B");
        var soC = await _province.UnitAsync("SO-C");
        var mainIndex = gain.Indicator.Split('.')[0];
        await _province.InDbAsync(async db =>
        {
            // The main index is led by SO-B; the indicator itself, further down, by SO-C: the nearest row wins.
            db.PlanRows.Add(new PlanRow { PeriodId = _periodId, UnitId = soA.Id, Indicator = mainIndex, LeadUnitId = soB.Id, UpdatedBy = "test" });
            db.PlanRows.Add(new PlanRow { PeriodId = _periodId, UnitId = soA.Id, Indicator = gain.Indicator, LeadUnitId = soC.Id, UpdatedBy = "test" });
            return await db.SaveChangesAsync(Ct);
        });

        var owned = await WhatIfAsync(w => w.GainsAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));
        Assert.Equal("SO-C", owned.Value!.Single(g => g.Indicator == gain.Indicator).Owner?.Code);
        Assert.All(owned.Value!.Where(g => g.Indicator != gain.Indicator && g.Indicator.Split('.')[0] == mainIndex), g => Assert.Equal("SO-B", g.Owner?.Code));
        Assert.All(owned.Value!.Where(g => g.Indicator.Split('.')[0] != mainIndex), g => Assert.Null(g.Owner));
    }

    /// <summary>The number of rows of every table of the model.</summary>
    private Task<string> CountsAsync() => _province.InDbAsync(async db =>
    {
        var counts = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            // The table names come from the model, not from a request.
#pragma warning disable EF1003
            var count = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"").SingleAsync(Ct);
#pragma warning restore EF1003
            counts.Add($"{table}={count}");
        }

        return string.Join(" ", counts);
    });
}
