using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Evidence;
using OpenDti.Application.Periods;
using OpenDti.Application.Reporting;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Review;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Plans;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Delegated entry (docs/plans.md#delegated-entry): SO-A's plan assigns component 2 to SO-B, its indicator 2.2
/// to SO-C (the most specific row wins), 3.2 to SO-C as a coordinating unit, and names only a guiding body at
/// 2.1 (which assigns nothing). The plan rows are written to the database directly, as the plan's pages would.
/// </summary>
public sealed class DelegationTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private PeriodSummary _period = null!;
    private int _soA;
    private int _soB;
    private int _soC;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _period = await _province.OpenDepartmentPeriodAsync(); // 01/11/2024 to 01/01/2025; the clock is on 15/11/2024
        (_soA, _soB, _soC) = ((await _province.UnitAsync("SO-A")).Id, (await _province.UnitAsync("SO-B")).Id, (await _province.UnitAsync("SO-C")).Id);
        await PlanAsync(_period.Id, _soA, "2", lead: _soB);
        await PlanAsync(_period.Id, _soA, "2.1", lead: null, guidingBody: "Bộ Thông tin và Truyền thông");
        await PlanAsync(_period.Id, _soA, "2.2", lead: _soC);
        await PlanAsync(_period.Id, _soA, "3.2", lead: null, coordinators: [_soC]);
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Delegate_WritesAnAssignedIndicator_AuditedWithTheirUnit_AndTheUnitSeesWhoEnteredIt()
    {
        var saved = await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "có"));

        Assert.True(saved.Succeeded, saved.Message?.ToString());
        var entry = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Indicator == "2.1" && a.Input == "da_ban_hanh", Ct));
        Assert.Equal((_soA, (int?)_soB, "reporter", AuditKind.Value), (entry.UnitId!.Value, entry.ActorUnitId, entry.UserName, entry.Kind));

        // The scored unit's reporter sees who entered it and for which unit, and the plan's lead units.
        var form = await FormAsync(Actors.Reporter(_soA));
        var input = form.Nodes.Single(n => n.Node.Code.Value == "2.1").Inputs.Single();
        Assert.Equal(("có", "reporter", "Sở B"), (input.Text, input.UpdatedBy, input.EnteredFor));
        Assert.Equal("Sở B", form.Nodes.Single(n => n.Node.Code.Value == "2").LeadUnit);
        Assert.Equal("Sở C", form.Nodes.Single(n => n.Node.Code.Value == "2.2").LeadUnit);
        Assert.Null(form.Nodes.Single(n => n.Node.Code.Value == "2.1").LeadUnit);
        Assert.Null(form.Delegation);

        // The unit's own value shows no delegate.
        Assert.True((await SaveAsync(Actors.Reporter(_soA), new ValueChange("2.1", "da_ban_hanh", "không", 1))).Succeeded);
        form = await FormAsync(Actors.Reporter(_soA));
        Assert.Null(form.Nodes.Single(n => n.Node.Code.Value == "2.1").Inputs.Single().EnteredFor);

        // The unit's audit names the delegate's unit.
        var audit = await _province.InScopeAsync(s => s.GetRequiredService<AuditService>().ListAsync(Actors.Reporter(_soA), _period.Id, "SO-A", "2.1", Ct));
        Assert.Equal(["Sở B", null], audit.Value!.Select(a => a.ActorUnit));
    }

    [Fact]
    public async Task Delegate_IsRefusedOutsideTheAssignment_AsAWholeRequest_ValuesEvidenceAndForm()
    {
        // 2.1 is theirs, 3.2 is not: the whole request is refused, naming 3.2, and nothing is saved.
        var mixed = await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "có"), new ValueChange("3.2", "a", "5"));
        Assert.Equal(OutcomeStatus.Forbidden, mixed.Status);
        Assert.Contains("`3.2`", mixed.Message!.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Empty(await _province.StoredValuesAsync(_period.Id));

        // Evidence: attached to an assigned indicator only.
        var outside = await UploadAsync(Actors.Reporter(_soB), "3.2");
        Assert.Equal(OutcomeStatus.Forbidden, outside.Status);
        var inside = await UploadAsync(Actors.Reporter(_soB), "2.3");
        Assert.True(inside.Succeeded, inside.Message?.ToString());
        var uploadAudit = await _province.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Input == EvidenceService.AuditInput, Ct));
        Assert.Equal((_soA, (int?)_soB), (uploadAudit.UnitId!.Value, uploadAudit.ActorUnitId));

        // The unit's own figures and files elsewhere are not theirs to read.
        Assert.True((await SaveAsync(Actors.Reporter(_soA), new ValueChange("3.2", "a", "5"), new ValueChange("2.2", "da_ban_hanh", "có"))).Succeeded);
        var ownFile = await UploadAsync(Actors.Reporter(_soA), "3.2");
        var read = await _province.ValuesAsync(v => v.GetAsync(Actors.Reporter(_soB), _period.Id, "SO-A", Ct));
        Assert.Empty(read.Value!.Values); // 2.2 is SO-C's, 3.2 is SO-C's
        var files = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().ListAsync(Actors.Reporter(_soB), _period.Id, "SO-A", cancellationToken: Ct));
        Assert.Equal(["2.3"], files.Value!.Select(f => f.Indicator));
        var download = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().DownloadAsync(Actors.Reporter(_soB), _period.Id, "SO-A", ownFile.Value!.Id, Ct));
        Assert.Equal(OutcomeStatus.NotFound, download.Status);
        var remove = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().DeleteAsync(Actors.Reporter(_soB), _period.Id, "SO-A", ownFile.Value!.Id, AuditChannel.Page, cancellationToken: Ct));
        Assert.Equal(OutcomeStatus.Forbidden, remove.Status);

        // The form: their indicators and the nodes above them, no total, no points of a main index (even one assigned to them).
        var form = await FormAsync(Actors.Reporter(_soB));
        Assert.NotNull(form.Delegation);
        Assert.True(form.CanWrite);
        Assert.Equal(["I", "2", "2.1", "2.3"], form.Nodes.Select(n => n.Node.Code.Value));
        Assert.Equal([false, false, true, true], form.Nodes.Select(n => n.ShowsPoints));
        Assert.Equal((0m, 0, 2), (form.Total, form.Answered, form.TotalInputs));
        Assert.All(form.Nodes, n => Assert.Null(n.LeadUnit));

        // The scorecard, the submission and the workbook stay the unit's.
        var scorecard = await _province.InScopeAsync(s => s.GetRequiredService<Results.ResultService>().ScorecardAsync(Actors.Reporter(_soB), _period.Id, "SO-A", Language.Vietnamese, Ct));
        Assert.Equal(OutcomeStatus.Forbidden, scorecard.Status);
        var submission = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().GetAsync(Actors.Reporter(_soB), _period.Id, "SO-A", Ct));
        Assert.Equal(OutcomeStatus.Forbidden, submission.Status);
        var workbook = await _province.InScopeAsync(s => s.GetRequiredService<FormWorkbookService>().DownloadAsync(Actors.Reporter(_soB), _period.Id, "SO-A", Language.Vietnamese, Ct));
        Assert.Equal(OutcomeStatus.Forbidden, workbook.Status);
        var audit = await _province.InScopeAsync(s => s.GetRequiredService<AuditService>().ListAsync(Actors.Reporter(_soB), _period.Id, "SO-A", cancellationToken: Ct));
        Assert.Equal(OutcomeStatus.Forbidden, audit.Status);
    }

    [Fact]
    public async Task TheMostSpecificRowWins_AndACoordinatorMayWrite()
    {
        // 2.2 is under 2 (SO-B) but its own row names SO-C: only SO-C enters it.
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.2", "da_ban_hanh", "có"))).Status);
        Assert.True((await SaveAsync(Actors.Reporter(_soC), new ValueChange("2.2", "da_ban_hanh", "có"))).Succeeded);

        // SO-C coordinates 3.2 (no lead named): it enters it too, but not 2.1 (SO-B's).
        Assert.True((await SaveAsync(Actors.Reporter(_soC), new ValueChange("3.2", "a", "4"), new ValueChange("3.2", "b", "10"))).Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(Actors.Reporter(_soC), new ValueChange("2.1", "da_ban_hanh", "có"))).Status);

        var form = await FormAsync(Actors.Reporter(_soC));
        Assert.Equal(["I", "2", "2.2", "3", "3.2"], form.Nodes.Select(n => n.Node.Code.Value));
        // The group and the main indices above show as headings, without their points.
        Assert.Equal([false, false, true, false, true], form.Nodes.Select(n => n.ShowsPoints));
    }

    [Fact]
    public async Task DelegatesLeader_ReadsTheAssignedIndicators_AndWritesNothing()
    {
        Assert.True((await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "có"))).Succeeded);

        var read = await _province.ValuesAsync(v => v.GetAsync(Actors.Leader(_soB), _period.Id, "SO-A", Ct));
        Assert.Equal(["2.1"], read.Value!.Values.Select(v => v.Indicator));
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(Actors.Leader(_soB), new ValueChange("2.1", "da_ban_hanh", "không", 1))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await UploadAsync(Actors.Leader(_soB), "2.1")).Status);

        var form = await FormAsync(Actors.Leader(_soB));
        Assert.False(form.CanWrite);
        Assert.Equal("DelegateReadOnly", Assert.IsType<AppMessage>(form.DelegateReadOnly).Key);
    }

    [Fact]
    public async Task AfterTheContributorsDeadline_DelegatesAreRefusedWithTheDay_WhileTheUnitsReporterStillWrites()
    {
        await _province.InDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == _period.Id, Ct);
            period.ContributorsCloseOn = new DateOnly(2024, 11, 20);
            return await db.SaveChangesAsync(Ct);
        });
        var clock = _province.Database.Services.GetRequiredService<TestClock>();

        // On the day itself (Vietnam's), still open.
        clock.SetMoment(new DateTimeOffset(2024, 11, 20, 23, 30, 0, TimeSpan.FromHours(7)));
        Assert.True((await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "có"))).Succeeded);

        // 17:30 UTC on 20/11 is already 21/11 in Vietnam.
        clock.SetMoment(new DateTimeOffset(2024, 11, 20, 17, 30, 0, TimeSpan.Zero));
        var late = await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "không", 1));
        Assert.Equal(OutcomeStatus.Conflict, late.Status);
        Assert.Contains("20/11/2024", late.Message!.ToString(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Conflict, (await UploadAsync(Actors.Reporter(_soB), "2.1")).Status);
        var form = await FormAsync(Actors.Reporter(_soB));
        Assert.False(form.CanWrite);
        Assert.Contains("20/11/2024", form.DelegateReadOnly!.ToString(Language.Vietnamese), StringComparison.Ordinal);

        // The unit's own reporter writes until the period closes.
        Assert.True((await SaveAsync(Actors.Reporter(_soA), new ValueChange("2.1", "da_ban_hanh", "không", 1))).Succeeded);
    }

    [Fact]
    public async Task OnceTheUnitSubmitted_DelegatesAreRefused()
    {
        var submitted = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>().TransitionAsync(Actors.Reporter(_soA), _period.Id, "SO-A", SubmissionAction.Submit, null, Ct));
        Assert.True(submitted.Succeeded, submitted.Message?.ToString());

        var refused = await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "có"));
        Assert.Equal(OutcomeStatus.Conflict, refused.Status);
        Assert.Equal(OutcomeStatus.Conflict, (await UploadAsync(Actors.Reporter(_soB), "2.1")).Status);
        Assert.False((await FormAsync(Actors.Reporter(_soB))).CanWrite);
        Assert.Empty(await _province.StoredValuesAsync(_period.Id));
    }

    [Fact]
    public async Task TheAssignmentComesFromThePlanOfThatPeriodAndUnit_AndTheUnitFromTheAccount()
    {
        // A plan of another unit's form, and of another period, that names SO-B grant it nothing in SO-A's form here.
        var other = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Kỳ khác", new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 31), null, Ct));
        await PlanAsync(_period.Id, _soC, "3", lead: _soB);
        await PlanAsync(other.Value!.Id, _soA, "3", lead: _soB);
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(Actors.Reporter(_soB), new ValueChange("3.2", "a", "5"))).Status);

        // A unit the plan does not name, a viewer-like reader and a service account reach nothing through the plan.
        var district = (await _province.UnitAsync("HUYEN-1")).Id;
        Assert.Equal(OutcomeStatus.Forbidden, (await _province.ValuesAsync(v => v.GetAsync(Actors.Reporter(district), _period.Id, "SO-A", Ct))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(Actors.Reporter(district), new ValueChange("2.1", "da_ban_hanh", "có"))).Status);
        var service = new Actor("svc", "lgsp", new HashSet<string>([Data.Identity.Roles.UnitReporter]), _soB) { Service = new ServiceScope(1, new HashSet<int>([_soB]), null) };
        Assert.Equal(OutcomeStatus.Forbidden, (await SaveAsync(service, new ValueChange("2.1", "da_ban_hanh", "có"))).Status);

        // The same person with SO-B's account writes 2.1; the unit comes from the account, never from what is sent.
        Assert.True((await SaveAsync(Actors.Reporter(_soB), new ValueChange("2.1", "da_ban_hanh", "có"))).Succeeded);
    }

    private Task<Outcome<UnitValues>> SaveAsync(Actor actor, params ValueChange[] changes) =>
        _province.ValuesAsync(v => v.SaveAsync(actor, _period.Id, "SO-A", changes, AuditChannel.Api, cancellationToken: Ct));

    private Task<Outcome<EvidenceItem>> UploadAsync(Actor actor, string indicator) =>
        _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().UploadAsync(
            actor, _period.Id, "SO-A", new EvidenceUpload(indicator, $"Minh chứng {indicator} {actor.UnitId}.pdf", new MemoryStream(SampleFiles.Pdf(indicator + actor.UserName + actor.UnitId))), AuditChannel.Page, Ct));

    private async Task<ReportForm> FormAsync(Actor actor)
    {
        var form = await _province.InScopeAsync(s => s.GetRequiredService<ReportingService>().FormAsync(actor, _period.Id, "SO-A", Language.Vietnamese, Ct));
        Assert.True(form.Succeeded, form.Message?.ToString());
        return form.Value!;
    }

    private Task<int> PlanAsync(int periodId, int unitId, string indicator, int? lead, int[]? coordinators = null, string? guidingBody = null) =>
        _province.InDbAsync(db =>
        {
            var row = new PlanRow { PeriodId = periodId, UnitId = unitId, Indicator = indicator, LeadUnitId = lead, GuidingBody = guidingBody, UpdatedBy = "test", UpdatedAt = DateTime.UtcNow };
            row.Coordinators.AddRange((coordinators ?? []).Select(c => new PlanCoordinator { UnitId = c }));
            db.PlanRows.Add(row);
            return db.SaveChangesAsync(Ct);
        });
}
