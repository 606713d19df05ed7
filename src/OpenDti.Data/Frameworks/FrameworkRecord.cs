using OpenDti.Core.Frameworks;

namespace OpenDti.Data.Frameworks;

/// <summary>
/// A stored framework version: its YAML text and a few fields for listing. A stored framework is
/// never changed: an edit is imported as a new version with a new code, so a compiled framework can be
/// cached by id and two web instances can never disagree on it.
/// </summary>
public sealed class FrameworkRecord
{
    /// <summary>Database id.</summary>
    public int Id { get; set; }

    /// <summary>The framework's code (unique).</summary>
    public required string Code { get; set; }

    /// <summary>Its name.</summary>
    public required string Name { get; set; }

    /// <summary>Its evaluation year.</summary>
    public int Year { get; set; }

    /// <summary>Its level.</summary>
    public FrameworkLevel Level { get; set; }

    /// <summary>Its total points.</summary>
    public decimal TotalPoints { get; set; }

    /// <summary>The framework file, as imported.</summary>
    public required string Yaml { get; set; }

    /// <summary>Whether it is one of OpenDti's built-in frameworks.</summary>
    public bool BuiltIn { get; set; }

    /// <summary>The framework it was copied from, if any.</summary>
    public string? CopiedFrom { get; set; }

    /// <summary>When it was imported (UTC).</summary>
    public DateTime ImportedAt { get; set; }

    /// <summary>Who imported it.</summary>
    public string? ImportedBy { get; set; }
}
