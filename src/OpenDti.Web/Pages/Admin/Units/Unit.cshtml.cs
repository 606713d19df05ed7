using Microsoft.AspNetCore.Mvc;
using OpenDti.Application.Units;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Data.Units;

namespace OpenDti.Web.Pages.Admin.Units;

/// <summary>One unit: its history, its general information for a year, and renaming, closing and splitting it.</summary>
public sealed class UnitModel(UnitDirectory units, TimeProvider time) : AdminPage
{
    /// <summary>The unit's code (from the address).</summary>
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    /// <summary>The year of the general information shown (<c>?nam=2024</c>); this year by default.</summary>
    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    /// <summary>The unit.</summary>
    public Unit Unit { get; private set; } = null!;

    /// <summary>Every unit, by id (the parent, and the units of mergers and splits).</summary>
    public IReadOnlyDictionary<int, UnitSummary> UnitsById { get; private set; } = new Dictionary<int, UnitSummary>();

    /// <summary>The unit's history, creation first.</summary>
    public IReadOnlyList<UnitEvent> History { get; private set; } = [];

    /// <summary>The general information a unit of this level can have.</summary>
    public IReadOnlyList<ProfileField> Fields { get; private set; } = [];

    /// <summary>The figures as the form shows them, by key: the stored ones, or those typed when the form was refused.</summary>
    [BindProperty]
    public Dictionary<string, string?> Profile { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Why the figures change; kept in the audit with each one.</summary>
    [BindProperty]
    public string? ProfileReason { get; set; }

    /// <summary>The new name.</summary>
    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>The day a change takes effect (dd/MM/yyyy).</summary>
    [BindProperty]
    public string? EffectiveOn { get; set; }

    /// <summary>The decision a change follows.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The new units of a split, one per line: code; name.</summary>
    [BindProperty]
    public string? Parts { get; set; }

    /// <summary>Whether the unit stays after the split.</summary>
    [BindProperty]
    public bool KeepSource { get; set; }

    /// <summary>The year shown.</summary>
    public int ShownYear => Year ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).Year;

    /// <summary>Shows the unit.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        return await ShowAsync(keepTyped: false, cancellationToken);
    }

    /// <summary>Saves the general information of the year: every figure typed; an empty field is left as it is.</summary>
    public async Task<IActionResult> OnPostProfileAsync(CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var problems = new List<string>();
        var unit = await units.GetAsync(Code, cancellationToken);
        var counts = unit.Succeeded
            ? (await units.ProfileFieldsAsync(unit.Value!.Level, cancellationToken)).Where(f => f.IsCount).Select(f => f.Key).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (key, text) in Profile)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (value, problem) = AdminForm.ReadNumber(text, counts.Contains(key), Language);
            if (problem is null)
            {
                values[key] = value;
            }
            else
            {
                problems.Add(T("AdminNumberInvalid", Excerpt.Of(key), problem));
            }
        }

        if (problems.Count > 0)
        {
            Fail("profile", T("AdminProfileNotSaved", problems.Count), problems);
            return await ShowAsync(keepTyped: true, cancellationToken);
        }

        var outcome = await units.SetProfileAsync(await ActorAsync(), Code, ShownYear, values, ProfileReason, cancellationToken);
        return Refused(outcome, "profile")
            ?? (outcome.Succeeded ? Done(T("AdminProfileSaved", ShownYear), $"{Here}?nam={ShownYear}") : await ShowAsync(keepTyped: true, cancellationToken));
    }

    /// <summary>Renames the unit.</summary>
    public async Task<IActionResult> OnPostRenameAsync(CancellationToken cancellationToken)
    {
        if (!TryDay("rename", out var day))
        {
            return await ShowAsync(keepTyped: false, cancellationToken);
        }

        var outcome = await units.RenameAsync(await ActorAsync(), Code, NewName ?? string.Empty, day, Blank(Note), cancellationToken);
        return Refused(outcome, "rename") ?? (outcome.Succeeded ? Done(T("AdminUnitRenamed", Code), Here) : await ShowAsync(keepTyped: false, cancellationToken));
    }

    /// <summary>Closes the unit.</summary>
    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        if (!TryDay("close", out var day))
        {
            return await ShowAsync(keepTyped: false, cancellationToken);
        }

        var outcome = await units.CloseAsync(await ActorAsync(), Code, day, Blank(Note), cancellationToken);
        return Refused(outcome, "close") ?? (outcome.Succeeded ? Done(T("AdminUnitClosed", Code), Here) : await ShowAsync(keepTyped: false, cancellationToken));
    }

    /// <summary>Splits the unit into new ones.</summary>
    public async Task<IActionResult> OnPostSplitAsync(CancellationToken cancellationToken)
    {
        if (!TryDay("split", out var day))
        {
            return await ShowAsync(keepTyped: false, cancellationToken);
        }

        var parts = new List<(string Code, string Name)>();
        foreach (var line in (Parts ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = line.IndexOf(';', StringComparison.Ordinal);
            if (separator < 0)
            {
                Fail("split", T("AdminSplitLineInvalid", line));
                return await ShowAsync(keepTyped: false, cancellationToken);
            }

            parts.Add((line[..separator].Trim(), line[(separator + 1)..].Trim()));
        }

        var outcome = await units.SplitAsync(await ActorAsync(), Code, parts, KeepSource, day, Blank(Note), cancellationToken);
        return Refused(outcome, "split")
            ?? (outcome.Succeeded ? Done(T("AdminUnitSplit", Code, string.Join(", ", outcome.Value!.Select(u => u.Code))), Here) : await ShowAsync(keepTyped: false, cancellationToken));
    }

    /// <summary>Marks the unit as not scored (a contributor), or as scored again.</summary>
    public async Task<IActionResult> OnPostNotScoredAsync(bool notScored, CancellationToken cancellationToken)
    {
        var outcome = await units.SetNotScoredAsync(await ActorAsync(), Code, notScored, cancellationToken);
        return Refused(outcome, "not-scored")
            ?? (outcome.Succeeded
                ? Done(T(outcome.Value!.NotScored ? "AdminUnitNotScoredSet" : "AdminUnitScoredSet", Code), Here)
                : await ShowAsync(keepTyped: false, cancellationToken));
    }

    /// <summary>The address of this unit's page.</summary>
    private string Here => "/quan-tri/don-vi/" + Uri.EscapeDataString(Code);

    private bool TryDay(string form, out DateOnly day)
    {
        if (AdminForm.TryParseDay(EffectiveOn, out day))
        {
            return true;
        }

        Fail(form, T("AdminDayInvalid", T("AdminEffectiveOn"), EffectiveOn));
        return false;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<IActionResult> ShowAsync(bool keepTyped, CancellationToken cancellationToken)
    {
        var unit = await units.GetAsync(Code, cancellationToken);
        if (!unit.Succeeded)
        {
            return NotFound();
        }

        Unit = unit.Value!;
        UnitsById = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.Id);
        History = await units.HistoryAsync(Unit.Id, cancellationToken);
        Fields = await units.ProfileFieldsAsync(Unit.Level, cancellationToken);
        if (!keepTyped)
        {
            var stored = await units.ProfileAsync(Unit.Id, ShownYear, cancellationToken);
            Profile = Fields.ToDictionary(f => f.Key, f => stored.TryGetValue(f.Key, out var v) ? AdminForm.NumberField(v, Language, f.IsCount) : null, StringComparer.Ordinal);
        }

        return Page();
    }
}
