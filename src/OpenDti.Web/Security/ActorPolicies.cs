using Microsoft.AspNetCore.Authorization;
using OpenDti.Application.Access;

namespace OpenDti.Web.Security;

/// <summary>
/// Authorization policies that ask <see cref="AccessPolicy"/> about the <see cref="CurrentActor"/>: the
/// roles come from the database on every request, not from the sign-in cookie, so an account that loses
/// a role or is locked out loses the pages at once.
/// </summary>
public static class ActorPolicies
{
    /// <summary>Accounts, units and frameworks (<see cref="AccessPolicy.CanAdminister"/>).</summary>
    public const string Administer = "Administer";

    /// <summary>Evaluation periods (<see cref="AccessPolicy.CanManagePeriods"/>).</summary>
    public const string ManagePeriods = "ManagePeriods";

    /// <summary>Registers the policies and their handler.</summary>
    public static IServiceCollection AddActorPolicies(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, ActorRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Administer, policy => policy.RequireAuthenticatedUser().AddRequirements(new ActorRequirement(AccessPolicy.CanAdminister)))
            .AddPolicy(ManagePeriods, policy => policy.RequireAuthenticatedUser().AddRequirements(new ActorRequirement(AccessPolicy.CanManagePeriods)));
        return services;
    }
}

/// <summary>Met when the signed-in actor passes <paramref name="Allows"/>.</summary>
/// <param name="Allows">The rule of <see cref="AccessPolicy"/>.</param>
public sealed record ActorRequirement(Func<Actor, bool> Allows) : IAuthorizationRequirement;

/// <summary>Checks an <see cref="ActorRequirement"/> against the actor loaded from the database.</summary>
internal sealed class ActorRequirementHandler(CurrentActor current) : AuthorizationHandler<ActorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActorRequirement requirement)
    {
        if (await current.GetAsync() is { } actor && requirement.Allows(actor))
        {
            context.Succeed(requirement);
        }
    }
}
