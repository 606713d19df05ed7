using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Core.Text;
using OpenDti.Web.Security;

namespace OpenDti.Web.Pages.Admin;

/// <summary>
/// What the administrator's pages share: the signed-in actor, the failure of a form (shown at the top
/// of that form, with each problem) and the notice after a change that succeeded.
/// </summary>
/// <remarks>
/// Who may open a page is decided by the folder's policy (<c>PagesSetup</c>); the use cases check
/// <see cref="AccessPolicy"/> again, and a refusal from them becomes a 403 here.
/// </remarks>
public abstract class AdminPage : PageModel
{
    private const string NoticeKey = "AdminNotice";

    /// <summary>Why the last form sent was refused, if it was.</summary>
    public FormFailure? Failure { get; private set; }

    /// <summary>What the last change did (shown once, after the redirect that follows it).</summary>
    public string? Notice { get; private set; }

    /// <summary>The reader's language.</summary>
    public Language Language => PageText.LanguageOf(HttpContext);

    /// <summary>The failure of form <paramref name="form"/>, if it is the one that failed.</summary>
    public FormFailure? FailureOf(string form) => Failure is { } failure && failure.Form == form ? failure : null;

    /// <summary>The page's string <paramref name="key"/>.</summary>
    protected string T(string key, params object?[] args) => PageText.Get(HttpContext, key, args);

    /// <summary>The signed-in actor (the folder's policy has already let them in).</summary>
    protected async Task<Actor> ActorAsync() =>
        await HttpContext.RequestServices.GetRequiredService<CurrentActor>().GetAsync()
        ?? throw new InvalidOperationException("An admin page ran without a signed-in actor.");

    /// <summary>Reads the notice a previous change left, if any.</summary>
    protected void ReadNotice() => Notice = TempData[NoticeKey] as string;

    /// <summary>
    /// Shows <paramref name="outcome"/>'s failure at the top of form <paramref name="form"/>; a refusal of
    /// the use case is a 403.
    /// </summary>
    protected IActionResult? Refused<T>(Outcome<T> outcome, string form)
    {
        if (outcome.Succeeded)
        {
            return null;
        }

        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }

        Fail(form, outcome.Message?.ToString(Language) ?? string.Empty, outcome.Problems.Select(p => p.Message.ToString(Language)));
        return null;
    }

    /// <summary>A table the use case refused: 403 when not allowed, otherwise 400 with the message and each problem as text.</summary>
    protected IActionResult TableRefused<T>(Outcome<T> outcome)
    {
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }

        return new ContentResult
        {
            StatusCode = outcome.Status == OutcomeStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
            Content = string.Join("\n", outcome.Problems.Select(p => p.Message.ToString(Language)).Prepend(outcome.Message?.ToString(Language) ?? string.Empty)),
            ContentType = "text/plain; charset=utf-8",
        };
    }

    /// <summary>Shows <paramref name="message"/> and <paramref name="problems"/> at the top of form <paramref name="form"/>.</summary>
    protected void Fail(string form, string message, IEnumerable<string>? problems = null) =>
        Failure = new FormFailure(form, message, problems?.ToArray() ?? []);

    /// <summary>After a change: says what was done on the next page, and goes to <paramref name="url"/> (this page by default).</summary>
    protected IActionResult Done(string notice, string? url = null)
    {
        TempData[NoticeKey] = notice;
        return LocalRedirect(url ?? Request.Path.Value ?? "/quan-tri");
    }
}

/// <summary>Why a form was refused.</summary>
/// <param name="Form">Which form of the page.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Problems">Each problem, with its place.</param>
public sealed record FormFailure(string Form, string Message, IReadOnlyList<string> Problems);
