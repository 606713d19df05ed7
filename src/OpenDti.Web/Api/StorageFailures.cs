using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Data.Storage;

namespace OpenDti.Web.Api;

/// <summary>
/// A request the database cannot store now (a full disk, a read-only data folder or database) answers
/// 503 with a problem saying so in Vietnamese or English, and <c>Retry-After</c>; nothing saved before is
/// lost (the failed save was one transaction, rolled back). <c>/health</c> reports it until a save
/// succeeds (<see cref="StorageWatch"/>).
/// </summary>
internal sealed class StorageFailures(IProblemDetailsService problems, StorageWatch watch) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (StorageFailure.Of(exception) is not { } problem)
        {
            return false;
        }

        var language = BadRequests.LanguageOf(httpContext);
        watch.Failed(problem);
        httpContext.Response.Headers.RetryAfter = "60";
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = BadRequests.Text(language, problem == StorageProblem.Full ? "StorageFull" : "StorageReadOnly"),
            Detail = BadRequests.Text(language, "StorageNothingLost"),
        };

        // The form's script shows `message`.
        details.Extensions["message"] = details.Title;
        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }
}
