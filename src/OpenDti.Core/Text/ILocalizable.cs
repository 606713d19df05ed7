namespace OpenDti.Core.Text;

/// <summary>A message argument that renders itself in the reader's language (e.g. a list of expected tokens).</summary>
public interface ILocalizable
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    string ToString(Language language);
}

/// <summary>A fixed message from resources, usable as an argument of another message.</summary>
/// <param name="Key">The resource key.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record LocalizedText(string Key, params object?[] Arguments) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) => Localizer.Format(language, Key, Arguments);

    /// <inheritdoc />
    public override string ToString() => ToString(Language.Vietnamese);
}
