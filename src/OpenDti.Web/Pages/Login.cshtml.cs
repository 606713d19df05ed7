using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Data.Identity;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages;

/// <summary>
/// Sign-in with user name and password, by the same path as the API (<see cref="PasswordSignIn"/>):
/// rate limits per client address and account name, then five failures lock the account for 15 minutes.
/// </summary>
public sealed class LoginModel(PasswordSignIn passwords, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The user name typed.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The password typed.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why sign-in failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Signs in; a spent limit answers 429 with <c>Retry-After</c> and the form with the reason.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = await passwords.SignInAsync(HttpContext, UserName, Password);
        if (attempt.Succeeded)
        {
            await signIn.SignInAsync(attempt.User!, isPersistent: false, authenticationMethod: "pwd");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = PageText.Get(HttpContext, attempt.MessageKey, attempt.RetryAfterSeconds);
        if (attempt.RetryAfter is not null)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = attempt.RetryAfterSeconds;
        }

        return Page();
    }
}
