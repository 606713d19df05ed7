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

    /// <summary>Whether the actor has <paramref name="role"/>.</summary>
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Administrators and evaluators see and act on every unit.</summary>
    public bool IsProvinceStaff => IsIn(Data.Identity.Roles.Administrator) || IsIn(Data.Identity.Roles.Evaluator);
}
