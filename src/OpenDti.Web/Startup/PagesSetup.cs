using OpenDti.Web.Security;

namespace OpenDti.Web.Startup;

/// <summary>The server-rendered pages for people (Razor Pages).</summary>
public static class PagesSetup
{
    /// <summary>The longest value of a posted form field, in characters (256 KB).</summary>
    public const int FormValueLimit = 256 * 1024;

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
            options.Conventions.ConfigureFilter(new FormValueLimit());
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Account/Forgot");
            options.Conventions.AllowAnonymousToPage("/Account/Reset");
            options.Conventions.AddFolderApplicationModelConvention("/Admin", model =>
                model.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(
                    model.ViewEnginePath.StartsWith("/Admin/Periods/", StringComparison.Ordinal) ? ActorPolicies.ManagePeriods : ActorPolicies.Administer)));
        });

        // No field a person types is near this long (the longest texts are 4.000 characters; a pasted
        // baseline of a few thousand lines is under it): a longer one refuses the whole post, unread and
        // never written back into a page (docs/security.md; FormValueLimit holds multipart forms to it). Files
        // are not fields and keep their own limits.
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.ValueLengthLimit = FormValueLimit);

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
