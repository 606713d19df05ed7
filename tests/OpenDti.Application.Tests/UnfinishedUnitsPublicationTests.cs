using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A unit that did not complete the review cycle (its submission not finalised when results are
/// published) is published as "không gửi hồ sơ", ranked and given points by the period's rule
/// (default: after every finalised unit, 0 points); publishing is previewed and confirmed.
/// Sở A reports the best figures and never sends its submission; Sở B and Sở C are finalised.
/// </summary>
public sealed class UnfinishedUnitsPublicationTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private PeriodSummary _period = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _period = await _province.OpenDepartmentPeriodAsync();
        await _province.ReportAsync(_period.Id, "SO-A", 0.95m, seed: 1);
        await _province.ReportAsync(_period.Id, "SO-B", 0.5m, seed: 2);
        await _province.ReportAsync(_period.Id, "SO-C", 0.2m, seed: 3);
        await SetStateAsync("SO-B", SubmissionState.Finalised);
        await SetStateAsync("SO-C", SubmissionState.Finalised);
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- The default rule: after every finalised unit, 0 points

    [Fact]
    public async Task NeverSubmittedUnit_IsRankedAfterEveryFinalisedUnit_WithZeroPoints_WhateverItReported()
    {
        var fresh = await FreshAsync();
        Assert.Equal(1, fresh["SO-A"].Rank); // it reported the best figures

        await _province.PublishAsync(_period.Id);

        var snapshot = await SnapshotAsync(1);
        Assert.Equal(["SO-B #1", "SO-C #2", "SO-A #3"], snapshot.Units.Select(u => $"{u.Code} #{u.Rank}"));
        var a = snapshot.Find("SO-A")!;
        Assert.Equal((true, 0m, "không gửi hồ sơ", "did not submit"), (a.NotSubmitted, a.Total, a.Note!.Vi, a.Note.En));
        Assert.All(a.MainIndices, m => Assert.Equal((0m, 3), (m.Points, m.Rank)));
        Assert.All(a.Nodes, n => Assert.Equal((0m, 0m, "Đơn vị không gửi hồ sơ: theo quy định của kỳ đánh giá, điểm được tính là 0"), (n.Points, n.Fraction, n.Explanation.Vi)));
        Assert.All(a.Nodes, n => Assert.Equal([PublicationService.NotSubmittedFlag], n.Flags));
        Assert.NotEmpty(a.Values); // what it reported stays on record
        Assert.Equal((UnfinishedRanking.AfterFinalised, UnfinishedPoints.Zero), (snapshot.Period.UnfinishedRanking, snapshot.Period.UnfinishedPoints));
        var b = snapshot.Find("SO-B")!;
        Assert.Equal((false, null, fresh["SO-B"].Total), (b.NotSubmitted, b.Note, b.Total));
    }

    [Fact]
    public async Task UnitWithdrawnToDraft_IsPublishedAsNotSubmittedToo()
    {
        await SetStateAsync("SO-A", SubmissionState.Draft);

        await _province.PublishAsync(_period.Id);

        Assert.True((await SnapshotAsync(1)).Find("SO-A")!.NotSubmitted);
    }

    [Fact]
    public async Task PublishedRanking_ScorecardAndResults_CarryTheLabel()
    {
        await _province.PublishAsync(_period.Id);

        var results = (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Viewer, _period.Id, Ct))).Value!;
        var card = (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Viewer, _period.Id, "SO-A", Language.English, Ct))).Value!;

        Assert.Equal(["SO-B False", "SO-C False", "SO-A True"], results.Units.Select(u => $"{u.UnitCode} {u.NotSubmitted}"));
        Assert.Equal((true, 0m, 3), (card.NotSubmitted, card.Total, card.Rank));
        Assert.All(card.Nodes, n => Assert.Equal("The unit did not submit: by the period's rule its points are 0", n.Explanation));
    }

    // ---- The period's other settings

    [Fact]
    public async Task PointsAsReported_KeepsItsPoints_ButStillRanksItAfterEveryFinalisedUnit()
    {
        await SetRuleAsync(UnfinishedRanking.AfterFinalised, UnfinishedPoints.AsReported);
        var fresh = await FreshAsync();

        await _province.PublishAsync(_period.Id);

        var snapshot = await SnapshotAsync(1);
        Assert.Equal(["SO-B #1", "SO-C #2", "SO-A #3"], snapshot.Units.Select(u => $"{u.Code} #{u.Rank}"));
        var a = snapshot.Find("SO-A")!;
        Assert.Equal((true, fresh["SO-A"].Total), (a.NotSubmitted, a.Total));
        Assert.True(a.Total > snapshot.Find("SO-B")!.Total, "Sở A reported more than Sở B");
        Assert.All(a.MainIndices, m => Assert.Equal(3, m.Rank));
        Assert.Contains(a.Nodes, n => n.Points > 0);
    }

    [Fact]
    public async Task RankedWithOthers_AndAsReported_PutsItWhereItsPointsPutIt_Labelled()
    {
        await SetRuleAsync(UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported);

        await _province.PublishAsync(_period.Id);

        var snapshot = await SnapshotAsync(1);
        Assert.Equal(["SO-A #1", "SO-B #2", "SO-C #3"], snapshot.Units.Select(u => $"{u.Code} #{u.Rank}"));
        Assert.True(snapshot.Find("SO-A")!.NotSubmitted);
    }

    [Fact]
    public async Task RankedWithOthers_AndZero_RanksItByItsZero()
    {
        await SetRuleAsync(UnfinishedRanking.WithOthers, UnfinishedPoints.Zero);

        await _province.PublishAsync(_period.Id);

        Assert.Equal(["SO-B #1", "SO-C #2", "SO-A #3"], (await SnapshotAsync(1)).Units.Select(u => $"{u.Code} #{u.Rank}"));
    }

    [Fact]
    public async Task Rule_IsSetByPeriodManagersOnly_AndReadAsASentence()
    {
        var refused = await _province.PeriodsAsync(p => p.SetUnfinishedRuleAsync(Actors.Viewer, _period.Id, UnfinishedRanking.WithOthers, null, Ct));
        var invalid = await _province.PeriodsAsync(p => p.SetUnfinishedRuleAsync(Actors.Evaluator, _period.Id, (UnfinishedRanking)7, null, Ct));
        var set = await _province.PeriodsAsync(p => p.SetUnfinishedRuleAsync(Actors.Evaluator, _period.Id, null, UnfinishedPoints.AsReported, Ct));

        Assert.Equal((OutcomeStatus.Forbidden, OutcomeStatus.Invalid), (refused.Status, invalid.Status));
        Assert.Equal((UnfinishedRanking.AfterFinalised, UnfinishedPoints.AsReported), (set.Value!.UnfinishedRanking, set.Value.UnfinishedPoints));
        Assert.Equal(
            "đơn vị có hồ sơ chưa hoàn thành thẩm định lúc công bố được ghi “không gửi hồ sơ”, xếp sau mọi đơn vị đã hoàn thành thẩm định, điểm theo số liệu đã kê khai",
            set.Value.UnfinishedRule.ToString(Language.Vietnamese));
        var created = (await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Kỳ mới", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), null, Ct))).Value!;
        Assert.Equal((UnfinishedRanking.AfterFinalised, UnfinishedPoints.Zero), (created.UnfinishedRanking, created.UnfinishedPoints));
    }

    [Fact]
    public async Task ChangingTheRuleAfterPublishing_ChangesNothingPublished()
    {
        await _province.PublishAsync(_period.Id);
        var before = (await SnapshotAsync(1)).ToJson();

        await SetRuleAsync(UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported);

        Assert.Equal(before, (await SnapshotAsync(1)).ToJson());
        Assert.Equal("SO-B", (await _province.ResultsAsync(_period.Id))[0].Split(" | ")[0]);
    }

    [Fact]
    public async Task APublicationMadeBeforeTheRule_ReadsAsNobodyNotSubmitted()
    {
        await _province.PublishAsync(_period.Id);
        var json = JsonNode.Parse((await SnapshotAsync(1)).ToJson())!;
        json["period"]!.AsObject().Remove("unfinishedRanking");
        json["period"]!.AsObject().Remove("unfinishedPoints");
        foreach (var unit in json["units"]!.AsArray())
        {
            unit!.AsObject().Remove("notSubmitted");
            unit.AsObject().Remove("note");
        }

        var old = PublicationSnapshot.FromJson(json.ToJsonString());

        Assert.Equal((null, null), (old.Period.UnfinishedRanking, old.Period.UnfinishedPoints));
        Assert.All(old.Units, u => Assert.Equal((false, null), (u.NotSubmitted, u.Note)));
    }

    // ---- Preview and confirmation

    [Fact]
    public async Task Preview_ListsTheUnitsThatDidNotComplete_AndWhatTheyWillGet_AndPublishesNothing()
    {
        var fresh = await FreshAsync();

        var preview = (await _province.PublicationsAsync(p => p.PreviewAsync(Actors.Evaluator, _period.Id, Ct))).Value!;

        Assert.Equal((1, UnfinishedRanking.AfterFinalised, UnfinishedPoints.Zero), (preview.Number, preview.Ranking, preview.Points));
        Assert.Equal([new UnfinishedUnit("SO-A", "Sở A", SubmissionState.Draft, fresh["SO-A"].Total, 0m, 3)], preview.Unfinished);
        Assert.Equal(["SO-B", "SO-C", "SO-A"], preview.Snapshot.Units.Select(u => u.Code));
        Assert.Matches("^[0-9a-f]{16}$", preview.Confirmation);
        Assert.Empty(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
        Assert.Equal(PeriodStatus.Open, (await _province.PeriodsAsync(p => p.GetAsync(_period.Id, Ct))).Value!.Status);
    }

    [Fact]
    public async Task Publish_WithoutConfirmation_IsInvalid_AndPublishesNothing()
    {
        var outcome = await _province.PublicationsAsync(p => p.PublishAsync(Actors.Evaluator, _period.Id, null, "  ", Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(
            "hãy xem trước kết quả sẽ công bố (trước hết là các đơn vị không gửi hồ sơ, điểm và thứ hạng của họ) rồi xác nhận bằng mã xác nhận của bản xem trước",
            outcome.Message!.ToString(Language.Vietnamese));
        Assert.Equal(("APP-PUBLISH-CONFIRM", "confirmation"), (Assert.Single(outcome.Problems).Code, outcome.Problems[0].Input));
        Assert.Empty(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
    }

    [Theory]
    [InlineData("rule")]
    [InlineData("finalised")]
    [InlineData("figures")]
    public async Task Publish_WithTheConfirmationOfAPreviewThatNoLongerHolds_IsAConflict(string change)
    {
        await SetRuleAsync(UnfinishedRanking.AfterFinalised, UnfinishedPoints.AsReported);
        var preview = (await _province.PublicationsAsync(p => p.PreviewAsync(Actors.Evaluator, _period.Id, Ct))).Value!;
        switch (change)
        {
            case "rule":
                await SetRuleAsync(UnfinishedRanking.WithOthers, UnfinishedPoints.AsReported);
                break;
            case "finalised":
                await SetStateAsync("SO-A", SubmissionState.Finalised);
                break;
            default:
                await _province.ReportAsync(_period.Id, "SO-A", 0.3m, seed: 9);
                break;
        }

        var stale = await _province.PublicationsAsync(p => p.PublishAsync(Actors.Evaluator, _period.Id, null, preview.Confirmation, Ct));
        var again = await _province.ConfirmedPublishAsync(Actors.Evaluator, _period.Id);

        Assert.Equal(OutcomeStatus.Conflict, stale.Status);
        Assert.StartsWith("kết quả sẽ công bố đã thay đổi từ khi bạn xem trước", stale.Message!.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.True(again.Succeeded, again.Message?.ToString());
        Assert.Equal(1, again.Value!.Number);
    }

    [Fact]
    public async Task Correction_AppliesTheRuleAgain()
    {
        await _province.PublishAsync(_period.Id);
        await _province.PublishAsync(_period.Id, "Đính chính");

        Assert.Equal(["SO-B #1", "SO-C #2", "SO-A #3"], (await SnapshotAsync(2)).Units.Select(u => $"{u.Code} #{u.Rank}"));
    }

    // ---- Helpers

    private async Task<IReadOnlyDictionary<string, (decimal Total, int Rank)>> FreshAsync()
    {
        var (scores, _) = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScoreAsync(_period.Id, Ct));
        return scores.Units.ToDictionary(u => u.UnitCode, u => (u.Total, u.Rank), StringComparer.Ordinal);
    }

    private async Task<PublicationSnapshot> SnapshotAsync(int number) =>
        (await _province.PublicationsAsync(p => p.GetAsync(Actors.Evaluator, _period.Id, number, Ct))).Value!.Snapshot;

    private async Task SetRuleAsync(UnfinishedRanking ranking, UnfinishedPoints points)
    {
        var set = await _province.PeriodsAsync(p => p.SetUnfinishedRuleAsync(Actors.Evaluator, _period.Id, ranking, points, Ct));
        Assert.True(set.Succeeded, set.Message?.ToString());
    }

    private Task SetStateAsync(string unitCode, SubmissionState state) =>
        _province.InDbAsync(async db =>
        {
            var unitId = (await db.Units.SingleAsync(u => u.Code == unitCode, Ct)).Id;
            var submission = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == _period.Id && s.UnitId == unitId, Ct);
            if (submission is null)
            {
                db.Submissions.Add(new Submission { PeriodId = _period.Id, UnitId = unitId, State = state, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
            }
            else
            {
                submission.State = state;
            }

            return await db.SaveChangesAsync(Ct);
        });
}
