using OpenDti.Core.Diagnostics;

namespace OpenDti.Core.Frameworks.Definitions;

/// <summary>A node as written: a group, main index, indicator or sub-indicator.</summary>
public sealed class NodeDefinition
{
    /// <summary>Code ("6.12").</summary>
    public string? Code { get; set; }

    /// <summary>Official Vietnamese name.</summary>
    public string? Name { get; set; }

    /// <summary>group, main_index, indicator or sub_indicator; inferred from the depth when absent.</summary>
    public string? Kind { get; set; }

    /// <summary>Max points (Điểm tối đa).</summary>
    public decimal? MaxPoints { get; set; }

    /// <summary>Whether the max points are provisional (not published): outputs say "điểm tạm tính".</summary>
    public bool Provisional { get; set; }

    /// <summary>Why the max points are provisional and what they are based on.</summary>
    public string? ProvisionalNote { get; set; }

    /// <summary>
    /// Whether the children may add up to more than the node's max points (its points are then capped
    /// at its max). Without it, the children must add up exactly.
    /// </summary>
    public bool Capped { get; set; }

    /// <summary>Guidance (Hướng dẫn): how the indicator is assessed, as the official text says.</summary>
    public string? Guidance { get; set; }

    /// <summary>Requirement (Yêu cầu thực hiện): what the unit must achieve ("100%", "Có", "≥ 80%").</summary>
    public string? Requirement { get; set; }

    /// <summary>Evidence expected (Tài liệu kiểm chứng).</summary>
    public string? Evidence { get; set; }

    /// <summary>An authoring note: why the rule is written as it is.</summary>
    public string? Note { get; set; }

    /// <summary>What the unit reports.</summary>
    public List<InputDefinition> Inputs { get; } = [];

    /// <summary>The scoring rule: a formula giving the fraction of max points earned.</summary>
    public FormulaText? Rule { get; set; }

    /// <summary>The fraction given when the rule's value is undefined (a ratio over 0); 0 when absent.</summary>
    public FormulaText? WhenUndefined { get; set; }

    /// <summary>Consistency checks on the inputs (a ≤ b), shown while entering data.</summary>
    public List<CheckDefinition> Checks { get; } = [];

    /// <summary>Child nodes; a node with children gets the sum of their points.</summary>
    public List<NodeDefinition> Children { get; } = [];

    /// <summary>Where the node starts.</summary>
    public SourceLocation Location { get; set; } = SourceLocation.None;

    /// <summary>Where each field was written.</summary>
    public Dictionary<string, SourceLocation> FieldLocations { get; } = new(StringComparer.Ordinal);

    /// <summary>Where <paramref name="field"/> was written, or the node's location; with the node's code.</summary>
    public SourceLocation LocationOf(string field) =>
        (FieldLocations.TryGetValue(field, out var location) ? location : Location).WithNode(Code).WithField(field);

    /// <summary>This node and all below it, depth first.</summary>
    public IEnumerable<NodeDefinition> SelfAndDescendants()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.SelfAndDescendants())
            {
                yield return node;
            }
        }
    }

    /// <summary>A deep copy without source locations.</summary>
    public NodeDefinition Clone()
    {
        var copy = new NodeDefinition
        {
            Code = Code,
            Name = Name,
            Kind = Kind,
            MaxPoints = MaxPoints,
            Provisional = Provisional,
            ProvisionalNote = ProvisionalNote,
            Capped = Capped,
            Guidance = Guidance,
            Requirement = Requirement,
            Evidence = Evidence,
            Note = Note,
            Rule = Rule is null ? null : new FormulaText(Rule.Text, SourceLocation.None),
            WhenUndefined = WhenUndefined is null ? null : new FormulaText(WhenUndefined.Text, SourceLocation.None),
        };
        copy.Inputs.AddRange(Inputs.Select(i => i.Clone()));
        copy.Checks.AddRange(Checks.Select(c => new CheckDefinition
        {
            Rule = c.Rule is null ? null : new FormulaText(c.Rule.Text, SourceLocation.None),
            Message = c.Message,
            Level = c.Level,
        }));
        copy.Children.AddRange(Children.Select(c => c.Clone()));
        return copy;
    }
}

/// <summary>An input as written.</summary>
public sealed class InputDefinition
{
    /// <summary>Name used in formulas: the official letter (a, b, ...) or a short name.</summary>
    public string? Name { get; set; }

    /// <summary>Official wording ("a = Số lượng ...").</summary>
    public string? Label { get; set; }

    /// <summary>number, yes_no or choice.</summary>
    public string? Kind { get; set; }

    /// <summary>Unit of a number ("người", "tỷ đồng", "%").</summary>
    public string? Unit { get; set; }

    /// <summary>Smallest number accepted.</summary>
    public decimal? Min { get; set; }

    /// <summary>Largest number accepted.</summary>
    public decimal? Max { get; set; }

    /// <summary>Help shown next to the input.</summary>
    public string? Help { get; set; }

    /// <summary>Whether the number counts things (people, documents): whole numbers only, and an ambiguous 1.234 is 1234.</summary>
    public bool Count { get; set; }

    /// <summary>The name of another input of the indicator that this one is a part of (this ≤ that).</summary>
    public string? PartOf { get; set; }

    /// <summary>The options of a choice.</summary>
    public List<OptionDefinition> Options { get; } = [];

    /// <summary>Where the input starts.</summary>
    public SourceLocation Location { get; set; } = SourceLocation.None;

    /// <summary>Where each field was written.</summary>
    public Dictionary<string, SourceLocation> FieldLocations { get; } = new(StringComparer.Ordinal);

    /// <summary>A deep copy without source locations.</summary>
    public InputDefinition Clone()
    {
        var copy = new InputDefinition { Name = Name, Label = Label, Kind = Kind, Unit = Unit, Min = Min, Max = Max, Help = Help, Count = Count, PartOf = PartOf };
        copy.Options.AddRange(Options.Select(o => new OptionDefinition
        {
            Key = o.Key,
            Label = o.Label,
            Fraction = o.Fraction is null ? null : new FormulaText(o.Fraction.Text, SourceLocation.None),
        }));
        return copy;
    }
}

/// <summary>An option of a choice input as written.</summary>
public sealed class OptionDefinition
{
    /// <summary>Key reported in files and the API.</summary>
    public string? Key { get; set; }

    /// <summary>Official wording.</summary>
    public string? Label { get; set; }

    /// <summary>The fraction of max points it earns, as written ("1/2", "70%", "1").</summary>
    public FormulaText? Fraction { get; set; }

    /// <summary>Where the option starts.</summary>
    public SourceLocation Location { get; set; } = SourceLocation.None;
}

/// <summary>A consistency check on an indicator's inputs.</summary>
public sealed class CheckDefinition
{
    /// <summary>A condition that must hold ("a &lt;= b").</summary>
    public FormulaText? Rule { get; set; }

    /// <summary>What to tell the unit when it does not hold.</summary>
    public string? Message { get; set; }

    /// <summary><c>warn</c> (the default: saved, and shown as a warning) or <c>refuse</c> (the save is refused).</summary>
    public string? Level { get; set; }

    /// <summary>Where the check starts.</summary>
    public SourceLocation Location { get; set; } = SourceLocation.None;
}
