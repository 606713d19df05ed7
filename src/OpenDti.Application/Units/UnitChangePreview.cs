using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Application.Units;

/// <summary>
/// What a change of units would do, before it is done: each line its history would get (the children moved, the units
/// merged, the new unit) and the periods whose cohort holds a unit it touches.
/// </summary>
/// <param name="Steps">Each event the change would record, in the order it would record them.</param>
/// <param name="Periods">The periods whose cohort holds a unit the change touches, newest year first.</param>
public sealed record UnitChangePreview(IReadOnlyList<UnitChangeStep> Steps, IReadOnlyList<AffectedPeriod> Periods);

/// <summary>One event a change would record.</summary>
/// <param name="Code">The unit's code.</param>
/// <param name="Name">The unit's name (after the change).</param>
/// <param name="Kind">What happens to it.</param>
/// <param name="EffectiveOn">The day it takes effect.</param>
/// <param name="From">Before: the old name (renamed), the old parent's code (moved); otherwise none.</param>
/// <param name="To">After: the new name (renamed), the new parent's code (moved, created), the unit merged into or split into.</param>
public sealed record UnitChangeStep(string Code, string Name, UnitEventKind Kind, DateOnly EffectiveOn, string? From, string? To);

/// <summary>A period whose cohort holds units a change touches; it keeps their codes and names of when it was set up.</summary>
/// <param name="Id">Period id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Year">The year it evaluates.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="UnitCodes">The units of its cohort the change touches, as the period knows them.</param>
public sealed record AffectedPeriod(int Id, string Name, int Year, PeriodStatus Status, IReadOnlyList<string> UnitCodes);
