using Microsoft.AspNetCore.Identity;

namespace OpenDti.Data.Identity;

/// <summary>The account rules, the same wherever accounts are made (web application, command line).</summary>
public static class IdentityRules
{
    /// <summary>Lock-out after five failures for 15 minutes; passwords of at least 8 characters; ASCII user names.</summary>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = 8;
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
    }
}
