using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
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

    /// <summary>The unit it moves under (a move), or its children's new parent (a closure).</summary>
    [BindProperty]
    public string? MoveTo { get; set; }

    /// <summary>"preview" when the form asks what the change would do; anything else does it.</summary>
    [BindProperty]
    public string? Step { get; set; }

    /// <summary>What the change asked would do, before it is done; shown with the form that asked and a confirmation.</summary>
    public UnitChangePreview? Preview { get; private set; }

    /// <summary>The form whose change is previewed ("rename", "move", "close", "split").</summary>
    public string? PreviewOf { get; private set; }

    /// <summary>The units open today that belong to this one (moved elsewhere when it closes).</summary>
    public IReadOnlyList<UnitSummary> Children { get; private set; } = [];

    /// <summary>The units a unit can be placed under: the province and the districts still active, this one left out.</summary>
    public IEnumerable<UnitSummary> ParentChoices => UnitsById.Values
        .Where(u => u.ClosedOn is null && u.Code != Code && u.Level is UnitLevel.Province or UnitLevel.District)
        .OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal);

    /// <summary>Whether form <paramref name="form"/> shows again what was typed in it (it was refused or previewed).</summary>
    public bool Keeps(string form) => FailureOf(form) is not null || PreviewOf == form;

    /// <summary>The buttons of form <paramref name="form"/>: its preview and confirmation once previewed.</summary>
    public ChangeStep PreviewFor(string form) => new(
        PreviewOf == form ? Preview : null,
        T(form switch { "move" => "AdminMove", "rename" => "AdminRename", "close" => "AdminClose", _ => "AdminSplit" }));

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

        var actor = await ActorAsync();
        if (Previewing)
        {
            return await PreviewAsync("rename", units.PreviewAsync(u => u.RenameAsync(actor, Code, NewName ?? string.Empty, day, Blank(Note), cancellationToken), cancellationToken), cancellationToken);
        }

        var outcome = await units.RenameAsync(actor, Code, NewName ?? string.Empty, day, Blank(Note), cancellationToken);
        return Refused(outcome, "rename") ?? (outcome.Succeeded ? Done(T("AdminUnitRenamed", Code), Here) : await ShowAsync(keepTyped: false, cancellationToken));
    }

    /// <summary>Closes the unit.</summary>
    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        if (!TryDay("close", out var day))
        {
            return await ShowAsync(keepTyped: false, cancellationToken);
        }

        var actor = await ActorAsync();
        var moveTo = Blank(MoveTo);
        if (Previewing)
        {
            return await PreviewAsync("close", units.PreviewAsync(u => u.CloseAsync(actor, Code, day, Blank(Note), moveTo, cancellationToken), cancellationToken), cancellationToken);
        }

        var outcome = await units.CloseAsync(actor, Code, day, Blank(Note), moveTo, cancellationToken);
        return Refused(outcome, "close") ?? (outcome.Succeeded ? Done(T("AdminUnitClosed", Code), Here) : await ShowAsync(keepTyped: false, cancellationToken));
    }

    /// <summary>Places the unit under another one from a day (a commune under the province when its district closes).</summary>
    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken)
    {
        if (!TryDay("move", out var day))
        {
            return await ShowAsync(keepTyped: false, cancellationToken);
        }

        var actor = await ActorAsync();
        if (Previewing)
        {
            return await PreviewAsync("move", units.PreviewAsync(u => u.MoveAsync(actor, Code, MoveTo, day, Blank(Note), cancellationToken), cancellationToken), cancellationToken);
        }

        var outcome = await units.MoveAsync(actor, Code, MoveTo, day, Blank(Note), cancellationToken);
        return Refused(outcome, "move")
            ?? (outcome.Succeeded ? Done(T("AdminUnitMoved", Code, Blank(MoveTo) ?? "-", PageText.Day(day)), Here) : await ShowAsync(keepTyped: false, cancellationToken));
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

        var actor = await ActorAsync();
        if (Previewing)
        {
            return await PreviewAsync("split", units.PreviewAsync(u => u.SplitAsync(actor, Code, parts, KeepSource, day, Blank(Note), cancellationToken), cancellationToken), cancellationToken);
        }

        var outcome = await units.SplitAsync(actor, Code, parts, KeepSource, day, Blank(Note), cancellationToken);
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

    /// <summary>Whether the form asked what its change would do.</summary>
    private bool Previewing => string.Equals(Step, "preview", StringComparison.Ordinal);

    /// <summary>Shows what the change of form <paramref name="form"/> would do, or why it would be refused.</summary>
    private async Task<IActionResult> PreviewAsync(string form, Task<Outcome<UnitChangePreview>> preview, CancellationToken cancellationToken)
    {
        var outcome = await preview;
        if (Refused(outcome, form) is { } refused)
        {
            return refused;
        }

        if (outcome.Succeeded)
        {
            Preview = outcome.Value;
            PreviewOf = form;
        }

        return await ShowAsync(keepTyped: false, cancellationToken);
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
        Children = await units.ChildrenAsync(Unit.Code, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
        Fields = await units.ProfileFieldsAsync(Unit.Level, cancellationToken);
        if (!keepTyped)
        {
            var stored = await units.ProfileAsync(Unit.Id, ShownYear, cancellationToken);
            Profile = Fields.ToDictionary(f => f.Key, f => stored.TryGetValue(f.Key, out var v) ? AdminForm.NumberField(v, Language, f.IsCount) : null, StringComparer.Ordinal);
        }

        return Page();
    }
}

/// <summary>A change form's buttons: the preview asked (if it was) and the name of the change to confirm.</summary>
/// <param name="Preview">What the change would do, once previewed.</param>
/// <param name="Action">The change's name ("Chuyển trực thuộc").</param>
public sealed record ChangeStep(UnitChangePreview? Preview, string Action);
