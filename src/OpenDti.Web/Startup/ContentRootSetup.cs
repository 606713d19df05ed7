using System.Collections;

namespace OpenDti.Web.Startup;

/// <summary>
/// Where OpenDti finds its own files (wwwroot, appsettings.json) and what a relative data directory is relative to.
/// ASP.NET Core takes the current directory by default, so a published OpenDti started from anywhere else
/// (<c>cd / &amp;&amp; dotnet /opt/opendti/web/OpenDti.Web.dll</c>) served no styles or scripts, read none of its
/// settings and made its database in that directory. OpenDti takes its own folder instead, unless told otherwise.
/// </summary>
public static class ContentRootSetup
{
    /// <summary>The options the web application is built with, from its command line and this process's environment.</summary>
    public static WebApplicationOptions Options(string[] args) =>
        Options(args, Environment.GetEnvironmentVariables(), AppContext.BaseDirectory);

    /// <summary>
    /// The options for <paramref name="args"/> and <paramref name="environment"/> (variables): the content root
    /// is the one given (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c>, read as
    /// the host reads them); else, in Development, the current directory, which <c>dotnet run</c> sets to the
    /// project's folder (its wwwroot, its appsettings and its <c>data</c> folder, as before); else
    /// <paramref name="applicationDirectory"/>, the folder of OpenDti.Web.dll.
    /// </summary>
    public static WebApplicationOptions Options(string[] args, IDictionary environment, string applicationDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        // The host's own order: DOTNET_ variables, then ASPNETCORE_ ones over them, then the command line over both.
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var prefix in (string[])["DOTNET_", "ASPNETCORE_"])
        {
            foreach (DictionaryEntry entry in environment)
            {
                if (entry.Key is string name && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    variables[name[prefix.Length..]] = entry.Value as string;
                }
            }
        }

        var host = new ConfigurationBuilder()
            .AddInMemoryCollection(variables)
            .AddCommandLine(args)
            .Build();
        var given = !string.IsNullOrWhiteSpace(host[HostDefaults.ContentRootKey]);
        var development = string.Equals(host[HostDefaults.EnvironmentKey], Environments.Development, StringComparison.OrdinalIgnoreCase);
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = given || development ? null : applicationDirectory,
        };
    }
}
