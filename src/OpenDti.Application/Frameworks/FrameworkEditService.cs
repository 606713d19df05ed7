using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenDti.Application.Access;
using OpenDti.Application.Audit;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Frameworks;
using OpenDti.Application.Values;
using OpenDti.Exchange.Frameworks;

namespace OpenDti.Application.Frameworks;

/// <summary>A node of a draft, as the editor's tree lists it.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="Depth">0 for a top-level node.</param>
/// <param name="MaxPoints">Max points, if given.</param>
/// <param name="Provisional">Whether they are provisional.</param>
/// <param name="IsLeaf">Whether it has no children.</param>
/// <param name="Rule">Its rule, if any.</param>
/// <param name="Inputs">How many inputs it has.</param>
public sealed record DraftNode(string Code, string? Name, int Depth, decimal? MaxPoints, bool Provisional, bool IsLeaf, string? Rule, int Inputs);

/// <summary>
/// A framework being edited in the browser: the stored version it starts from, the edited text (the
/// draft), and what the same checks as an import say about it.
/// </summary>
/// <param name="Source">The stored version edited.</param>
/// <param name="Yaml">The draft: the edited framework file.</param>
/// <param name="Definition">The draft read, when it could be read.</param>
/// <param name="Diagnostics">Every error and warning of the draft, located by node and field (no file line: the draft is no file the user sees).</param>
/// <param name="ProposedCode">The new version's proposed code (the source's with a version suffix, not taken).</param>
public sealed record FrameworkDraft(FrameworkSummary Source, string Yaml, FrameworkDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics, string ProposedCode)
{
    /// <summary>The errors that keep the draft from being saved.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>Every node, depth first, for the tree.</summary>
    public IReadOnlyList<DraftNode> Nodes =>
        Definition is null ? [] : [.. Definition.Nodes.SelectMany(n => Rows(n, 0))];

    /// <summary>The node <paramref name="code"/> of the draft, or null.</summary>
    public NodeDefinition? Node(string? code) => code is null ? null : Definition?.FindNode(code);

    private static IEnumerable<DraftNode> Rows(NodeDefinition node, int depth) =>
        node.Children.SelectMany(c => Rows(c, depth + 1)).Prepend(
            new DraftNode(node.Code ?? string.Empty, node.Name, depth, node.MaxPoints, node.Provisional, node.Children.Count == 0, node.Rule?.Text, node.Inputs.Count));
}

/// <summary>A new version of a framework, saved or (dry run) only checked.</summary>
/// <param name="Source">The stored version it comes from.</param>
/// <param name="Code">The new version's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Changes">What differs from the source, as the Diff page lists it.</param>
/// <param name="Saved">Whether it was saved (false for a preview or a dry run).</param>
public sealed record FrameworkVersion(FrameworkSummary Source, string Code, string Name, IReadOnlyList<FrameworkChange> Changes, bool Saved);

/// <summary>An input of a node as typed in the editor's form.</summary>
/// <param name="Name">Name used in formulas (a, b, ...); a row without a name is left out.</param>
/// <param name="Label">Official wording.</param>
/// <param name="Kind">number, yes_no or choice.</param>
/// <param name="Unit">Unit of a number.</param>
/// <param name="Min">Smallest number, as typed (1.234,5).</param>
/// <param name="Max">Largest number, as typed.</param>
/// <param name="Count">Whether it counts things (whole numbers).</param>
/// <param name="Options">For a choice: one option a line, <c>key | label | fraction</c>.</param>
/// <param name="Remove">Whether the row is removed.</param>
public sealed record InputForm(string? Name, string? Label, string? Kind, string? Unit, string? Min, string? Max, bool Count, string? Options, bool Remove = false);

/// <summary>A node as typed in the editor's form: texts as typed, numbers in the reader's language.</summary>
/// <param name="Code">The code of a new node (ignored for a node edited: a code is not renamed, it is a new node).</param>
/// <param name="Name">Name.</param>
/// <param name="MaxPoints">Max points as typed (2,5).</param>
/// <param name="Provisional">Whether they are provisional.</param>
/// <param name="ProvisionalNote">Why.</param>
/// <param name="Requirement">Requirement.</param>
/// <param name="Guidance">Guidance.</param>
/// <param name="Evidence">Evidence expected.</param>
/// <param name="Rule">Rule.</param>
/// <param name="WhenUndefined">Value when undefined.</param>
/// <param name="Inputs">Inputs, in order.</param>
public sealed record NodeForm(
    string? Code,
    string? Name,
    string? MaxPoints,
    bool Provisional,
    string? ProvisionalNote,
    string? Requirement,
    string? Guidance,
    string? Evidence,
    string? Rule,
    string? WhenUndefined,
    IReadOnlyList<InputForm> Inputs)
{
    /// <summary>The form of <paramref name="node"/> as it is, numbers written in <paramref name="language"/>.</summary>
    public static NodeForm Of(NodeDefinition node, Language language)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? Number(decimal? value) => value is { } v ? NumberText.Number(v, language) : null;
        return new NodeForm(
            node.Code,
            node.Name,
            Number(node.MaxPoints),
            node.Provisional,
            node.ProvisionalNote,
            node.Requirement,
            node.Guidance,
            node.Evidence,
            node.Rule?.Text,
            node.WhenUndefined?.Text,
            [.. node.Inputs.Select(i => new InputForm(
                i.Name, i.Label, i.Kind ?? "number", i.Unit, Number(i.Min), Number(i.Max), i.Count,
                i.Options.Count == 0 ? null : string.Join("\n", i.Options.Select(o => $"{o.Key} | {o.Label} | {o.Fraction?.Text}"))))]);
    }
}

/// <summary>
/// Editing a stored framework in the browser or through the API (docs/frameworks.md, "Editing a
/// framework in the browser"). The edits accumulate in a draft, the edited framework file, which the
/// caller carries between steps; each step reads it again and runs it through the same loader and
/// compiler as an import. Saving imports the draft as a NEW version under a new code, with
/// <c>CopiedFrom</c> naming the source: the stored version, and the periods opened on it, never change.
/// </summary>
public sealed partial class FrameworkEditService(OpenDtiDbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    /// <summary>The longest draft accepted (the built-in provincial framework is about 150 KB).</summary>
    public const int MaxDraftChars = 2 * 1024 * 1024;

    /// <summary>The draft of framework <paramref name="code"/>: <paramref name="draft"/> when given, else the stored file.</summary>
    public async Task<Outcome<FrameworkDraft>> OpenAsync(Actor actor, string code, string? draft, CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanAdminister(actor))
        {
            return Outcome<FrameworkDraft>.Forbidden(new AppMessage("NotAllowed"));
        }

        var source = await db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, cancellationToken);
        if (source is null)
        {
            return Outcome<FrameworkDraft>.NotFound(new AppMessage("FrameworkNotFound", Excerpt.Of(code)));
        }

        if (draft is { Length: > MaxDraftChars })
        {
            return Outcome<FrameworkDraft>.Invalid(new AppMessage("FrameworkDraftTooLarge", MaxDraftChars / 1024 / 1024), []);
        }

        var summary = new FrameworkSummary(source.Code, source.Name, source.Year, source.Level, source.TotalPoints, source.BuiltIn, source.CopiedFrom);
        return Outcome<FrameworkDraft>.Ok(await DraftAsync(summary, string.IsNullOrWhiteSpace(draft) ? source.Yaml : draft, cancellationToken));
    }

    /// <summary>
    /// Sets node <paramref name="nodeCode"/> of the draft to <paramref name="form"/>, or, with
    /// <paramref name="isNew"/>, adds it as the last child of <paramref name="nodeCode"/> (top level when
    /// null). Refused, with each problem at its field, when a number does not read or the edited node
    /// itself has an error; the draft is then unchanged. Errors elsewhere that further edits resolve (a
    /// parent's points that no longer add up) are kept in the draft and listed.
    /// </summary>
    public async Task<Outcome<FrameworkDraft>> EditNodeAsync(
        Actor actor, string code, string? draft, string? nodeCode, NodeForm form, bool isNew, Language language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var opened = await OpenAsync(actor, code, draft, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened;
        }

        var current = opened.Value!;
        if (current.Definition?.Clone() is not { } definition)
        {
            return DraftUnreadable(current);
        }

        var problems = new List<Problem>();
        var edit = Read(form, language, isNew ? form.Code?.Trim() : nodeCode, problems);
        var target = isNew ? form.Code?.Trim() ?? string.Empty : nodeCode ?? string.Empty;
        if (isNew && target.Length == 0)
        {
            problems.Add(new Problem("APP-FRAMEWORK-EDIT", new AppMessage("FrameworkNodeCodeRequired"), null, "code"));
        }

        if (problems.Count > 0)
        {
            return Outcome<FrameworkDraft>.Invalid(new AppMessage("FrameworkNodeInvalid", Excerpt.Of(target)), problems);
        }

        if (isNew && definition.FindNode(target) is not null)
        {
            return Outcome<FrameworkDraft>.Invalid(
                new AppMessage("FrameworkNodeInvalid", Excerpt.Of(target)),
                [new Problem("APP-FRAMEWORK-EDIT", new AppMessage("FrameworkNodeCodeTaken", Excerpt.Of(target)), target, "code")]);
        }

        var found = isNew
            ? FrameworkEdits.AddChild(definition, string.IsNullOrWhiteSpace(nodeCode) ? null : nodeCode, target, edit)
            : FrameworkEdits.Apply(definition, target, edit);
        if (!found)
        {
            return Outcome<FrameworkDraft>.NotFound(new AppMessage("FrameworkNodeNotFound", Excerpt.Of(nodeCode ?? string.Empty), current.Source.Code));
        }

        var edited = await DraftAsync(current.Source, FrameworkYamlWriter.Write(definition), cancellationToken);

        // Errors of the node itself are the form's to fix now; a parent's sum is fixed on the parent.
        var own = edited.Errors
            .Where(d => d.Location.NodeCode == target && d.Code is not (DiagnosticCodes.PointsDoNotAddUp or DiagnosticCodes.PointsExceedParent))
            .Where(d => !current.Errors.Any(e => e.Code == d.Code && e.Location.NodeCode == d.Location.NodeCode && e.Location.Field == d.Location.Field))
            .ToArray();
        return own.Length > 0
            ? Outcome<FrameworkDraft>.Invalid(
                new AppMessage("FrameworkNodeInvalid", Excerpt.Of(target)),
                [.. own.Select(d => new Problem(d.Code, new DiagnosticMessage(d), target, d.Location.Field))])
            : Outcome<FrameworkDraft>.Ok(edited);
    }

    /// <summary>Removes node <paramref name="nodeCode"/> (and all below it) from the draft.</summary>
    public async Task<Outcome<FrameworkDraft>> RemoveNodeAsync(Actor actor, string code, string? draft, string nodeCode, CancellationToken cancellationToken = default)
    {
        var opened = await OpenAsync(actor, code, draft, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened;
        }

        if (opened.Value!.Definition?.Clone() is not { } definition)
        {
            return DraftUnreadable(opened.Value);
        }

        return FrameworkEdits.Remove(definition, nodeCode)
            ? Outcome<FrameworkDraft>.Ok(await DraftAsync(opened.Value.Source, FrameworkYamlWriter.Write(definition), cancellationToken))
            : Outcome<FrameworkDraft>.NotFound(new AppMessage("FrameworkNodeNotFound", Excerpt.Of(nodeCode), code));
    }

    /// <summary>
    /// The API's way in: <paramref name="yaml"/>, the whole edited framework file, saved as a new version of
    /// <paramref name="code"/> (or only checked, <paramref name="dryRun"/>) as <see cref="SaveAsync"/> does. The file is
    /// required: a request without it is refused, located at <c>yaml</c>, rather than saved as an unchanged copy.
    /// </summary>
    public Task<Outcome<FrameworkVersion>> SaveFileAsync(
        Actor actor, string code, string? yaml, string? newCode, string? newName, bool dryRun, CancellationToken cancellationToken = default)
    {
        if (AccessPolicy.CanAdminister(actor) && string.IsNullOrWhiteSpace(yaml))
        {
            var message = new AppMessage("FrameworkVersionYamlRequired", Excerpt.Of(code));
            return Task.FromResult(Outcome<FrameworkVersion>.Invalid(message, [new Problem("APP-FRAMEWORK-YAML", message, Input: "yaml")]));
        }

        return SaveAsync(actor, code, yaml, newCode, newName, dryRun, cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="draft"/> as a new version of framework <paramref name="code"/> (with
    /// <paramref name="dryRun"/>, only checks it): it must load without error as an import does, and its
    /// code (<paramref name="newCode"/>, or the proposed one) must be new. The result lists the changes from
    /// the source. The source is never changed; the new version names it in <c>CopiedFrom</c>, audited.
    /// </summary>
    public async Task<Outcome<FrameworkVersion>> SaveAsync(
        Actor actor, string code, string? draft, string? newCode, string? newName, bool dryRun, CancellationToken cancellationToken = default)
    {
        var opened = await OpenAsync(actor, code, draft, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened.As<FrameworkVersion>();
        }

        var current = opened.Value!;
        if (current.Definition?.Clone() is not { } definition)
        {
            return DraftUnreadable(current).As<FrameworkVersion>();
        }

        definition.Code = string.IsNullOrWhiteSpace(newCode) ? current.ProposedCode : newCode.Trim();
        if (!string.IsNullOrWhiteSpace(newName))
        {
            definition.Name = newName.Trim();
        }

        var yaml = FrameworkYamlWriter.Write(definition);
        var loaded = FrameworkLoader.Load(yaml, Excerpt.Of(definition.Code) + ".yaml");
        if (loaded.Framework is not { } framework)
        {
            var errors = loaded.Errors.Select(Unfiled).ToArray();
            return Outcome<FrameworkVersion>.Invalid(
                new AppMessage("FrameworkInvalid", errors.Length),
                [.. errors.Select(d => new Problem(d.Code, new DiagnosticText(d), d.Location.NodeCode, d.Location.Field))]);
        }

        if (await db.Frameworks.AnyAsync(f => f.Code == framework.Code, cancellationToken))
        {
            return Outcome<FrameworkVersion>.Conflict(new AppMessage("FrameworkExists", Excerpt.Of(framework.Code)));
        }

        var source = await catalog.GetAsync(code, cancellationToken);
        var changes = FrameworkDiff.Compare(source.Value!, framework);
        if (dryRun)
        {
            return Outcome<FrameworkVersion>.Ok(new FrameworkVersion(current.Source, framework.Code, framework.Name, changes, Saved: false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var record = new FrameworkRecord
        {
            Code = framework.Code,
            Name = framework.Name,
            Year = framework.Year,
            Level = framework.Level,
            TotalPoints = framework.TotalPoints,
            Yaml = yaml,
            BuiltIn = false,
            CopiedFrom = code,
            ImportedAt = now,
            ImportedBy = actor.UserName,
        };
        db.Frameworks.Add(record);
        db.AuditEntries.Add(AuditTrail.Entry(
            actor,
            now,
            AuditKind.Framework,
            "imported",
            null,
            $"{record.Name} (edited; SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(yaml)))})",
            subject: record.Code));
        db.AuditEntries.Add(AuditTrail.Entry(
            actor,
            now,
            AuditKind.Framework,
            "edited_from",
            code,
            record.Code,
            subject: record.Code,
            reason: string.Join("; ", changes.Take(20).Select(c => $"{c.Kind} {c.Code}")) + (changes.Count > 20 ? "; …" : string.Empty)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same code saved by someone else at the same moment: the code is unique.
            db.ChangeTracker.Clear();
            return Outcome<FrameworkVersion>.Conflict(new AppMessage("FrameworkExists", Excerpt.Of(framework.Code)));
        }

        return Outcome<FrameworkVersion>.Ok(new FrameworkVersion(current.Source, record.Code, record.Name, changes, Saved: true));
    }

    /// <summary>
    /// The code proposed for a new version of <paramref name="code"/>: <c>-v2</c> after it, or the next
    /// number when it already ends in one, and the next again while that is taken.
    /// </summary>
    public static string NextVersionCode(string code, IReadOnlyCollection<string> taken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(taken);
        var match = VersionSuffix().Match(code);
        var stem = match.Success ? code[..match.Index] : code;
        var version = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1 : 2;
        string candidate;
        while (taken.Contains(candidate = $"{stem}-v{version.ToString(CultureInfo.InvariantCulture)}"))
        {
            version++;
        }

        return candidate;
    }

    private static Outcome<FrameworkDraft> DraftUnreadable(FrameworkDraft draft)
    {
        var errors = draft.Errors.ToArray();
        return Outcome<FrameworkDraft>.Invalid(
            new AppMessage("FrameworkInvalid", errors.Length),
            [.. errors.Select(d => new Problem(d.Code, new DiagnosticText(d), d.Location.NodeCode, d.Location.Field))]);
    }

    private static NodeEdit Read(NodeForm form, Language language, string? nodeCode, List<Problem> problems)
    {
        decimal? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (decimal.TryParse(text.Trim(), NumberStyles.Number, NumberText.FormatFor(language), out var value))
            {
                return value;
            }

            problems.Add(new Problem("APP-FRAMEWORK-EDIT", new AppMessage("FrameworkNumberInvalid", Excerpt.Of(text)), nodeCode, field));
            return null;
        }

        var inputs = new List<InputDefinition>();
        foreach (var row in form.Inputs.Where(r => !r.Remove && !string.IsNullOrWhiteSpace(r.Name)))
        {
            var input = new InputDefinition
            {
                Name = row.Name!.Trim(),
                Label = string.IsNullOrWhiteSpace(row.Label) ? null : row.Label.Trim(),
                Kind = string.IsNullOrWhiteSpace(row.Kind) ? "number" : row.Kind.Trim(),
                Unit = string.IsNullOrWhiteSpace(row.Unit) ? null : row.Unit.Trim(),
                Min = Number(row.Min, "inputs.min"),
                Max = Number(row.Max, "inputs.max"),
                Count = row.Count,
            };
            foreach (var line in (row.Options ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var parts = line.Split('|').Select(p => p.Trim()).ToArray();
                if (parts.Length != 3 || parts.Any(p => p.Length == 0))
                {
                    problems.Add(new Problem("APP-FRAMEWORK-EDIT", new AppMessage("FrameworkOptionInvalid", Excerpt.Of(line), input.Name), nodeCode, "inputs.options"));
                    continue;
                }

                input.Options.Add(new OptionDefinition { Key = parts[0], Label = parts[1], Fraction = parts[2] });
            }

            inputs.Add(input);
        }

        return new NodeEdit(
            form.Name,
            Number(form.MaxPoints, "max_points"),
            form.Provisional,
            form.ProvisionalNote,
            form.Requirement,
            form.Guidance,
            form.Evidence,
            inputs,
            form.Rule,
            form.WhenUndefined);
    }

    private async Task<FrameworkDraft> DraftAsync(FrameworkSummary source, string yaml, CancellationToken cancellationToken)
    {
        var read = FrameworkYamlReader.Read(yaml, source.Code + ".yaml");
        var loaded = FrameworkLoader.Load(read);
        var taken = await db.Frameworks.AsNoTracking().Select(f => f.Code).ToListAsync(cancellationToken);
        return new FrameworkDraft(
            source,
            yaml,
            read.Definition,
            // A draft that does not read keeps its lines: they are the lines of the text as sent.
            read.Definition is null ? loaded.Diagnostics : [.. loaded.Diagnostics.Select(Unfiled)],
            NextVersionCode(source.Code, taken));
    }

    /// <summary>A diagnostic of the draft without its file, line and column: the draft is no file the reader has.</summary>
    private static Diagnostic Unfiled(Diagnostic diagnostic) =>
        diagnostic with { Location = diagnostic.Location with { File = null, Line = null, Column = null } };

    [GeneratedRegex(@"-v(\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();
}
