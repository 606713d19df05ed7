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

    /// <summary>The form, or why the link no longer works.</summary>
    public async Task OnGetAsync()
    {
        if (!await resets.LinkValidAsync(UserName, Token))
        {
            Refuse("Token", [LinkBroken]);
            Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    /// <summary>Sets the new password, then sends the person to sign in with it.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await resets.LinkValidAsync(UserName, Token))
        {
            return Refuse("Token", [LinkBroken]);
        }

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

    private string LinkBroken => new Application.AppMessage("PasswordResetLinkInvalid").ToString(PageText.LanguageOf(HttpContext));

    private PageResult Refuse(string field, IReadOnlyList<string> messages)
    {
        // A link that does not work is not repeated back: the page offers a new one instead of the form.
        if (field == "Token")
        {
            UserName = null;
            Token = null;
        }

        ErrorField = field;
        Errors = messages;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
