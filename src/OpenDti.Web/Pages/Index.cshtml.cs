using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application;
using OpenDti.Application.Periods;
using OpenDti.Application.Plans;
using OpenDti.Application.Reporting;
using OpenDti.Application.Review;
using OpenDti.Data.Identity;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages;

/// <summary>
/// The home page. A unit's reporter or leader sees the periods their unit reports in, how far the
/// form is and the days left, and a plan's lead or coordinating unit its assignments (việc được giao);
/// province staff and viewers see every period.
/// </summary>
public sealed class IndexModel(
    CurrentActor current, PeriodService periods, ReportingService reporting, ToDoService toDo, ProgressService progress, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    /// <summary>The signed-in user's name.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>Whether the user belongs to a unit (reporter or leader).</summary>
    public bool IsUnitUser { get; private set; }

    /// <summary>Whether the user may change the unit's values.</summary>
    public bool CanReport { get; private set; }

    /// <summary>The unit's periods, for a unit user.</summary>
    public IReadOnlyList<UnitPeriod> UnitPeriods { get; private set; } = [];

    /// <summary>Every period, for province staff and viewers.</summary>
    public IReadOnlyList<PeriodSummary> Periods { get; private set; } = [];

    /// <summary>What waits for the user (việc cần làm), most urgent first.</summary>
    public IReadOnlyList<ToDoItem> ToDo { get; private set; } = [];

    /// <summary>The assignments of a plan's lead or coordinating unit in open periods (việc được giao), for its reporters and leaders.</summary>
    public IReadOnlyList<Assignment> Assignments { get; private set; } = [];

    /// <summary>Whether the user has a to-do list at all (everyone but a viewer).</summary>
    public bool HasToDoList { get; private set; }

    /// <summary>The user's own e-mail address, where reminders go; null when the account has none.</summary>
    public string? Email { get; private set; }

    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Loads the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        UserName = actor?.UserName ?? string.Empty;
        Today = VietnamTime.Today(time);
        if (actor is not null && (actor.IsProvinceStaff || actor.UnitId is not null))
        {
            HasToDoList = true;
            ToDo = await toDo.ListAsync(actor, cancellationToken);
            Email = (await users.FindByIdAsync(actor.UserId))?.Email;
        }

        if (actor?.UnitId is not null)
        {
            IsUnitUser = true;
            CanReport = actor.IsIn(Data.Identity.Roles.UnitReporter);
            UnitPeriods = await reporting.UnitPeriodsAsync(actor, cancellationToken);
            Assignments = await progress.AssignedToAsync(actor, cancellationToken);
        }
        else
        {
            Periods = await periods.ListAsync(cancellationToken);
        }
    }
}
