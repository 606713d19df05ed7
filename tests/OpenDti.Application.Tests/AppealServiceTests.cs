using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Review;
using OpenDti.Application.Values;
using OpenDti.Core.Text;
using OpenDti.Data.Audit;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Appeals (phúc khảo): filed by the unit within the period's window after the latest publication, with
/// evidence kept apart from the indicators' evidence; rejected with a reason, or accepted once values are
/// adjusted, which publishes a correction while the earlier publication stays as it was.
/// </summary>
public sealed class AppealServiceTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private int _periodId;
    private int _soA;
    private int _soB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestClock Clock => _province.Database.Services.GetRequiredService<TestClock>();

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"])).Id;
        _soA = (await _province.UnitAsync("SO-A")).Id;
        _soB = (await _province.UnitAsync("SO-B")).Id;
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            Actors.Reporter(_soA), _periodId, "SO-A", [new ValueChange("1.3", "da_to_chuc", "có"), new ValueChange("2.1", "da_ban_hanh", "có")], AuditChannel.Page, cancellationToken: Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());

        // Published on 15/11/2024 (the test clock's first day): with 15 days, the last day to appeal is 30/11/2024.
        // Every unit completed the review cycle, so the publication shows their points.
        await _province.FinaliseAsync(_periodId, "SO-A", "SO-B", "SO-C");
        await _province.PublishAsync(_periodId);
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Filing

    [Fact]
    public async Task File_StoresTheIndicatorsInFrameworkOrder_AgainstTheLatestPublication_AndWritesTheHistory()
    {
        var filed = await FileAsync(Actors.Leader(_soA), "SO-A", ["2.1", " 1.3 "], "  Đã tổ chức tập huấn ngày 10/10/2024 ");

        Assert.True(filed.Succeeded, filed.Message?.ToString());
        Assert.Equal(("1.3 2.1", "Đã tổ chức tập huấn ngày 10/10/2024", 1, AppealState.Pending, "leader"),
            (string.Join(" ", filed.Value!.Indicators), filed.Value.Reason, filed.Value.PublicationNumber, filed.Value.State, filed.Value.FiledBy));
        var stored = await _province.InDbAsync(db => db.Appeals.SingleAsync(Ct));
        Assert.Equal(("1.3,2.1", _soA), (stored.Indicators, stored.UnitId));
        var line = Assert.Single(await EventsAsync());
        Assert.Equal((ReviewEventKind.AppealFiled, "1.3, 2.1", "Đã tổ chức tập huấn ngày 10/10/2024", "leader", _soA),
            (line.Kind, line.NewValue, line.Text, line.UserName, line.UnitId));
    }

    [Fact]
    public async Task File_OnTheLastDayOfTheWindow_IsAccepted_AndTheDayAfter_IsRefusedNamingTheLastDay()
    {
        Clock.SetDay(new DateOnly(2024, 11, 30));
        var lastDay = await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót");
        Clock.SetDay(new DateOnly(2024, 12, 1));
        var dayAfter = await FileAsync(Actors.Reporter(_soA), "SO-A", ["2.1"], "Sai sót");

        Assert.True(lastDay.Succeeded, lastDay.Message?.ToString());
        Assert.Equal(OutcomeStatus.Conflict, dayAfter.Status);
        Assert.Equal("đã hết thời hạn phúc khảo: đơn vị được phúc khảo trong 15 ngày sau lần công bố thứ 1, đến hết ngày 30/11/2024", dayAfter.Message!.ToString());
        Assert.Equal("the appeal window has closed: units may appeal within 15 days after publication 1, until the end of 30 November 2024", dayAfter.Message.ToString(Language.English));
        Assert.Single(await _province.InDbAsync(db => db.Appeals.ToListAsync(Ct)));
    }

    [Fact]
    public async Task File_TheWindowFollowsThePeriodsAppealDays_AndTheLatestPublication()
    {
        var set = await _province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Admin, _periodId, 3, Ct));
        Assert.Equal(3, set.Value!.AppealDays);
        Clock.SetDay(new DateOnly(2024, 11, 19));
        var late = await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót");

        await _province.PublishAsync(_periodId, "Đính chính");
        var afterCorrection = await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót");

        Assert.Equal("đã hết thời hạn phúc khảo: đơn vị được phúc khảo trong 3 ngày sau lần công bố thứ 1, đến hết ngày 18/11/2024", late.Message!.ToString());
        Assert.True(afterCorrection.Succeeded, afterCorrection.Message?.ToString());
        Assert.Equal(2, afterCorrection.Value!.PublicationNumber);
        Assert.Equal(new AppealWindow(2, new DateOnly(2024, 11, 19), new DateOnly(2024, 11, 22), true), await InScopeAsync(a => a.WindowAsync(_periodId, Ct)));
    }

    [Fact]
    public async Task File_BeforeAnyPublication_IsAConflict()
    {
        var other = await _province.OpenDepartmentPeriodAsync("Kỳ khác", units: ["SO-A"]);

        var outcome = await InScopeAsync(a => a.FileAsync(Actors.Reporter(_soA), other.Id, "SO-A", ["1.3"], "Sai sót", Ct));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("kết quả kỳ đánh giá \"Kỳ khác\" chưa được công bố: chưa thể phúc khảo", outcome.Message!.ToString());
    }

    [Fact]
    public async Task File_ByEvaluatorsAdministratorsViewersAndOtherUnits_IsForbidden()
    {
        foreach (var actor in new[] { Actors.Evaluator, Actors.Admin, Actors.Viewer, Actors.Reporter(_soB), Actors.Leader(_soB) })
        {
            var outcome = await FileAsync(actor, "SO-A", ["1.3"], "Sai sót");
            Assert.Equal(OutcomeStatus.Forbidden, outcome.Status);
        }

        Assert.Empty(await _province.InDbAsync(db => db.Appeals.ToListAsync(Ct)));
    }

    [Fact]
    public async Task File_NamesEveryWrongIndicator_AndNeedsAReason()
    {
        var outcome = await FileAsync(Actors.Reporter(_soA), "SO-A", ["1", "1.3", "9.9", "1.3"], " ");
        var none = await FileAsync(Actors.Reporter(_soA), "SO-A", [], "Sai sót");

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(
            ["1: chỉ số 1 không phải là chỉ số thành phần có số liệu của bộ chỉ số dti-department-2022",
             "9.9: chỉ số 9.9 không phải là chỉ số thành phần có số liệu của bộ chỉ số dti-department-2022",
             "1.3: chỉ số 1.3 được chọn hai lần",
             ": phải nêu lý do phúc khảo"],
            outcome.Problems.Select(p => $"{p.Indicator}: {p.Message}").ToArray());
        Assert.Equal("phải chọn ít nhất một chỉ số cần phúc khảo", Assert.Single(none.Problems).Message.ToString());
        Assert.Empty(await _province.InDbAsync(db => db.Appeals.ToListAsync(Ct)));
    }

    [Fact]
    public async Task File_AnIndicatorAlreadyInAPendingAppeal_IsAConflict_UntilThatAppealIsDecided()
    {
        var first = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3", "2.1"], "Sai sót")).Value!;
        var again = await FileAsync(Actors.Leader(_soA), "SO-A", ["2.1"], "Lần nữa");
        var otherUnit = await FileAsync(Actors.Reporter(_soB), "SO-B", ["2.1"], "Sở B");
        Assert.True((await DecideAsync(Actors.Evaluator, first.Id, accept: false, "Không có căn cứ")).Succeeded);
        var afterDecision = await FileAsync(Actors.Leader(_soA), "SO-A", ["2.1"], "Lần nữa");

        Assert.Equal(OutcomeStatus.Conflict, again.Status);
        Assert.Equal("các chỉ số sau đang có đơn phúc khảo chờ xử lý: 2.1", again.Message!.ToString());
        Assert.Equal($"chỉ số 2.1 đang được phúc khảo trong đơn #{first.Id}", Assert.Single(again.Problems).Message.ToString());
        Assert.True(otherUnit.Succeeded, otherUnit.Message?.ToString());
        Assert.True(afterDecision.Succeeded, afterDecision.Message?.ToString());
    }

    // ---- Evidence

    [Fact]
    public async Task Attach_KeepsTheFileWithTheAppeal_NeverWithTheIndicatorsEvidence()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3", "2.1"], "Sai sót")).Value!;

        var attached = await AttachAsync(Actors.Leader(_soA), appeal.Id, null, "Kế hoạch tập huấn.pdf", SampleFiles.Pdf("kế hoạch"), "12/KH-SA");
        var second = await AttachAsync(Actors.Reporter(_soA), appeal.Id, "2.1", "Nghị quyết.pdf", SampleFiles.Pdf("nghị quyết"));

        Assert.True(attached.Succeeded, attached.Message?.ToString());
        Assert.Equal(("1.3", "application/pdf", "12/KH-SA"), (attached.Value!.Indicator, attached.Value.ContentType, attached.Value.DocumentNumber));
        Assert.Equal("2.1", second.Value!.Indicator);
        var listed = Assert.Single((await InScopeAsync(a => a.ListAsync(Actors.Viewer, _periodId, "SO-A", Ct))).Value!);
        Assert.Equal(["Kế hoạch tập huấn.pdf", "Nghị quyết.pdf"], listed.Files.Select(f => f.FileName).ToArray());
        var indicatorEvidence = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().ListAsync(Actors.Evaluator, _periodId, "SO-A", cancellationToken: Ct));
        Assert.Empty(indicatorEvidence.Value!);
        var notAsIndicatorEvidence = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().DownloadAsync(Actors.Evaluator, _periodId, "SO-A", attached.Value.Id, Ct));
        Assert.Equal(OutcomeStatus.NotFound, notAsIndicatorEvidence.Status);
        var download = await InScopeAsync(a => a.DownloadAsync(Actors.Viewer, _periodId, appeal.Id, attached.Value.Id, Ct));
        Assert.Equal(SampleFiles.Pdf("kế hoạch"), download.Value!.Bytes);
        Assert.Equal(OutcomeStatus.Forbidden, (await InScopeAsync(a => a.DownloadAsync(Actors.Reporter(_soB), _periodId, appeal.Id, attached.Value.Id, Ct))).Status);
        var audit = await _province.InDbAsync(db => db.AuditEntries.Where(e => e.Input == EvidenceService.AuditInput).ToListAsync(Ct));
        Assert.Equal(2, audit.Count);
        Assert.Equal(
            [$"Kế hoạch tập huấn.pdf [#{attached.Value.Id} SHA-256 {attached.Value.Sha256}]", $"Nghị quyết.pdf [#{second.Value.Id} SHA-256 {second.Value.Sha256}]"],
            audit.OrderBy(e => e.Id).Select(e => e.NewValue).ToArray());
    }

    [Fact]
    public async Task Attach_ChecksTheFileAsEvidenceIs_AndOnlyAnAppealedIndicator_WhilePending_ByTheUnit()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót")).Value!;

        var wrongIndicator = await AttachAsync(Actors.Reporter(_soA), appeal.Id, "2.1", "Nghị quyết.pdf", SampleFiles.Pdf("x"));
        var wrongType = await AttachAsync(Actors.Reporter(_soA), appeal.Id, null, "Nghị quyết.exe", [0x4D, 0x5A, 0x90, 0x00]);
        var evaluator = await AttachAsync(Actors.Evaluator, appeal.Id, null, "Nghị quyết.pdf", SampleFiles.Pdf("x"));
        Assert.True((await AttachAsync(Actors.Reporter(_soA), appeal.Id, null, "a.pdf", SampleFiles.Pdf("same"))).Succeeded);
        var duplicate = await AttachAsync(Actors.Reporter(_soA), appeal.Id, null, "b.pdf", SampleFiles.Pdf("same"));
        Assert.True((await DecideAsync(Actors.Evaluator, appeal.Id, accept: false, "Không có căn cứ")).Succeeded);
        var decided = await AttachAsync(Actors.Reporter(_soA), appeal.Id, null, "c.pdf", SampleFiles.Pdf("c"));

        Assert.Equal(OutcomeStatus.Invalid, wrongIndicator.Status);
        Assert.Equal($"chỉ số 2.1 không thuộc đơn phúc khảo #{appeal.Id}; đơn này phúc khảo các chỉ số 1.3", wrongIndicator.Message!.ToString());
        Assert.Equal(OutcomeStatus.Invalid, wrongType.Status);
        Assert.Equal("APP-EVIDENCE-TYPE", Assert.Single(wrongType.Problems).Code);
        Assert.Equal(OutcomeStatus.Forbidden, evaluator.Status);
        Assert.Equal(OutcomeStatus.Conflict, duplicate.Status);
        Assert.Equal(OutcomeStatus.Conflict, decided.Status);
        Assert.Equal($"đơn phúc khảo #{appeal.Id} đã ở trạng thái không được chấp nhận", decided.Message!.ToString());
        Assert.Equal(1, await _province.InDbAsync(db => db.EvidenceFiles.CountAsync(Ct)));
    }

    // ---- Deciding

    [Fact]
    public async Task Accept_WithoutAnAdjustmentSinceFiling_IsRefused_AndChangesNothing()
    {
        await AdjustAsync("2.1", "da_ban_hanh", "không");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3", "2.1"], "Sai sót")).Value!;

        var outcome = await DecideAsync(Actors.Evaluator, appeal.Id, accept: true, "Đồng ý");

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal($"chưa thể chấp nhận đơn phúc khảo #{appeal.Id}: hãy điều chỉnh trước giá trị của ít nhất một chỉ số được phúc khảo (1.3, 2.1), rồi mới chấp nhận", outcome.Message!.ToString());
        Assert.Equal(AppealState.Pending, (await _province.InDbAsync(db => db.Appeals.SingleAsync(Ct))).State);
        Assert.Single(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
    }

    [Fact]
    public async Task Accept_AfterAnAdjustment_PublishesTheCorrection_WhileTheAppealedPublicationStaysAsItWas()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Kế hoạch tập huấn không được tính")).Value!;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await AdjustAsync("1.3", "da_to_chuc", "không");

        var accepted = await DecideAsync(Actors.Evaluator, appeal.Id, accept: true, "Kế hoạch chưa thực hiện");

        Assert.True(accepted.Succeeded, accepted.Message?.ToString());
        Assert.Equal((AppealState.Accepted, "Kế hoạch chưa thực hiện", "evaluator", 2), (accepted.Value!.State, accepted.Value.Decision, accepted.Value.DecidedBy, accepted.Value.ResultingPublication));
        var first = (await _province.PublicationsAsync(p => p.GetAsync(Actors.Viewer, _periodId, 1, Ct))).Value!;
        var second = (await _province.PublicationsAsync(p => p.GetAsync(Actors.Viewer, _periodId, 2, Ct))).Value!;
        Assert.Equal("Phúc khảo của SO-A: Kế hoạch chưa thực hiện", second.Publication.Reason);
        Assert.Equal(20m, Points(first, "1.3"));
        Assert.Equal(0m, Points(second, "1.3"));
        Assert.Equal(first.Snapshot.Find("SO-A")!.Total - 20m, second.Snapshot.Find("SO-A")!.Total);
        var decided = (await EventsAsync()).Last();
        Assert.Equal((ReviewEventKind.AppealAccepted, "1.3", "2", "Kế hoạch chưa thực hiện"), (decided.Kind, decided.OldValue, decided.NewValue, decided.Text));
    }

    [Fact]
    public async Task Accept_WhenThePublicationFails_LeavesTheAppealPending()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót")).Value!;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await AdjustAsync("1.3", "da_to_chuc", "không");

        var outcome = await DecideAsync(Actors.Evaluator, appeal.Id, accept: true, new string('x', 990));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(AppealState.Pending, (await _province.InDbAsync(db => db.Appeals.SingleAsync(Ct))).State);
        Assert.Single(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
        Assert.DoesNotContain(await EventsAsync(), e => e.Kind == ReviewEventKind.AppealAccepted);
    }

    [Fact]
    public async Task Reject_NeedsAReason_AndIsWrittenInTheHistory_WithoutAPublication()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót")).Value!;

        var noReason = await DecideAsync(Actors.Admin, appeal.Id, accept: false, "  ");
        var rejected = await DecideAsync(Actors.Admin, appeal.Id, accept: false, " Minh chứng không hợp lệ ");

        Assert.Equal(OutcomeStatus.Invalid, noReason.Status);
        Assert.Equal((AppealState.Rejected, "Minh chứng không hợp lệ", "admin", (int?)null), (rejected.Value!.State, rejected.Value.Decision, rejected.Value.DecidedBy, rejected.Value.ResultingPublication));
        Assert.Single(await _province.InDbAsync(db => db.Publications.ToListAsync(Ct)));
        Assert.Equal([ReviewEventKind.AppealFiled, ReviewEventKind.AppealRejected], (await EventsAsync()).Select(e => e.Kind).ToArray());
        Assert.Equal("Minh chứng không hợp lệ", (await EventsAsync()).Last().Text);
    }

    [Fact]
    public async Task Decide_Twice_OrFromAStaleVersion_IsAConflictNamingTheState()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót")).Value!;
        var other = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["2.1"], "Sai sót")).Value!;
        await _province.InDbAsync(db => db.Appeals.Where(a => a.Id == other.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Version, 5), Ct));

        Assert.True((await DecideAsync(Actors.Evaluator, appeal.Id, accept: false, "Không có căn cứ")).Succeeded);
        var twice = await DecideAsync(Actors.Admin, appeal.Id, accept: false, "Lần hai");
        var stale = await InScopeAsync(a => a.DecideAsync(Actors.Admin, _periodId, other.Id, false, "Không có căn cứ", version: 1, Ct));

        Assert.Equal(OutcomeStatus.Conflict, twice.Status);
        Assert.Equal($"đơn phúc khảo #{appeal.Id} đã ở trạng thái không được chấp nhận", twice.Message!.ToString());
        Assert.Equal($"appeal #{appeal.Id} is already rejected", twice.Message.ToString(Language.English));
        Assert.Equal(OutcomeStatus.Conflict, stale.Status);
        Assert.Equal(AppealState.Pending, (await _province.InDbAsync(db => db.Appeals.SingleAsync(a => a.Id == other.Id, Ct))).State);
        Assert.Single(await EventsAsync(), e => e.Kind == ReviewEventKind.AppealRejected);
    }

    [Fact]
    public async Task Decide_ConcurrentlyFromTwoScopes_OnlyOneDecisionIsKept()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót")).Value!;

        var outcomes = await Task.WhenAll(
            DecideAsync(Actors.Evaluator, appeal.Id, accept: false, "Một"),
            DecideAsync(Actors.Admin, appeal.Id, accept: false, "Hai"));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.Status == OutcomeStatus.Conflict);
        Assert.Single(await EventsAsync(), e => e.Kind == ReviewEventKind.AppealRejected);
    }

    [Fact]
    public async Task Decide_ByUnitUsersAndViewers_IsForbidden()
    {
        var appeal = (await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "Sai sót")).Value!;

        foreach (var actor in new[] { Actors.Viewer, Actors.Reporter(_soA), Actors.Leader(_soA) })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await DecideAsync(actor, appeal.Id, accept: false, "Không")).Status);
        }
    }

    // ---- Listing

    [Fact]
    public async Task List_UnitUsersSeeTheirOwnUnit_ProvinceStaffAndViewersSeeEvery()
    {
        await FileAsync(Actors.Reporter(_soA), "SO-A", ["1.3"], "A");
        await FileAsync(Actors.Reporter(_soB), "SO-B", ["1.3"], "B");

        var all = await InScopeAsync(a => a.ListAsync(Actors.Viewer, _periodId, null, Ct));
        var own = await InScopeAsync(a => a.ListAsync(Actors.Leader(_soA), _periodId, "SO-A", Ct));
        var other = await InScopeAsync(a => a.ListAsync(Actors.Leader(_soA), _periodId, "SO-B", Ct));
        var everyAsUnit = await InScopeAsync(a => a.ListAsync(Actors.Reporter(_soA), _periodId, null, Ct));

        Assert.Equal(["SO-B", "SO-A"], all.Value!.Select(a => a.UnitCode).ToArray());
        Assert.Equal(("SO-A", "Sở A", "A"), (Assert.Single(own.Value!).UnitCode, own.Value![0].UnitName, own.Value[0].Reason));
        Assert.Equal(OutcomeStatus.Forbidden, other.Status);
        Assert.Equal(OutcomeStatus.Forbidden, everyAsUnit.Status);
    }

    [Fact]
    public async Task SetAppealDays_IsForPeriodManagers_From1To90()
    {
        var reporter = await _province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Reporter(_soA), _periodId, 20, Ct));
        var zero = await _province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Evaluator, _periodId, 0, Ct));
        var tooMany = await _province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Evaluator, _periodId, 91, Ct));
        var ninety = await _province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Evaluator, _periodId, 90, Ct));
        var created = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Kỳ mới", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1), 30, ["SO-A"], Ct));

        Assert.Equal(OutcomeStatus.Forbidden, reporter.Status);
        Assert.Equal(OutcomeStatus.Invalid, zero.Status);
        Assert.Equal("thời hạn phúc khảo phải từ 1 đến 90 ngày", tooMany.Message!.ToString());
        Assert.Equal(90, ninety.Value!.AppealDays);
        Assert.Equal(30, created.Value!.AppealDays);
        Assert.Equal(15, (await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-department-2022", 2025, "Kỳ mặc định", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1), ["SO-A"], Ct))).Value!.AppealDays);
    }

    private static decimal Points(PublishedResults results, string node) =>
        results.Snapshot.Find("SO-A")!.Nodes.Single(n => n.Code == node).Points;

    private Task<T> InScopeAsync<T>(Func<AppealService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<AppealService>()));

    private Task<Outcome<AppealItem>> FileAsync(Actor actor, string unit, string[] indicators, string reason) =>
        InScopeAsync(a => a.FileAsync(actor, _periodId, unit, indicators, reason, Ct));

    private Task<Outcome<AppealItem>> DecideAsync(Actor actor, int appealId, bool accept, string reason) =>
        InScopeAsync(a => a.DecideAsync(actor, _periodId, appealId, accept, reason, cancellationToken: Ct));

    private Task<Outcome<EvidenceItem>> AttachAsync(Actor actor, int appealId, string? indicator, string fileName, byte[] bytes, string? documentNumber = null) =>
        InScopeAsync(a => a.AttachAsync(actor, _periodId, "SO-A", appealId, new EvidenceUpload(indicator, fileName, new MemoryStream(bytes), documentNumber), AuditChannel.Page, Ct));

    private async Task AdjustAsync(string indicator, string input, string value)
    {
        var adjusted = await _province.InScopeAsync(s => s.GetRequiredService<AdjustmentService>().AdjustAsync(
            Actors.Evaluator, _periodId, "SO-A", indicator, input, value, "Phúc khảo", 0, cancellationToken: Ct));
        Assert.True(adjusted.Succeeded, adjusted.Message?.ToString());
    }

    private async Task<List<ReviewEvent>> EventsAsync() =>
        await _province.InDbAsync(db => db.ReviewEvents.Where(e => e.PeriodId == _periodId && (e.Kind == ReviewEventKind.AppealFiled || e.Kind == ReviewEventKind.AppealAccepted || e.Kind == ReviewEventKind.AppealRejected)).OrderBy(e => e.Id).ToListAsync(Ct));
}
