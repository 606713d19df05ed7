using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Inputs;

namespace OpenDti.Testing;

/// <summary>Small frameworks built in code for tests.</summary>
public static class TestFrameworks
{
    /// <summary>
    /// A framework with one main index "1" and one indicator "1.1" worth <paramref name="maxPoints"/>,
    /// whose rule is <paramref name="rule"/>. Inputs: numbers a, b, c, d, e, f; a percentage <c>pct</c>;
    /// yes/no <c>yes</c> and <c>no</c>; a choice <c>pick</c> (full = 1, half = 1/2, none = 0). Profile: pop, hh.
    /// </summary>
    public static Framework SingleRule(string rule, decimal maxPoints = 10m, string? whenUndefined = null)
    {
        var definition = Definition(rule, maxPoints, whenUndefined);
        var compiled = FrameworkCompiler.Compile(definition);
        return compiled.Framework
            ?? throw new InvalidOperationException("Test framework does not compile: " + string.Join("; ", compiled.Errors.Select(e => e.ToLine())));
    }

    /// <summary>The definition behind <see cref="SingleRule"/>, to be altered by a test.</summary>
    public static FrameworkDefinition Definition(string rule, decimal maxPoints = 10m, string? whenUndefined = null)
    {
        var leaf = new NodeDefinition { Code = "1.1", Name = "Chỉ số thử", MaxPoints = maxPoints, Rule = rule };
        if (whenUndefined is not null)
        {
            leaf.WhenUndefined = whenUndefined;
        }

        foreach (var name in new[] { "a", "b", "c", "d", "e", "f" })
        {
            leaf.Inputs.Add(new InputDefinition { Name = name, Label = name + " = số thử", Kind = "number" });
        }

        leaf.Inputs.Add(new InputDefinition { Name = "pct", Label = "pct = tỷ lệ thử", Kind = "number", Unit = "%" });
        leaf.Inputs.Add(new InputDefinition { Name = "yes", Label = "Câu hỏi có", Kind = "yes_no" });
        leaf.Inputs.Add(new InputDefinition { Name = "no", Label = "Câu hỏi không", Kind = "yes_no" });
        var pick = new InputDefinition { Name = "pick", Label = "Lựa chọn", Kind = "choice" };
        pick.Options.Add(new OptionDefinition { Key = "full", Label = "Đầy đủ", Fraction = "1" });
        pick.Options.Add(new OptionDefinition { Key = "half", Label = "Một nửa", Fraction = "1/2" });
        pick.Options.Add(new OptionDefinition { Key = "none", Label = "Không có", Fraction = "0" });
        leaf.Inputs.Add(pick);

        var main = new NodeDefinition { Code = "1", Name = "Chỉ số chính thử", MaxPoints = maxPoints };
        main.Children.Add(leaf);
        var definition = new FrameworkDefinition
        {
            Code = "thu",
            Name = "Bộ chỉ số thử",
            Year = 2024,
            Level = "department",
            TotalPoints = maxPoints,
        };
        definition.Profile.Add(new ProfileFieldDefinition { Key = "pop", Label = "Dân số" });
        definition.Profile.Add(new ProfileFieldDefinition { Key = "hh", Label = "Số hộ" });
        definition.Nodes.Add(main);
        return definition;
    }

    /// <summary>Inputs for <paramref name="unit"/> from "name=value" pairs ("a=3", "yes=có", "pick=half", "profile.pop=100").</summary>
    public static UnitInputs Inputs(Framework framework, string unit, params string[] values)
    {
        var inputs = new UnitInputs(framework, unit);
        foreach (var pair in values)
        {
            var (name, text) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (name.StartsWith("profile.", StringComparison.Ordinal))
            {
                inputs.SetProfile(framework.FindProfileField(name["profile.".Length..])!, decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            var leaf = framework.Leaves.First(l => l.Inputs.Any(i => i.Name == name));
            var input = leaf.Inputs.First(i => i.Name == name);
            var parsed = InputValueParser.Parse(input, text);
            if (!parsed.Succeeded || inputs.Set(input, parsed.Value!.Value) is not null)
            {
                throw new ArgumentException($"Bad test value {pair}.");
            }
        }

        return inputs;
    }

    /// <summary>Reads a sample or doc file of the repository by its path from the repository root.</summary>
    public static string RepositoryFile(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    /// <summary>The repository root (the folder holding OpenDti.slnx).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "OpenDti.slnx")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (OpenDti.slnx).");
        }
    }
}
