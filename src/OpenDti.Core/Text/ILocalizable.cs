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

/// <summary>
/// Names listed in a message ("a, b, c": the inputs an indicator has, the options of a choice). A list
/// the application built is repeated whole, where a text someone sent is cut to an <see cref="Excerpt"/>.
/// </summary>
/// <param name="Items">The names, in order.</param>
public sealed record TextList(IEnumerable<string> Items) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) => string.Join(", ", Items);

    /// <inheritdoc />
    public override string ToString() => ToString(Language.Vietnamese);
}
