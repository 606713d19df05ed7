using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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
        var language = BadRequests.LanguageOf(httpContext);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = BadRequests.Text(language, "DatabaseBusy"),
            Detail = BadRequests.Text(language, "DatabaseBusyNothingLost", RetryAfterSeconds),
        };

        // The form's script shows `message`.
        details.Extensions["message"] = details.Title;
        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }
}
