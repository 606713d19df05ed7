using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Pages;

/// <summary>Sign-in with user name and password; five failures lock the account for 15 minutes.</summary>
public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
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

    /// <summary>Signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(UserName ?? string.Empty, Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = PageText.Get(HttpContext, result.IsLockedOut ? "LockedOut" : "LoginFailed");
        return Page();
    }
}
