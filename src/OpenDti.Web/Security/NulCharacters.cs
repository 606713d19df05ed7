using Microsoft.AspNetCore.Mvc;
using OpenDti.Web.Api;

namespace OpenDti.Web.Security;

/// <summary>
/// A request whose address (path or query) or url-encoded form holds a NUL character (<c>%00</c>) is
/// answered 400 before it reaches an endpoint. No code, name or value of the application has one, and
/// PostgreSQL refuses it in any query or row, which would otherwise answer 500 on PostgreSQL and pass on
/// SQLite. JSON bodies are refused while being read (<see cref="RequestJson"/>); multipart forms (uploads)
/// are not read here, so as not to buffer files before their endpoint's own size limit: their texts meet
/// the data layer's check before they are saved (<c>TextLimits</c>).
/// </summary>
public static class NulCharacters
{
    /// <summary>Answers 400 to a request with a NUL in its address or url-encoded form.</summary>
    public static IApplicationBuilder UseNoNulCharacters(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await HasNulAsync(context.Request))
            {
                var language = BadRequests.LanguageOf(context);
                var title = BadRequests.Text(language, "RequestHasNul");
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = title, Extensions = { ["message"] = title } },
                });
                return;
            }

            await next(context);
        });

    private static async Task<bool> HasNulAsync(HttpRequest request)
    {
        if (Has(request.Path.Value) || request.Query.Any(q => Has(q.Key) || q.Value.Any(Has)))
        {
            return true;
        }

        if (!request.HasFormContentType || !string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.Any(f => Has(f.Key) || f.Value.Any(Has));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A form that cannot be read is its endpoint's to refuse, as before.
            return false;
        }
    }

    private static bool Has(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
