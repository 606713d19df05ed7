using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks.Definitions;

namespace OpenDti.Core.Frameworks;

/// <summary>
/// A validated, compiled framework: the tree of nodes with their inputs and compiled rules, ready to
/// score any number of cohorts. Immutable and safe to share between threads.
/// </summary>
/// <remarks>Build one with <see cref="FrameworkCompiler.Compile"/>.</remarks>
public sealed class Framework
{
    private readonly Dictionary<string, FrameworkNode> _nodesByCode;
    private readonly Dictionary<string, ProfileField> _profileByKey;
    private Scoring.ScoringLayout? _scoringLayout;

    internal Framework(
        FrameworkDefinition definition,
        string code,
        string name,
        int year,
        FrameworkLevel level,
        decimal totalPoints,
        IReadOnlyList<FrameworkNode> roots,
        IReadOnlyList<ProfileField> profileFields,
        IReadOnlyList<InputSpec> inputs,
        IReadOnlyList<CohortSlot> cohortSlots)
    {
        Definition = definition;
        Code = code;
        Name = name;
        Year = year;
        Level = level;
        TotalPoints = totalPoints;
        Roots = roots;
        ProfileFields = profileFields;
        Inputs = inputs;
        CohortSlots = cohortSlots;
        Nodes = roots.SelectMany(r => r.SelfAndDescendants()).ToArray();
        Leaves = Nodes.Where(n => n.IsLeaf).ToArray();
        MainIndices = Nodes.Where(n => n.Kind == NodeKind.MainIndex).ToArray();
        _nodesByCode = Nodes.ToDictionary(n => n.Code.Value, StringComparer.Ordinal);
        _profileByKey = profileFields.ToDictionary(p => p.Key, StringComparer.Ordinal);
        HasProvisional = Nodes.Any(n => n.Provisional);
    }

    /// <summary>The definition it was compiled from (for export; do not modify it, clone it).</summary>
    public FrameworkDefinition Definition { get; }

    /// <summary>Short stable code ("dti-province-2022").</summary>
    public string Code { get; }

    /// <summary>Official name.</summary>
    public string Name { get; }

    /// <summary>Evaluation year.</summary>
    public int Year { get; }

    /// <summary>Level of government scored.</summary>
    public FrameworkLevel Level { get; }

    /// <summary>Total points (1000).</summary>
    public decimal TotalPoints { get; }

    /// <summary>Description.</summary>
    public string? Description => Definition.Description;

    /// <summary>Official source document(s).</summary>
    public string? Source => Definition.Source;

    /// <summary>Top-level nodes.</summary>
    public IReadOnlyList<FrameworkNode> Roots { get; }

    /// <summary>Every node in depth-first order (a node before its children); a node's index is its position.</summary>
    public IReadOnlyList<FrameworkNode> Nodes { get; }

    /// <summary>The nodes with a rule.</summary>
    public IReadOnlyList<FrameworkNode> Leaves { get; }

    /// <summary>The main indices, in order.</summary>
    public IReadOnlyList<FrameworkNode> MainIndices { get; }

    /// <summary>General-information fields.</summary>
    public IReadOnlyList<ProfileField> ProfileFields { get; }

    /// <summary>Every input of every indicator, in slot order.</summary>
    public IReadOnlyList<InputSpec> Inputs { get; }

    /// <summary>Whether any node's max points are provisional.</summary>
    public bool HasProvisional { get; }

    /// <summary>Whether a period's cohort may mix districts and communes (<see cref="FrameworkDefinition.MixedLevels"/>).</summary>
    public bool MixedLevels => Definition.MixedLevels;

    /// <summary>The cohort calls of all rules (framework-wide slots).</summary>
    internal IReadOnlyList<CohortSlot> CohortSlots { get; }

    /// <summary>The tree as arrays for scoring, built on first use (after the compiler numbered the nodes).</summary>
    internal Scoring.ScoringLayout ScoringLayout => _scoringLayout ??= new Scoring.ScoringLayout(this);

    /// <summary>The node with <paramref name="code"/>, or null.</summary>
    public FrameworkNode? FindNode(string code) => _nodesByCode.GetValueOrDefault(code);

    /// <summary>The input <paramref name="name"/> of indicator <paramref name="nodeCode"/>, or null.</summary>
    public InputSpec? FindInput(string nodeCode, string name) =>
        FindNode(nodeCode)?.Inputs.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The profile field <paramref name="key"/>, or null.</summary>
    public ProfileField? FindProfileField(string key) => _profileByKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public override string ToString() => $"{Code} ({Name})";
}

/// <summary>A cohort call in a framework: the leaf it belongs to, the call, and its compiled argument.</summary>
internal sealed record CohortSlot(int Slot, FrameworkNode Leaf, BoundCohort Call, Func<EvaluationContext, Value> Measure);
