using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;

namespace OpenDti.Web.Pages.Admin.Frameworks;

/// <summary>Which step of the editor the page shows.</summary>
public enum EditStep
{
    /// <summary>The draft's tree, with an action per node.</summary>
    Tree,

    /// <summary>One node's form.</summary>
    Node,

    /// <summary>The differences from the stored version, the new version's code and name.</summary>
    Preview,
}

/// <summary>
/// Editing a stored framework in the browser (docs/frameworks.md, "Editing a framework in the browser"):
/// the draft's tree, one node's form at a time, the preview of the differences, and saving a new
/// version. The draft (the edited framework file) travels in a hidden field of every form; each step
/// sends it back and <see cref="FrameworkEditService"/> checks it again, so nothing is kept between
/// requests and nothing is stored before the save.
/// </summary>
public sealed class EditModel(FrameworkEditService edits) : AdminPage
{
    /// <summary>The form fields a problem is shown beside; a problem of another field is shown at the top.</summary>
    private static readonly string[] FieldNames = ["code", "name", "max_points", "provisional_note", "requirement", "guidance", "evidence", "rule", "when_undefined", "inputs"];

    /// <summary>The framework edited (from the address).</summary>
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    /// <summary>The draft: the edited framework file, carried between steps.</summary>
    [BindProperty]
    public string? Draft { get; set; }

    /// <summary>The node edited, or the parent of a node added (<c>?node=</c> opens its form at once).</summary>
    [BindProperty(SupportsGet = true, Name = "node")]
    public string? NodeCode { get; set; }

    /// <summary>Whether the form adds a child of <see cref="NodeCode"/>.</summary>
    [BindProperty]
    public bool IsNew { get; set; }

    /// <summary>The node's fields as typed.</summary>
    [BindProperty]
    public NodeFields Form { get; set; } = new();

    /// <summary>The new version's code.</summary>
    [BindProperty]
    public string? VersionCode { get; set; }

    /// <summary>The new version's name.</summary>
    [BindProperty]
    public string? VersionName { get; set; }

    /// <summary>What the last step did to the draft.</summary>
    public string? Said { get; private set; }

    /// <summary>The step shown.</summary>
    public EditStep Step { get; private set; } = EditStep.Tree;

    /// <summary>The draft as read and checked.</summary>
    public FrameworkDraft Current { get; private set; } = null!;

    /// <summary>The node form's problems, by field.</summary>
    public IReadOnlyList<Problem> NodeProblems { get; private set; } = [];

    /// <summary>The preview's differences, once the draft is without error.</summary>
    public FrameworkVersion? Preview { get; private set; }

    /// <summary>The draft's tree, or (with <c>?node=</c>) that node's form.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadNotice();
        var opened = await edits.OpenAsync(await ActorAsync(), Code, null, cancellationToken);
        if (Stopped(opened) is { } stopped)
        {
            return stopped;
        }

        Current = opened.Value!;
        Draft = Current.Yaml;
        return string.IsNullOrWhiteSpace(NodeCode) ? Page() : ShowNode(NodeCode, isNew: false);
    }

    /// <summary>Back to the tree, the draft as it is (the node form's "Huỷ").</summary>
    public Task<IActionResult> OnPostTreeAsync(CancellationToken cancellationToken) => WithDraftAsync(() => Page(), cancellationToken);

    /// <summary>A node's form.</summary>
    public Task<IActionResult> OnPostNodeAsync(CancellationToken cancellationToken) =>
        WithDraftAsync(() => ShowNode(NodeCode, isNew: false), cancellationToken);

    /// <summary>The form of a new child of <see cref="NodeCode"/> (a top-level node when empty).</summary>
    public Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) =>
        WithDraftAsync(() => ShowNode(NodeCode, isNew: true), cancellationToken);

    /// <summary>Applies the node's form to the draft; refused with each problem beside its field, nothing typed lost.</summary>
    public async Task<IActionResult> OnPostSaveNodeAsync(CancellationToken cancellationToken)
    {
        var form = Form.ToForm();
        var outcome = await edits.EditNodeAsync(await ActorAsync(), Code, Draft, NodeCode, form, IsNew, Language, cancellationToken);
        if (outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.NotFound)
        {
            return Stopped(outcome) ?? NotFound();
        }

        if (!outcome.Succeeded)
        {
            var opened = await edits.OpenAsync(await ActorAsync(), Code, Draft, cancellationToken);
            if (Stopped(opened) is { } stopped)
            {
                return stopped;
            }

            Current = opened.Value!;
            Step = EditStep.Node;
            NodeProblems = outcome.Problems;
            Fail("node", outcome.Message?.ToString(Language) ?? string.Empty, outcome.Problems.Where(p => FieldOf(p) is null).Select(p => p.Message.ToString(Language)));
            return Page();
        }

        Current = outcome.Value!;
        Draft = Current.Yaml;
        Step = EditStep.Tree;
        Said = T("AdminEditNodeDone", IsNew ? form.Code?.Trim() : NodeCode);
        return Page();
    }

    /// <summary>Removes a node (and all below it) from the draft.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        var outcome = await edits.RemoveNodeAsync(await ActorAsync(), Code, Draft, NodeCode ?? string.Empty, cancellationToken);
        if (!outcome.Succeeded)
        {
            return await WithDraftAsync(
                () =>
                {
                    Fail("tree", outcome.Message?.ToString(Language) ?? string.Empty, outcome.Problems.Select(p => p.Message.ToString(Language)));
                    return Page();
                },
                cancellationToken,
                outcome.Status == OutcomeStatus.Forbidden ? outcome : null);
        }

        Current = outcome.Value!;
        Draft = Current.Yaml;
        Said = T("AdminEditNodeRemoved", NodeCode);
        return Page();
    }

    /// <summary>The differences from the stored version and the new version's code and name, before saving.</summary>
    public Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) => SaveOrPreviewAsync(dryRun: true, cancellationToken);

    /// <summary>Saves the draft as a new version and opens it.</summary>
    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveOrPreviewAsync(dryRun: false, cancellationToken);

    /// <summary>The problems of the node form beside <paramref name="field"/>.</summary>
    public IEnumerable<string> ProblemsAt(string field) =>
        NodeProblems.Where(p => FieldOf(p) == field).Select(p => p.Message.ToString(Language));

    /// <summary>The draft's errors at node <paramref name="code"/>.</summary>
    public IEnumerable<Diagnostic> ErrorsAt(string code) => Current.Errors.Where(d => d.Location.NodeCode == code);

    private static string? FieldOf(Problem problem) =>
        problem.Input is { } input ? FieldNames.FirstOrDefault(f => input == f || input.StartsWith(f + ".", StringComparison.Ordinal) || input.StartsWith(f + "[", StringComparison.Ordinal)) : null;

    private async Task<IActionResult> SaveOrPreviewAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        var opened = await edits.OpenAsync(actor, Code, Draft, cancellationToken);
        if (Stopped(opened) is { } stopped)
        {
            return stopped;
        }

        Current = opened.Value!;
        Draft = Current.Yaml;
        Step = EditStep.Preview;
        VersionCode = string.IsNullOrWhiteSpace(VersionCode) ? Current.ProposedCode : VersionCode.Trim();
        VersionName = string.IsNullOrWhiteSpace(VersionName) ? Current.Definition?.Name : VersionName.Trim();
        var outcome = await edits.SaveAsync(actor, Code, Draft, VersionCode, VersionName, dryRun, cancellationToken);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }

        if (!outcome.Succeeded)
        {
            Fail("preview", outcome.Message?.ToString(Language) ?? string.Empty, outcome.Problems.Select(p => p.Message.ToString(Language)));
            return Page();
        }

        Preview = outcome.Value;
        return outcome.Value!.Saved
            ? Done(T("AdminEditSaved", outcome.Value.Code, Code), "/quan-tri/bo-chi-so/" + Uri.EscapeDataString(outcome.Value.Code))
            : Page();
    }

    private IActionResult ShowNode(string? code, bool isNew)
    {
        var node = Current.Node(code);
        if (!isNew && node is null)
        {
            Fail("tree", T("AdminEditNodeMissing", code));
            return Page();
        }

        Step = EditStep.Node;
        IsNew = isNew;
        Form = isNew
            ? new NodeFields { Code = Current.Definition is { } d ? Core.Frameworks.Definitions.FrameworkEdits.NextChildCode(d, string.IsNullOrWhiteSpace(code) ? null : code) : null }
            : NodeFields.Of(NodeForm.Of(node!, Language));
        return Page();
    }

    private async Task<IActionResult> WithDraftAsync<T>(Func<IActionResult> show, CancellationToken cancellationToken, Outcome<T>? refusal = null)
    {
        if (refusal is { Status: OutcomeStatus.Forbidden })
        {
            return Forbid();
        }

        var opened = await edits.OpenAsync(await ActorAsync(), Code, Draft, cancellationToken);
        if (Stopped(opened) is { } stopped)
        {
            return stopped;
        }

        Current = opened.Value!;
        Draft = Current.Yaml;
        return show();
    }

    private Task<IActionResult> WithDraftAsync(Func<IActionResult> show, CancellationToken cancellationToken) =>
        WithDraftAsync<FrameworkDraft>(show, cancellationToken);

    /// <summary>A draft that cannot be shown: 403, 404, or (too large) 400 with the reason.</summary>
    private IActionResult? Stopped<T>(Outcome<T> outcome) => outcome.Status switch
    {
        OutcomeStatus.Ok => null,
        OutcomeStatus.Forbidden => Forbid(),
        OutcomeStatus.NotFound => NotFound(),
        _ => TableRefused(outcome),
    };
}

/// <summary>A node's form as typed: texts, numbers as written.</summary>
public sealed class NodeFields
{
    /// <summary>The new node's code.</summary>
    public string? Code { get; set; }

    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary>Max points.</summary>
    public string? MaxPoints { get; set; }

    /// <summary>Whether provisional.</summary>
    public bool Provisional { get; set; }

    /// <summary>Why provisional.</summary>
    public string? ProvisionalNote { get; set; }

    /// <summary>Requirement.</summary>
    public string? Requirement { get; set; }

    /// <summary>Guidance.</summary>
    public string? Guidance { get; set; }

    /// <summary>Evidence expected.</summary>
    public string? Evidence { get; set; }

    /// <summary>Rule.</summary>
    public string? Rule { get; set; }

    /// <summary>Value when undefined.</summary>
    public string? WhenUndefined { get; set; }

    /// <summary>The inputs, and empty rows to add one.</summary>
    public List<InputFields> Inputs { get; set; } = [];

    /// <summary>The fields of <paramref name="form"/>.</summary>
    public static NodeFields Of(NodeForm form) => new()
    {
        Code = form.Code,
        Name = form.Name,
        MaxPoints = form.MaxPoints,
        Provisional = form.Provisional,
        ProvisionalNote = form.ProvisionalNote,
        Requirement = form.Requirement,
        Guidance = form.Guidance,
        Evidence = form.Evidence,
        Rule = form.Rule,
        WhenUndefined = form.WhenUndefined,
        Inputs = [.. form.Inputs.Select(i => new InputFields { Name = i.Name, Label = i.Label, Kind = i.Kind, Unit = i.Unit, Min = i.Min, Max = i.Max, Count = i.Count, Options = i.Options })],
    };

    /// <summary>The form the use case reads.</summary>
    public NodeForm ToForm() => new(
        Code, Name, MaxPoints, Provisional, ProvisionalNote, Requirement, Guidance, Evidence, Rule, WhenUndefined,
        [.. (Inputs ?? []).Where(i => i is not null).Select(i => new InputForm(i.Name, i.Label, i.Kind, i.Unit, i.Min, i.Max, i.Count, i.Options, i.Remove))]);
}

/// <summary>An input's row as typed.</summary>
public sealed class InputFields
{
    /// <summary>Name in formulas.</summary>
    public string? Name { get; set; }

    /// <summary>Official wording.</summary>
    public string? Label { get; set; }

    /// <summary>number, yes_no or choice.</summary>
    public string? Kind { get; set; }

    /// <summary>Unit.</summary>
    public string? Unit { get; set; }

    /// <summary>Smallest number.</summary>
    public string? Min { get; set; }

    /// <summary>Largest number.</summary>
    public string? Max { get; set; }

    /// <summary>Whole numbers only.</summary>
    public bool Count { get; set; }

    /// <summary>Options of a choice, one a line: key | label | fraction.</summary>
    public string? Options { get; set; }

    /// <summary>Whether the row is removed.</summary>
    public bool Remove { get; set; }
}
