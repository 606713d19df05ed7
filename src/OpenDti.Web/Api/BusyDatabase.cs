using Microsoft.AspNetCore.Diagnostics;
using OpenDti.Data.Storage;

namespace OpenDti.Web.Api;

/// <summary>
/// A request the database could not answer in time (it waited behind other writers past the command timeout, found
/// no free connection, or was cancelled) answers 503 with a problem saying so in Vietnamese or English and
/// <c>Retry-After</c>: nothing was saved (the failed change was one transaction, rolled back), and trying again a
/// moment later is the right thing to do. Not a storage failure: <c>/health</c> stays as it was.
/// </summary>
internal sealed class BusyDatabase(IProblemDetailsService problems, ILogger<BusyDatabase> log) : IExceptionHandler
{
    /// <summary>How many seconds the answer asks the caller to wait.</summary>
    public const int RetryAfterSeconds = 5;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || !DatabaseBusy.Is(exception))
        {
            return false;
        }

        log.LogWarning("Cơ sở dữ liệu bận, trả lời 503 / database busy, answered 503: {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        return await StorageFailures.UnavailableAsync(problems, httpContext, exception, RetryAfterSeconds, "DatabaseBusy", "DatabaseBusyNothingLost");
    }
}
