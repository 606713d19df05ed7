using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Lists;
using OpenDti.Application.Tables;
using OpenDti.Application.Units;
using OpenDti.Data.Units;

namespace OpenDti.Web.Pages.Admin.Units;

/// <summary>The province's units by level (searched, filtered, 50 a page), a new unit, and mergers.</summary>
public sealed class IndexModel(UnitDirectory units, TableService tables) : AdminPage
{
    /// <summary>The units a page of the list shows.</summary>
    public const int PageSize = 50;

    /// <summary>Every unit, by level and code.</summary>
    public IReadOnlyList<UnitSummary> Units { get; private set; } = [];

    /// <summary>The units of the page shown (after the search and the filters), by level, parent and code.</summary>
    public UnitPage Shown { get; private set; } = new([], 0, 0, 1, 1);

    /// <summary>How many units of each level the search and filters found (on every page).</summary>
    public IReadOnlyDictionary<UnitLevel, int> FoundByLevel { get; private set; } = new Dictionary<UnitLevel, int>();

    /// <summary>Text searched in codes and names, accents optional.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>Only the units of this level (a <see cref="UnitLevel"/> name).</summary>
    [BindProperty(SupportsGet = true, Name = "cap")]
    public string? LevelFilter { get; set; }

    /// <summary>Only the units directly under the unit of this code.</summary>
    [BindProperty(SupportsGet = true, Name = "truc-thuoc")]
    public string? ParentFilter { get; set; }

    /// <summary>Only the active units ("hoat-dong") or the closed ones ("da-dong").</summary>
    [BindProperty(SupportsGet = true, Name = "trang-thai")]
    public string? StateFilter { get; set; }

    /// <summary>The page of the list shown, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The value of the state filter for active units.</summary>
    public const string ActiveState = "hoat-dong";

    /// <summary>The value of the state filter for closed units.</summary>
    public const string ClosedState = "da-dong";

    /// <summary>The units that have units under them (the province and the districts), for the parent filter.</summary>
    public IEnumerable<UnitSummary> ParentChoices => Units.Where(u => u.Level is UnitLevel.Province or UnitLevel.District);

    /// <summary>The name of the unit of <paramref name="code"/>, or empty.</summary>
    public string NameOf(string code) => names.TryGetValue(code, out var name) ? name : string.Empty;

    private Dictionary<string, string> names = new(StringComparer.Ordinal);

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

    /// <summary>The unit the merged unit belongs to; empty: where the first unit belongs (its province from 01/07/2025 for communes).</summary>
    [BindProperty]
    public string? MergeParent { get; set; }

    /// <summary>"preview" when the merger form asks what it would do; anything else does it.</summary>
    [BindProperty]
    public string? Step { get; set; }

    /// <summary>What the merger asked would do, before it is done.</summary>
    public UnitChangePreview? MergePreview { get; private set; }

    /// <summary>The levels, in order.</summary>
    public static IReadOnlyList<UnitLevel> Levels { get; } = [UnitLevel.Province, UnitLevel.Department, UnitLevel.District, UnitLevel.Commune];

    /// <summary>The units of <paramref name="level"/> on the page shown.</summary>
    public IEnumerable<UnitSummary> OfLevel(UnitLevel level) => Shown.Units.Where(u => u.Level == level);

    /// <summary>The levels whose section the list shows: the one filtered, or all.</summary>
    public IEnumerable<UnitLevel> LevelsShown => Filter().Level is { } level ? [level] : Levels;

    /// <summary>Whether a search or a filter narrows the list.</summary>
    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || Filter() is { Level: not null } or { Parent: not null } or { State: not UnitState.Any };

    /// <summary>The search and filters as the query reads them (an unknown level or state is no filter).</summary>
    public UnitFilter Filter() => new(
        Search,
        Enum.TryParse<UnitLevel>(LevelFilter, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(LevelFilter, out _) ? level : null,
        string.IsNullOrWhiteSpace(ParentFilter) ? null : ParentFilter.Trim(),
        StateFilter switch { ActiveState => UnitState.Active, ClosedState => UnitState.Closed, _ => UnitState.Any });

    /// <summary>The list's address for page <paramref name="page"/> with the same search and filters.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }

        Add("q", Search);
        Add("cap", LevelFilter);
        Add("truc-thuoc", ParentFilter);
        Add("trang-thai", StateFilter);
        query.Add("trang=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/quan-tri/don-vi?" + string.Join("&", query) + "#units-list";
    }

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

        var actor = await ActorAsync();
        var sources = AdminForm.Codes(MergeSources);
        if (string.Equals(Step, "preview", StringComparison.Ordinal))
        {
            var preview = await units.PreviewAsync(
                u => u.MergeAsync(actor, sources, MergeCode ?? string.Empty, MergeName ?? string.Empty, day, Blank(MergeNote), Blank(MergeParent), cancellationToken),
                cancellationToken);
            if (Refused(preview, "merge") is { } refused)
            {
                return refused;
            }

            MergePreview = preview.Value;
            return await ShowAsync(cancellationToken);
        }

        var outcome = await units.MergeAsync(
            actor, sources, MergeCode ?? string.Empty, MergeName ?? string.Empty, day, Blank(MergeNote), Blank(MergeParent), cancellationToken);
        return Refused(outcome, "merge") ?? (outcome.Succeeded ? Done(T("AdminUnitsMerged", outcome.Value!.Code)) : await ShowAsync(cancellationToken));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Units = await units.ListAsync(cancellationToken);
        names = Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var filter = Filter();
        Shown = UnitQuery.Page(Units, filter, PageNumber, PageSize);
        PageNumber = Shown.Page;
        FoundByLevel = UnitQuery.Filter(Units, filter).GroupBy(u => u.Level).ToDictionary(g => g.Key, g => g.Count());
    }
}
