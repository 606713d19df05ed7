namespace OpenDti.Web.Security;

/// <summary>
/// The headers every response carries, pages, API, static files and errors alike: a
/// Content-Security-Policy, frame protection, <c>nosniff</c>, a Referrer-Policy, and HSTS when the
/// request came over HTTPS outside Development. docs/security.md ("Headers") says why each is what it is.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The pages' policy: scripts and styles from the application only, no inline script, no plugin,
    /// no framing, forms and connections to the application only. Style attributes are allowed
    /// (<c>style-src-attr</c>): ECharts writes the tooltip's markup with style attributes; a
    /// <c>&lt;style&gt;</c> element or a stylesheet from elsewhere is still refused.
    /// </summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference's policy (<c>/scalar</c> only): Scalar's page starts itself with an inline script
    /// and styles itself inline. It shows the OpenAPI document, not the province's data, and still may not
    /// be framed, load from elsewhere or send anywhere but the application.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>One year, the value HSTS preload lists ask for; no includeSubDomains: the province's other sites are not ours to decide.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Adds the headers to every response; register it first, so errors and static files get them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool development) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : Policy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (context.Request.IsHttps && !development)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
