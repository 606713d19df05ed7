using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Pages;

/// <summary>Signs out (POST only, with the anti-forgery token).</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>Signs out and goes to the sign-in page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/dang-nhap");
    }
}
