using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Review.Mail;
using OpenDti.Core.Review;
using OpenDti.Data.Identity;
using OpenDti.Testing.Mail;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Reminder e-mail, delivered to a real SMTP server the test starts on a loopback port: one message
/// per account, period and kind a day, in Vietnamese, naming the period, the unit and the deadline;
/// none to accounts without an address or locked; nothing at all without an SMTP host.
/// </summary>
public sealed class ReminderServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2024, 12, 29);
    private SmallProvince _province = null!;
    private SmtpTestServer _smtp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _smtp = SmtpTestServer.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _province.DisposeAsync();
    }

    [Fact]
    public async Task AReporter_GetsOneMessageNamingThePeriodUnitAndDeadline_AndASecondRunTheSameDaySendsNothing()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");

        var first = await RunAsync(Today);

        Assert.Equal(new ReminderRun(false, 1, 0, 0), first);
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal(["bao.cao.a@so-a.tinh.gov.vn"], mail.To);
        Assert.Equal("dti@stttt.tinh.gov.vn", mail.From);
        Assert.Equal($"[OpenDti] Nhắc gửi hồ sơ: {period.Name}", mail.Subject);
        Assert.Equal("Sở TT&TT", mail.Message.From.Mailboxes.Single().Name);
        Assert.Contains("Kính gửi Ông bao.cao.a,", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"kỳ đánh giá \"{period.Name}\"", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"- Sở A (SO-A): hạn 01/01/2025, còn 3 ngày. https://dti.tinh.gov.vn/ky-danh-gia/{period.Id}/ke-khai/SO-A#ho-so", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SO-B", mail.Body, StringComparison.Ordinal);

        var second = await RunAsync(Today);

        Assert.Equal(new ReminderRun(false, 0, 1, 0), second);
        Assert.Single(_smtp.Received);
        Assert.Equal(1, await _province.InDbAsync(db => db.RemindersSent.CountAsync(r => r.Day == Today && r.Kind == "submit" && r.PeriodId == period.Id, Ct)));

        // The next day brings the next reminder.
        Assert.Equal(1, (await RunAsync(Today.AddDays(1))).Sent);
        Assert.Contains("còn 2 ngày", _smtp.Received[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachPersonGetsOneMessagePerKind_ListingEveryItem_AndOnlyWhatWaitsForThem()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Submitted);
        await _province.SetSubmissionAsync(period.Id, "SO-B", SubmissionState.Approved, updatedAt: new DateTime(2024, 12, 20, 1, 0, 0, DateTimeKind.Utc));
        await _province.SetSubmissionAsync(period.Id, "SO-C", SubmissionState.UnderReview, updatedAt: new DateTime(2024, 12, 21, 1, 0, 0, DateTimeKind.Utc));
        await _province.CreateAccountAsync("lanh.dao.a", Roles.UnitLeader, "SO-A", "lanh.dao.a@so-a.tinh.gov.vn");
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");
        await _province.CreateAccountAsync("tham.dinh", Roles.Evaluator, null, "tham.dinh@stttt.tinh.gov.vn");
        await _province.CreateAccountAsync("lanh.dao.tinh", Roles.Viewer, null, "lanh.dao@tinh.gov.vn");

        var run = await RunAsync(Today);

        Assert.Equal(2, run.Sent);
        var byRecipient = _smtp.Received.ToDictionary(m => m.To.Single());
        Assert.Equal(["lanh.dao.a@so-a.tinh.gov.vn", "tham.dinh@stttt.tinh.gov.vn"], byRecipient.Keys.Order(StringComparer.Ordinal));

        var leader = byRecipient["lanh.dao.a@so-a.tinh.gov.vn"];
        Assert.Equal($"[OpenDti] Nhắc phê duyệt hồ sơ: {period.Name}", leader.Subject);
        Assert.Contains("- Sở A (SO-A): hạn 01/01/2025, còn 3 ngày.", leader.Body, StringComparison.Ordinal);

        // Starting and finishing reviews are one reminder, listing both units.
        var evaluator = byRecipient["tham.dinh@stttt.tinh.gov.vn"];
        Assert.Equal($"[OpenDti] Hồ sơ chờ thẩm định: {period.Name}", evaluator.Subject);
        Assert.Contains("- Sở B (SO-B): bắt đầu thẩm định, chờ từ ngày 20/12/2024.", evaluator.Body, StringComparison.Ordinal);
        Assert.Contains("- Sở C (SO-C): hoàn thành thẩm định hoặc trả lại hồ sơ, chờ từ ngày 21/12/2024.", evaluator.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SO-A", evaluator.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerReminder_SaysHowManyCommentsWait()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await _province.SetSubmissionAsync(period.Id, "SO-A", SubmissionState.Returned, round: 1, answerBy: new DateOnly(2025, 1, 10));
        await _province.AddNoteAsync(period.Id, "SO-A", "2.1", Data.Review.ReviewNoteKind.Returned, round: 1);
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");

        await RunAsync(new DateOnly(2025, 1, 12));

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal($"[OpenDti] Nhắc giải trình ý kiến thẩm định: {period.Name}", mail.Subject);
        Assert.Contains("- Sở A (SO-A): hạn 10/01/2025, đã quá hạn 2 ngày.", mail.Body, StringComparison.Ordinal);
        Assert.Contains("1 chỉ số có ý kiến thẩm định chưa được giải trình.", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsWithoutAnAddress_AndLockedAccounts_GetNothing()
    {
        await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.CreateAccountAsync("khong.thu", Roles.UnitReporter, "SO-A", null);
        await _province.CreateAccountAsync("thu.rong", Roles.UnitReporter, "SO-A", string.Empty);
        await _province.CreateAccountAsync("bi.khoa", Roles.UnitReporter, "SO-B", "bi.khoa@so-b.tinh.gov.vn", locked: true);

        var run = await RunAsync(Today);

        Assert.Equal(new ReminderRun(false, 0, 0, 0), run);
        Assert.Empty(_smtp.Received);
        Assert.Equal(0, _smtp.Connections);
        Assert.Equal(0, await _province.InDbAsync(db => db.RemindersSent.CountAsync(Ct)));
    }

    [Fact]
    public async Task ADraftIsRemindedOnlyInTheLastDaysBeforeTheDeadline()
    {
        await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");

        // 01/01/2025 is the deadline: 8 days before it is too early, 7 days before is the first reminder.
        Assert.Equal(0, (await RunAsync(new DateOnly(2024, 12, 24))).Sent);
        Assert.Equal(1, (await RunAsync(new DateOnly(2024, 12, 25))).Sent);
    }

    [Fact]
    public async Task WithoutAnSmtpHost_MailIsOff_AndNothingIsSentOrRecorded()
    {
        await _province.OpenDepartmentPeriodAsync(units: ["SO-A"]);
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");

        var run = await RunAsync(Today, new SmtpOptions { Host = " ", Port = _smtp.Port, UseStartTls = false, FromAddress = "dti@stttt.tinh.gov.vn" });

        Assert.True(run.MailOff);
        Assert.Equal(0, _smtp.Connections);
        Assert.Equal(0, await _province.InDbAsync(db => db.RemindersSent.CountAsync(Ct)));
    }

    [Fact]
    public async Task AMessageTheServerRefuses_IsNotRecorded_AndIsSentOnTheNextRun()
    {
        await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");
        await _province.CreateAccountAsync("bao.cao.b", Roles.UnitReporter, "SO-B", "bao.cao.b@so-b.tinh.gov.vn");
        _smtp.Refused["bao.cao.a@so-a.tinh.gov.vn"] = true;

        var first = await RunAsync(Today);

        Assert.Equal(new ReminderRun(false, 1, 0, 1), first);
        Assert.Equal(["bao.cao.b@so-b.tinh.gov.vn"], _smtp.Received.Select(m => m.To.Single()));

        _smtp.Refused.Clear();
        var second = await RunAsync(Today);

        Assert.Equal(new ReminderRun(false, 1, 1, 0), second);
        Assert.Equal("bao.cao.a@so-a.tinh.gov.vn", _smtp.Received[1].To.Single());
    }

    [Fact]
    public async Task TwoRunsAtOnce_SendEachReminderOnce()
    {
        await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B", "SO-C"]);
        await _province.CreateAccountAsync("bao.cao.a", Roles.UnitReporter, "SO-A", "bao.cao.a@so-a.tinh.gov.vn");
        await _province.CreateAccountAsync("bao.cao.b", Roles.UnitReporter, "SO-B", "bao.cao.b@so-b.tinh.gov.vn");
        await _province.CreateAccountAsync("bao.cao.c", Roles.UnitReporter, "SO-C", "bao.cao.c@so-c.tinh.gov.vn");

        var runs = await Task.WhenAll(RunAsync(Today), RunAsync(Today));

        Assert.Equal(3, runs.Sum(r => r.Sent));
        Assert.Equal(3, runs.Sum(r => r.AlreadySent));
        Assert.Equal(3, _smtp.Received.Select(m => m.To.Single()).Distinct().Count());
        Assert.Equal(3, _smtp.Received.Count);
    }

    private SmtpOptions Smtp() => new()
    {
        Host = "127.0.0.1",
        Port = _smtp.Port,
        UseStartTls = false,
        FromAddress = "dti@stttt.tinh.gov.vn",
        FromName = "Sở TT&TT",
    };

    private Task<ReminderRun> RunAsync(DateOnly today, SmtpOptions? smtp = null) =>
        _province.InScopeAsync(s => ActivatorUtilities.CreateInstance<ReminderService>(
                s,
                Options.Create(smtp ?? Smtp()),
                Options.Create(new ReminderOptions { SiteAddress = "https://dti.tinh.gov.vn/" }),
                (TimeProvider)FixedClock.At(today))
            .SendDueAsync(today, Ct));
}
