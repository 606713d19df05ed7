namespace OpenDti.Web.Startup;

/// <summary>The server-rendered pages for people (Razor Pages).</summary>
public static class PagesSetup
{
    /// <summary>Registers Razor Pages; sign-in and the access-denied page are open to everyone.</summary>
    public static WebApplicationBuilder AddOpenDtiPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/AccessDenied");
        });

        // Vietnamese letters are written as they are, not as &#x...; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>Maps the pages.</summary>
    public static WebApplication MapOpenDtiPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
