using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Review;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Review;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A period's deadlines (hạn nộp): the units that have not submitted, with the days left by Vietnam's
/// calendar (to the close date, or to a later exception or reply deadline), and per unit the
/// indicators with no value or no evidence. A unit user sees their own unit only.
/// </summary>
public sealed class DeadlineServiceTests : IAsyncLifetime
{
    private static readonly DateOnly ClosesOn = new(2025, 1, 1);
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Deadlines_ListDraftsAndReturnedSubmissions_NotTheOnesWithTheLeaderOrTheEvaluators()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Submitted);
        await _province.SetSubmissionAsync(period.Id, "SO-B", SubmissionState.Returned, round: 1);

        var deadlines = await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2024, 12, 29));

        // SO-C has no submission row: an untouched draft.
        Assert.Equal([("SO-B", SubmissionState.Returned), ("SO-C", SubmissionState.Draft)], deadlines.Units.Select(u => (u.UnitCode, u.State)));
        Assert.Equal(1, deadlines.Submitted);
        foreach (var state in new[] { SubmissionState.Approved, SubmissionState.UnderReview, SubmissionState.Resubmitted, SubmissionState.Finalised })
        {
            await _province.SetSubmissionAsync(period.Id, "SO-B", state, round: 1);
            var later = await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2024, 12, 29));
            Assert.Equal(["SO-C"], later.Units.Select(u => u.UnitCode));
        }
    }

    [Fact]
    public async Task DaysLeft_CountVietnamsDays_ToTheCloseDate_ZeroOnTheDay_NegativeWhenOverdue()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        Assert.Equal(ClosesOn, period.ClosesOn);

        Assert.Equal(3, (await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2024, 12, 29))).Units[0].DaysLeft);
        Assert.Equal(0, (await DeadlinesAsync(Actors.Evaluator, period.Id, ClosesOn)).Units[0].DaysLeft);
        Assert.Equal(-4, (await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2025, 1, 5))).Units[0].DaysLeft);

        // 31/12 at 18:00 UTC is already 1 January in Vietnam: the last day, not one day left.
        var lateEvening = new FixedClock(new DateTimeOffset(2024, 12, 31, 18, 0, 0, TimeSpan.Zero));
        var outcome = await _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<DeadlineService>(s, lateEvening).GetAsync(Actors.Evaluator, period.Id, Ct));
        Assert.Equal(0, outcome.Value!.Units[0].DaysLeft);
    }

    [Fact]
    public async Task Deadline_IsAnExceptionOrAReplyDeadline_OnlyWhenLaterThanTheCloseDate_AndTheReplyOnlyForAReturnedSubmission()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Draft, exceptionUntil: new DateOnly(2025, 1, 10));
        await _province.SetSubmissionAsync(period.Id, "SO-B", SubmissionState.Returned, round: 1, answerBy: new DateOnly(2025, 1, 20), exceptionUntil: new DateOnly(2024, 12, 1));
        await _province.SetSubmissionAsync(period.Id, "SO-C", SubmissionState.Draft, answerBy: new DateOnly(2025, 2, 1));

        var deadlines = await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2025, 1, 5));

        var byUnit = deadlines.Units.ToDictionary(u => u.UnitCode);
        Assert.Equal((new DateOnly(2025, 1, 10), 5), (byUnit["SO-A"].Deadline, byUnit["SO-A"].DaysLeft));
        Assert.Equal((new DateOnly(2025, 1, 20), 15), (byUnit["SO-B"].Deadline, byUnit["SO-B"].DaysLeft));
        Assert.Equal((ClosesOn, -4), (byUnit["SO-C"].Deadline, byUnit["SO-C"].DaysLeft));

        // Most urgent first.
        Assert.Equal(["SO-C", "SO-A", "SO-B"], deadlines.Units.Select(u => u.UnitCode));
    }

    [Fact]
    public async Task MissingValues_NameEveryIndicatorNotFullyAnswered_WithHowManyInputsLack()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.ReportAsync(period.Id, "SO-A", 0.8m, seed: 7);
        var framework = await FrameworkAsync();
        var indicators = framework.Nodes.Where(n => n.Inputs.Count > 0).ToArray();
        var stored = await _province.StoredValuesAsync(period.Id);
        var unitA = (await _province.UnitAsync("SO-A")).Id;
        var answeredBefore = indicators.Where(n => n.Inputs.All(i => stored.Any(s => s.StartsWith($"{unitA} {n.Code.Value} {i.Name} =", StringComparison.Ordinal)))).ToArray();
        var several = answeredBefore.First(n => n.Inputs.Count >= 2);

        // Remove one input of an indicator with several: it is no longer answered.
        await _province.InDbAsync(db => db.ReportedValues
            .Where(v => v.PeriodId == period.Id && v.UnitId == unitA && v.Indicator == several.Code.Value && v.Input == several.Inputs[0].Name)
            .ExecuteDeleteAsync(Ct));

        var deadlines = await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2024, 12, 1));

        var a = deadlines.Units.Single(u => u.UnitCode == "SO-A");
        var expected = indicators.Except(answeredBefore).Append(several).OrderBy(n => n.Index).Select(n => n.Code.Value);
        Assert.Equal(expected, a.MissingValues.Select(m => m.Code));
        var missing = a.MissingValues.Single(m => m.Code == several.Code.Value);
        Assert.Equal((1, several.Inputs.Count, several.Name), (missing.MissingInputs, missing.Inputs, missing.Name));

        // A unit that reported nothing lacks every indicator, all of its inputs.
        var c = deadlines.Units.Single(u => u.UnitCode == "SO-C");
        Assert.Equal(indicators.Select(n => n.Code.Value), c.MissingValues.Select(m => m.Code));
        Assert.All(c.MissingValues, m => Assert.Equal(m.Inputs, m.MissingInputs));
        Assert.Equal(indicators.Length, deadlines.Indicators);
    }

    [Fact]
    public async Task MissingEvidence_CountsOnlyFilesThatAreNotDeletedNorFiledWithAnAppeal()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        var indicators = (await FrameworkAsync()).Nodes.Where(n => n.Inputs.Count > 0).Select(n => n.Code.Value).ToArray();
        await _province.AddEvidenceAsync(period.Id, "SO-A", indicators[0]);
        await _province.AddEvidenceAsync(period.Id, "SO-A", indicators[1], deleted: true);
        await _province.AddEvidenceAsync(period.Id, "SO-A", indicators[2], withAppeal: true);
        await _province.AddEvidenceAsync(period.Id, "SO-B", indicators[1]);

        var deadlines = await DeadlinesAsync(Actors.Evaluator, period.Id, new DateOnly(2024, 12, 1));

        var byUnit = deadlines.Units.ToDictionary(u => u.UnitCode);
        Assert.Equal(indicators.Skip(1), byUnit["SO-A"].MissingEvidence.Select(m => m.Code));
        Assert.Equal(indicators.Where((_, i) => i != 1), byUnit["SO-B"].MissingEvidence.Select(m => m.Code));
        Assert.Equal(indicators, byUnit["SO-C"].MissingEvidence.Select(m => m.Code));
    }

    [Fact]
    public async Task AUnitUser_SeesOnlyTheirOwnUnit_ProvinceStaffAndViewersSeeEveryUnit()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        var a = (await _province.UnitAsync("SO-A")).Id;
        var c = (await _province.UnitAsync("SO-C")).Id;

        Assert.Equal(["SO-A"], (await DeadlinesAsync(Actors.Reporter(a), period.Id, new DateOnly(2024, 12, 1))).Units.Select(u => u.UnitCode));
        Assert.Equal(["SO-A"], (await DeadlinesAsync(Actors.Leader(a), period.Id, new DateOnly(2024, 12, 1))).Units.Select(u => u.UnitCode));
        foreach (var actor in new[] { Actors.Admin, Actors.Evaluator, Actors.Viewer })
        {
            Assert.Equal(["SO-A", "SO-B"], (await DeadlinesAsync(actor, period.Id, new DateOnly(2024, 12, 1))).Units.Select(u => u.UnitCode));
        }

        // A unit outside the cohort has no deadline here to see; an unknown period is not found.
        var outside = await TryDeadlinesAsync(Actors.Reporter(c), period.Id, new DateOnly(2024, 12, 1));
        Assert.Equal(OutcomeStatus.Forbidden, outside.Status);
        Assert.Equal(OutcomeStatus.NotFound, (await TryDeadlinesAsync(Actors.Evaluator, period.Id + 100, new DateOnly(2024, 12, 1))).Status);
    }

    private async Task<Framework> FrameworkAsync() =>
        (await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-department-2022", Ct))).Value!;

    private async Task<PeriodDeadlines> DeadlinesAsync(Access.Actor actor, int periodId, DateOnly today)
    {
        var outcome = await TryDeadlinesAsync(actor, periodId, today);
        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        return outcome.Value!;
    }

    private Task<Outcome<PeriodDeadlines>> TryDeadlinesAsync(Access.Actor actor, int periodId, DateOnly today) =>
        _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<DeadlineService>(s, (TimeProvider)FixedClock.At(today)).GetAsync(actor, periodId, Ct));
}
