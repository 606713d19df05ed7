using OpenDti.Web.Security;

namespace OpenDti.Web.Startup;

/// <summary>The server-rendered pages for people (Razor Pages).</summary>
public static class PagesSetup
{
    /// <summary>
    /// Registers Razor Pages; sign-in and the access-denied page are open to everyone. Every page under
    /// <c>/Admin</c> is for administrators, except those under <c>/Admin/Periods</c>, which are for whoever
    /// manages periods: a new admin page is protected without anyone having to remember it.
    /// </summary>
    public static WebApplicationBuilder AddOpenDtiPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddActorPolicies();
        // The form workbooks previewed and waiting for "Áp dụng" (Pages/Report/Form), bounded in bytes.
        builder.Services.AddSingleton<Pages.Report.WorkbookPreviews>();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Account/Forgot");
            options.Conventions.AllowAnonymousToPage("/Account/Reset");
            options.Conventions.AddFolderApplicationModelConvention("/Admin", model =>
                model.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(
                    model.ViewEnginePath.StartsWith("/Admin/Periods/", StringComparison.Ordinal) ? ActorPolicies.ManagePeriods : ActorPolicies.Administer)));
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
