using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application.Accounts;
using OpenDti.Data.Identity;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Account;

/// <summary>
/// Changing one's own password, for every role: the current password is checked by the sign-in path
/// (<see cref="PasswordSignIn"/>: its limits and lock-out apply), then <see cref="AccountService.ChangeOwnPasswordAsync"/>
/// sets the new one and ends every other session; this browser is signed in again.
/// </summary>
public sealed class PasswordModel(CurrentActor current, PasswordSignIn passwords, AccountService accounts, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The current password.</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    /// <summary>The new password.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The new password again.</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    /// <summary>The field a refusal is about (for the message beside it and the focus), or null.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>The refusal's messages.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Whether the password was just changed.</summary>
    public bool Changed { get; private set; }

    /// <summary>The form.</summary>
    public void OnGet() => Changed = Request.Query.ContainsKey("doi");

    /// <summary>Checks the current password, then sets the new one.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await current.GetAsync() is not { } actor)
        {
            return Challenge();
        }

        if (!string.Equals(NewPassword, Confirmation, StringComparison.Ordinal))
        {
            return Refuse("Confirmation", PageText.Get(HttpContext, "PasswordConfirmationDiffers"));
        }

        var attempt = await passwords.AttemptAsync(HttpContext, actor.UserName, CurrentPassword);
        if (!attempt.Succeeded && attempt.Verdict != Application.Accounts.SignInVerdict.DemoPassword)
        {
            if (attempt.RetryAfter is not null)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = attempt.RetryAfterSeconds;
                return Refuse("CurrentPassword", PageText.Get(HttpContext, attempt.MessageKey, attempt.RetryAfterSeconds));
            }

            return Refuse("CurrentPassword", PageText.Get(HttpContext, attempt.Verdict == Application.Accounts.SignInVerdict.LockedOut ? "LockedOut" : "CurrentPasswordWrong"));
        }

        var changed = await accounts.ChangeOwnPasswordAsync(actor, CurrentPassword, NewPassword, HttpContext.RequestAborted);
        if (!changed.Succeeded)
        {
            var messages = changed.Problems.Count > 0
                ? changed.Problems.Select(p => p.Message.ToString(PageText.LanguageOf(HttpContext))).ToArray()
                : [changed.Message?.ToString(PageText.LanguageOf(HttpContext)) ?? string.Empty];
            ErrorField = "NewPassword";
            Errors = messages;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The stamp changed: every other session ends; this one is issued again.
        if (await signIn.UserManager.FindByIdAsync(actor.UserId) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        }

        return LocalRedirect("/tai-khoan/mat-khau?doi=1");
    }

    private PageResult Refuse(string field, string message)
    {
        ErrorField = field;
        Errors = [message];
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
