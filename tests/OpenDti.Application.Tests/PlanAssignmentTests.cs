using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Plans;
using OpenDti.Application.Review;
using OpenDti.Application.Review.Mail;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Plans;
using OpenDti.Data.Units;
using OpenDti.Testing.Evidence;
using OpenDti.Testing.Mail;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A district's plan assigns its indicators to lead and coordinating units (issue 14 points 5 and 6): their
/// to-do lists, the deadlines page and the reminders follow the plan row's day and the contributors' deadline,
/// and they report progress each term. The plan: 1 is led by the district's post office (a contributor), 1.1
/// by Sở A with the post office coordinating, due 05/12; the contributors' deadline is 10/12, the
/// consolidation 20/12.
/// </summary>
public sealed class PlanAssignmentTests : IAsyncLifetime
{
    private static readonly DateOnly Opens = new(2024, 11, 1);
    private static readonly DateOnly ContributorsClose = new(2024, 12, 10);
    private static readonly DateOnly Closes = new(2024, 12, 20);
    private static readonly DateOnly Due11 = new(2024, 12, 5);

    private SmallProvince _province = null!;
    private int _periodId;
    private int _district;
    private int _soA;
    private int _soB;
    private int _postOffice;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        var contributor = await _province.UnitsAsync(u => u.CreateAsync(Actors.Admin, "BD-1", "Bưu điện huyện Một", UnitLevel.Department, "HUYEN-1", null, notScored: true, Ct));
        Assert.True(contributor.Succeeded, contributor.Message?.ToString());
        var period = await _province.PeriodsAsync(p => p.CreateAsync(Actors.Evaluator, "dti-district-2023", 2024, "DTI huyện 2024", Opens, Closes, ["HUYEN-1"], Ct));
        Assert.True(period.Succeeded, period.Message?.ToString());
        _periodId = period.Value!.Id;
        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, _periodId, PeriodStatus.Open, Ct))).Succeeded);
        var deadline = await _province.PeriodsAsync(p => p.SetContributorsDeadlineAsync(Actors.Evaluator, _periodId, ContributorsClose, Ct));
        Assert.True(deadline.Succeeded, deadline.Message?.ToString());

        _district = (await _province.UnitAsync("HUYEN-1")).Id;
        _soA = (await _province.UnitAsync("SO-A")).Id;
        _soB = (await _province.UnitAsync("SO-B")).Id;
        _postOffice = (await _province.UnitAsync("BD-1")).Id;
        await _province.InDbAsync(async db =>
        {
            db.PlanRows.Add(new PlanRow { PeriodId = _periodId, UnitId = _district, Indicator = "1", LeadUnitId = _postOffice, Target = "Duy trì", DueText = "Hàng năm", UpdatedBy = "test" });
            var row = new PlanRow { PeriodId = _periodId, UnitId = _district, Indicator = "1.1", LeadUnitId = _soA, Target = "10", DueOn = Due11, UpdatedBy = "test" };
            row.Coordinators.Add(new PlanCoordinator { UnitId = _postOffice });
            db.PlanRows.Add(row);
            return await db.SaveChangesAsync(Ct);
        });
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- The contributors' deadline

    [Fact]
    public async Task TheContributorsDeadline_IsKeptAudited_AndRefusedOutsideThePeriodOrForAUnit()
    {
        Assert.Equal(ContributorsClose, (await _province.PeriodsAsync(p => p.GetAsync(_periodId, Ct))).Value!.ContributorsCloseOn);
        var audit = await _province.InDbAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKind.Period && e.Input == "contributors_close_on", Ct));
        Assert.Equal((null, "2024-12-10", _periodId), (audit.OldValue, audit.NewValue, audit.PeriodId));

        var late = await _province.PeriodsAsync(p => p.SetContributorsDeadlineAsync(Actors.Evaluator, _periodId, Closes.AddDays(1), Ct));
        Assert.Equal(OutcomeStatus.Invalid, late.Status);
        Assert.Equal("hạn các đơn vị chủ trì, phối hợp gửi số liệu 21/12/2024 phải từ ngày mở 01/11/2024 đến hạn tổng hợp 20/12/2024", late.Message!.ToString());
        Assert.Equal("contributorsCloseOn", Assert.Single(late.Problems).Input);
        var early = await _province.PeriodsAsync(p => p.SetContributorsDeadlineAsync(Actors.Evaluator, _periodId, Opens.AddDays(-1), Ct));
        Assert.Equal(OutcomeStatus.Invalid, early.Status);
        var forbidden = await _province.PeriodsAsync(p => p.SetContributorsDeadlineAsync(Actors.Reporter(_district), _periodId, Closes, Ct));
        Assert.Equal(OutcomeStatus.Forbidden, forbidden.Status);
        Assert.Equal(ContributorsClose, (await _province.PeriodsAsync(p => p.GetAsync(_periodId, Ct))).Value!.ContributorsCloseOn);

        var removed = await _province.PeriodsAsync(p => p.SetContributorsDeadlineAsync(Actors.Evaluator, _periodId, null, Ct));
        Assert.Null(removed.Value!.ContributorsCloseOn);
        Assert.Equal(2, await _province.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Input == "contributors_close_on", Ct)));
    }

    // ---- To-do lists

    [Fact]
    public async Task ADelegatesToDo_ListsItsAssignments_WithTheEarlierOfThePlansDayAndTheContributorsDeadline()
    {
        var today = new DateOnly(2024, 12, 1);
        var soA = Assert.Single(await ToDoAsync(Actors.Reporter(_soA), today));
        Assert.Equal((ToDoKind.Contribute, "1.1", "HUYEN-1", Due11, 4, 1), (soA.Kind, soA.Indicator, soA.UnitCode, soA.Deadline, soA.DaysLeft, soA.EmptyInputs));
        Assert.Equal($"/ky-danh-gia/{_periodId}/ke-khai/HUYEN-1", soA.Path);

        var postOffice = await ToDoAsync(Actors.Reporter(_postOffice), today);
        Assert.Equal(
            [("1.1", Due11), ("1", ContributorsClose)],
            postOffice.Select(i => (i.Indicator!, i.Deadline!.Value)));
        Assert.Equal(await InputsUnderAsync("1", except: "1.1"), postOffice.Single(i => i.Indicator == "1").EmptyInputs);

        // The leader enters nothing; a unit the plan does not name has nothing to enter; the plan unit submits as before.
        Assert.Empty(await ToDoAsync(Actors.Leader(_soA), today));
        Assert.Empty(await ToDoAsync(Actors.Reporter(_soB), today));
        Assert.Equal([ToDoKind.Submit], (await ToDoAsync(Actors.Reporter(_district), today)).Select(i => i.Kind));
    }

    [Fact]
    public async Task AnAssignment_LeavesTheToDo_OnceItsInputsAreFilled_OrAfterTheContributorsDeadline()
    {
        await FillAsync("1.1", "truong_ban", "bi_thu_chu_tich");
        var today = new DateOnly(2024, 12, 1);
        Assert.Empty(await ToDoAsync(Actors.Reporter(_soA), today));
        Assert.Equal(["1"], (await ToDoAsync(Actors.Reporter(_postOffice), today)).Select(i => i.Indicator));

        Assert.Single(await ToDoAsync(Actors.Reporter(_postOffice), ContributorsClose));
        Assert.Empty(await ToDoAsync(Actors.Reporter(_postOffice), ContributorsClose.AddDays(1)));
    }

    // ---- The deadlines page

    [Fact]
    public async Task TheDeadlinesPage_ListsTheLateAssignments_ToTheProvinceAndToTheUnitsNamed()
    {
        var today = new DateOnly(2024, 12, 6);

        var evaluator = await DeadlinesAsync(Actors.Evaluator, today);
        Assert.True(evaluator.Succeeded, evaluator.Message?.ToString());
        Assert.Equal(ContributorsClose, evaluator.Value!.Period.ContributorsCloseOn);
        var late = Assert.Single(evaluator.Value.LateAssignments);
        Assert.Equal(("1.1", "SO-A", -1, 1), (late.Indicator, late.LeadUnitCode, late.DaysLeft, late.EmptyInputs));

        // The post office is not in the cohort; it sees its own late assignments (it coordinates 1.1).
        var postOffice = await DeadlinesAsync(Actors.Reporter(_postOffice), today);
        Assert.True(postOffice.Succeeded, postOffice.Message?.ToString());
        Assert.Empty(postOffice.Value!.Units);
        Assert.Equal(["1.1"], postOffice.Value.LateAssignments.Select(a => a.Indicator));
        Assert.Equal(OutcomeStatus.Forbidden, (await DeadlinesAsync(Actors.Reporter(_soB), today)).Status);

        // Filled, it is not late any more; after the contributors' deadline, the post office's own row is.
        await FillAsync("1.1", "truong_ban", "khong");
        Assert.Empty((await DeadlinesAsync(Actors.Evaluator, today)).Value!.LateAssignments);
        Assert.Equal(["1"], (await DeadlinesAsync(Actors.Evaluator, ContributorsClose.AddDays(1))).Value!.LateAssignments.Select(a => a.Indicator));
    }

    // ---- Reminders

    [Fact]
    public async Task Reminders_GoToDelegates_BeforeTheContributorsDeadline()
    {
        await using var smtp = SmtpTestServer.Start();
        await _province.CreateAccountAsync("bao.cao.bd", Roles.UnitReporter, "BD-1", "bao.cao@buudien.vn");
        await _province.CreateAccountAsync("lanh.dao.bd", Roles.UnitLeader, "BD-1", "lanh.dao@buudien.vn");

        var run = await RemindAsync(smtp, new DateOnly(2024, 12, 4));

        Assert.Equal(1, run.Sent);
        var mail = Assert.Single(smtp.Received);
        Assert.Equal(["bao.cao@buudien.vn"], mail.To);
        Assert.Equal("[OpenDti] Nhắc nhập số liệu được giao: DTI huyện 2024", mail.Subject);
        Assert.Contains($"- Chỉ số 1.1 của Huyện Một (HUYEN-1): hạn 05/12/2024, còn 1 ngày; 1 ô số liệu còn trống. https://dti.tinh.gov.vn/ky-danh-gia/{_periodId}/ke-khai/HUYEN-1", mail.Body, StringComparison.Ordinal);
        Assert.Contains("- Chỉ số 1 của Huyện Một (HUYEN-1): hạn 10/12/2024, còn 6 ngày;", mail.Body, StringComparison.Ordinal);
        Assert.Equal(1, await _province.InDbAsync(db => db.RemindersSent.CountAsync(r => r.Kind == "contribute", Ct)));

        // Not once the contributors' deadline has passed.
        Assert.Equal(0, (await RemindAsync(smtp, ContributorsClose.AddDays(1))).Sent);
    }

    // ---- Progress

    [Fact]
    public async Task TheLeadUnitReportsProgress_Audited_WithTheUnitItActedFor()
    {
        var saved = await ProgressAsync(p => p.SaveAsync(
            Actors.Reporter(_soA), _periodId, [new ProgressInput("HUYEN-1", "1.1", "quarter1", "inProgress", " Đã dự thảo quyết định ")], AuditChannel.Api, Ct));
        Assert.True(saved.Succeeded, saved.Message?.ToString());
        Assert.Equal(1, saved.Value);

        // The same report again changes nothing; a later one replaces it and the audit keeps both.
        Assert.Equal(0, (await ProgressAsync(p => p.SaveAsync(Actors.Reporter(_soA), _periodId, [new ProgressInput("HUYEN-1", "1.1", "Quý I", "Đang thực hiện", "Đã dự thảo quyết định")], AuditChannel.Api, Ct))).Value);
        Assert.Equal(1, (await ProgressAsync(p => p.SaveAsync(Actors.Reporter(_district), _periodId, [new ProgressInput("HUYEN-1", "1.1", "q1", "done", null)], AuditChannel.Page, Ct))).Value);

        var audit = await _province.InDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKind.Progress).OrderBy(e => e.Id).ToListAsync(Ct));
        Assert.Equal(
            ["reporter quarter1 1.1 - → inProgress: Đã dự thảo quyết định unit " + _district + " for " + _soA, "reporter quarter1 1.1 inProgress: Đã dự thảo quyết định → done unit " + _district + " for -"],
            audit.Select(e => $"{e.UserName} {e.Input} {e.Indicator} {e.OldValue ?? "-"} → {e.NewValue} unit {e.UnitId} for {(e.ActorUnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")}"));
        var report = await _province.InDbAsync(db => db.PlanProgress.SingleAsync(Ct));
        Assert.Equal((ProgressTerm.Quarter1, ProgressStatus.Done, (string?)null, _district), (report.Term, report.Status, report.Text, report.ReportedByUnitId));
    }

    [Fact]
    public async Task AProgressRequest_IsCheckedAsAWhole_NamingEachRow_AndRefusedForUnitsTheRowDoesNotName()
    {
        var invalid = await ProgressAsync(p => p.SaveAsync(
            Actors.Reporter(_soA),
            _periodId,
            [
                new ProgressInput("HUYEN-1", "1.1", "quarter1", "done", null),
                new ProgressInput("HUYEN-1", "9.9", "quarter1", "done", null),
                new ProgressInput("HUYEN-1", "1.1", "quarter5", "finished", new string('x', PlanLimits.Long + 1)),
                new ProgressInput("HUYEN-1", "1.1", "Quý I", "done", null),
            ],
            AuditChannel.Api,
            Ct));

        Assert.Equal(OutcomeStatus.Invalid, invalid.Status);
        Assert.Equal(
            [
                "APP-PROGRESS-ROW 1 HUYEN-1 9.9 indicator",
                "APP-PROGRESS-TERM 2 HUYEN-1 1.1 term",
                "APP-PROGRESS-STATUS 2 HUYEN-1 1.1 status",
                "APP-PROGRESS-TEXT 2 HUYEN-1 1.1 text",
                "APP-PROGRESS-TWICE 3 HUYEN-1 1.1 term",
            ],
            invalid.Problems.Select(p => $"{p.Code} {p.Row} {p.Unit} {p.Indicator} {p.Input}"));
        Assert.Equal("dòng 2: kế hoạch của đơn vị `HUYEN-1` không có dòng phân công cho chỉ số `9.9`", invalid.Problems[0].Message.ToString());
        Assert.False(await _province.InDbAsync(db => db.PlanProgress.AnyAsync(Ct)));

        // The post office coordinates 1.1 but does not lead it; Sở B is not named at all.
        foreach (var actor in new[] { Actors.Reporter(_postOffice), Actors.Reporter(_soB), Actors.Leader(_soA), Actors.Viewer })
        {
            var refused = await ProgressAsync(p => p.SaveAsync(actor, _periodId, [new ProgressInput("HUYEN-1", "1.1", "year", "done", null)], AuditChannel.Api, Ct));
            Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        }

        Assert.Equal(
            "1 dòng bạn không được báo cáo tiến độ (dòng 1: bạn không được báo cáo tiến độ chỉ số `1.1` của `HUYEN-1`: chỉ người kê khai của đơn vị chủ trì, của `HUYEN-1` và cán bộ thẩm định); không dòng nào được lưu",
            (await ProgressAsync(p => p.SaveAsync(Actors.Reporter(_soB), _periodId, [new ProgressInput("HUYEN-1", "1.1", "year", "done", null)], AuditChannel.Api, Ct))).Message!.ToString());
        Assert.True((await ProgressAsync(p => p.SaveAsync(Actors.Evaluator, _periodId, [new ProgressInput("HUYEN-1", "1", "year", "done", null)], AuditChannel.Api, Ct))).Succeeded);
        Assert.False(await _province.InDbAsync(db => db.PlanProgress.AnyAsync(p => p.Status != ProgressStatus.Done || p.Term != ProgressTerm.Year, Ct)));
    }

    [Fact]
    public async Task TheProgressPage_CountsByLeadUnit_ListsTheOverdue_AndShowsUnitsOnlyWhatNamesThem()
    {
        Assert.True((await ProgressAsync(p => p.SaveAsync(Actors.Reporter(_postOffice), _periodId, [new ProgressInput("HUYEN-1", "1", "quarter1", "inProgress", "Đang làm")], AuditChannel.Api, Ct))).Succeeded);
        _province.Database.Services.GetRequiredService<TestClock>().SetDay(new DateOnly(2024, 12, 6));

        var evaluator = await ProgressAsync(p => p.GetAsync(Actors.Evaluator, _periodId, Ct));

        Assert.True(evaluator.Succeeded, evaluator.Message?.ToString());
        Assert.Equal(
            ["BD-1 1 0 0 1 0 0", "SO-A 1 1 0 0 0 1"],
            evaluator.Value!.ByLead.Select(l => $"{l.LeadUnitCode} {l.Assigned} {l.NotReported} {l.NotStarted} {l.InProgress} {l.Done} {l.Overdue}"));
        Assert.Equal(["1.1"], evaluator.Value.Overdue.Select(a => a.Indicator));
        Assert.All(evaluator.Value.Rows, r => Assert.True(r.CanReport));
        var reported = evaluator.Value.Rows.Single(r => r.Assignment.Indicator == "1");
        Assert.Equal(("Đang làm", "BD-1"), (reported.Reports.Single().Text, reported.Reports.Single().ReportedByUnitCode));

        // Done, 1.1 is not overdue any more.
        Assert.True((await ProgressAsync(p => p.SaveAsync(Actors.Reporter(_soA), _periodId, [new ProgressInput("HUYEN-1", "1.1", "year", "done", null)], AuditChannel.Api, Ct))).Succeeded);
        Assert.Empty((await ProgressAsync(p => p.GetAsync(Actors.Evaluator, _periodId, Ct))).Value!.Overdue);

        var soA = await ProgressAsync(p => p.GetAsync(Actors.Leader(_soA), _periodId, Ct));
        Assert.Equal([("1.1", false)], soA.Value!.Rows.Select(r => (r.Assignment.Indicator, r.CanReport)));
        Assert.Equal(["1", "1.1"], (await ProgressAsync(p => p.GetAsync(Actors.Leader(_district), _periodId, Ct))).Value!.Rows.Select(r => r.Assignment.Indicator).Order());
        Assert.Equal(OutcomeStatus.Forbidden, (await ProgressAsync(p => p.GetAsync(Actors.Reporter(_soB), _periodId, Ct))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await ProgressAsync(p => p.GetAsync(Actors.Evaluator, 999, Ct))).Status);
    }

    [Fact]
    public async Task AProgressDocument_IsCheckedLikeEvidence_AuditedAsProgress_AndNeverListedAsTheIndicatorsEvidence()
    {
        var before = await UploadAsync(Actors.Reporter(_soA), SampleFiles.Pdf("quyet-dinh"), "quyet-dinh.pdf");
        Assert.Equal(OutcomeStatus.Conflict, before.Status);
        Assert.Equal("chưa có báo cáo tiến độ Quý I của chỉ số `1.1` (`HUYEN-1`): hãy báo cáo tình trạng trước, rồi đính kèm tài liệu", before.Message!.ToString());

        Assert.True((await ProgressAsync(p => p.SaveAsync(Actors.Reporter(_soA), _periodId, [new ProgressInput("HUYEN-1", "1.1", "quarter1", "done", null)], AuditChannel.Api, Ct))).Succeeded);
        var refused = await UploadAsync(Actors.Reporter(_soA), "MZ not a document"u8.ToArray(), "quyet-dinh.pdf");
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await UploadAsync(Actors.Reporter(_soB), SampleFiles.Pdf("x"), "x.pdf")).Status);

        var stored = await UploadAsync(Actors.Reporter(_soA), SampleFiles.Pdf("quyet-dinh"), "quyet-dinh.pdf");

        Assert.True(stored.Succeeded, stored.Message?.ToString());
        var file = await _province.InDbAsync(db => db.EvidenceFiles.SingleAsync(Ct));
        Assert.Equal((_district, "1.1", true), (file.UnitId, file.Indicator, file.ProgressId is not null));
        var audit = await _province.InDbAsync(db => db.AuditEntries.SingleAsync(e => e.Input == EvidenceService.ProgressAuditInput, Ct));
        Assert.Equal((AuditKind.Progress, _district, (int?)_soA), (audit.Kind, audit.UnitId, audit.ActorUnitId));

        // The district's evidence of 1.1 does not list it, and the same evidence file can still be attached to the indicator.
        var evidence = await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().ListAsync(Actors.Evaluator, _periodId, "HUYEN-1", cancellationToken: Ct));
        Assert.Empty(evidence.Value!);
        var page = await ProgressAsync(p => p.GetAsync(Actors.Viewer, _periodId, Ct));
        Assert.Equal(["quyet-dinh.pdf"], page.Value!.Rows.Single(r => r.Assignment.Indicator == "1.1").Reports.Single().Documents.Select(d => d.FileName));
        var download = await ProgressAsync(p => p.DownloadAsync(Actors.Leader(_district), _periodId, file.Id, Ct));
        Assert.Equal(SampleFiles.Pdf("quyet-dinh"), download.Value!.Bytes);
        Assert.Equal(OutcomeStatus.Forbidden, (await ProgressAsync(p => p.DownloadAsync(Actors.Leader(_soB), _periodId, file.Id, Ct))).Status);
    }

    // ---- A lead unit's home page

    [Fact]
    public async Task ALeadUnitsAssignments_InOpenPeriods_AreItsOwn()
    {
        _province.Database.Services.GetRequiredService<TestClock>().SetDay(new DateOnly(2024, 12, 1));

        var soA = await ProgressAsync(p => p.AssignedToAsync(Actors.Leader(_soA), Ct));
        var assignment = Assert.Single(soA);
        Assert.Equal(("HUYEN-1", "1.1", "10", Due11, 4), (assignment.PlanUnitCode, assignment.Indicator, assignment.Target, assignment.Deadline, assignment.DaysLeft));
        Assert.Equal($"/ky-danh-gia/{_periodId}/tien-do#row-{assignment.PlanRowId}", assignment.ProgressPath);
        Assert.Equal(["1.1", "1"], (await ProgressAsync(p => p.AssignedToAsync(Actors.Reporter(_postOffice), Ct))).Select(a => a.Indicator));
        Assert.Empty(await ProgressAsync(p => p.AssignedToAsync(Actors.Reporter(_soB), Ct)));
        Assert.Empty(await ProgressAsync(p => p.AssignedToAsync(Actors.Evaluator, Ct)));

        Assert.True((await _province.PeriodsAsync(p => p.SetStatusAsync(Actors.Evaluator, _periodId, PeriodStatus.Closed, Ct))).Succeeded);
        Assert.Empty(await ProgressAsync(p => p.AssignedToAsync(Actors.Leader(_soA), Ct)));
    }

    private Task<IReadOnlyList<ToDoItem>> ToDoAsync(Actor actor, DateOnly today) =>
        _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<ToDoService>(s, (TimeProvider)FixedClock.At(today)).ListAsync(actor, Ct));

    private Task<Outcome<PeriodDeadlines>> DeadlinesAsync(Actor actor, DateOnly today) =>
        _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<DeadlineService>(s, (TimeProvider)FixedClock.At(today)).GetAsync(actor, _periodId, Ct));

    private Task<T> ProgressAsync<T>(Func<ProgressService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<ProgressService>()));

    private async Task<Outcome<EvidenceItem>> UploadAsync(Actor actor, byte[] bytes, string name)
    {
        await using var content = new MemoryStream(bytes);
        return await ProgressAsync(p => p.UploadAsync(actor, _periodId, "HUYEN-1", "1.1", "quarter1", new EvidenceUpload(null, name, content), AuditChannel.Api, Ct));
    }

    private Task<ReminderRun> RemindAsync(SmtpTestServer smtp, DateOnly today) =>
        _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<ReminderService>(
                s,
                Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, UseStartTls = false, FromAddress = "dti@stttt.tinh.gov.vn" }),
                Options.Create(new ReminderOptions { SiteAddress = "https://dti.tinh.gov.vn/" }),
                (TimeProvider)FixedClock.At(today))
            .SendDueAsync(today, Ct));

    /// <summary>Stores a value of the district's form directly (the delegated entry is another part's).</summary>
    private Task FillAsync(string indicator, string input, string value) =>
        _province.InDbAsync(db =>
        {
            db.ReportedValues.Add(new Data.Values.ReportedValueRecord { PeriodId = _periodId, UnitId = _district, Indicator = indicator, Input = input, Value = value, UpdatedBy = "test", UpdatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });

    private async Task<int> InputsUnderAsync(string code, string except)
    {
        var framework = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>().GetAsync("dti-district-2023", Ct));
        return framework.Value!.FindNode(code)!.SelfAndDescendants()
            .Where(n => n.Code.Value != except && !n.Code.Value.StartsWith(except + ".", StringComparison.Ordinal))
            .Sum(n => n.Inputs.Count);
    }
}
