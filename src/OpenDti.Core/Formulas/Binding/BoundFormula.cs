using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Formulas.Binding;

/// <summary>A formula after binding: its text, its tree, and what it reads.</summary>
public sealed class BoundFormula
{
    private readonly BoundExpr[] _byId;

    internal BoundFormula(string text, BoundExpr root, IReadOnlyList<BoundCohort> cohortCalls)
    {
        Text = text;
        Root = root;
        CohortCalls = cohortCalls;
        _byId = root.DescendantsAndSelf().ToArray();
        for (var i = 0; i < _byId.Length; i++)
        {
            _byId[i].Id = i;
        }

        Inputs = _byId.OfType<BoundInput>().Select(i => i.Input).Distinct().ToArray();
        ProfileFields = _byId.OfType<BoundProfile>().Select(p => p.Field).Distinct().ToArray();
    }

    /// <summary>The formula as written.</summary>
    public string Text { get; }

    /// <summary>The bound tree.</summary>
    public BoundExpr Root { get; }

    /// <summary>The <c>minmax</c> and <c>best</c> calls, in order of their local slot.</summary>
    public IReadOnlyList<BoundCohort> CohortCalls { get; }

    /// <summary>The inputs the formula reads, in order of first use.</summary>
    public IReadOnlyList<InputSpec> Inputs { get; }

    /// <summary>The profile fields the formula reads.</summary>
    public IReadOnlyList<ProfileField> ProfileFields { get; }

    /// <summary>The node with <paramref name="id"/>.</summary>
    public BoundExpr Node(int id) => _byId[id];
}
