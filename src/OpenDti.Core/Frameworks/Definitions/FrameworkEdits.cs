namespace OpenDti.Core.Frameworks.Definitions;

/// <summary>
/// What an administrator sets on one node in the browser: its name, max points, texts, inputs and rule.
/// Fields not listed here (checks, kind, capped) are kept as they were.
/// </summary>
/// <param name="Name">Official name.</param>
/// <param name="MaxPoints">Max points (Điểm tối đa), or null when not given (the compiler says it is missing).</param>
/// <param name="Provisional">Whether the max points are provisional.</param>
/// <param name="ProvisionalNote">Why they are provisional.</param>
/// <param name="Requirement">Requirement (Yêu cầu thực hiện).</param>
/// <param name="Guidance">Guidance (Hướng dẫn).</param>
/// <param name="Evidence">Evidence expected (Tài liệu kiểm chứng).</param>
/// <param name="Inputs">The inputs, in order (replacing the node's).</param>
/// <param name="Rule">The scoring rule, or null for an inner node.</param>
/// <param name="WhenUndefined">The fraction when the rule's value is undefined, or null.</param>
public sealed record NodeEdit(
    string? Name,
    decimal? MaxPoints,
    bool Provisional,
    string? ProvisionalNote,
    string? Requirement,
    string? Guidance,
    string? Evidence,
    IReadOnlyList<InputDefinition> Inputs,
    string? Rule,
    string? WhenUndefined)
{
    /// <summary>The node's fields as they are, to be changed with <c>with</c>.</summary>
    public static NodeEdit Of(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new NodeEdit(
            node.Name,
            node.MaxPoints,
            node.Provisional,
            node.ProvisionalNote,
            node.Requirement,
            node.Guidance,
            node.Evidence,
            node.Inputs.Select(i => i.Clone()).ToArray(),
            node.Rule?.Text,
            node.WhenUndefined?.Text);
    }
}

/// <summary>
/// The edits an administrator makes to a framework in the browser, on its editable form. Each changes the
/// definition in place and says whether the node named exists; nothing is checked here: the edited
/// definition goes through <see cref="FrameworkCompiler"/> like any file.
/// </summary>
public static class FrameworkEdits
{
    /// <summary>Renames node <paramref name="code"/>.</summary>
    public static bool Rename(FrameworkDefinition definition, string code, string name) =>
        Change(definition, code, n => n.Name = Clean(name));

    /// <summary>Sets the max points of node <paramref name="code"/>, provisional or official.</summary>
    public static bool SetMaxPoints(FrameworkDefinition definition, string code, decimal? maxPoints, bool provisional = false, string? provisionalNote = null) =>
        Change(definition, code, n =>
        {
            n.MaxPoints = maxPoints;
            n.Provisional = provisional;
            n.ProvisionalNote = provisional ? Clean(provisionalNote) : null;
        });

    /// <summary>Sets the requirement, guidance and evidence expected of node <paramref name="code"/> (empty removes one).</summary>
    public static bool SetTexts(FrameworkDefinition definition, string code, string? requirement, string? guidance, string? evidence) =>
        Change(definition, code, n =>
        {
            n.Requirement = Clean(requirement);
            n.Guidance = Clean(guidance);
            n.Evidence = Clean(evidence);
        });

    /// <summary>Replaces the inputs of node <paramref name="code"/>.</summary>
    public static bool SetInputs(FrameworkDefinition definition, string code, IEnumerable<InputDefinition> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Change(definition, code, n =>
        {
            n.Inputs.Clear();
            n.Inputs.AddRange(inputs);
        });
    }

    /// <summary>Sets the rule of node <paramref name="code"/> and its value when undefined (empty removes one).</summary>
    public static bool SetRule(FrameworkDefinition definition, string code, string? rule, string? whenUndefined = null) =>
        Change(definition, code, n =>
        {
            n.Rule = Clean(rule) is { } r ? new FormulaText(r, Diagnostics.SourceLocation.None) : null;
            n.WhenUndefined = Clean(whenUndefined) is { } w ? new FormulaText(w, Diagnostics.SourceLocation.None) : null;
        });

    /// <summary>Every field of <paramref name="edit"/> on node <paramref name="code"/>.</summary>
    public static bool Apply(FrameworkDefinition definition, string code, NodeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return Change(definition, code, n => Set(n, edit));
    }

    /// <summary>
    /// Adds node <paramref name="code"/> as the last child of <paramref name="parentCode"/> (a top-level
    /// node when null), with the fields of <paramref name="edit"/>. False when the parent does not exist.
    /// </summary>
    public static bool AddChild(FrameworkDefinition definition, string? parentCode, string code, NodeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(edit);
        List<NodeDefinition> siblings;
        if (parentCode is null)
        {
            siblings = definition.Nodes;
        }
        else if (definition.FindNode(parentCode) is { } parent)
        {
            siblings = parent.Children;
        }
        else
        {
            return false;
        }

        // The new node is edited as an object, not found by its code: a code already used is the
        // compiler's to report (DTI1002), and must not change the node that has it.
        var node = new NodeDefinition { Code = Clean(code) };
        Set(node, edit);
        siblings.Add(node);
        return true;
    }

    /// <summary>Removes node <paramref name="code"/> and everything below it.</summary>
    public static bool Remove(FrameworkDefinition definition, string code)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.FindNode(code) is { } node && Detach(definition, node);
    }

    /// <summary>
    /// The code a new child of <paramref name="parentCode"/> is proposed: the parent's code, a dot and the
    /// number after its children's last ("1.3" → "1.3.4"); for a top-level node, the next number.
    /// </summary>
    public static string NextChildCode(FrameworkDefinition definition, string? parentCode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var siblings = parentCode is null ? definition.Nodes : definition.FindNode(parentCode)?.Children ?? [];
        var last = siblings
            .Select(s => s.Code?.Split('.')[^1])
            .Select(s => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        var next = (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return parentCode is null ? next : parentCode + "." + next;
    }

    private static void Set(NodeDefinition node, NodeEdit edit)
    {
        node.Name = Clean(edit.Name);
        node.MaxPoints = edit.MaxPoints;
        node.Provisional = edit.Provisional;
        node.ProvisionalNote = edit.Provisional ? Clean(edit.ProvisionalNote) : null;
        node.Requirement = Clean(edit.Requirement);
        node.Guidance = Clean(edit.Guidance);
        node.Evidence = Clean(edit.Evidence);
        node.Inputs.Clear();
        node.Inputs.AddRange(edit.Inputs);
        node.Rule = Clean(edit.Rule) is { } r ? new FormulaText(r, Diagnostics.SourceLocation.None) : null;
        node.WhenUndefined = Clean(edit.WhenUndefined) is { } w ? new FormulaText(w, Diagnostics.SourceLocation.None) : null;
    }

    private static bool Change(FrameworkDefinition definition, string code, Action<NodeDefinition> change)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.FindNode(code) is not { } node)
        {
            return false;
        }

        change(node);
        return true;
    }

    private static bool Detach(FrameworkDefinition definition, NodeDefinition node)
    {
        if (definition.Nodes.Remove(node))
        {
            return true;
        }

        foreach (var candidate in definition.AllNodes())
        {
            if (candidate.Children.Remove(node))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
