using OpenDti.Web.Security;

namespace OpenDti.Web.Startup;

/// <summary>The request pipeline.</summary>
public static class PipelineSetup
{
    /// <summary>
    /// Compressed answers (Brotli, else gzip, at the fastest level: two cores serve many users) for pages,
    /// JSON, CSV, scripts and styles; Excel and PDF files are compressed already. Over HTTPS too: the secrets
    /// a page carries (anti-forgery tokens) are encrypted afresh for every response, so a page's compressed
    /// size tells an observer nothing stable about them (BREACH).
    /// </summary>
    public static WebApplicationBuilder AddOpenDtiCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            options.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes
                .Concat(["application/problem+json", "text/csv", "image/svg+xml"]);
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }

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
        app.UseResponseCompression();
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
