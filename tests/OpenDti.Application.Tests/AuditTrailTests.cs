using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Accounts;
using OpenDti.Application.Audit;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Review;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The audit of everything that can move a score or a right: each use case writes its entry (who, when,
/// old, new, channel, reason) with the change, the entries form a hash chain that shows an edit or a
/// deletion, and the whole audit can be searched by unit, user, kind and days, a page at a time.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- What is written

    [Fact]
    public async Task Profile_ChangedFigure_IsAuditedWithOldNewYearAndReason_AndAnUnchangedOneIsNot()
    {
        var changed = await _province.UnitsAsync(u => u.SetProfileAsync(
            Actors.Admin, "SO-A", 2024, new Dictionary<string, decimal> { ["civil_servants"] = 38, ["public_employees"] = 60 }, "Theo quyết định biên chế 2024", Ct));

        Assert.True(changed.Succeeded, changed.Message?.ToString());
        var entry = Assert.Single(await EntriesAsync(AuditKind.Profile), e => e.Reason is not null);
        Assert.Equal(
            ("admin", "civil_servants", "40", "38", "2024", "Theo quyết định biên chế 2024", AuditChannel.Page),
            (entry.UserName, entry.Input, entry.OldValue, entry.NewValue, entry.Subject, entry.Reason, entry.Channel));
        Assert.Equal((await _province.UnitAsync("SO-A")).Id, entry.UnitId);
    }

    [Fact]
    public async Task Units_CreationAndRename_AreAuditedWithTheDayTheyTakeEffect()
    {
        var renamed = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-A", "Sở A mới", new DateOnly(2025, 3, 1), "Quyết định 12", Ct));

        Assert.True(renamed.Succeeded, renamed.Message?.ToString());
        var entry = (await EntriesAsync(AuditKind.Unit)).Last();
        Assert.Equal(("renamed", "Sở A", "Sở A mới", "2025-03-01", "Quyết định 12"), (entry.Input, entry.OldValue, entry.NewValue, entry.Subject, entry.Reason));
        Assert.Contains(await EntriesAsync(AuditKind.Unit), e => e.Input == "created" && e.NewValue == "Xã Một");
    }

    [Fact]
    public async Task Periods_CreationStatusAndAppealDays_AreAudited()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        var days = await _province.PeriodsAsync(p => p.SetAppealDaysAsync(Actors.Evaluator, period.Id, 20, Ct));

        Assert.True(days.Succeeded, days.Message?.ToString());
        var entries = await EntriesAsync(AuditKind.Period);
        Assert.Equal(["created", "status", "appeal_days"], entries.Select(e => e.Input));
        Assert.All(entries, e => Assert.Equal((period.Id, "evaluator"), (e.PeriodId, e.UserName)));
        Assert.Equal(("draft", "open"), (entries[1].OldValue, entries[1].NewValue));
        Assert.Equal(("15", "20"), (entries[2].OldValue, entries[2].NewValue));
        Assert.StartsWith("dti-department-2022; 2024; 2024-11-01 – 2025-01-01; SO-A,SO-B", entries[0].NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frameworks_BuiltInImportsAndACopy_AreAudited()
    {
        var copied = await _province.InScopeAsync(s => s.GetRequiredService<FrameworkCatalog>()
            .CopyAsync(Actors.Admin, "dti-department-2022", "dti-department-2025", 2025, null, Ct));

        Assert.True(copied.Succeeded, copied.Message?.ToString());
        var entries = await EntriesAsync(AuditKind.Framework);
        Assert.Contains(entries, e => e.Subject == "dti-province-2022" && e.Input == "imported" && e.Channel == AuditChannel.System && e.NewValue!.Contains("SHA-256 ", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Subject == "dti-department-2025" && e.Input == "imported" && e.UserName == "admin");
        Assert.Contains(entries, e => e.Subject == "dti-department-2025" && e.Input == "copied_from" && e.NewValue == "dti-department-2022");
    }

    [Fact]
    public async Task Accounts_EveryAdministrativeChange_IsAudited_AndNoPasswordIsWritten()
    {
        const string password = "Mật-khẩu-thử-2024!";
        Assert.True((await AccountsAsync(a => a.CreateAsync(Actors.Admin, "reporter.so-a", password, Roles.UnitReporter, "SO-A", cancellationToken: Ct))).Succeeded);
        Assert.True((await AccountsAsync(a => a.SetLockedOutAsync(Actors.Admin, "reporter.so-a", true, Ct))).Succeeded);
        Assert.True((await AccountsAsync(a => a.SetLockedOutAsync(Actors.Admin, "reporter.so-a", false, Ct))).Succeeded);
        Assert.True((await AccountsAsync(a => a.ResetPasswordAsync(Actors.Admin, "reporter.so-a", password + "x", Ct))).Succeeded);
        Assert.True((await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", Roles.UnitLeader, "SO-B", Ct))).Succeeded);
        Assert.True((await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", "a@so.gov.vn", Ct))).Succeeded);
        Assert.True((await AccountsAsync(a => a.DeleteAsync(Actors.Admin, "reporter.so-a", Ct))).Succeeded);

        var entries = await EntriesAsync(AuditKind.Account);
        Assert.Equal(
            [
                ("created", null, "UnitReporter; SO-A"),
                ("locked", "false", "true"),
                ("locked", "true", "false"),
                ("password", null, "reset"),
                ("role", "UnitReporter; SO-A", "UnitLeader; SO-B"),
                ("email", null, "a@so.gov.vn"),
                ("deleted", "UnitLeader; SO-B; a@so.gov.vn", null),
            ],
            entries.Select(e => (e.Input, e.OldValue, e.NewValue)));
        Assert.All(entries, e => Assert.Equal(("reporter.so-a", "admin"), (e.Subject, e.UserName)));
        Assert.DoesNotContain(await _province.InDbAsync(db => db.AuditEntries.ToListAsync(Ct)), e => $"{e.OldValue}{e.NewValue}{e.Reason}".Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accounts_ARefusedChange_LeavesNoEntry()
    {
        var refused = await AccountsAsync(a => a.CreateAsync(Actors.Admin, "ngan", "ngan", Roles.Viewer, null, cancellationToken: Ct));

        Assert.False(refused.Succeeded);
        Assert.Empty(await EntriesAsync(AuditKind.Account));
    }

    [Fact]
    public async Task ExceptionsAndPublications_AreAuditedWithTheirReason()
    {
        var period = await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"]);
        var opened = await _province.InScopeAsync(s => s.GetRequiredService<SubmissionService>()
            .OpenExceptionAsync(Actors.Admin, period.Id, "SO-A", new DateOnly(2025, 2, 1), "Mất điện", Ct));
        Assert.True(opened.Succeeded, opened.Message?.ToString());
        await _province.PublishAsync(period.Id);
        await _province.PublishAsync(period.Id, "Đính chính điểm Sở B");

        var exception = Assert.Single(await EntriesAsync(AuditKind.Exception));
        Assert.Equal(("exception_until", null, "2025-02-01", "Mất điện"), (exception.Input, exception.OldValue, exception.NewValue, exception.Reason));
        var publications = await EntriesAsync(AuditKind.Publication);
        Assert.Equal([(null, "1", null), ("1", "2", "Đính chính điểm Sở B")], publications.Select(p => (p.OldValue, p.NewValue, p.Reason)));
    }

    // ---- The chain

    [Fact]
    public async Task Chain_OfEveryEntryWritten_IsIntactAndGapless()
    {
        await _province.OpenDepartmentPeriodAsync();

        var report = await _province.InDbAsync(db => AuditChain.VerifyAsync(db, Ct));
        var sequences = await _province.InDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync(Ct));

        Assert.True(report.Intact, report.Break?.ToString());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(sequences.Count, report.Count);
    }

    [Fact]
    public async Task Chain_AnEntryEditedInTheDatabase_IsReportedAsEdited()
    {
        var target = await _province.InDbAsync(db => db.AuditEntries.Where(a => a.Kind == AuditKind.Profile).OrderBy(a => a.Sequence).FirstAsync(Ct));

        await _province.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"NewValue\" = '4000' WHERE \"Id\" = {target.Id}", Ct));
        var report = await _province.InDbAsync(db => AuditChain.VerifyAsync(db, Ct));

        Assert.Equal(new AuditChainBreak(target.Sequence, target.Id, AuditBreakKind.Edited), report.Break);
    }

    [Fact]
    public async Task Chain_AnEntryDeletedInTheDatabase_IsReportedAsMissingBeforeTheNext()
    {
        var entries = await _province.InDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync(Ct));
        var deleted = entries[5];

        await _province.InDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Id\" = {deleted.Id}", Ct));
        var report = await _province.InDbAsync(db => AuditChain.VerifyAsync(db, Ct));

        Assert.Equal(new AuditChainBreak(deleted.Sequence, entries[6].Id, AuditBreakKind.Missing), report.Break);
    }

    [Fact]
    public async Task Chain_AnEntryReHashedAlone_IsReportedAtTheNextLink()
    {
        // Someone edits an entry and recomputes its own hash, but not the rest of the chain.
        var entries = await _province.InDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync(Ct));
        var forged = entries[3];
        forged.NewValue = "forged";
        var hash = AuditChain.HashOf(forged);

        await _province.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"NewValue\" = 'forged', \"Hash\" = {hash} WHERE \"Id\" = {forged.Id}", Ct));
        var report = await _province.InDbAsync(db => AuditChain.VerifyAsync(db, Ct));

        Assert.Equal(new AuditChainBreak(entries[4].Sequence, entries[4].Id, AuditBreakKind.Link), report.Break);
    }

    [Fact]
    public async Task Chain_EntriesWrittenBeforeTheChainExisted_AreSealedOnceInTheirOrder()
    {
        await using var empty = await TestDatabase.CreateAsync();
        await empty.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<OpenDtiDbContext>();
            foreach (var (sequence, value) in new[] { (1, "1"), (2, "2"), (3, "3") })
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO audit_entries (\"Sequence\", \"At\", \"UserId\", \"UserName\", \"Kind\", \"PeriodId\", \"UnitId\", \"Indicator\", \"Input\", \"NewValue\", \"Channel\") VALUES ({sequence}, '2024-11-02 03:04:05.1234567', 'u', 'reporter', 'Value', 1, 1, '1.1', 'a', {value}, 'Page')",
                    Ct);
            }

            return true;
        });

        var sealedNow = await empty.InScopeAsync(s => AuditChain.SealEarlierEntriesAsync(s.GetRequiredService<OpenDtiDbContext>(), Ct));
        var sealedAgain = await empty.InScopeAsync(s => AuditChain.SealEarlierEntriesAsync(s.GetRequiredService<OpenDtiDbContext>(), Ct));
        var report = await empty.InScopeAsync(s => AuditChain.VerifyAsync(s.GetRequiredService<OpenDtiDbContext>(), Ct));

        Assert.Equal((3, 0), (sealedNow, sealedAgain));
        Assert.True(report.Intact, report.Break?.ToString());
        Assert.Equal(3, report.LastSequence);
    }

    [Fact]
    public async Task Chain_TwentySavesAtOnce_StayOneGaplessIntactChain()
    {
        var before = await _province.InDbAsync(db => db.AuditEntries.CountAsync(Ct));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _province.UnitsAsync(u => u.SetProfileAsync(
            Actors.Admin, SmallProvince.Departments[i % 3].Code, 2030 + i, new Dictionary<string, decimal> { ["civil_servants"] = 10 + i }, Ct)))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message?.ToString()));
        var report = await _province.InDbAsync(db => AuditChain.VerifyAsync(db, Ct));
        Assert.True(report.Intact, report.Break?.ToString());
        Assert.Equal(before + 20, report.Count);
        Assert.Equal(report.Count, report.LastSequence);
    }

    // ---- Searching

    [Fact]
    public async Task Search_FiltersByUnitUserAndKind_NewestFirst_APageAtATime()
    {
        foreach (var year in new[] { 2021, 2022, 2023 })
        {
            Assert.True((await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", year, new Dictionary<string, decimal> { ["civil_servants"] = year - 2000 }, Ct))).Succeeded);
        }

        var first = await SearchAsync(new AuditQuery(Unit: "SO-A", User: "admin", Kind: "PROFILE", Limit: "2"));
        var second = await SearchAsync(new AuditQuery(Unit: "SO-A", User: "admin", Kind: "profile", Limit: "10", Before: first.Next!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(["2023", "2022"], first.Items.Select(i => i.Subject));
        Assert.All(first.Items.Concat(second.Items), i => Assert.Equal(("SO-A", AuditKind.Profile, "admin"), (i.UnitCode, i.Kind, i.UserName)));
        Assert.Equal(["2021", "2024", "2024", "2024"], second.Items.Select(i => i.Subject));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Search_ByDays_TakesVietnamsDays()
    {
        var clock = _province.Database.Services.GetRequiredService<TestClock>();
        clock.SetMoment(new DateTimeOffset(2025, 3, 9, 18, 30, 0, TimeSpan.Zero)); // 10/03/2025 01:30 in Vietnam
        Assert.True((await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-B", 2025, new Dictionary<string, decimal> { ["civil_servants"] = 7 }, Ct))).Succeeded);

        var on10th = await SearchAsync(new AuditQuery(From: "10/03/2025", To: "2025-03-10"));
        var on9th = await SearchAsync(new AuditQuery(From: "09/03/2025", To: "09/03/2025"));

        Assert.Equal("2025", Assert.Single(on10th.Items).Subject);
        Assert.Empty(on9th.Items);
    }

    [Fact]
    public async Task Search_ByUser_AlsoFindsChangesOfThatAccount()
    {
        Assert.True((await AccountsAsync(a => a.CreateAsync(Actors.Admin, "viewer.so", "Mật-khẩu-thử-2024!", Roles.Viewer, null, cancellationToken: Ct))).Succeeded);

        var found = await SearchAsync(new AuditQuery(User: "viewer.so"));

        Assert.Equal(("account", "created", "admin"), (AuditService.Name(Assert.Single(found.Items).Kind), found.Items[0].Input, found.Items[0].UserName));
    }

    [Fact]
    public async Task Search_UnreadableFilters_AreRefusedNamingEach()
    {
        var refused = await _province.InScopeAsync(s => s.GetRequiredService<AuditService>().SearchAsync(
            Actors.Evaluator, new AuditQuery(Unit: "SO-Z", Kind: "everything", From: "31/02/2025", To: "2025-01-01", Limit: "5000", Before: "abc"), Ct));

        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal(new[] { "before", "from", "kind", "limit", "unit" }, refused.Problems.Select(p => p.Input!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_ByViewersAndUnitPeople_IsForbidden()
    {
        var soA = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in new[] { Actors.Viewer, Actors.Reporter(soA), Actors.Leader(soA) })
        {
            var outcome = await _province.InScopeAsync(s => s.GetRequiredService<AuditService>().SearchAsync(actor, new AuditQuery(), Ct));
            Assert.Equal(OutcomeStatus.Forbidden, outcome.Status);
        }
    }

    private async Task<AuditPage> SearchAsync(AuditQuery query)
    {
        var found = await _province.InScopeAsync(s => s.GetRequiredService<AuditService>().SearchAsync(Actors.Admin, query, Ct));
        Assert.True(found.Succeeded, found.Message + " " + string.Join("; ", found.Problems.Select(p => p.Message)));
        return found.Value!;
    }

    /// <summary>The entries of <paramref name="kind"/>, oldest first.</summary>
    private Task<List<AuditEntry>> EntriesAsync(AuditKind kind) =>
        _province.InDbAsync(db => db.AuditEntries.Where(a => a.Kind == kind).OrderBy(a => a.Sequence).ToListAsync(Ct));

    private Task<Outcome<AccountSummary>> AccountsAsync(Func<AccountService, Task<Outcome<AccountSummary>>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<AccountService>()));
}
