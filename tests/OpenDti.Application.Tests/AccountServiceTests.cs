using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Accounts;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>Accounts as an administrator keeps them: created with a role, locked and unlocked, given a new password.</summary>
public sealed class AccountServiceTests : IAsyncLifetime
{
    private const string Password = "Test@12345";

    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        var created = await AccountsAsync(a => a.CreateAsync(Actors.Admin, "reporter.so-a", Password, Roles.UnitReporter, "SO-A", "Nguyễn Văn A", Ct));
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
            ["mật khẩu phải có ít nhất 8 ký tự", "mật khẩu phải có ít nhất một ký hiệu (ví dụ @, #, !)", "mật khẩu phải có ít nhất một chữ số", "mật khẩu phải có ít nhất một chữ in hoa"],
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
