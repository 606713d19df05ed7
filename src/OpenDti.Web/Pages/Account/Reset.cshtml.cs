using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application.Accounts;

namespace OpenDti.Web.Pages.Account;

/// <summary>The page a reset link opens: a new password, twice; the token comes from the link.</summary>
public sealed class ResetModel(PasswordResetService resets) : PageModel
{
    /// <summary>The account, from the link.</summary>
    [BindProperty(SupportsGet = true, Name = "u")]
    public string? UserName { get; set; }

    /// <summary>The token, from the link.</summary>
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    /// <summary>The new password.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The new password again.</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    /// <summary>The field a refusal is about.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>The refusal's messages.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Sets the new password, then sends the person to sign in with it.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.Equals(NewPassword, Confirmation, StringComparison.Ordinal))
        {
            return Refuse("Confirmation", [PageText.Get(HttpContext, "PasswordConfirmationDiffers")]);
        }

        var reset = await resets.ResetAsync(UserName, Token, NewPassword, HttpContext.RequestAborted);
        if (!reset.Succeeded)
        {
            var language = PageText.LanguageOf(HttpContext);
            var field = reset.Problems.Any(p => p.Input == "token") ? "Token" : "NewPassword";
            return Refuse(field, reset.Problems.Select(p => p.Message.ToString(language)).ToArray());
        }

        return LocalRedirect("/dang-nhap?doi-mat-khau=1");
    }

    private PageResult Refuse(string field, IReadOnlyList<string> messages)
    {
        ErrorField = field;
        Errors = messages;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
