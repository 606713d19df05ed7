using Microsoft.Extensions.Options;

namespace OpenDti.Web.Startup;

/// <summary>Tells the console where OpenDti listens and where its data is.</summary>
public static class Listening
{
    /// <summary>Logs the addresses once the server has started.</summary>
    public static WebApplication LogWhereOpenDtiListens(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var settings = app.Services.GetRequiredService<IOptions<OpenDtiSettings>>().Value;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenDti");
            foreach (var url in app.Urls)
            {
                Log.Listening(logger, url);
            }

            Log.DataDirectory(logger, settings.DataDirectory);
        });
        return app;
    }

    /// <summary>
    /// Runs the application until it stops. When its port is taken it says so in one line, with how to choose
    /// another, and exits with 69 (EX_UNAVAILABLE) rather than a stack trace; a setting that fails its check
    /// (the proxies, the evidence size, the answer days) is named in one line, exit 78 (EX_CONFIG). (appsettings.json keeps the generic
    /// host's own "Hosting failed to start" log, which prints the trace, at Critical: any other failure to start
    /// still ends the process with its exception on the console, and the reminder job catches its own errors.)
    /// </summary>
    public static async Task<int> RunOpenDtiAsync(this WebApplication app)
    {
        // RunAsync disposes the services when it ends, failed or not: what the catch needs is taken first.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenDti");
        var urls = app.Configuration["urls"] ?? "http://localhost:5000"; // --urls, ASPNETCORE_URLS or launchSettings; else Kestrel's default
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Log.AddressInUse(logger, urls);
            return 69;
        }
        catch (Exception exception) when (WrongSettings(exception) is { } failures)
        {
            Log.SettingWrongAtStart(logger, failures);
            return 78;
        }
    }

    /// <summary>The failures of the settings checks that stopped the start, every one of them in one text; null for any other failure.</summary>
    private static string? WrongSettings(Exception exception) => exception switch
    {
        OptionsValidationException wrong => string.Join("; ", wrong.Failures),
        AggregateException several when several.InnerExceptions.All(e => e is OptionsValidationException) =>
            string.Join("; ", several.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        _ => null,
    };
}
