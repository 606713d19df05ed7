using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OpenDti.Web.Security;

/// <summary>
/// A sign-in stops working at once when its account is removed, locked, or given a new password or
/// role: whatever the scheme (a bearer token as well as a cookie), a request that needs a signed-in
/// user is then challenged as if nobody were signed in: the API answers 401, pages ask to sign in.
/// The account is the one <see cref="CurrentActor"/> loads for the request anyway (once per request).
/// </summary>
public sealed class StaleSignIns : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded
            && context.User.Identity?.IsAuthenticated == true
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && await context.RequestServices.GetRequiredService<CurrentActor>().GetAsync() is null)
        {
            if (policy.AuthenticationSchemes.Count == 0)
            {
                await context.ChallengeAsync();
            }
            else
            {
                foreach (var scheme in policy.AuthenticationSchemes)
                {
                    await context.ChallengeAsync(scheme);
                }
            }

            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
