using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Application.Units;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Identity;
using OpenDti.Data.Units;

namespace OpenDti.Application.Accounts;

/// <summary>An account in a list.</summary>
/// <param name="UserName">User name.</param>
/// <param name="DisplayName">Name shown.</param>
/// <param name="Roles">Roles.</param>
/// <param name="UnitCode">The unit of a reporter or leader.</param>
/// <param name="LockedOut">Whether it is locked out now.</param>
/// <param name="Email">The e-mail address reminders go to; null when it has none.</param>
/// <param name="LastSignInAt">When the person last signed in (UTC); null if never.</param>
public sealed record AccountSummary(string UserName, string? DisplayName, IReadOnlyList<string> Roles, string? UnitCode, bool LockedOut, string? Email, DateTime? LastSignInAt = null);

/// <summary>
/// Accounts: creating them with a role (and a unit for reporters and leaders), listing them, locking
/// and unlocking them, setting a new password, changing their role and unit, setting their e-mail
/// address, and deleting them.
/// </summary>
public sealed class AccountService(UserManager<AppUser> users, OpenDtiDbContext db, TimeProvider time)
{
    /// <summary>
    /// Creates an account. A unit reporter or leader must name their unit; other roles must not.
    /// Password rules are <see cref="IdentityRules"/> (at least 12 characters, with a digit, a capital, a small
    /// letter and a symbol) and <see cref="PasswordPolicy"/> (not a common password, not the user name, not the demo's).
    /// An e-mail address is optional (reminders go to it), by the rules of <see cref="SetEmailAsync"/>.
    /// </summary>
    public async Task<Outcome<AccountSummary>> CreateAsync(
        Actor actor,
        string userName,
        string password,
        string role,
        string? unitCode,
        string? displayName = null,
        string? email = null,
        CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<AccountSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var (address, wrongAddress) = EmailAddress(email);
        if (wrongAddress is not null)
        {
            return Outcome<AccountSummary>.Invalid(new AppMessage("AccountInvalid", userName), [wrongAddress]);
        }

        var (unit, refused) = await RoleAndUnitAsync(role, unitCode, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var unitId = unit?.Id;

        if (await users.FindByNameAsync(userName) is not null)
        {
            return Outcome<AccountSummary>.Conflict(new AppMessage("AccountExists", userName));
        }

        // Identity normalises the address (NormalizedEmail) as it creates the account. The account, its
        // role and the audit of its creation are one transaction.
        var user = new AppUser { UserName = userName, DisplayName = displayName ?? userName, UnitId = unitId, Email = address };
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome<AccountSummary>.Invalid(
                new AppMessage("AccountInvalid", userName),
                created.Errors.Select(e => new Problem("IDENTITY-" + e.Code, Describe(e))).ToArray());
        }

        Audit(actor, userName, "created", null, Describe(role, unitCode, address));
        var roleAdded = await users.AddToRoleAsync(user, role);
        if (!roleAdded.Succeeded)
        {
            return Outcome<AccountSummary>.Invalid(
                new AppMessage("AccountInvalid", userName),
                roleAdded.Errors.Select(e => new Problem("IDENTITY-" + e.Code, Describe(e))).ToArray());
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<AccountSummary>.Ok(new AccountSummary(userName, user.DisplayName, [role], unitCode, false, user.Email));
    }

    /// <summary>
    /// Checks that <paramref name="role"/> exists and that a unit is named exactly when the role needs one
    /// (a unit reporter or leader); gives the unit named, or why the pair is refused.
    /// </summary>
    private async Task<(Unit? Unit, Outcome<AccountSummary>? Refused)> RoleAndUnitAsync(string role, string? unitCode, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return (null, Outcome<AccountSummary>.Invalid(new AppMessage("UnknownRole", role, string.Join(", ", Roles.All)), []));
        }

        var needsUnit = Roles.UnitRoles.Contains(role);
        if (needsUnit != (unitCode is not null))
        {
            return (null, Outcome<AccountSummary>.Invalid(new AppMessage(needsUnit ? "RoleNeedsUnit" : "RoleHasNoUnit", role), []));
        }

        if (unitCode is null)
        {
            return (null, null);
        }

        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        return unit is null ? (null, Outcome<AccountSummary>.NotFound(new AppMessage("UnitNotFound", unitCode))) : (unit, null);
    }

    /// <summary>Identity's error in our words, in both languages; Identity's own (English) text for codes we do not know.</summary>
    /// <summary>Every password rule <paramref name="password"/> breaks for <paramref name="user"/>, each named (located at <paramref name="input"/>); none when it is good.</summary>
    internal static async Task<IReadOnlyList<Problem>> PasswordProblemsAsync(UserManager<AppUser> users, AppUser user, string? password, string? input = null)
    {
        var problems = new List<Problem>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password ?? string.Empty);
            problems.AddRange(result.Errors.Select(e => new Problem("IDENTITY-" + e.Code, Describe(e), Input: input)));
        }

        return problems;
    }

    internal static AppMessage Describe(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => new AppMessage("PasswordTooShort", IdentityRules.PasswordLength),
        "PasswordRequiresNonAlphanumeric" or "PasswordRequiresDigit" or "PasswordRequiresUpper" or "PasswordRequiresLower" or "InvalidUserName"
            or PasswordPolicy.Common or PasswordPolicy.HasUserName or PasswordPolicy.IsDemoPassword
            => new AppMessage(error.Code),
        _ => new AppMessage("IdentityError", error.Description),
    };

    /// <summary>
    /// Locks an account until it is unlocked (<paramref name="locked"/> true), or unlocks it and clears
    /// its failed sign-ins. A locked account cannot sign in, and its open sessions stop at their next
    /// request (<c>CurrentActor</c> refuses locked accounts). An administrator cannot lock their own account:
    /// the province would risk having no administrator left.
    /// </summary>
    public async Task<Outcome<AccountSummary>> SetLockedOutAsync(Actor actor, string userName, bool locked, CancellationToken cancellationToken = default)
    {
        var (user, failure) = await AccountToChangeAsync(actor, userName);
        if (user is null)
        {
            return failure!;
        }

        if (locked && user.Id == actor.UserId)
        {
            return Outcome<AccountSummary>.Conflict(new AppMessage("AccountSelfLock"));
        }

        var wasLocked = user.LockoutEnd is { } end && end > time.GetUtcNow();
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        Audit(actor, userName, "locked", wasLocked, locked);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        // A new stamp ends the account's cookies and tokens for good: after an unlock, what was
        // issued before the lock does not work again.
        await users.UpdateSecurityStampAsync(user);

        await transaction.CommitAsync(cancellationToken);
        return Outcome<AccountSummary>.Ok(await SummaryAsync(user, cancellationToken));
    }

    /// <summary>
    /// Sets a new password chosen by an administrator (for someone who forgot theirs). The password
    /// rules are checked first and every broken rule is named; the old password stays when any is. The
    /// account's security stamp changes, so sessions opened with the old password end.
    /// </summary>
    public async Task<Outcome<AccountSummary>> ResetPasswordAsync(Actor actor, string userName, string newPassword, CancellationToken cancellationToken = default)
    {
        var (user, failure) = await AccountToChangeAsync(actor, userName);
        if (user is null)
        {
            return failure!;
        }

        if (await PasswordProblemsAsync(users, user, newPassword) is { Count: > 0 } problems)
        {
            return Outcome<AccountSummary>.Invalid(new AppMessage("PasswordInvalid", userName), problems);
        }

        // Hashing ourselves instead of RemovePassword + AddPassword: one update, so a failure cannot
        // leave the account without a password.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
        Audit(actor, userName, "password", null, "reset");
        await users.UpdateSecurityStampAsync(user);
        return Outcome<AccountSummary>.Ok(await SummaryAsync(user, cancellationToken));
    }

    /// <summary>
    /// Sets a new password for the actor's own account (whoever they are: every role may). The caller has
    /// checked the current password first, through the sign-in path with its limits and lock-out. The rules
    /// of <see cref="ResetPasswordAsync"/> apply, and the new password must differ from the current one. The
    /// security stamp changes, so every other session of the account ends; the caller signs the person in
    /// again on the device they used.
    /// </summary>
    public async Task<Outcome<AccountSummary>> ChangeOwnPasswordAsync(Actor actor, string? currentPassword, string? newPassword, CancellationToken cancellationToken = default)
    {
        if (actor.Service is not null || actor.UserId == Actor.System().UserId)
        {
            return Outcome<AccountSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null)
        {
            return Outcome<AccountSummary>.NotFound(new AppMessage("AccountNotFound", actor.UserName));
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return Outcome<AccountSummary>.Invalid(
                new AppMessage("PasswordInvalid", user.UserName),
                [new Problem("APP-PASSWORD-SAME", new AppMessage("PasswordSameAsCurrent"), Input: "newPassword")]);
        }

        if (await PasswordProblemsAsync(users, user, newPassword, "newPassword") is { Count: > 0 } problems)
        {
            return Outcome<AccountSummary>.Invalid(new AppMessage("PasswordInvalid", user.UserName), problems);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
        Audit(actor, user.UserName!, "password", null, "changed");
        await users.UpdateSecurityStampAsync(user);
        return Outcome<AccountSummary>.Ok(await SummaryAsync(user, cancellationToken));
    }

    /// <summary>
    /// Gives an account another role (it then has that one only, as <see cref="CreateAsync"/> gives) and
    /// unit, by the rules of <see cref="CreateAsync"/>: a unit reporter or leader belongs to an active
    /// unit, other roles to none. An administrator cannot take the role from their own account, and the
    /// last administrator keeps it, so that the province always has one. The account's security stamp
    /// changes, so its sessions and tokens can be ended.
    /// </summary>
    public async Task<Outcome<AccountSummary>> ChangeRoleAsync(
        Actor actor, string userName, string role, string? unitCode, CancellationToken cancellationToken = default)
    {
        var (user, failure) = await AccountToChangeAsync(actor, userName);
        if (user is null)
        {
            return failure!;
        }

        var (unit, refused) = await RoleAndUnitAsync(role, unitCode, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (unit?.ClosedOn is { } closedOn)
        {
            return Outcome<AccountSummary>.Conflict(new AppMessage("UnitClosed", unitCode, new DayText(closedOn)));
        }

        var unitId = unit?.Id;

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && role != Roles.Administrator)
        {
            var kept = await KeepsAnAdministratorAsync(actor, user, "AccountSelfDemote");
            if (kept is not null)
            {
                return kept;
            }
        }

        // One transaction: Identity saves after each call, and a failure must not leave the account
        // without a role or with the role of one and the unit of the other.
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        Audit(actor, userName, "role", Describe(string.Join(",", current), await UnitCodeAsync(user, cancellationToken), null), Describe(role, unitCode, null));
        user.UnitId = unitId;
        var removed = await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        var stamped = added.Succeeded ? await users.UpdateSecurityStampAsync(user) : added;
        if (!stamped.Succeeded)
        {
            return Outcome<AccountSummary>.Invalid(
                new AppMessage("AccountNotChanged", userName),
                stamped.Errors.Select(e => new Problem("IDENTITY-" + e.Code, Describe(e))).ToArray());
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<AccountSummary>.Ok(await SummaryAsync(user, cancellationToken));
    }

    /// <summary>
    /// Deletes an account. What it reported and the audit of its changes stay as they are: they keep the
    /// user name as text. An administrator cannot delete their own account, nor the last administrator.
    /// </summary>
    /// <returns>The account as it was before it was deleted.</returns>
    public async Task<Outcome<AccountSummary>> DeleteAsync(Actor actor, string userName, CancellationToken cancellationToken = default)
    {
        var (user, failure) = await AccountToChangeAsync(actor, userName);
        if (user is null)
        {
            return failure!;
        }

        if (user.Id == actor.UserId)
        {
            return Outcome<AccountSummary>.Conflict(new AppMessage("AccountSelfDelete"));
        }

        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            var kept = await KeepsAnAdministratorAsync(actor, user, "AccountSelfDelete");
            if (kept is not null)
            {
                return kept;
            }
        }

        var summary = await SummaryAsync(user, cancellationToken);
        var entry = Audit(actor, userName, "deleted", Describe(string.Join(",", summary.Roles), summary.UnitCode, summary.Email), null);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            return Outcome<AccountSummary>.Invalid(
                new AppMessage("AccountNotDeleted", userName),
                deleted.Errors.Select(e => new Problem("IDENTITY-" + e.Code, Describe(e))).ToArray());
        }

        return Outcome<AccountSummary>.Ok(summary);
    }

    /// <summary>
    /// Sets the e-mail address reminders go to (thư nhắc việc), or clears it when <paramref name="email"/>
    /// is empty. The address is trimmed and must be one address alone ("ten@so.gov.vn", no display name),
    /// with a domain that has a dot, at most 256 characters; a problem names the field <c>email</c>.
    /// The security stamp stays: an address is not a credential here (no one signs in or resets a
    /// password by e-mail), so the account's sessions go on.
    /// </summary>
    public async Task<Outcome<AccountSummary>> SetEmailAsync(Actor actor, string userName, string? email, CancellationToken cancellationToken = default)
    {
        var (user, failure) = await AccountToChangeAsync(actor, userName);
        if (user is null)
        {
            return failure!;
        }

        var (address, wrongAddress) = EmailAddress(email);
        if (wrongAddress is not null)
        {
            return Outcome<AccountSummary>.Invalid(new AppMessage("AccountEmailNotChanged", userName), [wrongAddress]);
        }

        if (!string.Equals(user.Email, address, StringComparison.Ordinal))
        {
            // UpdateAsync normalises the address (NormalizedEmail) through Identity, without a new
            // security stamp (UserManager.SetEmailAsync would end the account's sessions).
            var entry = Audit(actor, userName, "email", user.Email, address);
            user.Email = address;
            user.EmailConfirmed = false;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                db.Entry(entry).State = EntityState.Detached;
                return Outcome<AccountSummary>.Invalid(
                    new AppMessage("AccountEmailNotChanged", userName),
                    updated.Errors.Select(e => new Problem("IDENTITY-" + e.Code, Describe(e), Input: EmailField)).ToArray());
            }
        }

        return Outcome<AccountSummary>.Ok(await SummaryAsync(user, cancellationToken));
    }

    /// <summary>The name of the e-mail field in problems.</summary>
    public const string EmailField = "email";

    /// <summary>The longest e-mail address kept (Identity's column).</summary>
    public const int MaxEmailLength = 256;

    /// <summary>
    /// <paramref name="email"/> trimmed, null when empty; or the problem with it: not one plain address
    /// (<see cref="MailAddress"/> reads it otherwise, or it has a display name or spaces), no dot in the
    /// domain, or longer than <see cref="MaxEmailLength"/>.
    /// </summary>
    internal static (string? Address, Problem? Problem) EmailAddress(string? email)
    {
        var text = email?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (text.Length > MaxEmailLength)
        {
            return (null, new Problem("APP-EMAIL", new AppMessage("EmailTooLong", MaxEmailLength), Input: EmailField));
        }

        var plain = MailAddress.TryCreate(text, out var parsed)
            && string.Equals(parsed.Address, text, StringComparison.Ordinal)
            && !text.Any(char.IsWhiteSpace)
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.StartsWith('.')
            && !parsed.Host.EndsWith('.');
        return plain ? (text, null) : (null, new Problem("APP-EMAIL", new AppMessage("EmailInvalid", text), Input: EmailField));
    }

    /// <summary>
    /// Why administrator <paramref name="user"/> cannot stop being one: it is the actor's own account
    /// (<paramref name="selfMessage"/>) or the last administrator; null when it can.
    /// </summary>
    private async Task<Outcome<AccountSummary>?> KeepsAnAdministratorAsync(Actor actor, AppUser user, string selfMessage)
    {
        if (user.Id == actor.UserId)
        {
            return Outcome<AccountSummary>.Conflict(new AppMessage(selfMessage));
        }

        var administrators = await users.GetUsersInRoleAsync(Roles.Administrator);
        return administrators.Count <= 1
            ? Outcome<AccountSummary>.Conflict(new AppMessage("AccountLastAdministrator", user.UserName))
            : null;
    }

    /// <summary>The account <paramref name="userName"/> when <paramref name="actor"/> may change it.</summary>
    private async Task<(AppUser? User, Outcome<AccountSummary>? Failure)> AccountToChangeAsync(Actor actor, string userName)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return (null, Outcome<AccountSummary>.Forbidden(new AppMessage("NotAllowed")));
        }

        var user = await users.FindByNameAsync(userName ?? string.Empty);
        return user is null ? (null, Outcome<AccountSummary>.NotFound(new AppMessage("AccountNotFound", userName))) : (user, null);
    }

    /// <summary>
    /// The audit of a change of account <paramref name="userName"/>'s <paramref name="field"/>, added to the
    /// context so that Identity's next save writes it with the change. A password is never written, only that it was set.
    /// </summary>
    private AuditEntry Audit(Actor actor, string userName, string field, object? oldValue, object? newValue)
    {
        var entry = AuditTrail.Entry(actor, time.GetUtcNow().UtcDateTime, AuditKind.Account, field, oldValue, newValue, subject: userName);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>An account's role, unit and address as the audit writes them: "unit_reporter; SO-A; a@b.vn".</summary>
    private static string Describe(string role, string? unitCode, string? email) =>
        string.Join("; ", new[] { role, unitCode, email }.Where(x => !string.IsNullOrEmpty(x)));

    private async Task<string?> UnitCodeAsync(AppUser user, CancellationToken cancellationToken) =>
        user.UnitId is { } id ? await db.Units.Where(u => u.Id == id).Select(u => u.Code).SingleAsync(cancellationToken) : null;

    private async Task<AccountSummary> SummaryAsync(AppUser user, CancellationToken cancellationToken)
    {
        var unitCode = await UnitCodeAsync(user, cancellationToken);
        var roles = await users.GetRolesAsync(user);
        return new AccountSummary(user.UserName!, user.DisplayName, roles.ToArray(), unitCode, user.LockoutEnd is { } end && end > time.GetUtcNow(), user.Email, user.LastSignInAt);
    }

    /// <summary>Every account, by user name.</summary>
    public async Task<Outcome<IReadOnlyList<AccountSummary>>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<IReadOnlyList<AccountSummary>>.Forbidden(new AppMessage("NotAllowed"));
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);

        // Every account's roles in one query (asking Identity per account was one query each: 1.000 for 1.000 accounts).
        var roles = (await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken))
            .GroupBy(r => r.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Name!).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var list = new List<AccountSummary>();
        foreach (var user in all)
        {
            list.Add(new AccountSummary(
                user.UserName!,
                user.DisplayName,
                roles.TryGetValue(user.Id, out var own) ? own : [],
                user.UnitId is { } id ? units[id] : null,
                user.LockoutEnd is { } end && end > now,
                user.Email,
                user.LastSignInAt));
        }

        return Outcome<IReadOnlyList<AccountSummary>>.Ok(list);
    }
}
