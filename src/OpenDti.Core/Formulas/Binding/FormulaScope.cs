using OpenDti.Core.Frameworks;

namespace OpenDti.Core.Formulas.Binding;

/// <summary>What a formula may refer to: the inputs of its indicator, the framework's profile fields and its max points.</summary>
public sealed class FormulaScope
{
    private readonly Dictionary<string, InputSpec> _inputs;
    private readonly Dictionary<string, ProfileField> _profile;

    /// <summary>Creates a scope.</summary>
    /// <param name="inputs">The indicator's inputs.</param>
    /// <param name="profile">The framework's profile fields.</param>
    /// <param name="maxPoints">The indicator's max points (<c>max_points</c> in formulas).</param>
    /// <param name="allowCohort">Whether <c>minmax</c> and <c>best</c> may be used (rules yes, checks no).</param>
    /// <param name="purpose">What the formula is ("rule", "check"), for messages.</param>
    public FormulaScope(
        IEnumerable<InputSpec> inputs,
        IEnumerable<ProfileField> profile,
        decimal maxPoints,
        bool allowCohort = true,
        string purpose = "rule")
    {
        _inputs = inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _profile = profile.ToDictionary(p => p.Key, StringComparer.Ordinal);
        MaxPoints = maxPoints;
        AllowCohort = allowCohort;
        Purpose = purpose;
    }

    /// <summary>A scope with no names: for constant expressions such as an option's fraction.</summary>
    public static FormulaScope Constants { get; } = new([], [], 0m, allowCohort: false, purpose: "constant");

    /// <summary>The indicator's max points.</summary>
    public decimal MaxPoints { get; }

    /// <summary>Whether cohort functions are allowed.</summary>
    public bool AllowCohort { get; }

    /// <summary>What the formula is, for messages.</summary>
    public string Purpose { get; }

    /// <summary>The input names, in declaration order.</summary>
    public IEnumerable<string> InputNames => _inputs.Keys;

    /// <summary>The profile keys.</summary>
    public IEnumerable<string> ProfileKeys => _profile.Keys;

    /// <summary>Finds an input.</summary>
    public bool TryGetInput(string name, out InputSpec input) => _inputs.TryGetValue(name, out input!);

    /// <summary>Finds a profile field.</summary>
    public bool TryGetProfile(string key, out ProfileField field) => _profile.TryGetValue(key, out field!);
}
