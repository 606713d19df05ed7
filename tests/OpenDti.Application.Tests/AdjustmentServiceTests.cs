using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Review;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Evaluators' adjustments of reported values: who may, when, the reason, the value's checks, the
/// conflict between two evaluators, the history, and the points as reviewed beside the self-assessment.
/// </summary>
public sealed class AdjustmentServiceTests : IAsyncLifetime
{
    private static readonly Actor SecondEvaluator = new("id-evaluator2", "evaluator2", new HashSet<string>([Roles.Evaluator]), null);

    private SmallProvince _province = null!;
    private int _periodId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"])).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Adjusting

    [Fact]
    public async Task Adjust_UnderReview_KeepsTheReportedValueBeside_AndWritesTheHistory()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        var storedBefore = await _province.StoredValuesAsync(_periodId);

        var adjusted = await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Không có kế hoạch tập huấn kèm theo", 0);

        Assert.True(adjusted.Succeeded, adjusted.Message?.ToString());
        Assert.Equal(("Có", "Không", "không", 1, "evaluator"), (adjusted.Value!.Reported, adjusted.Value.Adjusted, adjusted.Value.Value, adjusted.Value.Version, adjusted.Value.UserName));
        Assert.Equal(storedBefore, await _province.StoredValuesAsync(_periodId));
        var listed = Assert.Single(await ListAsync(Actors.Reporter(await UnitIdAsync("SO-A")), "SO-A"));
        Assert.Equal(("1.3", "da_to_chuc", "Có", "Không", "Không có kế hoạch tập huấn kèm theo"), (listed.Indicator, listed.Input, listed.Reported, listed.Adjusted, listed.Reason));
        var history = Assert.Single(await EventsAsync("SO-A"));
        Assert.Equal(
            (ReviewEventKind.Adjusted, "1.3", "da_to_chuc", "có", "không", "Không có kế hoạch tập huấn kèm theo", "evaluator"),
            (history.Kind, history.Indicator, history.Input, history.OldValue, history.NewValue, history.Text, history.UserName));
    }

    [Fact]
    public async Task Adjust_AndWithdraw_AreInTheUnitsAudit_AsAdjustments()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        await SetStateAsync("SO-A", SubmissionState.UnderReview);

        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Thiếu biên bản", 0)).Succeeded);
        var removed = await _province.InScopeAsync(s => s.GetRequiredService<AdjustmentService>()
            .RemoveAsync(Actors.Evaluator, _periodId, "SO-A", "1.3", "da_to_chuc", "Đã bổ sung biên bản", 1, cancellationToken: Ct));
        var audit = await _province.InScopeAsync(s => s.GetRequiredService<Audit.AuditService>().ListAsync(Actors.Evaluator, _periodId, "SO-A", "1.3", Ct));

        Assert.True(removed.Succeeded, removed.Message?.ToString());
        Assert.Equal(
            [
                (AuditKind.Value, "reporter", null, "có", null),
                (AuditKind.Adjustment, "evaluator", "có", "không", "Thiếu biên bản"),
                (AuditKind.Adjustment, "evaluator", "không", "có", "Đã bổ sung biên bản"),
            ],
            audit.Value!.Select(a => (a.Kind, a.UserName, a.OldValue, a.NewValue, a.Reason)));
    }

    [Fact]
    public async Task Adjust_Again_RecordsThePreviousAdjustedValueAsTheOldValue()
    {
        await ReportAsync("SO-A", ("1.4", "co_chuyen_muc", "có"), ("1.4", "a", "25"));
        await SetStateAsync("SO-A", SubmissionState.UnderReview);

        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-A", "1.4", "a", "15", "Chỉ 15 tin có đường dẫn", 0)).Succeeded);
        var second = await AdjustAsync(Actors.Admin, "SO-A", "1.4", "a", "1.234", "Đếm lại", 1);

        Assert.True(second.Succeeded, second.Message?.ToString());
        Assert.Equal(("25", "1.234", "1234", 2), (second.Value!.Reported, second.Value.Adjusted, second.Value.Value, second.Value.Version));
        var events = await EventsAsync("SO-A");
        Assert.Equal([("25", "15"), ("15", "1234")], events.Select(e => (e.OldValue, e.NewValue)));
    }

    [Fact]
    public async Task Adjust_TwoEvaluatorsFromTheSameVersion_TheSecondGetsAConflictNamingTheFirst_AndTheFirstValueStays()
    {
        await ReportAsync("SO-A", ("1.4", "co_chuyen_muc", "có"), ("1.4", "a", "25"));
        await SetStateAsync("SO-A", SubmissionState.UnderReview);

        var first = await AdjustAsync(Actors.Evaluator, "SO-A", "1.4", "a", "15", "Chỉ 15 tin hợp lệ", 0);
        var second = await AdjustAsync(SecondEvaluator, "SO-A", "1.4", "a", "5", "Chỉ 5 tin hợp lệ", 0);

        Assert.True(first.Succeeded, first.Message?.ToString());
        Assert.Equal(OutcomeStatus.Conflict, second.Status);
        Assert.Contains("evaluator", second.Message!.ToString(), StringComparison.Ordinal);
        Assert.Contains(second.Problems, p => p is { Code: "APP-VERSION", Indicator: "1.4", Input: "a" });
        var stored = Assert.Single(await ListAsync(Actors.Evaluator, "SO-A"));
        Assert.Equal(("15", "evaluator", 1), (stored.Adjusted, stored.UserName, stored.Version));
        Assert.Single(await EventsAsync("SO-A"));

        // Having read version 1, the second evaluator may change it.
        var reread = await AdjustAsync(SecondEvaluator, "SO-A", "1.4", "a", "5", "Chỉ 5 tin hợp lệ", 1);
        Assert.True(reread.Succeeded, reread.Message?.ToString());
        Assert.Equal(("5", 2), (reread.Value!.Adjusted, reread.Value.Version));
    }

    [Fact]
    public async Task Adjust_WithoutAVersion_WhenAnAdjustmentExists_IsAConflict()
    {
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Lý do", 0)).Succeeded);

        var blind = await AdjustAsync(SecondEvaluator, "SO-A", "1.3", "da_to_chuc", "có", "Lý do khác", null);

        Assert.Equal(OutcomeStatus.Conflict, blind.Status);
        Assert.Equal("Không", Assert.Single(await ListAsync(Actors.Evaluator, "SO-A")).Adjusted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SubmissionState.Draft)]
    [InlineData(SubmissionState.Submitted)]
    [InlineData(SubmissionState.Approved)]
    [InlineData(SubmissionState.Returned)]
    [InlineData(SubmissionState.Resubmitted)]
    [InlineData(SubmissionState.Finalised)]
    public async Task Adjust_WhenNotUnderReview_IsAConflictNamingTheState(SubmissionState? state)
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        if (state is { } s)
        {
            await SetStateAsync("SO-A", s);
        }

        var adjusted = await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Lý do", 0);

        Assert.Equal(OutcomeStatus.Conflict, adjusted.Status);
        Assert.Contains(ReviewText.Name(state ?? SubmissionState.Draft).ToString(Core.Text.Language.Vietnamese), adjusted.Message!.ToString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(Actors.Evaluator, "SO-A"));
        Assert.Empty(await EventsAsync("SO-A"));
    }

    [Fact]
    public async Task Adjust_AfterPublication_IsAllowedWhateverTheState()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        await _province.InDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == _periodId, Ct);
            period.Status = PeriodStatus.Published;
            return await db.SaveChangesAsync(Ct);
        });

        var adjusted = await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Phúc khảo: minh chứng không hợp lệ", 0);

        Assert.True(adjusted.Succeeded, adjusted.Message?.ToString());
    }

    [Fact]
    public async Task Adjust_ByAnyoneButEvaluatorsAndAdministrators_IsForbidden()
    {
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        var unitId = await UnitIdAsync("SO-A");

        foreach (var actor in new[] { Actors.Viewer, Actors.Reporter(unitId), Actors.Leader(unitId) })
        {
            var refused = await AdjustAsync(actor, "SO-A", "1.3", "da_to_chuc", "không", "Lý do", 0);
            Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        }

        Assert.Empty(await ListAsync(Actors.Evaluator, "SO-A"));
        Assert.True((await AdjustAsync(Actors.Admin, "SO-A", "1.3", "da_to_chuc", "không", "Lý do", 0)).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Adjust_WithoutAReason_IsInvalid(string? reason)
    {
        await SetStateAsync("SO-A", SubmissionState.UnderReview);

        var adjusted = await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", reason, 0);

        Assert.Equal(OutcomeStatus.Invalid, adjusted.Status);
        Assert.Contains(adjusted.Problems, p => p is { Code: "APP-REASON-REQUIRED", Indicator: "1.3", Input: "da_to_chuc" });
        Assert.Empty(await ListAsync(Actors.Evaluator, "SO-A"));
    }

    [Theory]
    [InlineData("1.4", "a", "-5", DiagnosticCodes.BelowMin)]
    [InlineData("1.4", "a", "nhiều", DiagnosticCodes.NotANumber)]
    [InlineData("1.3", "da_to_chuc", "có lẽ", DiagnosticCodes.NotYesNo)]
    [InlineData("1.1", "truong_ban", "giam_doc", DiagnosticCodes.UnknownOption)]
    [InlineData("1.4", "b", "5", DiagnosticCodes.CsvUnknownInput)]
    [InlineData("9.9", "a", "5", DiagnosticCodes.CsvUnknownIndicator)]
    public async Task Adjust_ABadValue_IsInvalid_NamingTheIndicatorAndInput(string indicator, string input, string value, string code)
    {
        await SetStateAsync("SO-A", SubmissionState.UnderReview);

        var adjusted = await AdjustAsync(Actors.Evaluator, "SO-A", indicator, input, value, "Lý do", 0);

        Assert.Equal(OutcomeStatus.Invalid, adjusted.Status);
        var problem = Assert.Single(adjusted.Problems);
        Assert.Equal((code, indicator, input), (problem.Code, problem.Indicator, problem.Input));
        Assert.Empty(await ListAsync(Actors.Evaluator, "SO-A"));
    }

    // ---- Withdrawing

    [Fact]
    public async Task Remove_WithdrawsTheAdjustment_WithTheHistory_AndAStaleVersionIsAConflict()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Thiếu minh chứng", 0)).Succeeded);

        var stale = await RemoveAsync(SecondEvaluator, "SO-A", "1.3", "da_to_chuc", "Đã bổ sung minh chứng", 0);
        var withoutReason = await RemoveAsync(SecondEvaluator, "SO-A", "1.3", "da_to_chuc", " ", 1);
        var removed = await RemoveAsync(SecondEvaluator, "SO-A", "1.3", "da_to_chuc", "Đã bổ sung minh chứng", 1);
        var again = await RemoveAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "Lần nữa", 1);

        Assert.Equal(OutcomeStatus.Conflict, stale.Status);
        Assert.Equal(OutcomeStatus.Invalid, withoutReason.Status);
        Assert.True(removed.Succeeded, removed.Message?.ToString());
        Assert.Equal(OutcomeStatus.Conflict, again.Status);
        Assert.Contains("evaluator2", again.Message!.ToString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(Actors.Evaluator, "SO-A"));
        var events = await EventsAsync("SO-A");
        Assert.Equal(
            [(ReviewEventKind.Adjusted, "có", "không", "Thiếu minh chứng"), (ReviewEventKind.AdjustmentRemoved, "không", "có", "Đã bổ sung minh chứng")],
            events.Select(e => (e.Kind, e.OldValue, e.NewValue, e.Text)));
        Assert.Equal(OutcomeStatus.NotFound, (await RemoveAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "Lý do", 0)).Status);
    }

    // ---- Points as reviewed

    [Fact]
    public async Task Score_AsReviewed_UsesTheAdjustment_AndChangesTheRanking_WhileTheSelfAssessmentStays()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"), ("1.2", "tham_gia_bcd", "có"));
        await ReportAsync("SO-B", ("1.3", "da_to_chuc", "có"));
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        var selfBefore = await TotalsAsync(ValueBasis.SelfAssessed);
        var reviewedBefore = await TotalsAsync(ValueBasis.Reviewed);
        Assert.Equal(selfBefore, reviewedBefore);
        Assert.Equal(1, reviewedBefore["SO-A"].Rank);

        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Thiếu minh chứng", 0)).Succeeded);

        var reviewed = await TotalsAsync(ValueBasis.Reviewed);
        Assert.Equal(selfBefore, await TotalsAsync(ValueBasis.SelfAssessed));
        Assert.Equal(selfBefore["SO-A"].Total - 20m, reviewed["SO-A"].Total);
        Assert.Equal(selfBefore["SO-B"].Total, reviewed["SO-B"].Total);
        Assert.Equal((2, 1), (reviewed["SO-A"].Rank, reviewed["SO-B"].Rank));

        // The ranking and the scorecard read the points as reviewed.
        var ranking = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ResultsAsync(Actors.Evaluator, _periodId, Ct));
        Assert.Equal("SO-B", ranking.Value!.Units[0].UnitCode);
        var scorecard = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScorecardAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));
        Assert.Equal(0m, scorecard.Value!.Nodes.Single(n => n.Code == "1.3").Points);
        Assert.Equal("Không", scorecard.Value.Inputs.Single(i => i.Indicator == "1.3").Value);
    }

    // ---- Comparison

    [Fact]
    public async Task Comparison_GivesEachUnitsSelfAssessedAndReviewedPoints_AndTheIndicatorsMostOverClaimed()
    {
        // 1.3 is worth 20 points, 1.2 is 10 + 10. SO-A over-claims 1.3 (20); SO-B over-claims 1.3 (20) and 1.2 (10);
        // SO-C under-claims 1.3 (-20).
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        await ReportAsync("SO-B", ("1.3", "da_to_chuc", "có"), ("1.2", "tham_gia_bcd", "có"), ("1.2", "chu_tri_hop", "không"));
        await ReportAsync("SO-C", ("1.3", "da_to_chuc", "không"));
        foreach (var code in new[] { "SO-A", "SO-B", "SO-C" })
        {
            await SetStateAsync(code, SubmissionState.UnderReview);
        }

        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-A", "1.3", "da_to_chuc", "không", "Thiếu minh chứng", 0)).Succeeded);
        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-B", "1.3", "da_to_chuc", "không", "Thiếu minh chứng", 0)).Succeeded);
        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-B", "1.2", "tham_gia_bcd", "không", "Vắng hai phiên", 0)).Succeeded);
        Assert.True((await AdjustAsync(Actors.Evaluator, "SO-C", "1.3", "da_to_chuc", "có", "Có kế hoạch tập huấn", 0)).Succeeded);

        var comparison = await ComparisonAsync(Actors.Viewer);

        Assert.True(comparison.Succeeded, comparison.Message?.ToString());
        var units = comparison.Value!.Units;
        Assert.Equal(["SO-B", "SO-A", "SO-C"], units.Select(u => u.UnitCode));
        Assert.Equal([30m, 20m, -20m], units.Select(u => u.Difference));
        Assert.All(units, u => Assert.Equal(u.SelfAssessed - u.Reviewed, u.Difference));
        var b = units[0];
        var b13 = b.Indicators.Single(i => i.Code == "1.3");
        Assert.Equal((20m, 0m, 20m), (b13.SelfAssessed, b13.Reviewed, b13.Difference));
        Assert.Equal(10m, b.Indicators.Single(i => i.Code == "1.2").Difference);
        Assert.All(b.Indicators.Where(i => i.Code is not "1.2" and not "1.3"), i => Assert.Equal(0m, i.Difference));

        Assert.Equal(
            [("1.3", 20m, 6.6667m, 2), ("1.2", 10m, 3.3333m, 1)],
            comparison.Value.OverClaims.Select(o => (o.Code, o.TotalDifference, Math.Round(o.AverageDifference, 4), o.UnitsOverClaiming)));

        // A unit's reporter sees their own unit alone, in a period not yet published.
        var own = await ComparisonAsync(Actors.Reporter(await UnitIdAsync("SO-A")));
        Assert.True(own.Succeeded, own.Message?.ToString());
        Assert.Equal(["SO-A"], own.Value!.Units.Select(u => u.UnitCode));
        Assert.Equal([("1.3", 20m, 1)], own.Value.OverClaims.Select(o => (o.Code, o.TotalDifference, o.UnitsOverClaiming)));
    }

    [Fact]
    public async Task Comparison_ForAUnitUserOutsideTheCohort_IsForbidden()
    {
        var period = await _province.OpenDepartmentPeriodAsync(name: "Chỉ Sở B", units: ["SO-B"]);

        var refused = await _province.InScopeAsync(s => s.GetRequiredService<ReviewComparisonService>().ComparisonAsync(Actors.Leader(2_000_000), period.Id, Ct));
        var refusedA = await _province.InScopeAsync(async s => await s.GetRequiredService<ReviewComparisonService>().ComparisonAsync(Actors.Leader(await UnitIdAsync("SO-A")), period.Id, Ct));

        Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        Assert.Equal(OutcomeStatus.Forbidden, refusedA.Status);
    }

    // ---- Changed since approval

    [Fact]
    public async Task ChangesSinceApproval_ListsEachInputChangedAfterTheApproval_WithTheValueThenAndNow()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"), ("1.4", "a", "5"), ("1.2", "tham_gia_bcd", "có"));
        var clock = _province.Database.Services.GetRequiredService<TestClock>();
        clock.Advance(TimeSpan.FromMinutes(5));
        var approvedAt = clock.GetUtcNow().UtcDateTime;
        await SetStateAsync("SO-A", SubmissionState.Returned, approvedAt);
        clock.Advance(TimeSpan.FromMinutes(5));
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "không"), ("1.4", "a", "12"), ("1.2", "tham_gia_bcd", "không"));
        await ReportAsync("SO-A", ("1.4", "a", "1234"), ("1.2", "tham_gia_bcd", "có"), ("1.1", "truong_ban", "cap_pho"));

        var changes = await _province.InScopeAsync(s => s.GetRequiredService<ReviewComparisonService>().ChangesSinceApprovalAsync(Actors.Viewer, _periodId, "SO-A", cancellationToken: Ct));

        Assert.True(changes.Succeeded, changes.Message?.ToString());
        Assert.Equal(approvedAt, changes.Value!.ApprovedAt);
        Assert.Equal(
            [
                ("1.1", "truong_ban", null, "Cấp phó của người đứng đầu (Phó Giám đốc/Phó Thủ trưởng)", 1),
                ("1.3", "da_to_chuc", "Có", "Không", 1),
                ("1.4", "a", "5", "1.234", 2),
            ],
            changes.Value.Inputs.Select(i => (i.Indicator, i.Input, i.AtApproval, i.Now, i.Changes)));
        Assert.All(changes.Value.Inputs, i => Assert.Equal("reporter", i.ChangedBy));
        Assert.All(changes.Value.Inputs, i => Assert.True(i.ChangedAt > approvedAt));

        var refused = await _province.InScopeAsync(async s => await s.GetRequiredService<ReviewComparisonService>().ChangesSinceApprovalAsync(Actors.Reporter(await UnitIdAsync("SO-B")), _periodId, "SO-A", cancellationToken: Ct));
        Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
    }

    [Fact]
    public async Task ChangesSinceApproval_WhenNeverApproved_IsEmpty()
    {
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "có"));
        await ReportAsync("SO-A", ("1.3", "da_to_chuc", "không"));
        await SetStateAsync("SO-A", SubmissionState.Submitted);

        var changes = await _province.InScopeAsync(s => s.GetRequiredService<ReviewComparisonService>().ChangesSinceApprovalAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));

        Assert.True(changes.Succeeded, changes.Message?.ToString());
        Assert.Null(changes.Value!.ApprovedAt);
        Assert.Empty(changes.Value.Inputs);
    }

    // ---- Helpers

    private Task<Outcome<AdjustmentItem>> AdjustAsync(
        Actor actor, string unit, string indicator, string input, string value, string? reason, int? version) =>
        _province.InScopeAsync(s => s.GetRequiredService<AdjustmentService>().AdjustAsync(actor, _periodId, unit, indicator, input, value, reason, version, cancellationToken: Ct));

    private Task<Outcome<AdjustmentItem>> RemoveAsync(Actor actor, string unit, string indicator, string input, string? reason, int? version) =>
        _province.InScopeAsync(s => s.GetRequiredService<AdjustmentService>().RemoveAsync(actor, _periodId, unit, indicator, input, reason, version, cancellationToken: Ct));

    private async Task<IReadOnlyList<AdjustmentItem>> ListAsync(Actor actor, string unit)
    {
        var listed = await _province.InScopeAsync(s => s.GetRequiredService<AdjustmentService>().ListAsync(actor, _periodId, unit, cancellationToken: Ct));
        Assert.True(listed.Succeeded, listed.Message?.ToString());
        return listed.Value!;
    }

    private Task<Outcome<PeriodComparison>> ComparisonAsync(Actor actor) =>
        _province.InScopeAsync(s => s.GetRequiredService<ReviewComparisonService>().ComparisonAsync(actor, _periodId, Ct));

    private async Task<Dictionary<string, (decimal Total, int Rank)>> TotalsAsync(ValueBasis basis)
    {
        var (scores, _) = await _province.InScopeAsync(s => s.GetRequiredService<ResultService>().ScoreAsync(_periodId, basis, Ct));
        return scores.Units.ToDictionary(u => u.UnitCode, u => (u.Total, u.Rank));
    }

    private async Task<int> UnitIdAsync(string code) => (await _province.UnitAsync(code)).Id;

    /// <summary>Reports values for <paramref name="unit"/> as its reporter.</summary>
    private async Task ReportAsync(string unit, params (string Indicator, string Input, string Value)[] values)
    {
        var unitId = await UnitIdAsync(unit);
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(unitId), _periodId, unit, values.Select(x => new ValueChange(x.Indicator, x.Input, x.Value)).ToArray(), AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());
    }

    /// <summary>Puts <paramref name="unit"/>'s submission in <paramref name="state"/> directly (the transitions are not this test's subject).</summary>
    private Task SetStateAsync(string unit, SubmissionState state, DateTime? approvedAt = null) =>
        _province.InDbAsync(async db =>
        {
            var unitId = await db.Units.Where(u => u.Code == unit).Select(u => u.Id).SingleAsync(Ct);
            var submission = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == _periodId && s.UnitId == unitId, Ct);
            if (submission is null)
            {
                submission = new Submission { PeriodId = _periodId, UnitId = unitId, UpdatedBy = "test" };
                db.Submissions.Add(submission);
            }

            submission.State = state;
            submission.ApprovedAt = approvedAt;
            submission.Version++;
            return await db.SaveChangesAsync(Ct);
        });

    private async Task<List<ReviewEvent>> EventsAsync(string unit)
    {
        var unitId = await UnitIdAsync(unit);
        return await _province.InDbAsync(db => db.ReviewEvents.AsNoTracking().Where(e => e.PeriodId == _periodId && e.UnitId == unitId).OrderBy(e => e.Id).ToListAsync(Ct));
    }
}
