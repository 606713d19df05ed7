using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Reporting;
using OpenDti.Application.Results;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Periods;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>What a unit's people see of their periods and their form, and saving from the form.</summary>
public sealed class ReportingServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    private Task<T> ReportingAsync<T>(Func<ReportingService, Task<T>> action, DateTimeOffset? now = null) =>
        _province.InScopeAsync(s => action(new ReportingService(
            s.GetRequiredService<OpenDtiDbContext>(),
            s.GetRequiredService<FrameworkCatalog>(),
            s.GetRequiredService<PeriodService>(),
            s.GetRequiredService<ValueService>(),
            s.GetRequiredService<ResultService>(),
            new FixedTime(now ?? new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero)))));

    [Fact]
    public async Task UnitPeriods_AreTheUnitsPeriodsBeyondDraft_WithProgressAndDaysLeftInVietnam()
    {
        var open = await _province.OpenDepartmentPeriodAsync(opensOn: new DateOnly(2024, 11, 1)); // closes 01/01/2025
        await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Nháp", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), null, Ct));
        await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-district-2023", 2024, "Huyện", new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 31), null, Ct));
        var unit = await _province.UnitAsync("SO-A");
        await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(unit.Id), open.Id, "SO-A", [new ValueChange("2.1", "da_ban_hanh", "có"), new ValueChange("3.2", "a", "5")], Data.Audit.AuditChannel.Page, cancellationToken: Ct));

        // 20:00 UTC on 25 December is already 26 December in Vietnam: 6 days to 1 January.
        var periods = await ReportingAsync(r => r.UnitPeriodsAsync(Actors.Reporter(unit.Id), Ct), new DateTimeOffset(2024, 12, 25, 20, 0, 0, TimeSpan.Zero));

        var only = Assert.Single(periods);
        Assert.Equal((open.Id, "SO-A", "Sở A", 2, 6), (only.Period.Id, only.UnitCode, only.UnitName, only.Answered, only.DaysLeft));
        Assert.True(only.TotalInputs > 2);
        Assert.Equal((decimal)2 / only.TotalInputs, only.Progress);
    }

    [Fact]
    public async Task UnitPeriods_AfterTheDeadline_CountDaysOverdue_AndOtherUsersHaveNone()
    {
        var open = await _province.OpenDepartmentPeriodAsync(opensOn: new DateOnly(2024, 11, 1));
        var unit = await _province.UnitAsync("SO-B");

        var late = await ReportingAsync(r => r.UnitPeriodsAsync(Actors.Leader(unit.Id), Ct), new DateTimeOffset(2025, 1, 4, 3, 0, 0, TimeSpan.Zero));
        var staff = await ReportingAsync(r => r.UnitPeriodsAsync(Actors.Evaluator, Ct));

        Assert.Equal((open.Id, -3), (Assert.Single(late).Period.Id, late[0].DaysLeft));
        Assert.Empty(staff);
    }

    [Fact]
    public async Task Form_IsWritableOnlyByTheUnitsReporterAndEvaluators_AndReadableByItsLeader()
    {
        var open = await _province.OpenDepartmentPeriodAsync();
        var a = (await _province.UnitAsync("SO-A")).Id;
        var b = (await _province.UnitAsync("SO-B")).Id;

        var reporter = await ReportingAsync(r => r.FormAsync(Actors.Reporter(a), open.Id, "SO-A", Language.Vietnamese, cancellationToken: Ct));
        var leader = await ReportingAsync(r => r.FormAsync(Actors.Leader(a), open.Id, "SO-A", Language.Vietnamese, cancellationToken: Ct));
        var evaluator = await ReportingAsync(r => r.FormAsync(Actors.Evaluator, open.Id, "SO-A", Language.Vietnamese, cancellationToken: Ct));
        var viewer = await ReportingAsync(r => r.FormAsync(Actors.Viewer, open.Id, "SO-A", Language.Vietnamese, cancellationToken: Ct));
        var other = await ReportingAsync(r => r.FormAsync(Actors.Reporter(b), open.Id, "SO-A", Language.Vietnamese, cancellationToken: Ct));

        Assert.Equal((true, false, true, false), (reporter.Value!.CanWrite, leader.Value!.CanWrite, evaluator.Value!.CanWrite, viewer.Value!.CanWrite));
        Assert.Equal(OutcomeStatus.Forbidden, other.Status);
    }

    [Fact]
    public async Task Form_OfAClosedPeriod_IsReadOnly_ForItsReporterToo()
    {
        var open = await _province.OpenDepartmentPeriodAsync();
        await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, open.Id, PeriodStatus.Closed, Ct));
        var a = (await _province.UnitAsync("SO-A")).Id;

        var form = await ReportingAsync(r => r.FormAsync(Actors.Reporter(a), open.Id, "SO-A", Language.Vietnamese, cancellationToken: Ct));

        Assert.False(form.Value!.CanWrite);
    }

    [Fact]
    public async Task Form_GivesEveryNode_WithPointsAndExplanation_AndNumbersTheReadersWay()
    {
        var open = await _province.OpenDepartmentPeriodAsync();
        var a = (await _province.UnitAsync("SO-A")).Id;
        await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(a), open.Id, "SO-A", [new ValueChange("3.2", "a", "1234"), new ValueChange("3.2", "b", "2000")], Data.Audit.AuditChannel.Api, cancellationToken: Ct));

        var vi = (await ReportingAsync(r => r.FormAsync(Actors.Reporter(a), open.Id, "SO-A", Language.Vietnamese, Ct))).Value!;
        var en = (await ReportingAsync(r => r.FormAsync(Actors.Reporter(a), open.Id, "SO-A", Language.English, Ct))).Value!;

        var node = vi.Nodes.Single(n => n.Node.Code.Value == "3.2");
        Assert.Equal(vi.Nodes.Count, en.Nodes.Count);
        Assert.Equal(["1.234", "2.000"], node.Inputs.Select(i => i.Text));
        Assert.Equal(["1234", "2000"], en.Nodes.Single(n => n.Node.Code.Value == "3.2").Inputs.Select(i => i.Text));
        Assert.Equal(12.34m, node.Points);
        Assert.Equal("Tỷ lệ = a/b = 1.234/2.000 = 61,70% nên Điểm = 61,70% × 20 = 12,34", node.Explanation);
        Assert.Equal(2, vi.Answered);
        Assert.True(vi.Nodes.Single(n => n.Node.Code.Value == "2.1").NotReported);
    }

    [Fact]
    public async Task Save_GivesThePointsOfTheIndicatorAndEveryNodeAboveIt()
    {
        var open = await _province.OpenDepartmentPeriodAsync();
        var a = (await _province.UnitAsync("SO-A")).Id;

        var saved = await ReportingAsync(r => r.SaveAsync(Actors.Reporter(a), open.Id, "SO-A", "1.1", "truong_ban", "cap_pho", 0, Language.Vietnamese, cancellationToken: Ct));

        Assert.True(saved.Succeeded, saved.Message?.ToString());
        Assert.Equal(["1.1", "1", "I"], saved.Value!.Nodes.Select(n => n.Code));
        Assert.Equal([10m, 10m, 10m], saved.Value.Nodes.Select(n => n.Points));
        Assert.Equal((10m, 1, 1), (saved.Value.Total, saved.Value.Answered, saved.Value.Input.Version));
    }

    [Fact]
    public async Task Save_WithAStaleVersion_IsAConflict_AndChangesNothing()
    {
        var open = await _province.OpenDepartmentPeriodAsync();
        var a = (await _province.UnitAsync("SO-A")).Id;
        await ReportingAsync(r => r.SaveAsync(Actors.Reporter(a), open.Id, "SO-A", "1.1", "truong_ban", "cap_pho", 0, Language.Vietnamese, cancellationToken: Ct));

        var stale = await ReportingAsync(r => r.SaveAsync(Actors.Reporter(a), open.Id, "SO-A", "1.1", "truong_ban", "khong", 0, Language.Vietnamese, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Conflict, stale.Status);
        Assert.Equal([$"{a} 1.1 truong_ban = cap_pho v1"], await _province.StoredValuesAsync(open.Id));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
