using System.Collections.Concurrent;
using OpenDti.Core.Frameworks;

namespace OpenDti.Exchange.Frameworks.BuiltIn;

/// <summary>
/// The frameworks that ship with OpenDti, embedded as YAML resources. The files are kept readable
/// in <c>src/OpenDti.Exchange/Frameworks/BuiltIn/</c>; each is loaded and compiled once, on first use.
/// </summary>
public static class BuiltInFrameworks
{
    private static readonly ConcurrentDictionary<string, Lazy<FrameworkLoadResult>> Cache = new(StringComparer.Ordinal);

    /// <summary>The codes of the built-in frameworks.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        "dti-province-2022",
        "dti-department-2022",
        "dti-district-2023",
        "dti-commune-2025",
    ];

    /// <summary>Whether <paramref name="code"/> names a built-in framework.</summary>
    public static bool Contains(string code) => Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>The YAML text of the built-in framework <paramref name="code"/>.</summary>
    public static string Yaml(string code)
    {
        if (!Contains(code))
        {
            throw new KeyNotFoundException($"There is no built-in framework '{code}'.");
        }

        using var stream = typeof(BuiltInFrameworks).Assembly.GetManifestResourceStream($"OpenDti.Frameworks.{code}.yaml")
            ?? throw new InvalidOperationException($"The resource of built-in framework '{code}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads (once) and returns the built-in framework <paramref name="code"/>, with its diagnostics.</summary>
    public static FrameworkLoadResult Load(string code) =>
        Cache.GetOrAdd(code, c => new Lazy<FrameworkLoadResult>(() => FrameworkLoader.Load(Yaml(c), c + ".yaml"))).Value;

    /// <summary>The compiled built-in framework <paramref name="code"/>; throws if it does not load (a bug).</summary>
    public static Framework Get(string code) =>
        Load(code).Framework
        ?? throw new InvalidOperationException($"Built-in framework '{code}' does not load: {string.Join("; ", Load(code).Errors)}");

    /// <summary>Every built-in framework.</summary>
    public static IEnumerable<Framework> All() => Codes.Select(Get);
}
