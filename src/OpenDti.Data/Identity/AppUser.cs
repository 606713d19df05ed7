using Microsoft.AspNetCore.Identity;

namespace OpenDti.Data.Identity;

/// <summary>A person who signs in. A unit reporter or leader belongs to exactly one unit.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>The name shown in the interface and the audit.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The unit a reporter or leader works for; null for province-wide roles.</summary>
    public int? UnitId { get; set; }

    /// <summary>When the person last signed in (UTC; the page or <c>POST /api/auth/login</c>); null if never.</summary>
    public DateTime? LastSignInAt { get; set; }
}

/// <summary>The roles of OpenDti (PRODUCT.md).</summary>
public static class Roles
{
    /// <summary>DoIC IT staff: accounts, units, frameworks, periods.</summary>
    public const string Administrator = "Administrator";

    /// <summary>The DoIC's DTI team (thẩm định): periods, review, publication.</summary>
    public const string Evaluator = "Evaluator";

    /// <summary>An officer of a unit who reports its figures.</summary>
    public const string UnitReporter = "UnitReporter";

    /// <summary>The head of a unit, who approves its submission.</summary>
    public const string UnitLeader = "UnitLeader";

    /// <summary>Provincial leadership: reads rankings and scorecards.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, Evaluator, UnitReporter, UnitLeader, Viewer];

    /// <summary>Roles bound to one unit.</summary>
    public static IReadOnlyList<string> UnitRoles { get; } = [UnitReporter, UnitLeader];
}
