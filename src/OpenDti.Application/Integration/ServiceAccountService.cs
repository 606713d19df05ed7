using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Integration;

namespace OpenDti.Application.Integration;

/// <summary>A service account as lists show it (never its key: only the key's first characters).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="KeyPrefix">The key's first characters.</param>
/// <param name="UnitCodes">The units it may read and write, by code.</param>
/// <param name="Indicators">The indicators it may write; null: every indicator.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="RevokedAt">When it was revoked (UTC), if it was.</param>
/// <param name="RevokedBy">Who revoked it.</param>
public sealed record ServiceAccountSummary(
    int Id, string Name, string KeyPrefix, IReadOnlyList<string> UnitCodes, IReadOnlyList<string>? Indicators, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, string? RevokedBy);

/// <summary>A service account just created, with its API key: shown this once, stored only as a hash.</summary>
/// <param name="Account">The account.</param>
/// <param name="ApiKey">The key to send as <c>X-Api-Key</c>.</param>
public sealed record CreatedServiceAccount(ServiceAccountSummary Account, string ApiKey);

/// <summary>
/// Accounts for other systems (docs/api.md, "Values from other systems"): an administrator creates one
/// for some units (and, optionally, some indicators) and receives its API key once; the key is stored
/// as a SHA-256 hash and turned back into an <see cref="Actor"/> on each request; revoking it ends it at once.
/// </summary>
public sealed class ServiceAccountService(OpenDtiDbContext db, TimeProvider time)
{
    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most units or indicators one account names.</summary>
    public const int MaxScope = 2000;

    /// <summary>What every key starts with, so that one found in a log or a repository is recognised.</summary>
    public const string KeyStart = "odti_";

    /// <summary>How many of the key's characters lists show.</summary>
    private const int PrefixLength = 12;

    /// <summary>Creates an account named <paramref name="name"/> for <paramref name="unitCodes"/> (and <paramref name="indicators"/>, when given). Administrators only; audited.</summary>
    public async Task<Outcome<CreatedServiceAccount>> CreateAsync(
        Actor actor, string? name, IReadOnlyList<string?>? unitCodes, IReadOnlyList<string?>? indicators, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<CreatedServiceAccount>.Forbidden(new AppMessage("NotAllowed"));
        }

        var problems = new List<Problem>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(new Problem("APP-SERVICE-NAME", new AppMessage("ServiceAccountNameRequired"), Input: "name"));
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add(new Problem("APP-SERVICE-NAME", new AppMessage("ServiceAccountNameTooLong", MaxNameLength), Input: "name"));
        }

        var codes = (unitCodes ?? []).Select(c => c?.Trim() ?? string.Empty).ToArray();
        if (codes.Length == 0)
        {
            problems.Add(new Problem("APP-SERVICE-UNITS", new AppMessage("ServiceAccountUnitsRequired"), Input: "unitCodes"));
        }
        else if (codes.Length > MaxScope)
        {
            problems.Add(new Problem("APP-SERVICE-UNITS", new AppMessage("ServiceAccountScopeTooLong", MaxScope), Input: "unitCodes"));
            codes = [];
        }

        var distinctCodes = codes.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var units = await db.Units.AsNoTracking().Where(u => distinctCodes.Contains(u.Code)).Select(u => new { u.Id, u.Code }).ToListAsync(cancellationToken);
        // Each unknown code is named, quoted as an excerpt, and at most 20 of them: a refusal never echoes a huge field.
        foreach (var code in codes.Where(c => c.Length == 0 || units.All(u => u.Code != c)).Distinct(StringComparer.Ordinal).Take(20).Select(c => Core.Text.Excerpt.Of(c)!))
        {
            problems.Add(new Problem("APP-SERVICE-UNITS", new AppMessage("UnitNotFound", code), Input: "unitCodes"));
        }

        List<string>? scope = null;
        if (indicators is not null)
        {
            scope = indicators.Select(i => i?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
            if (scope.Count == 0 || scope.Count > MaxScope || scope.Any(i => i.Length is 0 or > 32))
            {
                problems.Add(new Problem("APP-SERVICE-INDICATORS", new AppMessage("ServiceAccountIndicatorsInvalid", MaxScope), Input: "indicators"));
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<CreatedServiceAccount>.Invalid(new AppMessage("ServiceAccountInvalid", problems.Count), problems);
        }

        var key = KeyStart + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var account = new ServiceAccount
        {
            Name = name!,
            KeyPrefix = key[..PrefixLength],
            KeyHash = Hash(key),
            UnitIds = units.Select(u => u.Id).Order().ToList(),
            Indicators = scope,
            CreatedAt = now,
            CreatedBy = actor.UserName,
        };
        db.ServiceAccounts.Add(account);
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditTrail.Entry(
            actor, now, AuditKind.Account, "service-account", null, ScopeText(units.Select(u => u.Code).Order(StringComparer.Ordinal), scope),
            subject: SubjectOf(account)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreatedServiceAccount>.Ok(new CreatedServiceAccount(await SummaryAsync(account, cancellationToken), key));
    }

    /// <summary>Every service account, revoked ones included, newest first. Administrators only.</summary>
    public async Task<Outcome<IReadOnlyList<ServiceAccountSummary>>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<IReadOnlyList<ServiceAccountSummary>>.Forbidden(new AppMessage("NotAllowed"));
        }

        var accounts = await db.ServiceAccounts.AsNoTracking().OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        var codes = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        return Outcome<IReadOnlyList<ServiceAccountSummary>>.Ok(accounts.Select(a => Summary(a, codes)).ToArray());
    }

    /// <summary>Revokes account <paramref name="id"/>: its key stops working at once. Administrators only; audited.</summary>
    public async Task<Outcome<ServiceAccountSummary>> RevokeAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<ServiceAccountSummary>.Forbidden(new AppMessage("NotAllowed"));
        }

        var account = await db.ServiceAccounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return Outcome<ServiceAccountSummary>.NotFound(new AppMessage("ServiceAccountNotFound", id));
        }

        if (account.RevokedAt is null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            account.RevokedAt = now;
            account.RevokedBy = actor.UserName;
            db.AuditEntries.Add(AuditTrail.Entry(actor, now, AuditKind.Account, "revoked", false, true, subject: SubjectOf(account)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome<ServiceAccountSummary>.Ok(await SummaryAsync(account, cancellationToken));
    }

    /// <summary>
    /// The actor for API key <paramref name="key"/>, or null when no account has it or its account is revoked.
    /// The scope comes from the stored account; nothing in the request widens it.
    /// </summary>
    public async Task<Actor?> AuthenticateAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200 || !key.StartsWith(KeyStart, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(key);
        var account = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.KeyHash == hash, cancellationToken);
        if (account is null || account.RevokedAt is not null)
        {
            return null;
        }

        return new Actor(CallerId(account.Id), SubjectOf(account), new HashSet<string>(), null)
        {
            Channel = AuditChannel.Api,
            Service = new ServiceScope(
                account.Id, account.UnitIds.ToHashSet(), account.Indicators?.ToHashSet(StringComparer.Ordinal)),
        };
    }

    /// <summary>The user id audit entries and idempotency keys give service account <paramref name="id"/>.</summary>
    public static string CallerId(int id) => "service:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of <paramref name="key"/>, lower-case hexadecimal.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>How the audit names a service account: "service:LGSP tỉnh".</summary>
    private static string SubjectOf(ServiceAccount account) => "service:" + account.Name;

    private static string ScopeText(IEnumerable<string> unitCodes, IReadOnlyList<string>? indicators) =>
        "units=" + string.Join(",", unitCodes) + (indicators is null ? string.Empty : "; indicators=" + string.Join(",", indicators));

    private async Task<ServiceAccountSummary> SummaryAsync(ServiceAccount account, CancellationToken cancellationToken)
    {
        var codes = await db.Units.AsNoTracking().Where(u => account.UnitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        return Summary(account, codes);
    }

    private static ServiceAccountSummary Summary(ServiceAccount a, IReadOnlyDictionary<int, string> codes) => new(
        a.Id,
        a.Name,
        a.KeyPrefix,
        a.UnitIds.Select(id => codes.GetValueOrDefault(id, "#" + id)).Order(StringComparer.Ordinal).ToArray(),
        a.Indicators?.ToArray(),
        a.CreatedAt,
        a.CreatedBy,
        a.RevokedAt,
        a.RevokedBy);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
