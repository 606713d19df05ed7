using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Application.Accounts;

/// <summary>What a password check found.</summary>
public enum SignInVerdict
{
    /// <summary>The password is right and the account may sign in.</summary>
    Succeeded,

    /// <summary>Unknown user name or wrong password (the two are not told apart).</summary>
    Failed,

    /// <summary>The account is locked: by too many failures, or by an administrator.</summary>
    LockedOut,

    /// <summary>The password is right but is the demo's published password, outside demo mode.</summary>
    DemoPassword,
}

/// <summary>A password check's verdict, with the account when it succeeded.</summary>
/// <param name="Verdict">What was found.</param>
/// <param name="User">The account, when <see cref="SignInVerdict.Succeeded"/>.</param>
public sealed record SignInCheckResult(SignInVerdict Verdict, AppUser? User = null);

/// <summary>
/// Checks a user name and password for the sign-in page and <c>POST /api/auth/login</c> alike, with the
/// lock-out counted in the database so that it holds under concurrency and across instances.
/// </summary>
/// <remarks>
/// Identity's <c>AccessFailedAsync</c> reads the count, adds one and writes it back guarded by the
/// concurrency stamp: of ten simultaneous failures most were lost, and a burst of wrong passwords
/// never locked the account. Here a failure is one <c>UPDATE … SET AccessFailedCount =
/// AccessFailedCount + 1</c> that also sets <c>LockoutEnd</c> when the count reaches a multiple of the
/// threshold (5, 10, …), so a burst of N failures counts N and every fifth locks for 15 minutes
/// (<see cref="IdentityRules"/>); the count goes back to 0 only on a success or an unlock. A success
/// clears the count with an update conditional on <c>LockoutEnd</c> being what was read: when a
/// concurrent failure has just locked the account, the update changes nothing and the success is
/// refused as locked. An unknown user name costs what a real one does: the password is verified
/// against a fixed hash, so the time of the answer does not tell which names exist.
/// </remarks>
public sealed class SignInCheck(
    UserManager<AppUser> users,
    OpenDtiDbContext db,
    IPasswordHasher<AppUser> hasher,
    TimeProvider time,
    IOptions<DemoModeOptions> demo)
{
    private static readonly AppUser Nobody = new() { UserName = "(unknown)" };

    /// <summary>A hash of a random password, made once per process with the configured hasher and its cost.</summary>
    private static string? _dummyHash;

    /// <summary>Checks <paramref name="password"/> for <paramref name="userName"/>, counting a failure.</summary>
    public async Task<SignInCheckResult> CheckAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var user = userName.Length == 0 ? null : await users.FindByNameAsync(userName);
        if (user is null || user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(Nobody, DummyHash(), password);
            return new SignInCheckResult(SignInVerdict.Failed);
        }

        if (IsLockedOut(user.LockoutEnabled, user.LockoutEnd))
        {
            return new SignInCheckResult(SignInVerdict.LockedOut);
        }

        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            return new SignInCheckResult(await CountFailureAsync(user.Id, cancellationToken) ? SignInVerdict.LockedOut : SignInVerdict.Failed);
        }

        if (!demo.Value.Demo && PasswordPolicy.IsDemo(password))
        {
            return new SignInCheckResult(SignInVerdict.DemoPassword);
        }

        if (!await ClearFailuresAsync(user.Id, user.LockoutEnd, cancellationToken))
        {
            return new SignInCheckResult(SignInVerdict.LockedOut);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var old = user.PasswordHash;
            var hash = hasher.HashPassword(user, password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == old)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash), cancellationToken);
        }

        // The tracked account was read before the updates: read it again, so that nothing later in the
        // request writes the old count back.
        await db.Entry(user).ReloadAsync(cancellationToken);
        return new SignInCheckResult(SignInVerdict.Succeeded, user);
    }

    /// <summary>
    /// Writes down that <paramref name="user"/> has just signed in (the page or the API, not a password check of
    /// its own), for administrators' list of accounts. One statement: nothing else of the account is written, and
    /// the account as read (tracked, perhaps saved later in the request) keeps its old time rather than writing it.
    /// </summary>
    public async Task RecordSignInAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), cancellationToken);
    }

    /// <summary>Adds one failure in one statement, locking at each multiple of the threshold; whether the account is now locked.</summary>
    private async Task<bool> CountFailureAsync(string id, CancellationToken cancellationToken)
    {
        var lockout = users.Options.Lockout;
        var threshold = lockout.MaxFailedAccessAttempts;
        var until = time.GetUtcNow() + lockout.DefaultLockoutTimeSpan;
        var forever = DateTimeOffset.MaxValue;

        // An administrator's lock (until MaxValue) is never shortened by a failure racing with it.
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)
                .SetProperty(
                    u => u.LockoutEnd,
                    u => u.LockoutEnabled && (u.AccessFailedCount + 1) % threshold == 0 && u.LockoutEnd != forever ? until : u.LockoutEnd),
            cancellationToken);
        var now = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.LockoutEnabled, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
        return now is not null && IsLockedOut(now.LockoutEnabled, now.LockoutEnd);
    }

    /// <summary>
    /// Clears the failure count unless the account was locked since <paramref name="seenEnd"/> was
    /// read: one conditional update, tried again when only an unlocking change came in between.
    /// </summary>
    private async Task<bool> ClearFailuresAsync(string id, DateTimeOffset? seenEnd, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var changed = await db.Users.Where(u => u.Id == id && u.LockoutEnd == seenEnd)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
            if (changed == 1)
            {
                return true;
            }

            var now = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.LockoutEnabled, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
            if (now is null || IsLockedOut(now.LockoutEnabled, now.LockoutEnd))
            {
                return false;
            }

            seenEnd = now.LockoutEnd;
        }

        return false;
    }

    private bool IsLockedOut(bool enabled, DateTimeOffset? end) => enabled && end is { } until && until > time.GetUtcNow();

    private string DummyHash() => _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
}
