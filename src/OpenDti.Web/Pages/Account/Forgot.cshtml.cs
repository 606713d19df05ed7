using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application.Accounts;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Account;

/// <summary>
/// "Quên mật khẩu": asks for a reset link by e-mail (<see cref="PasswordResetService"/>). The same answer
/// whether or not an account matched; the sign-in limits per client address and per name apply.
/// </summary>
public sealed class ForgotModel(PasswordResetService resets, SignInLimiter limiter, ILookupNormalizer normalizer) : PageModel
{
    /// <summary>The user name or e-mail address typed.</summary>
    [BindProperty]
    public string? NameOrEmail { get; set; }

    /// <summary>Whether e-mail can carry a link at all.</summary>
    public bool Available => resets.Available;

    /// <summary>What happened, once asked.</summary>
    public string? Notice { get; private set; }

    /// <summary>Why the request was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Asks for the link.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var name = (NameOrEmail ?? string.Empty).Trim();
        var wait = limiter.TryAcquire(new SignInKey(ClientAddress.Of(HttpContext), "reset:" + (normalizer.NormalizeName(name.Length > 256 ? name[..256] : name) ?? string.Empty)));
        if (wait is not null)
        {
            var seconds = ((int)Math.Ceiling(wait.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds;
            Error = PageText.Get(HttpContext, "SignInTooMany", seconds);
            return Page();
        }

        Notice = await resets.RequestAsync(name, HttpContext.RequestAborted) == PasswordResetRequest.MailOff
            ? PageText.Get(HttpContext, "PasswordResetMailOff")
            : PageText.Get(HttpContext, "PasswordResetSent");
        return Page();
    }
}
