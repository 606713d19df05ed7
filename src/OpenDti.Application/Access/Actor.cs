using OpenDti.Data.Audit;
using OpenDti.Data.Identity;

namespace OpenDti.Application.Access;

/// <summary>
/// Who is asking: a signed-in user, loaded from the database (never from the request), or the
/// system itself (first-run seeding, the command line).
/// </summary>
/// <param name="UserId">The user's id.</param>
/// <param name="UserName">The user's name, as written in the audit.</param>
/// <param name="Roles">The user's roles.</param>
/// <param name="UnitId">The unit of a unit reporter or leader.</param>
public sealed record Actor(string UserId, string UserName, IReadOnlySet<string> Roles, int? UnitId)
{
    /// <summary>How the actor reaches the system (a page, the API, the command line), as the audit records it.</summary>
    public AuditChannel Channel { get; init; } = AuditChannel.Page;

    /// <summary>The system, with every right (seeding, command-line administration).</summary>
    public static Actor System(string name = "system", AuditChannel channel = AuditChannel.System) =>
        new("system", name, new HashSet<string>([Data.Identity.Roles.Administrator, Data.Identity.Roles.Evaluator]), null) { Channel = channel };

    /// <summary>For another system's service account (an API key): what it may touch; null for people and the system.</summary>
    public ServiceScope? Service { get; init; }

    /// <summary>Whether the actor has <paramref name="role"/>.</summary>
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Administrators and evaluators see and act on every unit.</summary>
    public bool IsProvinceStaff => IsIn(Data.Identity.Roles.Administrator) || IsIn(Data.Identity.Roles.Evaluator);
}

/// <summary>
/// What a service account may touch: the values of <paramref name="UnitIds"/> and, when
/// <paramref name="Indicators"/> is given, of those indicators only. It comes from the account stored in
/// the database, never from the request.
/// </summary>
/// <param name="AccountId">The service account's id.</param>
/// <param name="UnitIds">The units whose values it may read and write.</param>
/// <param name="Indicators">The indicators it may write; null: every indicator.</param>
public sealed record ServiceScope(int AccountId, IReadOnlySet<int> UnitIds, IReadOnlySet<string>? Indicators);
