using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Core.Scoring;

/// <summary>One unit's results in a cohort: points of every node, total, ranks, completeness.</summary>
public sealed class UnitScores
{
    private readonly NodeScore[] _nodes;
    private int[] _mainIndexRanks = [];

    internal UnitScores(UnitInputs inputs, NodeScore[] nodes, decimal total, bool complete)
    {
        Inputs = inputs;
        _nodes = nodes;
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
    public NodeScore this[FrameworkNode node] => _nodes[node.Index];

    /// <summary>The result for the node with <paramref name="code"/>.</summary>
    public NodeScore this[string code] =>
        _nodes[(Inputs.Framework.FindNode(code) ?? throw new KeyNotFoundException($"No node {code}.")).Index];

    /// <summary>Results of every node, by node index.</summary>
    public IReadOnlyList<NodeScore> Nodes => _nodes;

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

    /// <inheritdoc />
    public override string ToString() => $"{UnitCode}: {Total} (#{Rank})";
}
