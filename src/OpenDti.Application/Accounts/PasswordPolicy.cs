using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Demo;
using OpenDti.Data.Identity;

namespace OpenDti.Application.Accounts;

/// <summary>Whether this is the demo (<c>OpenDti:Demo</c>): only then is the demo's published password allowed.</summary>
public sealed class DemoModeOptions
{
    /// <summary>On when the demo province is seeded; off in production and in the command line.</summary>
    public bool Demo { get; set; }
}

/// <summary>
/// The password rules beyond Identity's length and character classes (<see cref="IdentityRules"/>):
/// not one of the common passwords attackers try first (<c>CommonPasswords/</c>), not holding the
/// user name, and not the demo's password (<see cref="DemoProvince.Password"/>, printed in the
/// README) outside demo mode. The same validator for accounts made on the pages, through the API, at
/// start-up (<c>OpenDti:Admin</c>) and by <c>opendti admin create</c>.
/// </summary>
public sealed class PasswordPolicy(IOptions<DemoModeOptions> demo) : IPasswordValidator<AppUser>
{
    /// <summary>The code of a common password.</summary>
    public const string Common = "PasswordCommon";

    /// <summary>The code of a password that holds the user name.</summary>
    public const string HasUserName = "PasswordHasUserName";

    /// <summary>The code of the demo's password outside the demo.</summary>
    public const string IsDemoPassword = "PasswordIsDemo";

    /// <summary>The shortest word compared with the list once digits and symbols are taken off its ends.</summary>
    private const int ShortestWord = 3;

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadCommonPasswords);

    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text = password ?? string.Empty;
        if (IsDemo(text))
        {
            return Task.FromResult(demo.Value.Demo ? IdentityResult.Success : IdentityResult.Failed(Error(IsDemoPassword)));
        }

        var errors = new List<IdentityError>();
        if (IsCommon(text))
        {
            errors.Add(Error(Common));
        }

        if (user.UserName is { Length: >= ShortestWord } name && text.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Error(HasUserName));
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>
    /// Whether <paramref name="password"/> is on the list, compared in lower case whole, and with the
    /// digits and symbols at its ends taken off (<c>Password2024!</c> is <c>password</c>).
    /// </summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.ToLowerInvariant();
        var word = lower.Trim().TrimStart(NotLetters(lower)).TrimEnd(NotLetters(lower));
        return CommonPasswords.Value.Contains(lower) || (word.Length >= ShortestWord && CommonPasswords.Value.Contains(word));
    }

    /// <summary>Whether <paramref name="password"/> is the demo's password (in any case: the README prints it).</summary>
    public static bool IsDemo(string password) => string.Equals(password, DemoProvince.Password, StringComparison.OrdinalIgnoreCase);

    private static char[] NotLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static IdentityError Error(string code) => new() { Code = code, Description = code };

    private static FrozenSet<string> LoadCommonPasswords()
    {
        var assembly = typeof(PasswordPolicy).Assembly;
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("OpenDti.CommonPasswords.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Trim() is { Length: > 0 } word)
                {
                    words.Add(word.ToLowerInvariant());
                }
            }
        }

        return words.Count == 0 ? throw new InvalidOperationException("The common password list is not embedded.") : words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Adds OpenDti's password rules to Identity, for the web application and the command line alike.</summary>
public static class PasswordPolicyRegistration
{
    /// <summary>Adds <see cref="PasswordPolicy"/> beside Identity's own length and character rules.</summary>
    public static IdentityBuilder AddOpenDtiPasswordPolicy(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoModeOptions>();
        return builder.AddPasswordValidator<PasswordPolicy>();
    }
}
