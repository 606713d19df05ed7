using System.Globalization;

namespace OpenDti.Core.Text;

/// <summary>
/// Looks up the domain's messages in <c>Messages.resx</c> (Vietnamese) and <c>Messages.en.resx</c>.
/// </summary>
/// <remarks>
/// The culture is always passed explicitly: the domain never reads the current culture, so a web
/// request in English and a CLI run in Vietnamese can share one process. Arguments that are numbers
/// are formatted with <see cref="NumberText"/> in the same language.
/// </remarks>
public static class Localizer
{
    /// <summary>The message named <paramref name="key"/> in <paramref name="language"/>, formatted with <paramref name="args"/>.</summary>
    public static string Format(Language language, string key, params object?[] args)
    {
        var template = Messages.ResourceManager.GetString(key, language.ResourceCulture())
            ?? throw new InvalidOperationException($"Message '{key}' is missing from the resources.");
        if (args.Length == 0)
        {
            return template;
        }

        var formatted = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            formatted[i] = args[i] switch
            {
                decimal d => NumberText.Number(d, language),
                int n => NumberText.Number(n, language),
                ILocalizable localizable => localizable.ToString(language),
                _ => args[i],
            };
        }

        return string.Format(CultureInfo.InvariantCulture, template, formatted);
    }

    /// <summary>Whether a message named <paramref name="key"/> exists.</summary>
    public static bool Has(string key) =>
        Messages.ResourceManager.GetString(key, CultureInfo.InvariantCulture) is not null;
}
