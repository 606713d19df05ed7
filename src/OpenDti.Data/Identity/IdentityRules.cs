using Microsoft.AspNetCore.Identity;

namespace OpenDti.Data.Identity;

/// <summary>The account rules, the same wherever accounts are made (web application, command line).</summary>
public static class IdentityRules
{
    /// <summary>The shortest password accepted.</summary>
    public const int PasswordLength = 12;

    /// <summary>
    /// Lock-out after five failures for 15 minutes; passwords of at least <see cref="PasswordLength"/>
    /// characters with a digit, a capital, a small letter and a symbol (Identity's classes; the list of
    /// common passwords and the other rules are <c>PasswordPolicy</c>'s); ASCII user names.
    /// </summary>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = PasswordLength;
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
    }
}
