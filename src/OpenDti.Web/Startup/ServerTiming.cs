using System.Diagnostics;
using System.Globalization;

namespace OpenDti.Web.Startup;

/// <summary>
/// Adds a <c>Server-Timing: app;dur=12.3</c> header (milliseconds) to every response, so the time the
/// server spent on a page can be read in the browser's developer tools or with curl, without a profiler.
/// </summary>
public static class ServerTiming
{
    /// <summary>Measures from here to the moment the response headers are sent.</summary>
    /// <remarks>
    /// Register it first so that it covers the whole pipeline. A Razor page is rendered into a buffer
    /// and its headers are sent when the buffer is written, so for pages this is the whole server time.
    /// </remarks>
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers.Append("Server-Timing", string.Create(CultureInfo.InvariantCulture, $"app;dur={elapsed:0.0}"));
                return Task.CompletedTask;
            });
            return next(context);
        });
}
