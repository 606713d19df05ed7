using OpenDti.Application.Plans;

namespace OpenDti.Web.Pages;

/// <summary>What the <c>_Assignments</c> partial shows: a list of a plan's assignments.</summary>
/// <param name="Id">The table's id.</param>
/// <param name="Items">The assignments.</param>
/// <param name="Caption">A caption, if any.</param>
/// <param name="ShowPeriod">Whether to show each one's period (a list across periods).</param>
/// <param name="ShowLinks">Whether to link each one to the plan unit's form and to the progress page.</param>
public sealed record AssignmentList(string Id, IReadOnlyList<Assignment> Items, string? Caption = null, bool ShowPeriod = false, bool ShowLinks = false);
