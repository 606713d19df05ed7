namespace OpenDti.Application.Evidence.Inspection;

/// <summary>
/// What a file's bytes are and, when they must be refused whatever the file is called, why.
/// </summary>
/// <param name="Type">The kind recognised, or null when the bytes are none of the kinds known.</param>
/// <param name="Refusal">
/// Why the content is refused (damaged structure, a ZIP bomb, macros, scripts), naming the part
/// concerned; null when nothing in the content is wrong.
/// </param>
public sealed record ContentInspection(EvidenceFileType? Type, AppMessage? Refusal)
{
    /// <summary>Bytes of no known kind.</summary>
    public static ContentInspection Unknown { get; } = new(null, null);

    /// <summary>A file of <paramref name="type"/> with nothing wrong in it.</summary>
    public static ContentInspection Of(EvidenceFileType type) => new(type, null);

    /// <summary>A file of <paramref name="type"/> (null when not even that is known) refused for <paramref name="refusal"/>.</summary>
    public static ContentInspection Refused(EvidenceFileType? type, AppMessage refusal) => new(type, refusal);

    /// <summary>A file of <paramref name="type"/> refused for <paramref name="refusal"/> when it is not null.</summary>
    public static ContentInspection Of(EvidenceFileType type, AppMessage? refusal) => new(type, refusal);
}
