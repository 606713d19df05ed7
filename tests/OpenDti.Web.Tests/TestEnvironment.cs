using System.Runtime.CompilerServices;

namespace OpenDti.Web.Tests;

/// <summary>
/// Settings for every host the tests start. Hundreds of hosts start and stop in one test process,
/// and a host built by <c>WebApplication.CreateBuilder</c> watches its configuration files with
/// inotify; those watchers outlived the hosts, and the process reached the system's limit of 128
/// inotify instances (after which requests failed with 500). The tests never change configuration
/// files, so nothing is watched: configuration is not reloaded, and any file watching polls.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
