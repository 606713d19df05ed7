using Xunit;

namespace OpenDti.Cli.Tests;

/// <summary>
/// The test classes that set <c>OPENDTI_ADMIN_PASSWORD</c>, a variable of the whole process: they run one
/// after the other, never at the same time.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class AdminPasswordVariable
{
    /// <summary>The collection's name.</summary>
    public const string Collection = "OPENDTI_ADMIN_PASSWORD";
}
