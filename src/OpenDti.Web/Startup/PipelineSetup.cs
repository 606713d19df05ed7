namespace OpenDti.Web.Startup;

/// <summary>The request pipeline.</summary>
public static class PipelineSetup
{
    /// <summary>Errors as problem details (no stack trace to the client), static files, authentication, anti-forgery.</summary>
    public static WebApplication UseOpenDti(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
