using Microsoft.AspNetCore.Identity;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Api;

/// <summary><c>POST /api/auth/login</c>: a bearer token for a user name and password.</summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async (LoginRequest request, SignInManager<AppUser> signIn, HttpContext http) =>
            {
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.UserName ?? string.Empty, request.Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    // The bearer handler has written {"tokenType","accessToken","expiresIn","refreshToken"}.
                    return Results.Empty;
                }

                return ApiResults.Problem(StatusCodes.Status401Unauthorized, result.IsLockedOut ? "LockedOut" : "LoginFailed", http);
            })
            .AllowAnonymous()
            .WithSummary("Đăng nhập: nhận mã truy cập (bearer token) / Sign in: get a bearer token")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}

/// <summary>A sign-in.</summary>
/// <param name="UserName">User name.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>What <c>POST /api/auth/login</c> returns; send <c>Authorization: Bearer {accessToken}</c> with every call.</summary>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="AccessToken">The token.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
/// <param name="RefreshToken">A refresh token.</param>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
