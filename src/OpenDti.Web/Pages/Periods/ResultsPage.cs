using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDti.Application;
using OpenDti.Core.Text;

namespace OpenDti.Web.Pages.Periods;

/// <summary>
/// What the results pages share: a refused or unknown request is answered with the page itself,
/// saying why, and the status 403 or 404 (not a redirect, so a link that is not for this reader fails
/// plainly); chart data is written as JSON for <c>wwwroot/js/charts.js</c>.
/// </summary>
public abstract class ResultsPage : PageModel
{
    private static readonly JsonSerializerOptions ChartJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

        // Letters stay readable; &lt;, &gt;, &amp; and quotes are still escaped, so a unit's name cannot end the script element.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Why the page shows nothing (not allowed, not found), in the reader's language.</summary>
    public string? Problem { get; private set; }

    /// <summary>Whether the request was refused (403) rather than naming something that does not exist (404).</summary>
    public bool Refused { get; private set; }

    /// <summary>The reader's language.</summary>
    protected Language Language => PageText.LanguageOf(HttpContext);

    /// <summary>The page for a failed <paramref name="outcome"/>, with 403 or 404.</summary>
    protected IActionResult Failure<T>(Outcome<T> outcome)
    {
        Refused = outcome.Status == OutcomeStatus.Forbidden;
        Response.StatusCode = Refused ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
        Problem = outcome.Message?.ToString(Language) ?? string.Empty;
        return Page();
    }

    /// <summary><paramref name="data"/> as JSON for a <c>&lt;script type="application/json"&gt;</c> element (numbers as numbers).</summary>
    public static string ToJson(object data) => JsonSerializer.Serialize(data, ChartJson);
}
