using System.Text.Json;
using System.Text.Json.Serialization;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Data.Periods;

namespace OpenDti.Application.Review;

/// <summary>
/// A period's results frozen at publication: the framework's shape as it was, and every unit's total,
/// ranks, points per node with its explanation in Vietnamese and English, and what it reported. Stored
/// as JSON in <c>Publication.Snapshot</c>; read back, it is all a published ranking or scorecard needs,
/// so later changes of frameworks, profiles or values cannot change what was published.
/// </summary>
/// <param name="Period">The period and its framework.</param>
/// <param name="MainIndices">The main indices, in framework order.</param>
/// <param name="Nodes">Every node of the framework, depth first.</param>
/// <param name="Inputs">Every input of every indicator, in framework order.</param>
/// <param name="Units">Every unit of the cohort, by rank then code (the period's rule for units that did not complete the review cycle applied).</param>
public sealed record PublicationSnapshot(
    SnapshotPeriod Period,
    IReadOnlyList<SnapshotMainIndex> MainIndices,
    IReadOnlyList<SnapshotNode> Nodes,
    IReadOnlyList<SnapshotInput> Inputs,
    IReadOnlyList<SnapshotUnit> Units)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The snapshot as JSON (decimals are written exactly).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>A snapshot read back from <paramref name="json"/>.</summary>
    public static PublicationSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<PublicationSnapshot>(json, Options) ?? throw new InvalidOperationException("A publication's snapshot is empty.");

    /// <summary>The unit <paramref name="code"/>, or null.</summary>
    public SnapshotUnit? Find(string code) => Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.Ordinal));
}

/// <summary>A text in both languages of the application.</summary>
/// <param name="Vi">Vietnamese.</param>
/// <param name="En">English.</param>
public sealed record BilingualText(string Vi, string En)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string In(Language language) => language == Language.English ? En : Vi;
}

/// <summary>The period of a snapshot.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="Year">The year evaluated.</param>
/// <param name="FrameworkCode">The framework's code.</param>
/// <param name="FrameworkName">The framework's name.</param>
/// <param name="FrameworkLevel">The framework's level.</param>
/// <param name="TotalPoints">The framework's total points.</param>
/// <param name="OpensOn">First reporting day.</param>
/// <param name="ClosesOn">Last reporting day.</param>
public sealed record SnapshotPeriod(
    int Id, string Name, int Year, string FrameworkCode, string FrameworkName, FrameworkLevel FrameworkLevel, decimal TotalPoints, DateOnly OpensOn, DateOnly ClosesOn)
{
    /// <summary>Where the units that did not complete the review cycle were ranked; null in a publication made before the rule existed.</summary>
    public UnfinishedRanking? UnfinishedRanking { get; init; }

    /// <summary>The points shown for the units that did not complete the review cycle; null in a publication made before the rule existed.</summary>
    public UnfinishedPoints? UnfinishedPoints { get; init; }
}

/// <summary>A main index of the framework.</summary>
/// <param name="Code">Code ("1").</param>
/// <param name="Name">Name.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="Provisional">Whether its max points are, or contain, provisional points.</param>
public sealed record SnapshotMainIndex(string Code, string Name, decimal MaxPoints, bool Provisional);

/// <summary>A node of the framework.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Depth">0 for top-level nodes.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="MainIndex">The code of its main index, if any.</param>
public sealed record SnapshotNode(string Code, string Name, NodeKind Kind, int Depth, decimal MaxPoints, string? MainIndex);

/// <summary>An input of an indicator.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Label">What the form asks.</param>
/// <param name="Unit">Unit of measure, if any.</param>
public sealed record SnapshotInput(string Indicator, string Input, string Label, string? Unit);

/// <summary>A unit's frozen result.</summary>
/// <param name="Code">Code (as in the period).</param>
/// <param name="Name">Name (as in the period).</param>
/// <param name="Total">Total points.</param>
/// <param name="Rank">Rank.</param>
/// <param name="Submitted">Whether it reported anything.</param>
/// <param name="Complete">Whether every indicator could be scored.</param>
/// <param name="AnsweredInputs">Inputs with a value.</param>
/// <param name="TotalInputs">All inputs.</param>
/// <param name="MainIndices">Points and rank per main index, in framework order.</param>
/// <param name="Nodes">Every node's points and explanation, in framework order.</param>
/// <param name="Values">What it reported, as text; inputs without a value are left out.</param>
public sealed record SnapshotUnit(
    string Code,
    string Name,
    decimal Total,
    int Rank,
    bool Submitted,
    bool Complete,
    int AnsweredInputs,
    int TotalInputs,
    IReadOnlyList<SnapshotUnitMainIndex> MainIndices,
    IReadOnlyList<SnapshotUnitNode> Nodes,
    IReadOnlyList<SnapshotValue> Values)
{
    /// <summary>
    /// Whether the unit did not complete the review cycle (its submission was not finalised when published):
    /// it is published as "không gửi hồ sơ" and ranked and given points by the period's rule. False in a
    /// publication made before the rule existed.
    /// </summary>
    public bool NotSubmitted { get; init; }

    /// <summary>"không gửi hồ sơ" / "did not submit" for a unit that did not complete the cycle; null otherwise.</summary>
    public BilingualText? Note { get; init; }
}

/// <summary>A unit's points and rank on a main index.</summary>
/// <param name="Code">The main index's code.</param>
/// <param name="Points">Points.</param>
/// <param name="Rank">Rank on this main index.</param>
public sealed record SnapshotUnitMainIndex(string Code, decimal Points, int Rank);

/// <summary>A unit's points on a node.</summary>
/// <param name="Code">The node's code.</param>
/// <param name="Points">Points.</param>
/// <param name="MaxPoints">Max points.</param>
/// <param name="Fraction">Share of max points.</param>
/// <param name="Measure">The rule's measure, when defined.</param>
/// <param name="Flags">Flags (not_reported, provisional, …).</param>
/// <param name="Explanation">The explanation sentence in both languages.</param>
public sealed record SnapshotUnitNode(
    string Code, decimal Points, decimal MaxPoints, decimal Fraction, decimal? Measure, IReadOnlyList<string> Flags, BilingualText Explanation);

/// <summary>A reported value as the reader writes it.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Value">The value ("1.234,5", "Có" / "1,234.5", "Yes").</param>
public sealed record SnapshotValue(string Indicator, string Input, BilingualText Value);
