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
}
