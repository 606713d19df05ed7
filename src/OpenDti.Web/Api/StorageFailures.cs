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
internal sealed class StorageFailures(IProblemDetailsService problems, StorageWatch watch, ILogger<StorageFailures> log) : IExceptionHandler
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

        watch.Failed(problem);
        log.LogWarning(
            "Máy chủ chưa lưu được, trả lời 503 / the server cannot save, answered 503 ({Problem}): {Method} {Path}: {Message}",
            problem == StorageProblem.Full ? "ổ đĩa đầy / disk full" : "chỉ đọc / read-only",
            httpContext.Request.Method,
            httpContext.Request.Path,
            exception.GetBaseException().Message);
        return await UnavailableAsync(problems, httpContext, exception, 60, problem == StorageProblem.Full ? "StorageFull" : "StorageReadOnly", "StorageNothingLost");
    }

    /// <summary>
    /// Answers 503 with <c>Retry-After: <paramref name="retryAfterSeconds"/></c> and a problem whose title and detail are
    /// the resources <paramref name="title"/> and <paramref name="detail"/> (given the seconds) in the reader's language.
    /// </summary>
    internal static async ValueTask<bool> UnavailableAsync(
        IProblemDetailsService problems, HttpContext httpContext, Exception exception, int retryAfterSeconds, string title, string detail)
    {
        var language = BadRequests.LanguageOf(httpContext);
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = BadRequests.Text(language, title),
            Detail = BadRequests.Text(language, detail, retryAfterSeconds),
        };

        // The form's script shows `message`.
        details.Extensions["message"] = details.Title;
        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }
}
