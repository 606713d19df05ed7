using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Core.Scoring;

/// <summary>One unit's results in a cohort: points of every node, total, ranks, completeness.</summary>
/// <remarks>
/// A view into the cohort's results, which are kept in one array for all units (allocated once; the
/// garbage collector never copies it). A parent's fraction is computed when it is read.
/// </remarks>
public sealed class UnitScores
{
    private readonly NodeScore[] _all;
    private readonly int _offset;
    private int[] _mainIndexRanks = [];

    internal UnitScores(UnitInputs inputs, NodeScore[] all, int offset, decimal total, bool complete)
    {
        Inputs = inputs;
        _all = all;
        _offset = offset;
        Total = total;
        Complete = complete;
    }

    /// <summary>The unit's code.</summary>
    public string UnitCode => Inputs.UnitCode;

    /// <summary>What the unit reported.</summary>
    public UnitInputs Inputs { get; }

    /// <summary>Total points: the sum of the top-level nodes' points.</summary>
    public decimal Total { get; }

    /// <summary>Rank in the cohort by total (1 is best; ties share a rank).</summary>
    public int Rank { get; internal set; }

    /// <summary>Whether the unit reported anything; units that did not are ranked last.</summary>
    public bool Submitted => Inputs.HasAnyValue;

    /// <summary>Whether every indicator could be scored (nothing "chưa kê khai").</summary>
    public bool Complete { get; }

    /// <summary>Inputs with a value.</summary>
    public int AnsweredInputs => Inputs.AnsweredCount;

    /// <summary>All inputs of the framework.</summary>
    public int TotalInputs => Inputs.Framework.Inputs.Count;

    /// <summary>The result for <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> belongs to another framework.</exception>
    public NodeScore this[FrameworkNode node]
    {
        get
        {
            var score = _all[_offset + IndexOf(node)];
            return node.IsLeaf ? score : score with { Fraction = score.Points / node.MaxPoints };
        }
    }

    /// <summary>The result for the node with <paramref name="code"/>.</summary>
    public NodeScore this[string code] => this[Inputs.Framework.FindNode(code) ?? throw new KeyNotFoundException($"No node {code}.")];

    /// <summary>Results of every node, by node index.</summary>
    public IReadOnlyList<NodeScore> Nodes => Inputs.Framework.Nodes.Select(node => this[node]).ToArray();

    /// <summary>The points of <paramref name="node"/> (no copy of the whole result; used for ranking).</summary>
    internal decimal PointsOf(FrameworkNode node) => _all[_offset + IndexOf(node)].Points;

    /// <summary>The node's index, once it is known to be a node of this unit's framework (the array holds every unit's results).</summary>
    private int IndexOf(FrameworkNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var nodes = Inputs.Framework.Nodes;
        return (uint)node.Index < (uint)nodes.Count && ReferenceEquals(nodes[node.Index], node)
            ? node.Index
            : throw new ArgumentException($"Node {node.Code} is not a node of framework {Inputs.Framework.Code}.", nameof(node));
    }

    /// <summary>The unit's rank on the main index <paramref name="mainIndex"/>.</summary>
    public int MainIndexRank(FrameworkNode mainIndex)
    {
        var position = -1;
        var mainIndices = Inputs.Framework.MainIndices;
        for (var i = 0; i < mainIndices.Count; i++)
        {
            if (ReferenceEquals(mainIndices[i], mainIndex))
            {
                position = i;
            }
        }

        return position >= 0 ? _mainIndexRanks[position] : throw new ArgumentException($"{mainIndex.Code} is not a main index.", nameof(mainIndex));
    }

    internal void SetMainIndexRanks(int[] ranks) => _mainIndexRanks = ranks;

    /// <summary>The same results, to be ranked in another cohort (the node scores are shared: they never change).</summary>
    internal UnitScores Copy() => new(Inputs, _all, _offset, Total, Complete);

    /// <inheritdoc />
    public override string ToString() => $"{UnitCode}: {Total} (#{Rank})";
}
