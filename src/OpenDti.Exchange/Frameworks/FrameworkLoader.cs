using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;

namespace OpenDti.Exchange.Frameworks;

/// <summary>Reads a framework file and compiles it: every problem of form and content, at once.</summary>
public static class FrameworkLoader
{
    /// <summary>Loads the framework in <paramref name="yaml"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static FrameworkLoadResult Load(string yaml, string? fileName = null)
    {
        return Load(FrameworkYamlReader.Read(yaml, fileName));
    }

    /// <summary>Compiles what a reader gave (a YAML file, a workbook): the same checks whatever the format.</summary>
    public static FrameworkLoadResult Load(FrameworkReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Definition is null)
        {
            return new FrameworkLoadResult(null, read.Diagnostics);
        }

        var compiled = FrameworkCompiler.Compile(read.Definition);
        var diagnostics = read.Diagnostics.Concat(compiled.Diagnostics).ToArray();
        var failed = diagnostics.Any(d => d.IsError);
        return new FrameworkLoadResult(failed ? null : compiled.Framework, diagnostics);
    }
}

/// <summary>The outcome of <see cref="FrameworkLoader.Load(string, string?)"/>.</summary>
/// <param name="Framework">The framework, when there was no error.</param>
/// <param name="Diagnostics">Every error and warning, in file order for reading problems, then validation.</param>
public sealed record FrameworkLoadResult(Framework? Framework, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the framework loaded.</summary>
    public bool Succeeded => Framework is not null;

    /// <summary>The errors.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The warnings.</summary>
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
