using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Tables;
using OpenDti.Application.Units;
using OpenDti.Data.Units;

namespace OpenDti.Web.Pages.Admin.Units;

/// <summary>The province's units by level, a new unit, and mergers.</summary>
public sealed class IndexModel(UnitDirectory units, TableService tables) : AdminPage
{
    /// <summary>Every unit, by level and code.</summary>
    public IReadOnlyList<UnitSummary> Units { get; private set; } = [];

    /// <summary>The new unit's code.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The new unit's name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The new unit's level.</summary>
    [BindProperty]
    public UnitLevel Level { get; set; } = UnitLevel.Department;

    /// <summary>The unit it belongs to.</summary>
    [BindProperty]
    public string? ParentCode { get; set; }

    /// <summary>Whether the new unit contributes figures without being scored (không chấm điểm).</summary>
    [BindProperty]
    public bool NotScored { get; set; }

    /// <summary>The day it came into being (dd/MM/yyyy), optional.</summary>
    [BindProperty]
    public string? ActiveFrom { get; set; }

    /// <summary>The units merged (codes separated by commas).</summary>
    [BindProperty]
    public string? MergeSources { get; set; }

    /// <summary>The code of the unit they become.</summary>
    [BindProperty]
    public string? MergeCode { get; set; }

    /// <summary>The name of the unit they become.</summary>
    [BindProperty]
    public string? MergeName { get; set; }

    /// <summary>The day the merger takes effect (dd/MM/yyyy).</summary>
    [BindProperty]
    public string? MergeOn { get; set; }

    /// <summary>The decision it follows.</summary>
    [BindProperty]
    public string? MergeNote { get; set; }

    /// <summary>The levels, in order.</summary>
    public static IReadOnlyList<UnitLevel> Levels { get; } = [UnitLevel.Province, UnitLevel.Department, UnitLevel.District, UnitLevel.Commune];

    /// <summary>The units of <paramref name="level"/>.</summary>
    public IEnumerable<UnitSummary> OfLevel(UnitLevel level) => Units.Where(u => u.Level == level);

    /// <summary>The units a new unit can belong to: the province and the districts still active.</summary>
    public IEnumerable<UnitSummary> Parents => Units.Where(u => u.ClosedOn is null && u.Level is UnitLevel.Province or UnitLevel.District);

    /// <summary>Shows the units and the forms.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        await LoadAsync(cancellationToken);
    }

    /// <summary>The list of units as a file (<c>?handler=Table&amp;format=xlsx|csv</c>): the same as <c>GET /api/units?format=</c>.</summary>
    public async Task<IActionResult> OnGetTableAsync(string? format, CancellationToken cancellationToken)
    {
        if (PageTables.Format(format) is not { } file)
        {
            return PageTables.UnknownFormat(HttpContext);
        }

        var table = await tables.UnitsAsync(await ActorAsync(), Language, cancellationToken);
        return table.Succeeded ? PageTables.File(Response, table.Value!, file) : TableRefused(table);
    }

    /// <summary>Creates a unit.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        DateOnly? activeFrom = null;
        if (!string.IsNullOrWhiteSpace(ActiveFrom))
        {
            if (!AdminForm.TryParseDay(ActiveFrom, out var day))
            {
                Fail("create", T("AdminDayInvalid", T("AdminActiveFrom"), ActiveFrom));
                return await ShowAsync(cancellationToken);
            }

            activeFrom = day;
        }

        var outcome = await units.CreateAsync(await ActorAsync(), Code ?? string.Empty, Name ?? string.Empty, Level, ParentCode, activeFrom, NotScored, cancellationToken);
        return Refused(outcome, "create") ?? (outcome.Succeeded ? Done(T("AdminUnitCreated", outcome.Value!.Code)) : await ShowAsync(cancellationToken));
    }

    /// <summary>Merges units into a new one.</summary>
    public async Task<IActionResult> OnPostMergeAsync(CancellationToken cancellationToken)
    {
        if (!AdminForm.TryParseDay(MergeOn, out var day))
        {
            Fail("merge", T("AdminDayInvalid", T("AdminEffectiveOn"), MergeOn));
            return await ShowAsync(cancellationToken);
        }

        var outcome = await units.MergeAsync(
            await ActorAsync(), AdminForm.Codes(MergeSources), MergeCode ?? string.Empty, MergeName ?? string.Empty, day, Blank(MergeNote), cancellationToken);
        return Refused(outcome, "merge") ?? (outcome.Succeeded ? Done(T("AdminUnitsMerged", outcome.Value!.Code)) : await ShowAsync(cancellationToken));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Units = await units.ListAsync(cancellationToken);
}
