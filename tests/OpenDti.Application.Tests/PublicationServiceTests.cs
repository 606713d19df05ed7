using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
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
/// Publication (công bố): the results frozen as numbered snapshots, corrections with a reason, the
/// refusal while units are in the middle of the review, and published results that later changes of
/// values, profiles or the framework record never change.
/// </summary>
public sealed class PublicationServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private PeriodSummary _period = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _period = await _province.OpenDepartmentPeriodAsync();
        await _province.ReportAsync(_period.Id, "SO-A", 0.9m, seed: 1);
        await _province.ReportAsync(_period.Id, "SO-B", 0.5m, seed: 2);
        await _province.ReportAsync(_period.Id, "SO-C", 0.2m, seed: 3);

        // Every unit completed the review cycle: published as scored. The rule for the others is tested below.
        foreach (var (code, _) in SmallProvince.Departments)
        {
            await SetStateAsync(code, SubmissionState.Finalised);
        }
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Publishing and numbering

    [Fact]
    public async Task Publish_FreezesTheResultsAsTheyStand_AsNumberOne_AndPublishesThePeriod()
    {
        var fresh = await FreshTotalsAsync();

        var published = await _province.PublishAsync(_period.Id);

        Assert.Equal((1, null, "evaluator"), (published.Number, published.Reason, published.UserName));
        Assert.Equal(PeriodStatus.Published, (await _province.PeriodsAsync(p => p.GetAsync(_period.Id, Ct))).Value!.Status);
        var snapshot = (await _province.PublicationsAsync(p => p.GetAsync(Actors.Viewer, _period.Id, 1, Ct))).Value!.Snapshot;
        Assert.Equal(fresh, snapshot.Units.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Code} {u.Total} #{u.Rank}")).ToArray());
        Assert.Equal(("Đánh giá DTI các sở năm 2024", 2024, "dti-department-2022", 1000m), (snapshot.Period.Name, snapshot.Period.Year, snapshot.Period.FrameworkCode, snapshot.Period.TotalPoints));
        var unit = snapshot.Find("SO-A")!;
        Assert.Equal(snapshot.Nodes.Count, unit.Nodes.Count);
        Assert.All(unit.Nodes, n => Assert.False(string.IsNullOrWhiteSpace(n.Explanation.Vi)));
        Assert.Contains(unit.Nodes, n => n.Explanation.Vi != n.Explanation.En);
        Assert.Equal(unit.AnsweredInputs, unit.Values.Count);
    }

    [Fact]
    public async Task Publish_Again_IsACorrection_ThatNeedsAReason_AndGetsTheNextNumber()
    {
        await _province.PublishAsync(_period.Id);

        var withoutReason = await _province.PublicationsAsync(p => p.PublishAsync(Actors.Evaluator, _period.Id, "  ", null, Ct));
        var second = await _province.PublishAsync(_period.Id, "  Sửa số liệu của Sở B sau phúc khảo ");
        var third = await _province.ConfirmedPublishAsync(Actors.Admin, _period.Id, "Lần ba");

        Assert.Equal(OutcomeStatus.Invalid, withoutReason.Status);
        Assert.Equal("lần công bố thứ 2 là công bố đính chính: phải ghi lý do", withoutReason.Message!.ToString());
        Assert.Equal((2, "Sửa số liệu của Sở B sau phúc khảo"), (second.Number, second.Reason));
        Assert.Equal(3, third.Value!.Number);
        var list = (await _province.PublicationsAsync(p => p.ListAsync(Actors.Viewer, _period.Id, Ct))).Value!;
        Assert.Equal([(1, null), (2, "Sửa số liệu của Sở B sau phúc khảo"), (3, "Lần ba")], list.Select(p => (p.Number, p.Reason)).ToArray());
        Assert.Equal(3, (await _province.PublicationsAsync(p => p.LatestAsync(Actors.Viewer, _period.Id, Ct))).Value!.Publication.Number);
    }

    [Fact]
    public async Task Publish_ByViewersAndUnitUsers_IsForbidden()
    {
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in new[] { Actors.Viewer, Actors.Reporter(unitId), Actors.Leader(unitId) })
        {
            var outcome = await _province.ConfirmedPublishAsync(actor, _period.Id, "lý do");
            Assert.Equal(OutcomeStatus.Forbidden, outcome.Status);
        }

        Assert.Empty(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
        Assert.Equal(PeriodStatus.Open, (await _province.PeriodsAsync(p => p.GetAsync(_period.Id, Ct))).Value!.Status);
    }

    [Fact]
    public async Task Publish_ADraftPeriod_IsAConflict()
    {
        var draft = (await _province.PeriodsAsync(p => p.CreateAsync(
            Actors.Evaluator, "dti-department-2022", 2025, "Kỳ nháp", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), null, Ct))).Value!;

        var outcome = await _province.PublicationsAsync(p => p.PublishAsync(Actors.Evaluator, draft.Id, null, null, Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("kỳ đánh giá \"Kỳ nháp\" đang chuẩn bị: chưa thể công bố kết quả", outcome.Message!.ToString());
    }

    [Fact]
    public async Task Publish_OfAnUnknownPeriod_IsNotFound()
    {
        var outcome = await _province.PublicationsAsync(p => p.PublishAsync(Actors.Evaluator, 999, null, null, Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
    }

    // ---- Units in the middle of the review

    [Theory]
    [InlineData(SubmissionState.Submitted, "đã gửi")]
    [InlineData(SubmissionState.Approved, "đã phê duyệt")]
    [InlineData(SubmissionState.UnderReview, "đang thẩm định")]
    [InlineData(SubmissionState.Returned, "đã trả lại")]
    [InlineData(SubmissionState.Resubmitted, "đã gửi lại")]
    public async Task Publish_IsRefused_WhileAUnitIsInTheMiddleOfTheReview_NamingItsState(SubmissionState state, string name)
    {
        await SetStateAsync("SO-B", state);
        await SetStateAsync("SO-C", SubmissionState.Finalised);

        var outcome = await _province.ConfirmedPublishAsync(Actors.Evaluator, _period.Id);

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal($"chưa thể công bố kết quả: hồ sơ của các đơn vị sau đang trong quá trình thẩm định: SO-B ({name})", outcome.Message!.ToString());
        Assert.Equal($"hồ sơ của SO-B đang ở trạng thái {name}", Assert.Single(outcome.Problems).Message.ToString());
        Assert.Empty(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
        Assert.Equal(PeriodStatus.Open, (await _province.PeriodsAsync(p => p.GetAsync(_period.Id, Ct))).Value!.Status);
    }

    [Fact]
    public async Task Publish_NamesEveryUnitInReview_InEnglishToo()
    {
        await SetStateAsync("SO-C", SubmissionState.UnderReview);
        await SetStateAsync("SO-A", SubmissionState.Submitted);

        var outcome = await _province.ConfirmedPublishAsync(Actors.Evaluator, _period.Id);

        Assert.Equal(
            "the results cannot be published yet: these units' submissions are in the middle of the review: SO-A (submitted), SO-C (under review)",
            outcome.Message!.ToString(Language.English));
        Assert.Equal(2, outcome.Problems.Count);
    }

    [Fact]
    public async Task Publish_GoesAhead_WithDraftAndFinalisedUnits()
    {
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        await SetStateAsync("SO-B", SubmissionState.Draft);

        var outcome = await _province.ConfirmedPublishAsync(Actors.Evaluator, _period.Id);

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
    }

    // ---- Published results never change

    [Fact]
    public async Task PublishedResults_DoNotChange_WhenAValueAProfileOrTheFrameworkRecordChangesAfterwards()
    {
        await _province.PublishAsync(_period.Id);
        var ranking = await _province.ResultsAsync(_period.Id);
        var scorecard = await ScorecardTextAsync("SO-B", Language.Vietnamese);
        var scorecardEn = await ScorecardTextAsync("SO-B", Language.English);
        var overview = await OverviewTextAsync();
        var fresh = await FreshTotalsAsync();

        await ChangeAValueAsync("SO-B");
        Assert.NotEqual(fresh, await FreshTotalsAsync()); // the change is real: a fresh scoring sees it
        fresh = await FreshTotalsAsync();
        var profile = SmallProvince.DepartmentProfile(2).ToDictionary(p => p.Key, p => p.Value * 7);
        Assert.True((await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-C", 2024, profile, Ct))).Succeeded);
        Assert.NotEqual(fresh, await FreshTotalsAsync());
        await RenameTheFrameworksMainIndexAsync();
        Assert.Contains("(sửa)", (await FreshScoresAsync()).Scores.Framework.MainIndices[0].Name, StringComparison.Ordinal);

        Assert.Equal(ranking, await _province.ResultsAsync(_period.Id));
        Assert.Equal(scorecard, await ScorecardTextAsync("SO-B", Language.Vietnamese));
        Assert.Equal(scorecardEn, await ScorecardTextAsync("SO-B", Language.English));
        Assert.Equal(overview, await OverviewTextAsync());
        Assert.DoesNotContain("(sửa)", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_ShowsTheNewFigures_WhileTheFirstPublicationStaysReadableUnchanged()
    {
        await _province.PublishAsync(_period.Id);
        var first = await SnapshotTotalsAsync(1);
        await ChangeAValueAsync("SO-B");

        await _province.PublishAsync(_period.Id, "Đính chính số liệu của Sở B");

        var second = await SnapshotTotalsAsync(2);
        Assert.Equal(first, await SnapshotTotalsAsync(1));
        Assert.NotEqual(first, second);
        Assert.Equal(await FreshTotalsAsync(), second);
        var ranking = await _province.ResultsAsync(_period.Id);
        Assert.Equal(second, ranking.Select(l => l.Split(" | ")).Select(p => $"{p[0]} {p[2]} {p[3]}").ToArray());
    }

    [Fact]
    public async Task PublishedScorecard_IsTheFreshOne_AtTheMomentOfPublication_InEitherLanguage()
    {
        var before = await ScorecardTextAsync("SO-A", Language.English);

        await _province.PublishAsync(_period.Id);

        Assert.Equal(before, await ScorecardTextAsync("SO-A", Language.English));
        Assert.Contains("Có", await ScorecardTextAsync("SO-A", Language.Vietnamese), StringComparison.Ordinal);
    }

    // ---- Who reads publications

    [Fact]
    public async Task Publications_AreReadByEveryone_OnceThePeriodIsPublished()
    {
        var reporter = Actors.Reporter((await _province.UnitAsync("SO-A")).Id);
        var before = await _province.PublicationsAsync(p => p.ListAsync(reporter, _period.Id, Ct));
        var viewerBefore = await _province.PublicationsAsync(p => p.ListAsync(Actors.Viewer, _period.Id, Ct));

        await _province.PublishAsync(_period.Id);

        Assert.Equal(OutcomeStatus.Forbidden, before.Status);
        Assert.Empty(viewerBefore.Value!);
        Assert.Single((await _province.PublicationsAsync(p => p.ListAsync(reporter, _period.Id, Ct))).Value!);
        var read = await _province.PublicationsAsync(p => p.GetAsync(reporter, _period.Id, 1, Ct));
        Assert.Equal(3, read.Value!.Snapshot.Units.Count);
        var missing = await _province.PublicationsAsync(p => p.GetAsync(reporter, _period.Id, 2, Ct));
        Assert.Equal(OutcomeStatus.NotFound, missing.Status);
        Assert.Equal($"kỳ đánh giá {_period.Id} không có lần công bố thứ 2", missing.Message!.ToString());
    }

    [Fact]
    public async Task Latest_OfAPeriodNeverPublished_IsNotFound()
    {
        var outcome = await _province.PublicationsAsync(p => p.LatestAsync(Actors.Evaluator, _period.Id, Ct));

        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
    }

    // ---- Helpers

    /// <remarks>
    /// Scored with an empty <see cref="ScoreCache"/>: the changes these tests make straight in the database, as
    /// someone with access to it would, leave no audit entry, so a kept cohort would not see them.
    /// </remarks>
    private Task<(Core.Scoring.CohortScores Scores, IReadOnlyDictionary<string, string> Names)> FreshScoresAsync() =>
        _province.InScopeAsync(async s =>
        {
            using var empty = new ScoreCache();
            return await ActivatorUtilities.CreateInstance<ResultService>(s, empty).ScoreAsync(_period.Id, Ct);
        });

    /// <summary>Each unit's total and rank from a scoring of the data as it is now: "SO-A 512.5 #1".</summary>
    private async Task<string[]> FreshTotalsAsync() =>
        (await FreshScoresAsync()).Scores.Units.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.UnitCode} {u.Total} #{u.Rank}")).ToArray();

    private async Task<string[]> SnapshotTotalsAsync(int number)
    {
        var read = await _province.PublicationsAsync(p => p.GetAsync(Actors.Evaluator, _period.Id, number, Ct));
        return read.Value!.Snapshot.Units.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Code} {u.Total} #{u.Rank}")).ToArray();
    }

    private async Task<string> ScorecardTextAsync(string unitCode, Language language)
    {
        var card = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Evaluator, _period.Id, unitCode, language, Ct));
        Assert.True(card.Succeeded, card.Message?.ToString());
        var s = card.Value!;
        return string.Join(
            "\n",
            new[] { string.Create(CultureInfo.InvariantCulture, $"{s.UnitCode} {s.UnitName} {s.Total} #{s.Rank}") }
                .Concat(s.MainIndices.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Code} {m.Name} {m.Points}/{m.MaxPoints} #{m.Rank}")))
                .Concat(s.Nodes.Select(n => string.Create(
                    CultureInfo.InvariantCulture, $"{n.Code} {n.Name} {n.Kind} {n.Depth} {n.Points}/{n.MaxPoints} {n.Fraction} {n.Measure} [{string.Join(",", n.Flags)}] {n.Explanation}")))
                .Concat(s.Inputs.Select(i => $"{i.Indicator} {i.Input} {i.Label} {i.Unit} = {i.Value}")));
    }

    private async Task<string> OverviewTextAsync()
    {
        var overview = (await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().OverviewAsync(Actors.Evaluator, _period.Id, Ct))).Value!;
        return string.Join(
            "\n",
            new[] { string.Create(CultureInfo.InvariantCulture, $"{overview.FrameworkName} {overview.TotalPoints}") }
                .Concat(overview.MainIndices.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Code} {m.Name} {m.MaxPoints} {m.Provisional}")))
                .Concat(overview.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Result.UnitCode} {r.Result.Total} #{r.Result.Rank} {r.Completeness}")))
                .Concat(overview.Indicators.Select(i => $"{i.Code} {i.Name} {i.MainIndex} {i.MaxPoints}"))
                .Concat(overview.IndicatorFractions.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + " " + string.Join(" ", f.Value)))
                .Concat(overview.Distribution.Select(b => $"{b.From}-{b.To}: {b.Units}")));
    }

    /// <summary>Sets every number <paramref name="unitCode"/> reported to 0 in the database (the period is closed to entry, as a published one is).</summary>
    private Task ChangeAValueAsync(string unitCode) =>
        _province.InDbAsync(async db =>
        {
            var unitId = (await db.Units.SingleAsync(u => u.Code == unitCode, Ct)).Id;
            var values = await db.ReportedValues.Where(v => v.PeriodId == _period.Id && v.UnitId == unitId).ToListAsync(Ct);
            var changed = 0;
            foreach (var value in values.Where(v => decimal.TryParse(v.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n > 0))
            {
                value.Value = "0";
                changed++;
            }

            Assert.True(changed > 0);
            return await db.SaveChangesAsync(Ct);
        });

    /// <summary>Renames main index 1 in the framework record's text (and its code, so the compiled cache reads it again).</summary>
    private Task RenameTheFrameworksMainIndexAsync() =>
        _province.InDbAsync(async db =>
        {
            var record = await db.Frameworks.SingleAsync(f => f.Code == "dti-department-2022", Ct);
            record.Yaml = record.Yaml
                .Replace("code: dti-department-2022", "code: dti-department-2022-sua", StringComparison.Ordinal)
                .Replace("name: Nhận thức số\n", "name: Nhận thức số (sửa)\n", StringComparison.Ordinal);
            record.Code = "dti-department-2022-sua";
            return await db.SaveChangesAsync(Ct);
        });

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
