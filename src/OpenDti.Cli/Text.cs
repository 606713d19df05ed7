using System.Globalization;
using OpenDti.Cli.Resources;
using OpenDti.Core.Text;

namespace OpenDti.Cli;

/// <summary>The command line's own messages (help, errors, table headers) in the chosen language.</summary>
internal sealed class Text(Language language)
{
    public Language Language { get; } = language;

    public string this[string key] => Get(key);

    public string Get(string key, params object?[] args)
    {
        var template = CliText.ResourceManager.GetString(key, Language.ResourceCulture())
            ?? throw new InvalidOperationException($"CLI message '{key}' is missing.");
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
