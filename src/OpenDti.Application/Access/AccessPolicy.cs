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

    /// <summary>
    /// Whether <paramref name="actor"/> may read the values unit <paramref name="unitId"/> reported: whoever
    /// may read the unit, and a service account whose scope names the unit.
    /// </summary>
    public static bool CanReadValues(Actor actor, int unitId) =>
        CanReadUnit(actor, unitId) || actor.Service?.UnitIds.Contains(unitId) == true;

    /// <summary>
    /// Whether <paramref name="actor"/> may change the values of unit <paramref name="unitId"/>: whoever may
    /// write the unit, and a service account whose scope names the unit. A service account reaches nothing
    /// else of a unit (evidence, the review, the scorecard): those ask <see cref="CanReadUnit"/> and
    /// <see cref="CanWriteUnit"/>, which it never passes.
    /// </summary>
    public static bool CanWriteValues(Actor actor, int unitId) =>
        CanWriteUnit(actor, unitId) || actor.Service?.UnitIds.Contains(unitId) == true;

    /// <summary>
    /// Whether <paramref name="actor"/> may send unit <paramref name="unitId"/>'s values in a request about
    /// many units (<c>PUT /api/periods/{id}/values</c>): whoever may change them, and administrators, who
    /// load data for units from other systems.
    /// </summary>
    public static bool CanWriteValuesInBulk(Actor actor, int unitId) => CanWriteValues(actor, unitId) || CanAdminister(actor);

    /// <summary>Whether <paramref name="actor"/> may read or write indicator <paramref name="indicator"/>'s values (a service account's indicators, when it has a list; everyone else: every indicator).</summary>
    public static bool CanTouchIndicator(Actor actor, string indicator) =>
        actor.Service?.Indicators is not { } indicators || indicators.Contains(indicator);

    /// <summary>
    /// Whether <paramref name="actor"/> may read, as a plan's delegate, the indicators another unit's plan assigns
    /// to their unit (docs/plans.md#delegated-entry): a unit's reporter or leader, never a service account. What is
    /// assigned comes from the database (<c>Plans.Delegation</c>), the unit from the account.
    /// </summary>
    public static bool CanReadAsDelegate(Actor actor) =>
        actor.Service is null && actor.UnitId is not null && (actor.IsIn(Roles.UnitReporter) || actor.IsIn(Roles.UnitLeader));

    /// <summary>Whether <paramref name="actor"/> may enter, as a plan's delegate, the figures and evidence assigned to their unit: its reporters only.</summary>
    public static bool CanWriteAsDelegate(Actor actor) =>
        actor.Service is null && actor.UnitId is not null && actor.IsIn(Roles.UnitReporter);

    /// <summary>
    /// Whether a plan's delegates may still write on <paramref name="today"/> (Vietnam's day): until the period's
    /// contributors' deadline <paramref name="contributorsCloseOn"/>, included; always when there is none.
    /// </summary>
    public static bool ContributorsMayWrite(DateOnly? contributorsCloseOn, DateOnly today) =>
        contributorsCloseOn is not { } last || today <= last;

    /// <summary>
    /// Whether anyone, signed in or not, may read a period's published results on the public page and the
    /// public API: only a published period with a publication, switched public by an evaluator.
    /// </summary>
    public static bool CanReadPublicly(bool published, bool isPublic, bool hasPublication) => published && isPublic && hasPublication;

    /// <summary>Whether <paramref name="actor"/> may read a whole period's results (every unit's totals).</summary>
    /// <remarks>Unit users see other units' results only once the period is published.</remarks>
    public static bool CanReadResults(Actor actor, bool published) =>
        actor.IsProvinceStaff || actor.IsIn(Roles.Viewer) || published;

    /// <summary>
    /// Whether <paramref name="actor"/> may read the plan (phân công) of cohort member <paramref name="memberId"/>:
    /// whoever may read the member. The units the plan names read it too (checked against the database by
    /// the plan's service).
    /// </summary>
    public static bool CanReadPlan(Actor actor, int memberId) => CanReadUnit(actor, memberId);

    /// <summary>Whether <paramref name="actor"/> may change plans: the DoIC's evaluators (thẩm định).</summary>
    public static bool CanEditPlan(Actor actor) => actor.IsIn(Roles.Evaluator);

    /// <summary>
    /// Whether <paramref name="actor"/> may write why unit <paramref name="unitId"/> lost points (a gap's cause,
    /// docs/improvement.md): the unit's reporters and leaders for their own unit, evaluators for any.
    /// </summary>
    public static bool CanWriteGapCause(Actor actor, int unitId) =>
        actor.Service is null
        && (actor.IsIn(Roles.Evaluator) || (actor.UnitId == unitId && (actor.IsIn(Roles.UnitReporter) || actor.IsIn(Roles.UnitLeader))));

    /// <summary>Whether <paramref name="actor"/> manages accounts, units and frameworks.</summary>
    public static bool CanAdminister(Actor actor) => actor.IsIn(Roles.Administrator);

    /// <summary>Whether <paramref name="actor"/> creates and opens periods.</summary>
    public static bool CanManagePeriods(Actor actor) => actor.IsProvinceStaff;
}
