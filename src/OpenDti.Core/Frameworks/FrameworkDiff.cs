using System.Globalization;

namespace OpenDti.Core.Frameworks;

/// <summary>What changed about a node between two versions of a framework.</summary>
public enum ChangeKind
{
    /// <summary>The node exists only in the newer version.</summary>
    Added,

    /// <summary>The node exists only in the older version.</summary>
    Removed,

    /// <summary>The name changed.</summary>
    Renamed,

    /// <summary>The max points changed (or became provisional or official).</summary>
    Repointed,

    /// <summary>The rule (or its value when undefined) changed.</summary>
    RuleChanged,

    /// <summary>The inputs changed (added, removed, or a kind, unit or option changed).</summary>
    InputsChanged,

    /// <summary>The node moved under another parent.</summary>
    Moved,

    /// <summary>The node's kind changed.</summary>
    KindChanged,

    /// <summary>A framework-level field changed (total points, level, year).</summary>
    FrameworkChanged,
}

/// <summary>One difference between two frameworks.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Code">The node's code (or the field for <see cref="ChangeKind.FrameworkChanged"/>).</param>
/// <param name="Before">The old value, if any.</param>
/// <param name="After">The new value, if any.</param>
public sealed record FrameworkChange(ChangeKind Kind, string Code, string? Before, string? After);

/// <summary>
/// Compares two frameworks node by node (matched by code): nodes added, removed, renamed,
/// re-pointed, moved, and rules or inputs changed. Whitespace in formulas is not a change.
/// </summary>
public static class FrameworkDiff
{
    /// <summary>The differences from <paramref name="before"/> to <paramref name="after"/>, in code order.</summary>
    public static IReadOnlyList<FrameworkChange> Compare(Framework before, Framework after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FrameworkChange>();
        void Framework(string field, object a, object b)
        {
            var x = Convert.ToString(a, CultureInfo.InvariantCulture);
            var y = Convert.ToString(b, CultureInfo.InvariantCulture);
            if (x != y)
            {
                changes.Add(new FrameworkChange(ChangeKind.FrameworkChanged, field, x, y));
            }
        }

        Framework("total_points", before.TotalPoints, after.TotalPoints);
        Framework("level", before.Level.ToFileName(), after.Level.ToFileName());
        Framework("year", before.Year, after.Year);

        var codes = before.Nodes.Select(n => n.Code.Value)
            .Union(after.Nodes.Select(n => n.Code.Value), StringComparer.Ordinal)
            .Order(IndicatorCode.StringComparer);
        foreach (var code in codes)
        {
            var a = before.FindNode(code);
            var b = after.FindNode(code);
            if (a is null)
            {
                changes.Add(new FrameworkChange(ChangeKind.Added, code, null, Describe(b!)));
                continue;
            }

            if (b is null)
            {
                changes.Add(new FrameworkChange(ChangeKind.Removed, code, Describe(a), null));
                continue;
            }

            if (a.Name != b.Name)
            {
                changes.Add(new FrameworkChange(ChangeKind.Renamed, code, a.Name, b.Name));
            }

            if (a.Kind != b.Kind)
            {
                changes.Add(new FrameworkChange(ChangeKind.KindChanged, code, a.Kind.ToFileName(), b.Kind.ToFileName()));
            }

            if (a.MaxPoints != b.MaxPoints || a.Provisional != b.Provisional)
            {
                changes.Add(new FrameworkChange(ChangeKind.Repointed, code, Points(a), Points(b)));
            }

            if (a.Parent?.Code.Value != b.Parent?.Code.Value)
            {
                changes.Add(new FrameworkChange(ChangeKind.Moved, code, a.Parent?.Code.Value ?? "-", b.Parent?.Code.Value ?? "-"));
            }

            var ruleA = Rule(a);
            var ruleB = Rule(b);
            if (Normalize(ruleA) != Normalize(ruleB))
            {
                changes.Add(new FrameworkChange(ChangeKind.RuleChanged, code, ruleA, ruleB));
            }

            var inputsA = Inputs(a);
            var inputsB = Inputs(b);
            if (inputsA != inputsB)
            {
                changes.Add(new FrameworkChange(ChangeKind.InputsChanged, code, inputsA, inputsB));
            }
        }

        return changes;
    }

    private static string Describe(FrameworkNode node) => $"{node.Name} ({Points(node)})";

    private static string Points(FrameworkNode node) =>
        node.MaxPoints.ToString(CultureInfo.InvariantCulture) + (node.Provisional ? "*" : string.Empty);

    private static string? Rule(FrameworkNode node) =>
        node.Rule is null
            ? null
            : node.Rule.Text + (node.Rule.WhenUndefinedText is { } w ? " | when_undefined: " + w : string.Empty);

    private static string? Normalize(string? formula) =>
        formula is null ? null : string.Concat(formula.Where(c => !char.IsWhiteSpace(c)));

    private static string Inputs(FrameworkNode node) =>
        string.Join("; ", node.Inputs.Select(i =>
            i.Name + ":" + i.Kind.ToFileName()
            + (i.Unit is null ? string.Empty : "[" + i.Unit + "]")
            + (i.Options.Count == 0
                ? string.Empty
                : "{" + string.Join(",", i.Options.Select(o => o.Key + "=" + o.Fraction.ToString(CultureInfo.InvariantCulture))) + "}")));
}
