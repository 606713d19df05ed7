namespace OpenDti.Core.Diagnostics;

/// <summary>Collects diagnostics so that a check reports every problem at once, not the first only.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Everything reported so far, in order.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>Whether any error (not warning) was reported.</summary>
    public bool HasErrors => _items.Exists(d => d.IsError);

    /// <summary>Adds <paramref name="diagnostic"/>.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds all of <paramref name="diagnostics"/>.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Reports an error.</summary>
    public void Error(string code, SourceLocation location, params object?[] arguments) =>
        _items.Add(Diagnostic.Error(code, location, arguments));

    /// <summary>Reports a warning.</summary>
    public void Warning(string code, SourceLocation location, params object?[] arguments) =>
        _items.Add(Diagnostic.Warning(code, location, arguments));
}
