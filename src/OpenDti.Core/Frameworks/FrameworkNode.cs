using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;

namespace OpenDti.Core.Frameworks;

/// <summary>A node of a compiled framework.</summary>
public sealed class FrameworkNode
{
    private readonly List<FrameworkNode> _children = [];

    internal FrameworkNode(
        IndicatorCode code,
        string name,
        NodeKind kind,
        decimal maxPoints,
        FrameworkNode? parent)
    {
        Code = code;
        Name = name;
        Kind = kind;
        MaxPoints = maxPoints;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>Position in <see cref="Framework.Nodes"/>.</summary>
    public int Index { get; internal set; }

    /// <summary>Code.</summary>
    public IndicatorCode Code { get; }

    /// <summary>Official name.</summary>
    public string Name { get; }

    /// <summary>Group, main index, indicator or sub-indicator.</summary>
    public NodeKind Kind { get; }

    /// <summary>Max points.</summary>
    public decimal MaxPoints { get; }

    /// <summary>Whether the max points are provisional ("điểm tạm tính").</summary>
    public bool Provisional { get; internal init; }

    /// <summary>Why they are provisional.</summary>
    public string? ProvisionalNote { get; internal init; }

    /// <summary>Whether the children may add up to more than the max points (the node is capped).</summary>
    public bool Capped { get; internal init; }

    /// <summary>Guidance (Hướng dẫn).</summary>
    public string? Guidance { get; internal init; }

    /// <summary>Requirement (Yêu cầu thực hiện).</summary>
    public string? Requirement { get; internal init; }

    /// <summary>Evidence expected (Tài liệu kiểm chứng).</summary>
    public string? Evidence { get; internal init; }

    /// <summary>Authoring note.</summary>
    public string? Note { get; internal init; }

    /// <summary>The parent, or null for a top-level node.</summary>
    public FrameworkNode? Parent { get; }

    /// <summary>0 for a top-level node.</summary>
    public int Depth { get; }

    /// <summary>Children in order.</summary>
    public IReadOnlyList<FrameworkNode> Children => _children;

    /// <summary>What the unit reports for this indicator.</summary>
    public IReadOnlyList<InputSpec> Inputs { get; internal set; } = [];

    /// <summary>The scoring rule of a leaf.</summary>
    public Rule? Rule { get; internal set; }

    /// <summary>Consistency checks of the inputs.</summary>
    public IReadOnlyList<InputCheck> Checks { get; internal set; } = [];

    /// <summary>Whether this node is scored by its own rule (has no children).</summary>
    public bool IsLeaf => _children.Count == 0;

    /// <summary>The main index this node belongs to (itself for a main index), or null for a group.</summary>
    public FrameworkNode? MainIndex
    {
        get
        {
            for (var node = this; node is not null; node = node.Parent)
            {
                if (node.Kind == NodeKind.MainIndex)
                {
                    return node;
                }
            }

            return null;
        }
    }

    /// <summary>Whether this node or any node below it is provisional.</summary>
    public bool ContainsProvisional => SelfAndDescendants().Any(n => n.Provisional);

    internal void AddChild(FrameworkNode child) => _children.Add(child);

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<FrameworkNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var child in _children)
        {
            foreach (var node in child.SelfAndDescendants())
            {
                yield return node;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Code} {Name}";
}

/// <summary>A leaf's scoring rule, compiled.</summary>
public sealed class Rule
{
    internal Rule(BoundFormula formula, Func<EvaluationContext, Value> evaluate, decimal whenUndefined, string? whenUndefinedText)
    {
        Formula = formula;
        Evaluate = evaluate;
        WhenUndefined = whenUndefined;
        WhenUndefinedText = whenUndefinedText;
    }

    /// <summary>The formula as written.</summary>
    public string Text => Formula.Text;

    /// <summary>The bound formula.</summary>
    public BoundFormula Formula { get; }

    /// <summary>The compiled formula.</summary>
    public Func<EvaluationContext, Value> Evaluate { get; }

    /// <summary>The fraction given when the formula's value is undefined.</summary>
    public decimal WhenUndefined { get; }

    /// <summary><see cref="WhenUndefined"/> as written, or null when it is the default 0.</summary>
    public string? WhenUndefinedText { get; }
}

/// <summary>A consistency check on an indicator's inputs, compiled.</summary>
public sealed class InputCheck
{
    internal InputCheck(BoundFormula formula, Func<EvaluationContext, Value> evaluate, string message, CheckLevel level = CheckLevel.Warn)
    {
        Formula = formula;
        Evaluate = evaluate;
        Message = message;
        Level = level;
    }

    /// <summary>Whether a breach only warns (the value is saved) or refuses the save.</summary>
    public CheckLevel Level { get; }

    /// <summary>The condition as written.</summary>
    public string Text => Formula.Text;

    /// <summary>The bound condition.</summary>
    public BoundFormula Formula { get; }

    /// <summary>The compiled condition.</summary>
    public Func<EvaluationContext, Value> Evaluate { get; }

    /// <summary>What to tell the unit when it fails.</summary>
    public string Message { get; }
}

/// <summary>What a breached <see cref="InputCheck"/> does when values are saved.</summary>
public enum CheckLevel
{
    /// <summary>The values are saved and the breach is shown as a warning (<c>level: warn</c>, the default).</summary>
    Warn,

    /// <summary>The save is refused, naming the inputs (<c>level: refuse</c>).</summary>
    Refuse,
}
