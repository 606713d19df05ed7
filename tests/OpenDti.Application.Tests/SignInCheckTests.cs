using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Accounts;
using OpenDti.Data;
using OpenDti.Data.Identity;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// The password check behind the sign-in page and the API: failures counted in the database, in one
/// statement each, so simultaneous failures all count; five lock for 15 minutes; a success clears the count.
/// </summary>
public sealed class SignInCheckTests : IAsyncLifetime
{
    private const string Password = "Kiem-Thu@2024";

    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var created = await _database.InScopeAsync(s => s.GetRequiredService<UserManager<AppUser>>().CreateAsync(new AppUser { UserName = "viewer" }, Password));
        Assert.True(created.Succeeded);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RightPassword_Succeeds_AndClearsTheFailures()
    {
        await CheckAsync("viewer", "sai-mat-khau");
        await CheckAsync("viewer", "sai-mat-khau");

        var result = await CheckAsync("viewer", Password);

        Assert.Equal(SignInVerdict.Succeeded, result.Verdict);
        Assert.Equal("viewer", result.User!.UserName);
        Assert.Equal((0, false), await StateAsync());
    }

    [Fact]
    public async Task UnknownUser_AndWrongPassword_AreTheSameFailure()
    {
        Assert.Equal(SignInVerdict.Failed, (await CheckAsync("khong-co", Password)).Verdict);
        Assert.Equal(SignInVerdict.Failed, (await CheckAsync("viewer", "sai-mat-khau")).Verdict);
        Assert.Equal(SignInVerdict.Failed, (await CheckAsync(string.Empty, string.Empty)).Verdict);
    }

    [Fact]
    public async Task SimultaneousFailures_AllCount()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CheckAsync("viewer", "sai-mat-khau"), Ct)));

        Assert.All(results, r => Assert.Equal(SignInVerdict.Failed, r.Verdict));
        Assert.Equal((4, false), await StateAsync());
    }

    [Fact]
    public async Task ABurstOfTwelveFailures_LocksTheAccount_AndAnswersWrongPasswordAtMostFourTimes()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => CheckAsync("viewer", "sai-mat-khau"), Ct)));

        var right = await CheckAsync("viewer", Password);

        // Each attempt was either counted or, arriving once the lock was set, refused unchecked: at least
        // five were counted (the lock), none was lost, and only the first four could say "wrong password".
        var (failures, lockedOut) = await StateAsync();
        Assert.True(lockedOut);
        Assert.InRange(failures, 5, 12);
        Assert.InRange(results.Count(r => r.Verdict == SignInVerdict.Failed), 0, 4);
        Assert.All(results, r => Assert.Contains(r.Verdict, new[] { SignInVerdict.Failed, SignInVerdict.LockedOut }));
        Assert.Equal(SignInVerdict.LockedOut, right.Verdict);
    }

    [Fact]
    public async Task TheFifthFailure_LocksForFifteenMinutes_ThenTheRightPasswordWorks()
    {
        var verdicts = new List<SignInVerdict>();
        for (var i = 0; i < 5; i++)
        {
            verdicts.Add((await CheckAsync("viewer", "sai-mat-khau")).Verdict);
        }

        var locked = await CheckAsync("viewer", Password);
        _database.Services.GetRequiredService<TestClock>().Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var later = await CheckAsync("viewer", Password);

        Assert.Equal([SignInVerdict.Failed, SignInVerdict.Failed, SignInVerdict.Failed, SignInVerdict.Failed, SignInVerdict.LockedOut], verdicts);
        Assert.Equal(SignInVerdict.LockedOut, locked.Verdict);
        Assert.Equal(SignInVerdict.Succeeded, later.Verdict);
    }

    [Fact]
    public async Task AnAdministratorsLock_IsNotShortened_ByFailures()
    {
        await _database.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync("viewer");
            await users.AccessFailedAsync(user!);
            await users.AccessFailedAsync(user!);
            await users.AccessFailedAsync(user!);
            await users.AccessFailedAsync(user!);
            return await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
        });

        var result = await CheckAsync("viewer", "sai-mat-khau");
        var end = await _database.InScopeAsync(s => s.GetRequiredService<OpenDtiDbContext>().Users.AsNoTracking().Where(u => u.UserName == "viewer").Select(u => u.LockoutEnd).SingleAsync(Ct));

        Assert.Equal(SignInVerdict.LockedOut, result.Verdict);
        Assert.Equal(DateTimeOffset.MaxValue, end);
    }

    [Fact]
    public async Task DemoPassword_SignsIn_OnlyInDemoMode()
    {
        await _database.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "demo-viewer", PasswordHash = s.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), Demo.DemoProvince.Password) };
            return await users.CreateAsync(user);
        });

        var outside = await CheckAsync("demo-viewer", Demo.DemoProvince.Password);
        var inside = await _database.InScopeAsync(s =>
        {
            s.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoModeOptions>>().Value.Demo = true;
            return s.GetRequiredService<SignInCheck>().CheckAsync("demo-viewer", Demo.DemoProvince.Password, Ct);
        });
        _database.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoModeOptions>>().Value.Demo = false;

        Assert.Equal(SignInVerdict.DemoPassword, outside.Verdict);
        Assert.Equal(SignInVerdict.Succeeded, inside.Verdict);
    }

    [Fact]
    public async Task UnknownUser_VerifiesAPasswordHash_AsARealOneDoes()
    {
        var hasher = new CountingHasher();
        var (unknown, known) = await _database.InScopeAsync(async s =>
        {
            var check = new SignInCheck(
                s.GetRequiredService<UserManager<AppUser>>(),
                s.GetRequiredService<OpenDtiDbContext>(),
                hasher,
                s.GetRequiredService<TimeProvider>(),
                Microsoft.Extensions.Options.Options.Create(new DemoModeOptions()));
            await check.CheckAsync("khong-co", Password, Ct);
            var afterUnknown = hasher.Verified;
            await check.CheckAsync("viewer", "sai-mat-khau", Ct);
            return (afterUnknown, hasher.Verified - afterUnknown);
        });

        // One full verification (PBKDF2 at the configured cost) in both cases: the time does not tell them apart.
        Assert.Equal((1, 1), (unknown, known));
    }

    /// <summary>Identity's hasher, counting the hashes it verifies.</summary>
    private sealed class CountingHasher : PasswordHasher<AppUser>
    {
        public int Verified { get; private set; }

        public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private Task<SignInCheckResult> CheckAsync(string userName, string password) =>
        _database.InScopeAsync(s => s.GetRequiredService<SignInCheck>().CheckAsync(userName, password, Ct));

    /// <summary>The account's failure count and whether it is locked out now, as stored.</summary>
    private async Task<(int Failures, bool LockedOut)> StateAsync() =>
        await _database.InScopeAsync(async s =>
        {
            var user = await s.GetRequiredService<OpenDtiDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == "viewer", Ct);
            return (user.AccessFailedCount, user.LockoutEnd is { } end && end > s.GetRequiredService<TimeProvider>().GetUtcNow());
        });
}
