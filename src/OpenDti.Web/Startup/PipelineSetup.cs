using OpenDti.Web.Security;

namespace OpenDti.Web.Startup;

/// <summary>The request pipeline.</summary>
public static class PipelineSetup
{
    /// <summary>
    /// Forwarded headers from known proxies only, security headers on every response, errors as problem
    /// details (no stack trace to the client), static files, authentication, anti-forgery.
    /// </summary>
    public static WebApplication UseOpenDti(this WebApplication app)
    {
        if (app.HasKnownProxies())
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders(app.Environment.IsDevelopment());
        app.UseServerTiming();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNoNulCharacters();
        app.UseStaticFiles();
        app.Use(RememberLanguage);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The language link (<c>?lang=en</c>) is remembered in a cookie for the following pages.</summary>
    private static Task RememberLanguage(HttpContext context, Func<Task> next)
    {
        if (context.Request.Query["lang"].FirstOrDefault() is { Length: > 0 } lang)
        {
            var language = Core.Text.LanguageExtensions.ParseLanguage(lang) == Core.Text.Language.English ? "en" : "vi";
            context.Response.Cookies.Append(Pages.PageText.LanguageCookie, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        return next();
    }
}
