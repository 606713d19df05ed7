using Microsoft.AspNetCore.Mvc;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Core.Text;
using OpenDti.Web.Resources;
using OpenDti.Web.Security;

namespace OpenDti.Web.Api;

/// <summary>Maps use-case outcomes to HTTP: 200, 400, 403, 404 and 409 with problem details, never 500 for bad input.</summary>
internal static class ApiResults
{
    /// <summary>The caller's language: English when the request prefers it, Vietnamese otherwise.</summary>
    public static Language LanguageOf(HttpContext http) =>
        http.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? Language.English
            : Language.Vietnamese;

    /// <summary>Runs <paramref name="body"/> for the signed-in actor; 401 when there is none.</summary>
    public static async Task<IResult> ForActor(CurrentActor current, Func<Actor, Task<IResult>> body)
    {
        var actor = await current.GetAsync();
        return actor is null ? Results.Unauthorized() : await body(actor);
    }

    /// <summary>The outcome as a response; <paramref name="map"/> shapes a success.</summary>
    public static IResult From<T>(Outcome<T> outcome, HttpContext http, Func<T, object> map)
    {
        if (outcome.Succeeded)
        {
            return Results.Ok(map(outcome.Value!));
        }

        var language = LanguageOf(http);
        return Problem(StatusOf(outcome.Status), outcome.Message?.ToString(language) ?? string.Empty, outcome.Problems, language);
    }

    /// <summary>The HTTP status of a use case's failure: 404, 403, 400, or 409.</summary>
    public static int StatusOf(OutcomeStatus status) => status switch
    {
        OutcomeStatus.NotFound => StatusCodes.Status404NotFound,
        OutcomeStatus.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeStatus.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>A problem-details response whose <c>problems</c> name each indicator and input.</summary>
    public static IResult Problem(int status, string title, IReadOnlyList<Problem>? problems, Language language)
    {
        var details = new ProblemDetails { Status = status, Title = title };
        if (problems is { Count: > 0 })
        {
            details.Extensions["problems"] = problems
                .Select(p => new ProblemItem(p.Code, Excerpt.Of(p.Indicator), Excerpt.Of(p.Input), p.Message.ToString(language)))
                .ToArray();
        }

        return Results.Problem(details);
    }

    /// <summary>A plain problem from the web layer's resources.</summary>
    public static IResult Problem(int status, string key, HttpContext http) =>
        Problem(status, WebText.ResourceManager.GetString(key, LanguageOf(http).ResourceCulture()) ?? key, null, LanguageOf(http));
}

/// <summary>One problem of a request.</summary>
/// <param name="Code">Stable code (DTI4001, APP-VERSION, …).</param>
/// <param name="Indicator">The indicator concerned.</param>
/// <param name="Input">The input concerned.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ProblemItem(string Code, string? Indicator, string? Input, string Message);
