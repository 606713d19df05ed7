using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OpenDti.Application.Accounts;
using OpenDti.Data;
using OpenDti.Data.Identity;
using OpenDti.Web.Security;

namespace OpenDti.Web.Startup;

/// <summary>
/// Accounts and sign-in. People sign in with a cookie; machines with a bearer token from
/// <c>POST /api/auth/login</c>. Both are protected by data-protection keys kept in the database, so
/// every web instance accepts what another issued. Sign-in itself is <see cref="PasswordSignIn"/>, for both.
/// </summary>
public static class IdentitySetup
{
    /// <summary>The scheme that picks the bearer token for API calls and the cookie otherwise.</summary>
    public const string Scheme = "OpenDti";

    /// <summary>Registers Identity, the authentication schemes and data protection.</summary>
    public static WebApplicationBuilder AddOpenDtiIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("OpenDti").PersistKeysToDbContext<OpenDtiDbContext>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, Scheme, options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api") && ApiKeyHandler.HasKey(context.Request)
                        ? ApiKeyHandler.SchemeName
                        : context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddCookie(IdentityConstants.ApplicationScheme, options =>
            {
                options.LoginPath = "/dang-nhap";
                options.AccessDeniedPath = "/khong-co-quyen";
                options.Cookie.Name = "OpenDti";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);

                // A sign-in ends at once when its account is removed, locked, or given a new password or role.
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (!await CurrentActor.IsStillValidAsync(context.Principal, context.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>()))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
            })
            .AddCookie(IdentityConstants.ExternalScheme)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme);

        services.AddIdentityCore<AppUser>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpenDtiDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddOpenDtiPasswordPolicy();
        // A link to reset a forgotten password (sent by e-mail) works for two hours, and once: the new
        // password renews the security stamp the token was made with.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(2));
        services.Configure<DemoModeOptions>(options => options.Demo = builder.Configuration.GetValue<bool>("OpenDti:Demo"));

        // The anti-forgery cookie is Secure whenever the request came over HTTPS (directly, or from a known proxy).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddOptions<SignInSettings>()
            .Bind(builder.Configuration.GetSection(SignInSettings.Section))
            .Validate(
                s => s.PerAddress is { Permits: > 0, WindowSeconds: > 0 } && s.PerAccount is { Permits: > 0, WindowSeconds: > 0 },
                "OpenDti:SignIn:PerAddress and PerAccount need Permits and WindowSeconds above 0")
            .ValidateOnStart();
        services.AddSingleton<SignInLimiter>();
        services.AddScoped<PasswordSignIn>();

        services.AddAuthorization(options =>
            options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaleSignIns>();
        return builder;
    }
}
