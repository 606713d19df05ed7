using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Scoring;

/// <summary>
/// A framework's tree as plain arrays of node indices, for the engine's inner loop: walking
/// <see cref="FrameworkNode.Children"/> through <see cref="IReadOnlyList{T}"/> costs an enumerator and
/// interface calls per parent and unit.
/// </summary>
internal sealed class ScoringLayout
{
    public ScoringLayout(Framework framework)
    {
        Nodes = [.. framework.Nodes];
        Children = [.. Nodes.Select(node => node.Children.Select(child => child.Index).ToArray())];
        Roots = [.. framework.Roots.Select(root => root.Index)];
    }

    /// <summary>Every node in depth-first order.</summary>
    public FrameworkNode[] Nodes { get; }

    /// <summary>The indices of each node's children.</summary>
    public int[][] Children { get; }

    /// <summary>The indices of the top-level nodes.</summary>
    public int[] Roots { get; }
}
