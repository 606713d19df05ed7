using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Accounts;
using OpenDti.Application.Values;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// Accounts as an administrator keeps them: created with a role, locked and unlocked, given a new
/// password, given another role and unit, deleted.
/// </summary>
public sealed class AccountServiceTests : IAsyncLifetime
{
    private const string Password = "Kiem-Thu@2024";

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        var created = await AccountsAsync(a => a.CreateAsync(Actors.Admin, "reporter.so-a", Password, Roles.UnitReporter, "SO-A", "Nguyễn Văn A", cancellationToken: Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Lock_KeepsTheAccountLockedOut_UntilUnlocked()
    {
        var locked = await AccountsAsync(a => a.SetLockedOutAsync(Actors.Admin, "reporter.so-a", true, Ct));
        var listedLocked = await ListedAsync("reporter.so-a");
        var canSignIn = await CanSignInAsync("reporter.so-a");
        var unlocked = await AccountsAsync(a => a.SetLockedOutAsync(Actors.Admin, "reporter.so-a", false, Ct));

        Assert.True(locked.Succeeded, locked.Message?.ToString());
        Assert.True(locked.Value!.LockedOut);
        Assert.True(listedLocked.LockedOut);
        Assert.False(canSignIn);
        Assert.True(unlocked.Succeeded, unlocked.Message?.ToString());
        Assert.Equal(("reporter.so-a", "Nguyễn Văn A", "SO-A", false), (unlocked.Value!.UserName, unlocked.Value.DisplayName, unlocked.Value.UnitCode, unlocked.Value.LockedOut));
        Assert.Equal([Roles.UnitReporter], unlocked.Value.Roles);
        Assert.True(await CanSignInAsync("reporter.so-a"));
    }

    [Fact]
    public async Task Lock_OwnAccount_IsAConflict_AndLeavesItOpen()
    {
        var created = await AccountsAsync(a => a.CreateAsync(Actors.Admin, "quantri", Password, Roles.Administrator, null, cancellationToken: Ct));
        var id = await _province.InScopeAsync(async s => (await s.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("quantri"))!.Id);
        var self = new Actor(id, "quantri", new HashSet<string>([Roles.Administrator]), null);

        var outcome = await AccountsAsync(a => a.SetLockedOutAsync(self, "quantri", true, Ct));

        Assert.True(created.Succeeded);
        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("không thể tự khóa tài khoản của mình", outcome.Message!.ToString());
        Assert.False((await ListedAsync("quantri")).LockedOut);
    }

    [Fact]
    public async Task ResetPassword_ReplacesTheOldPassword()
    {
        var outcome = await AccountsAsync(a => a.ResetPasswordAsync(Actors.Admin, "reporter.so-a", "Moi@Khau2025", Ct));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.True(await CanSignInAsync("reporter.so-a", "Moi@Khau2025"));
        Assert.False(await CanSignInAsync("reporter.so-a", Password));
    }

    [Fact]
    public async Task ResetPassword_BreakingTheRules_NamesEachRule_AndKeepsTheOldPassword()
    {
        var outcome = await AccountsAsync(a => a.ResetPasswordAsync(Actors.Admin, "reporter.so-a", "abc", Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("mật khẩu mới của tài khoản `reporter.so-a` chưa đạt yêu cầu; mật khẩu cũ vẫn giữ nguyên", outcome.Message!.ToString());
        Assert.Equal(
            ["mật khẩu phải có ít nhất 12 ký tự", "mật khẩu phải có ít nhất một ký hiệu (ví dụ @, #, !)", "mật khẩu phải có ít nhất một chữ số", "mật khẩu phải có ít nhất một chữ in hoa"],
            outcome.Problems.Select(p => p.Message.ToString()));
        Assert.True(await CanSignInAsync("reporter.so-a", Password));
    }

    [Fact]
    public async Task ChangingAnUnknownAccount_IsNotFound_NamingIt()
    {
        var locked = await AccountsAsync(a => a.SetLockedOutAsync(Actors.Admin, "khong-co", true, Ct));
        var reset = await AccountsAsync(a => a.ResetPasswordAsync(Actors.Admin, "khong-co", "Moi@Khau2025", Ct));

        Assert.Equal((OutcomeStatus.NotFound, "không có tài khoản `khong-co`"), (locked.Status, locked.Message!.ToString()));
        Assert.Equal((OutcomeStatus.NotFound, "không có tài khoản `khong-co`"), (reset.Status, reset.Message!.ToString()));
    }

    [Fact]
    public async Task ChangingAccounts_IsForbidden_ToEveryoneButAdministrators()
    {
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in Actors.NotAdministrators(unitId))
        {
            var locked = await AccountsAsync(a => a.SetLockedOutAsync(actor, "reporter.so-a", true, Ct));
            var reset = await AccountsAsync(a => a.ResetPasswordAsync(actor, "reporter.so-a", "Moi@Khau2025", Ct));

            Assert.Equal(OutcomeStatus.Forbidden, locked.Status);
            Assert.Equal(OutcomeStatus.Forbidden, reset.Status);
        }

        Assert.False((await ListedAsync("reporter.so-a")).LockedOut);
        Assert.True(await CanSignInAsync("reporter.so-a", Password));
    }

    // ---- Changing the role and unit

    [Fact]
    public async Task ChangeRole_ReplacesTheRoleAndUnit_AndTheSecurityStamp()
    {
        var stampBefore = await StampAsync("reporter.so-a");

        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", Roles.UnitLeader, "SO-B", Ct));
        var listed = await ListedAsync("reporter.so-a");

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(("reporter.so-a", "Nguyễn Văn A", "SO-B", false), (outcome.Value!.UserName, outcome.Value.DisplayName, outcome.Value.UnitCode, outcome.Value.LockedOut));
        Assert.Equal([Roles.UnitLeader], outcome.Value.Roles);
        Assert.Equal([Roles.UnitLeader], listed.Roles);
        Assert.Equal("SO-B", listed.UnitCode);
        Assert.Equal((await _province.UnitAsync("SO-B")).Id, await InUsersAsync(async u => (await u.FindByNameAsync("reporter.so-a"))!.UnitId));
        Assert.NotEqual(stampBefore, await StampAsync("reporter.so-a"));
        Assert.True(await CanSignInAsync("reporter.so-a"));
    }

    [Fact]
    public async Task ChangeRole_ToAProvinceWideRole_LeavesTheUnit()
    {
        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", Roles.Evaluator, null, Ct));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal([Roles.Evaluator], outcome.Value!.Roles);
        Assert.Null(outcome.Value.UnitCode);
        Assert.Null(await InUsersAsync(async u => (await u.FindByNameAsync("reporter.so-a"))!.UnitId));
    }

    [Fact]
    public async Task ChangeRole_ToAReporterWithoutAUnit_IsInvalid_AndChangesNothing()
    {
        await AccountsAsync(a => a.CreateAsync(Actors.Admin, "xem", Password, Roles.Viewer, null, cancellationToken: Ct));

        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "xem", Roles.UnitReporter, null, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("tài khoản vai trò UnitReporter phải thuộc một đơn vị", outcome.Message!.ToString());
        Assert.Equal([Roles.Viewer], (await ListedAsync("xem")).Roles);
    }

    [Fact]
    public async Task ChangeRole_ToAViewerWithAUnit_IsInvalid_AndChangesNothing()
    {
        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", Roles.Viewer, "SO-A", Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("tài khoản vai trò Viewer không thuộc đơn vị nào", outcome.Message!.ToString());
        var listed = await ListedAsync("reporter.so-a");
        Assert.Equal([Roles.UnitReporter], listed.Roles);
        Assert.Equal("SO-A", listed.UnitCode);
    }

    [Fact]
    public async Task ChangeRole_ToAnUnknownRoleOrUnit_NamesIt()
    {
        var role = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", "Boss", null, Ct));
        var unit = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", Roles.UnitLeader, "SO-X", Ct));
        var account = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "khong-co", Roles.Viewer, null, Ct));

        Assert.Equal((OutcomeStatus.Invalid, "không có vai trò `Boss`; các vai trò: Administrator, Evaluator, UnitReporter, UnitLeader, Viewer"), (role.Status, role.Message!.ToString()));
        Assert.Equal((OutcomeStatus.NotFound, "không có đơn vị `SO-X`"), (unit.Status, unit.Message!.ToString()));
        Assert.Equal((OutcomeStatus.NotFound, "không có tài khoản `khong-co`"), (account.Status, account.Message!.ToString()));
        Assert.Equal([Roles.UnitReporter], (await ListedAsync("reporter.so-a")).Roles);
    }

    [Fact]
    public async Task ChangeRole_ToAClosedUnit_IsAConflict_NamingTheUnit()
    {
        var closed = await _province.UnitsAsync(u => u.CloseAsync(Actors.Admin, "SO-C", new DateOnly(2025, 3, 1), null, Ct));

        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "reporter.so-a", Roles.UnitReporter, "SO-C", Ct));

        Assert.True(closed.Succeeded, closed.Message?.ToString());
        Assert.Equal((OutcomeStatus.Conflict, "đơn vị `SO-C` đã ngừng hoạt động từ 01/03/2025"), (outcome.Status, outcome.Message!.ToString()));
        Assert.Equal("SO-A", (await ListedAsync("reporter.so-a")).UnitCode);
    }

    [Fact]
    public async Task ChangeRole_OfOwnAdministratorAccount_IsAConflict_AndKeepsTheRole()
    {
        var self = await AdministratorAsync("quantri");
        await AdministratorAsync("quantri2");

        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(self, "quantri", Roles.Viewer, null, Ct));

        Assert.Equal((OutcomeStatus.Conflict, "không thể tự bỏ vai trò quản trị viên của mình"), (outcome.Status, outcome.Message!.ToString()));
        Assert.Equal([Roles.Administrator], (await ListedAsync("quantri")).Roles);
    }

    [Fact]
    public async Task ChangeRole_OfTheLastAdministrator_IsAConflict_UntilThereIsAnother()
    {
        await AdministratorAsync("quantri");

        var last = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "quantri", Roles.Evaluator, null, Ct));
        await AdministratorAsync("quantri2");
        var another = await AccountsAsync(a => a.ChangeRoleAsync(Actors.Admin, "quantri", Roles.Evaluator, null, Ct));

        Assert.Equal((OutcomeStatus.Conflict, "`quantri` là quản trị viên cuối cùng; tỉnh phải luôn có ít nhất một quản trị viên"), (last.Status, last.Message!.ToString()));
        Assert.True(another.Succeeded, another.Message?.ToString());
        Assert.Equal([Roles.Evaluator], (await ListedAsync("quantri")).Roles);
    }

    [Fact]
    public async Task ChangeRole_OfAnAdministratorToAdministrator_IsAllowed_EvenForTheLastOne()
    {
        var self = await AdministratorAsync("quantri");

        var outcome = await AccountsAsync(a => a.ChangeRoleAsync(self, "quantri", Roles.Administrator, null, Ct));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal([Roles.Administrator], outcome.Value!.Roles);
    }

    // ---- Deleting

    [Fact]
    public async Task Delete_RemovesTheAccount_AndReturnsWhatItWas()
    {
        var outcome = await AccountsAsync(a => a.DeleteAsync(Actors.Admin, "reporter.so-a", Ct));
        var list = await AccountsAsync(a => a.ListAsync(Actors.Admin, Ct));
        var again = await AccountsAsync(a => a.DeleteAsync(Actors.Admin, "reporter.so-a", Ct));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal(("reporter.so-a", "SO-A"), (outcome.Value!.UserName, outcome.Value.UnitCode));
        Assert.Equal([Roles.UnitReporter], outcome.Value.Roles);
        Assert.DoesNotContain(list.Value!, a => a.UserName == "reporter.so-a");
        Assert.False(await CanSignInAsync("reporter.so-a"));
        Assert.Equal((OutcomeStatus.NotFound, "không có tài khoản `reporter.so-a`"), (again.Status, again.Message!.ToString()));
    }

    [Fact]
    public async Task Delete_OwnAccount_IsAConflict_AndKeepsIt()
    {
        var self = await AdministratorAsync("quantri");
        await AdministratorAsync("quantri2");

        var outcome = await AccountsAsync(a => a.DeleteAsync(self, "quantri", Ct));

        Assert.Equal((OutcomeStatus.Conflict, "không thể tự xóa tài khoản của mình"), (outcome.Status, outcome.Message!.ToString()));
        Assert.True(await CanSignInAsync("quantri"));
    }

    [Fact]
    public async Task Delete_TheLastAdministrator_IsAConflict_UntilThereIsAnother()
    {
        await AdministratorAsync("quantri");

        var last = await AccountsAsync(a => a.DeleteAsync(Actors.Admin, "quantri", Ct));
        await AdministratorAsync("quantri2");
        var another = await AccountsAsync(a => a.DeleteAsync(Actors.Admin, "quantri", Ct));

        Assert.Equal((OutcomeStatus.Conflict, "`quantri` là quản trị viên cuối cùng; tỉnh phải luôn có ít nhất một quản trị viên"), (last.Status, last.Message!.ToString()));
        Assert.True(another.Succeeded, another.Message?.ToString());
        Assert.False(await CanSignInAsync("quantri"));
    }

    [Fact]
    public async Task Delete_KeepsTheValuesAndAuditTheAccountWrote()
    {
        var period = await _province.OpenDepartmentPeriodAsync();
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        var id = await InUsersAsync(async u => (await u.FindByNameAsync("reporter.so-a"))!.Id);
        var reporter = new Actor(id, "reporter.so-a", new HashSet<string>([Roles.UnitReporter]), unitId);
        var saved = await _province.ValuesAsync(v => v.SaveAsync(
            reporter, period.Id, "SO-A", [new ValueChange("2.1", "da_ban_hanh", "có"), new ValueChange("3.2", "a", "5")], AuditChannel.Page, cancellationToken: Ct));
        var before = await WrittenByAsync("reporter.so-a");

        var deleted = await AccountsAsync(a => a.DeleteAsync(Actors.Admin, "reporter.so-a", Ct));
        var after = await WrittenByAsync("reporter.so-a");

        Assert.True(saved.Succeeded, saved.Message?.ToString());
        Assert.True(deleted.Succeeded, deleted.Message?.ToString());
        Assert.Equal((2, 2), (before.Values.Length, before.Audit.Length));
        Assert.Equal(before.Values, after.Values);
        Assert.Equal(before.Audit, after.Audit);
    }

    [Fact]
    public async Task ChangingRolesOrDeleting_IsForbidden_ToEveryoneButAdministrators()
    {
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in Actors.NotAdministrators(unitId))
        {
            var changed = await AccountsAsync(a => a.ChangeRoleAsync(actor, "reporter.so-a", Roles.Administrator, null, Ct));
            var deleted = await AccountsAsync(a => a.DeleteAsync(actor, "reporter.so-a", Ct));

            Assert.Equal(OutcomeStatus.Forbidden, changed.Status);
            Assert.Equal(OutcomeStatus.Forbidden, deleted.Status);
        }

        var listed = await ListedAsync("reporter.so-a");
        Assert.Equal([Roles.UnitReporter], listed.Roles);
        Assert.Equal("SO-A", listed.UnitCode);
    }

    // ---- E-mail address

    [Fact]
    public async Task Create_WithAnEmail_KeepsItTrimmed_NormalisedByIdentity_AndListsIt()
    {
        var outcome = await AccountsAsync(a => a.CreateAsync(Actors.Admin, "leader.so-b", Password, Roles.UnitLeader, "SO-B", "Trần Thị B", " Tran.B@SoB.gov.vn ", Ct));

        Assert.True(outcome.Succeeded, outcome.Message?.ToString());
        Assert.Equal("Tran.B@SoB.gov.vn", outcome.Value!.Email);
        Assert.Equal("Tran.B@SoB.gov.vn", (await ListedAsync("leader.so-b")).Email);
        Assert.Equal(("Tran.B@SoB.gov.vn", "TRAN.B@SOB.GOV.VN"), await EmailsAsync("leader.so-b"));
        Assert.Null((await ListedAsync("reporter.so-a")).Email);
    }

    [Fact]
    public async Task Create_WithAWrongEmail_IsInvalid_NamingTheField_AndCreatesNothing()
    {
        var outcome = await AccountsAsync(a => a.CreateAsync(Actors.Admin, "leader.so-b", Password, Roles.UnitLeader, "SO-B", null, "tran.b@", Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("không tạo được tài khoản `leader.so-b`", outcome.Message!.ToString());
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("APP-EMAIL", "email", "`tran.b@` không phải là một địa chỉ thư điện tử (ví dụ: ten@stttt.gov.vn)"), (problem.Code, problem.Input, problem.Message.ToString()));
        Assert.Equal("`tran.b@` is not an e-mail address (for example: name@stttt.gov.vn)", problem.Message.ToString(Core.Text.Language.English));
        Assert.Null(await InUsersAsync(u => u.FindByNameAsync("leader.so-b")));
    }

    [Fact]
    public async Task SetEmail_SetsChangesAndClearsTheAddress_AndKeepsTheAccountsSessions()
    {
        var stamp = await StampAsync("reporter.so-a");

        var set = await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", "nguyen.a@soa.gov.vn", Ct));
        var afterSet = await EmailsAsync("reporter.so-a");
        var changed = await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", "  vanthu@SoA.gov.vn", Ct));
        var afterChange = await EmailsAsync("reporter.so-a");
        var cleared = await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", "  ", Ct));

        Assert.True(set.Succeeded, set.Message?.ToString());
        Assert.Equal(("reporter.so-a", "nguyen.a@soa.gov.vn", "SO-A"), (set.Value!.UserName, set.Value.Email, set.Value.UnitCode));
        Assert.Equal(("nguyen.a@soa.gov.vn", "NGUYEN.A@SOA.GOV.VN"), afterSet);
        Assert.Equal("vanthu@SoA.gov.vn", changed.Value!.Email);
        Assert.Equal(("vanthu@SoA.gov.vn", "VANTHU@SOA.GOV.VN"), afterChange);
        Assert.True(cleared.Succeeded, cleared.Message?.ToString());
        Assert.Null(cleared.Value!.Email);
        Assert.Equal((null, null), await EmailsAsync("reporter.so-a"));
        Assert.Null((await ListedAsync("reporter.so-a")).Email);
        Assert.Equal(stamp, await StampAsync("reporter.so-a"));
        Assert.True(await CanSignInAsync("reporter.so-a"));
    }

    [Theory]
    [InlineData("khong-phai-thu")]
    [InlineData("nguyen.a@soa")]
    [InlineData("Nguyễn A <nguyen.a@soa.gov.vn>")]
    [InlineData("nguyen a@soa.gov.vn")]
    [InlineData("a@soa.gov.vn, b@soa.gov.vn")]
    [InlineData("@soa.gov.vn")]
    public async Task SetEmail_ToSomethingElseThanOneAddress_IsInvalid_NamingTheField_AndKeepsTheOldAddress(string wrong)
    {
        await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", "nguyen.a@soa.gov.vn", Ct));

        var outcome = await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", wrong, Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("không đổi được địa chỉ thư điện tử của tài khoản `reporter.so-a`", outcome.Message!.ToString());
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("APP-EMAIL", "email", $"`{wrong}` không phải là một địa chỉ thư điện tử (ví dụ: ten@stttt.gov.vn)"), (problem.Code, problem.Input, problem.Message.ToString()));
        Assert.Equal(("nguyen.a@soa.gov.vn", "NGUYEN.A@SOA.GOV.VN"), await EmailsAsync("reporter.so-a"));
    }

    [Fact]
    public async Task SetEmail_TooLong_SaysTheLimit()
    {
        var outcome = await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "reporter.so-a", new string('a', 250) + "@soa.gov.vn", Ct));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(("email", "địa chỉ thư điện tử dài quá 256 ký tự"), (outcome.Problems.Single().Input, outcome.Problems.Single().Message.ToString()));
        Assert.Equal((null, null), await EmailsAsync("reporter.so-a"));
    }

    [Fact]
    public async Task SetEmail_IsForbidden_ToEveryoneButAdministrators_AndNotFound_ForAnUnknownAccount()
    {
        var unitId = (await _province.UnitAsync("SO-A")).Id;
        foreach (var actor in Actors.NotAdministrators(unitId))
        {
            var outcome = await AccountsAsync(a => a.SetEmailAsync(actor, "reporter.so-a", "nguyen.a@soa.gov.vn", Ct));
            Assert.Equal(OutcomeStatus.Forbidden, outcome.Status);
        }

        var unknown = await AccountsAsync(a => a.SetEmailAsync(Actors.Admin, "khong-co", "nguyen.a@soa.gov.vn", Ct));

        Assert.Equal((OutcomeStatus.NotFound, "không có tài khoản `khong-co`"), (unknown.Status, unknown.Message!.ToString()));
        Assert.Equal((null, null), await EmailsAsync("reporter.so-a"));
    }

    /// <summary>The account's address and its normalised form, as stored.</summary>
    private Task<(string? Email, string? Normalized)> EmailsAsync(string userName) =>
        InUsersAsync(async u =>
        {
            var user = (await u.FindByNameAsync(userName))!;
            return (user.Email, user.NormalizedEmail);
        });

    /// <summary>Creates administrator <paramref name="userName"/> and returns them as an actor.</summary>
    private async Task<Actor> AdministratorAsync(string userName)
    {
        var created = await AccountsAsync(a => a.CreateAsync(Actors.Admin, userName, Password, Roles.Administrator, null, cancellationToken: Ct));
        Assert.True(created.Succeeded, created.Message?.ToString());
        var id = await InUsersAsync(async u => (await u.FindByNameAsync(userName))!.Id);
        return new Actor(id, userName, new HashSet<string>([Roles.Administrator]), null);
    }

    private Task<string?> StampAsync(string userName) => InUsersAsync(async u => (await u.FindByNameAsync(userName))!.SecurityStamp);

    private Task<T> InUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<UserManager<AppUser>>()));

    /// <summary>The values last changed by <paramref name="userName"/> and the audit entries of their changes, as text.</summary>
    private Task<(string[] Values, string[] Audit)> WrittenByAsync(string userName) =>
        _province.InDbAsync(async db => (
            (await db.ReportedValues.AsNoTracking().Where(v => v.UpdatedBy == userName).OrderBy(v => v.Id).ToListAsync(Ct))
                .Select(v => $"{v.Indicator} {v.Input} = {v.Value} v{v.Version}").ToArray(),
            (await db.AuditEntries.AsNoTracking().Where(a => a.UserName == userName).OrderBy(a => a.Id).ToListAsync(Ct))
                .Select(a => $"{a.UserId} {a.Indicator} {a.Input}: {a.OldValue} -> {a.NewValue}").ToArray()));

    [Fact]
    public async Task TheList_ReadsEveryAccountsRoles_InOneQuery_HoweverManyAccounts()
    {
        for (var i = 0; i < 20; i++)
        {
            var created = await AccountsAsync(a => a.CreateAsync(Actors.Admin, $"viewer.{i:00}", Password, Roles.Viewer, null, cancellationToken: Ct));
            Assert.True(created.Succeeded, created.Message?.ToString());
        }

        var commands = 0;
        var list = await _province.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Data.OpenDtiDbContext>();
            using var subscription = Testing.DiagnosticEvents.Subscribe(DbLoggerCategory.Name, e =>
            {
                if (e.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Name
                    && e.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData data && ReferenceEquals(data.Context, db))
                {
                    Interlocked.Increment(ref commands);
                }
            });
            return await s.GetRequiredService<AccountService>().ListAsync(Actors.Admin, Ct);
        });

        Assert.Equal(21, list.Value!.Count);
        Assert.All(list.Value.Where(a => a.UserName.StartsWith("viewer.", StringComparison.Ordinal)), a => Assert.Equal([Roles.Viewer], a.Roles));
        Assert.Equal([Roles.UnitReporter], list.Value.Single(a => a.UserName == "reporter.so-a").Roles);
        Assert.True(commands <= 3, $"{commands} SQL commands for 21 accounts"); // units, accounts, roles
    }

    private Task<T> AccountsAsync<T>(Func<AccountService, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<AccountService>()));

    private async Task<AccountSummary> ListedAsync(string userName)
    {
        var list = await AccountsAsync(a => a.ListAsync(Actors.Admin, Ct));
        return list.Value!.Single(a => a.UserName == userName);
    }

    /// <summary>Whether the password is right and the account not locked out, as sign-in checks.</summary>
    private Task<bool> CanSignInAsync(string userName, string password = Password) =>
        _province.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName);
            return user is not null && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, password);
        });
}
