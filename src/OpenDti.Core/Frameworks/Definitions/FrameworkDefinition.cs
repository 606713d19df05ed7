using OpenDti.Core.Diagnostics;

namespace OpenDti.Core.Frameworks.Definitions;

/// <summary>
/// A framework as written: the editable form that a framework file is read into and written from.
/// Nothing here is checked; <see cref="FrameworkCompiler"/> validates it and builds a <see cref="Framework"/>.
/// </summary>
public sealed class FrameworkDefinition
{
    /// <summary>Short stable code ("dti-province-2022").</summary>
    public string? Code { get; set; }

    /// <summary>Official Vietnamese name.</summary>
    public string? Name { get; set; }

    /// <summary>The evaluation year the framework applies to.</summary>
    public int? Year { get; set; }

    /// <summary>province, department, district or commune.</summary>
    public string? Level { get; set; }

    /// <summary>Total points (1000).</summary>
    public decimal? TotalPoints { get; set; }

    /// <summary>What it is and what it is for.</summary>
    public string? Description { get; set; }

    /// <summary>The official document(s) it comes from.</summary>
    public string? Source { get; set; }

    /// <summary>
    /// Whether a period's cohort may mix districts and communes (<c>mixed_levels: true</c>): a district or commune
    /// framework used in the year of the 2025 reform, when some units are still districts and others communes under
    /// the province. False unless said.
    /// </summary>
    public bool MixedLevels { get; set; }

    /// <summary>The general-information fields formulas may read as <c>profile.key</c>.</summary>
    public List<ProfileFieldDefinition> Profile { get; } = [];

    /// <summary>The top-level nodes: main indices, or groups of main indices.</summary>
    public List<NodeDefinition> Nodes { get; } = [];

    /// <summary>Where the definition was read from (file name).</summary>
    public SourceLocation Location { get; set; } = SourceLocation.None;

    /// <summary>Where each field was written, by field name, for messages.</summary>
    public Dictionary<string, SourceLocation> FieldLocations { get; } = new(StringComparer.Ordinal);

    /// <summary>Where <paramref name="field"/> was written, or the definition's location.</summary>
    public SourceLocation LocationOf(string field) =>
        FieldLocations.TryGetValue(field, out var location) ? location.WithField(field) : Location.WithField(field);

    /// <summary>Every node, depth first.</summary>
    public IEnumerable<NodeDefinition> AllNodes() => Nodes.SelectMany(n => n.SelfAndDescendants());

    /// <summary>The node with <paramref name="code"/>, or null.</summary>
    public NodeDefinition? FindNode(string code) =>
        AllNodes().FirstOrDefault(n => string.Equals(n.Code, code, StringComparison.Ordinal));

    /// <summary>A deep copy, without source locations, for editing (copy to a new year, set official points).</summary>
    public FrameworkDefinition Clone()
    {
        var copy = new FrameworkDefinition
        {
            Code = Code,
            Name = Name,
            Year = Year,
            Level = Level,
            TotalPoints = TotalPoints,
            Description = Description,
            Source = Source,
            MixedLevels = MixedLevels,
        };
        copy.Profile.AddRange(Profile.Select(p => new ProfileFieldDefinition { Key = p.Key, Label = p.Label, Unit = p.Unit, Count = p.Count, Min = p.Min }));
        copy.Nodes.AddRange(Nodes.Select(n => n.Clone()));
        return copy;
    }
}

/// <summary>A general-information field ("thông tin chung").</summary>
public sealed class ProfileFieldDefinition
{
    /// <summary>Key used in formulas and files.</summary>
    public string? Key { get; set; }

    /// <summary>Official wording.</summary>
    public string? Label { get; set; }

    /// <summary>Unit of the figure.</summary>
    public string? Unit { get; set; }

    /// <summary>Whether the figure counts things (people, units): whole numbers only.</summary>
    public bool Count { get; set; }

    /// <summary>The smallest figure accepted, if any (0 is always the floor).</summary>
    public decimal? Min { get; set; }

    /// <summary>Where it was written.</summary>
    public SourceLocation Location { get; set; } = SourceLocation.None;
}
