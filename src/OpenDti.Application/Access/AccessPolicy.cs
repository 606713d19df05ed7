using OpenDti.Data.Identity;

namespace OpenDti.Application.Access;

/// <summary>
/// Who may do what. A unit reporter or leader reads only their own unit's data, and a reporter
/// writes only it; the unit always comes from the account. Province staff and viewers read every
/// unit; reporters and evaluators write.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Whether <paramref name="actor"/> may read the data of unit <paramref name="unitId"/>.</summary>
    public static bool CanReadUnit(Actor actor, int unitId) =>
        actor.IsProvinceStaff
        || actor.IsIn(Roles.Viewer)
        || (actor.UnitId == unitId && (actor.IsIn(Roles.UnitReporter) || actor.IsIn(Roles.UnitLeader)));

    /// <summary>Whether <paramref name="actor"/> may change the values of unit <paramref name="unitId"/>.</summary>
    public static bool CanWriteUnit(Actor actor, int unitId) =>
        actor.IsIn(Roles.Evaluator)
        || (actor.UnitId == unitId && actor.IsIn(Roles.UnitReporter));

    /// <summary>Whether <paramref name="actor"/> may read a whole period's results (every unit's totals).</summary>
    /// <remarks>Unit users see other units' results only once the period is published.</remarks>
    public static bool CanReadResults(Actor actor, bool published) =>
        actor.IsProvinceStaff || actor.IsIn(Roles.Viewer) || published;

    /// <summary>Whether <paramref name="actor"/> manages accounts, units and frameworks.</summary>
    public static bool CanAdminister(Actor actor) => actor.IsIn(Roles.Administrator);

    /// <summary>Whether <paramref name="actor"/> creates and opens periods.</summary>
    public static bool CanManagePeriods(Actor actor) => actor.IsProvinceStaff;
}
