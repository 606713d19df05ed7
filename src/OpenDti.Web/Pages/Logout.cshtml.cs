using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Pages;

/// <summary>Signs out (POST only, with the anti-forgery token).</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    /// <summary>
    /// Signs out and goes to the sign-in page. The account's security stamp is renewed first, so the
    /// cookie ends on the server too: a copy of it kept elsewhere (and every other session and token of
    /// the account) is refused from now on, not only the one this browser forgets.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/dang-nhap");
    }
}
