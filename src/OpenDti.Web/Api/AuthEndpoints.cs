using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenDti.Core.Text;
using OpenDti.Data.Identity;
using OpenDti.Web.Resources;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary><c>POST /api/auth/login</c>: a bearer token for a user name and password.</summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async (LoginRequest request, PasswordSignIn passwords, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, HttpContext http) =>
            {
                var attempt = await passwords.SignInAsync(http, request.UserName, request.Password);
                if (attempt.Succeeded)
                {
                    return Results.Ok(await TokenAsync(attempt.User!, signIn, bearer.Get(IdentityConstants.BearerScheme), time));
                }

                if (attempt.RetryAfter is not null)
                {
                    http.Response.Headers.RetryAfter = attempt.RetryAfterSeconds;
                    var language = ApiResults.LanguageOf(http);
                    var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, WebText.ResourceManager.GetString(attempt.MessageKey, language.ResourceCulture())!, attempt.RetryAfterSeconds);
                    return ApiResults.Problem(StatusCodes.Status429TooManyRequests, title, null, language);
                }

                return ApiResults.Problem(StatusCodes.Status401Unauthorized, attempt.MessageKey, http);
            })
            .AllowAnonymous()
            .WithSummary("Đăng nhập: nhận mã truy cập (bearer token) / Sign in: get a bearer token")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// The access token, written here rather than by the bearer handler's sign-in, which also returns a
    /// refresh token that no route accepts (none is issued: sign in again when the token expires).
    /// The ticket is the one the handler makes (<c>{scheme}:AccessToken</c>, expiry in its properties),
    /// protected with the handler's own protector, so the handler reads it as its own.
    /// </summary>
    private static async Task<TokenResponse> TokenAsync(AppUser user, SignInManager<AppUser> signIn, BearerTokenOptions options, TimeProvider time)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var properties = new AuthenticationProperties { ExpiresUtc = time.GetUtcNow() + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken");
        return new TokenResponse("Bearer", options.BearerTokenProtector.Protect(ticket), (long)options.BearerTokenExpiration.TotalSeconds);
    }
}

/// <summary>A sign-in.</summary>
/// <param name="UserName">User name.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>
/// What <c>POST /api/auth/login</c> returns; send <c>Authorization: Bearer {accessToken}</c> with every call.
/// There is no refresh token: sign in again when the token expires.
/// </summary>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="AccessToken">The token.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn);
