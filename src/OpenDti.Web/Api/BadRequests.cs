using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OpenDti.Core.Text;
using OpenDti.Data.Storage;
using OpenDti.Web.Resources;

namespace OpenDti.Web.Api;

/// <summary>
/// A request the framework cannot bind (a body that is not JSON, of the wrong type, missing a required
/// field, too deep, not UTF-8; a form it cannot read) answers 400 (or the status the framework gives,
/// such as 413 or 415) with a problem in Vietnamese or English saying where in the body it went wrong,
/// never 500 and never the body itself. A text longer than its column (<see cref="TextTooLongException"/>)
/// answers 400 naming the field.
/// </summary>
internal sealed partial class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var language = LanguageOf(httpContext);
        if (exception is TextTooLongException tooLong)
        {
            var field = char.ToLowerInvariant(tooLong.Field[0]) + tooLong.Field[1..];
            var title = tooLong.MaxLength is { } max ? Text(language, "TextTooLong", field, max) : Text(language, "TextHasNul", field);
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = title, Extensions = { ["message"] = title } },
            });
        }

        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = Text(language, status switch
                {
                    StatusCodes.Status413PayloadTooLarge => "RequestTooLarge",
                    StatusCodes.Status415UnsupportedMediaType => "RequestUnsupportedType",
                    _ => "RequestUnreadable",
                }),
                Detail = exception.InnerException is JsonException json ? Describe(json, language) : null,
            },
        });
    }

    /// <summary>
    /// A problem the framework writes with only its status (a form it cannot read, an unknown address, a
    /// method not allowed) gets its title in the reader's language instead of "Bad Request".
    /// </summary>
    internal static void LocalizeTitle(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        var key = details.Status switch
        {
            StatusCodes.Status400BadRequest => "RequestInvalid",
            StatusCodes.Status404NotFound => "RequestNotFound",
            StatusCodes.Status405MethodNotAllowed => "RequestMethodNotAllowed",
            StatusCodes.Status413PayloadTooLarge => "RequestTooLarge",
            StatusCodes.Status415UnsupportedMediaType => "RequestUnsupportedType",
            _ => null,
        };
        if (key is not null && details.Status is { } status && details.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
        {
            details.Title = Text(LanguageOf(context.HttpContext), key);
        }
    }

    /// <summary>Where a body's JSON went wrong, with at most an excerpt of what it said.</summary>
    internal static string Describe(JsonException json, Language language)
    {
        var missing = MissingFields().Match(json.Message);
        if (missing.Success)
        {
            var names = QuotedNames().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value);
            return Text(language, "RequestJsonMissing", Excerpt.Of(string.Join(", ", names), 200));
        }

        return Text(
            language,
            "RequestJsonInvalidAt",
            Excerpt.Of(string.IsNullOrEmpty(json.Path) ? "$" : json.Path),
            (json.LineNumber ?? 0) + 1,
            (json.BytePositionInLine ?? 0) + 1);
    }

    /// <summary>The reader's language: the API follows Accept-Language, the pages their language cookie.</summary>
    internal static Language LanguageOf(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? ApiResults.LanguageOf(http) : Pages.PageText.LanguageOf(http);

    internal static string Text(Language language, string key, params object?[] args)
    {
        var template = WebText.ResourceManager.GetString(key, language.ResourceCulture()) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingFields();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedNames();
}
