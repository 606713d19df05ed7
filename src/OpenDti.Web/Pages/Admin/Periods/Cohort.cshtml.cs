using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Periods;

namespace OpenDti.Web.Pages.Admin.Periods;

/// <summary>
/// A period's cohort changed after it was created (<see cref="CohortService"/>): units ticked in the picker are
/// added, units unticked removed. Removing a unit that reported asks first, naming its values and evidence (kept).
/// A published period's cohort is shown, not changed. For administrators and evaluators.
/// </summary>
public sealed class CohortModel(CohortService cohorts, Application.Units.UnitDirectory units) : AdminPage
{
    /// <summary>The period and its cohort as stored.</summary>
    public CohortView? View { get; private set; }

    /// <summary>The units ticked in the picker (one code per box).</summary>
    [BindProperty]
    public List<string> Cohort { get; set; } = [];

    /// <summary>Whether the person confirmed removing units that reported.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The units whose removal waits for a confirmation, with what they reported; empty when none.</summary>
    public IReadOnlyList<string> ToConfirm { get; private set; } = [];

    /// <summary>Why the removal waits for a confirmation.</summary>
    public string? ConfirmMessage { get; private set; }

    /// <summary>The units the cohort can be chosen from: those still active, and the members even if closed since.</summary>
    public IReadOnlyList<Application.Units.UnitSummary> Choices { get; private set; } = [];

    /// <summary>The cohort's picker, the members ticked (or what was ticked, after a refusal).</summary>
    public UnitPicker Picker(IReadOnlySet<string> ticked) => new("cohort", nameof(Cohort), T("AdminCohortPicker"), T("AdminCohortPickerHelp"), Choices, ticked);

    /// <summary>Shows the cohort.</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        ReadNotice();
        return await ShowAsync(id, null, cancellationToken);
    }

    /// <summary>Sets the cohort to the units ticked; asks first when a unit that reported would leave.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await cohorts.SetAsync(await ActorAsync(), id, Cohort, Confirmed, cancellationToken);
        if (outcome.Succeeded)
        {
            var change = outcome.Value!;
            return Done(change.Added.Count == 0 && change.Removed.Count == 0
                ? T("AdminCohortUnchanged", change.Period.Name)
                : T("AdminCohortChanged", change.Period.Name, change.Added.Count, change.Removed.Count, change.Period.UnitCount));
        }

        switch (outcome.Status)
        {
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
            case OutcomeStatus.Conflict when outcome.Problems.Count > 0:
                // Units that reported would leave: the same choice again with what they reported, and a button to confirm.
                ConfirmMessage = outcome.Message?.ToString(Language);
                ToConfirm = outcome.Problems.Select(p => p.Message.ToString(Language)).ToArray();
                break;
            default:
                Fail("cohort", outcome.Message?.ToString(Language) ?? string.Empty, outcome.Problems.Select(p => p.Message.ToString(Language)));
                Response.StatusCode = Api.ApiResults.StatusOf(outcome.Status);
                break;
        }

        return await ShowAsync(id, Cohort.ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int id, IReadOnlySet<string>? ticked, CancellationToken cancellationToken)
    {
        var outcome = await cohorts.GetAsync(await ActorAsync(), id, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }

        View = outcome.Value!;
        var members = View.Members.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        Choices = (await units.ListAsync(cancellationToken)).Where(u => u.ClosedOn is null || members.Contains(u.Code)).ToArray();
        Ticked = ticked ?? members;
        return Page();
    }

    /// <summary>The codes ticked in the picker as shown.</summary>
    public IReadOnlySet<string> Ticked { get; private set; } = new HashSet<string>();
}
