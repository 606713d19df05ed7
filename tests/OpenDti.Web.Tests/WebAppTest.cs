using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A test class whose every test gets its own application on a fresh SQLite database, started
/// before the test and disposed after it.
/// </summary>
public abstract class WebAppTest : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    /// <summary>The running application.</summary>
    protected OpenDtiFactory Factory { get; private set; } = null!;

    /// <summary>Cancelled when the test run is aborted.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A browser-like client: it keeps cookies and does not follow redirects.</summary>
    protected HttpClient Browser() =>
        Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs <paramref name="browser"/> in through the sign-in form, as a person does; the form's answer.</summary>
    protected static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password)
    {
        var form = await browser.GetStringAsync("/dang-nhap", Cancel);
        return await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
        }), Cancel);
    }

    /// <summary>A browser signed in through the sign-in form as <paramref name="userName"/>.</summary>
    protected async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = Browser();
        var signIn = await SignInAsync(browser, userName, OpenDtiFactory.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    /// <summary>
    /// Publishes period <paramref name="periodId"/>'s results through the API as <paramref name="client"/>'s
    /// user: the preview, then the publication with its confirmation (and <paramref name="reason"/>); the
    /// publication's answer. When the preview is refused, the publication is asked for without confirmation.
    /// </summary>
    protected static async Task<HttpResponseMessage> PublishAsync(HttpClient client, int periodId, string? reason = null)
    {
        var preview = await client.GetAsync($"/api/periods/{periodId}/publish/preview", Cancel);
        var confirmation = preview.IsSuccessStatusCode ? (await JsonAsync(preview)).GetProperty("confirmation").GetString() : null;
        return await client.PostAsync($"/api/periods/{periodId}/publish", JsonContent.Create(new { reason, confirmation }), Cancel);
    }

    /// <summary>The anti-forgery token of the last form in <paramref name="html"/>.</summary>
    protected static string AntiforgeryTokenIn(string html)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.NotEmpty(matches);
        return matches[^1].Groups[1].Value;
    }

    /// <summary>The body of <paramref name="response"/> as JSON.</summary>
    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;

    /// <summary>The <c>title</c> of a problem-details response.</summary>
    protected static async Task<string?> TitleAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("title").GetString();

    /// <summary>A client for <paramref name="userName"/> that prefers English answers.</summary>
    protected async Task<HttpClient> EnglishClientAsync(string userName)
    {
        var client = await Factory.ClientAsync(userName);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    /// <summary><paramref name="body"/> as a JSON request body.</summary>
    protected static HttpContent Json(object body) => JsonContent.Create(body);

    /// <summary>An evidence upload as a browser or script sends it (multipart/form-data); fields left null are not sent.</summary>
    protected static MultipartFormDataContent EvidenceForm(
        string? indicator, string fileName, byte[] bytes, string? documentNumber = null, string? issuedOn = null, string? summary = null)
    {
        var form = new MultipartFormDataContent();
        if (indicator is not null)
        {
            form.Add(new StringContent(indicator), "indicator");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in new[] { ("documentNumber", documentNumber), ("issuedOn", issuedOn), ("summary", summary) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        return form;
    }

    /// <summary>Raw <paramref name="text"/> sent as <c>application/json</c> (for malformed bodies).</summary>
    protected static HttpContent RawJson(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// The test dataset migrated and seeded once per run (the accounts' password hashes alone take seconds):
    /// each test starts on its own copy of it, as if it had seeded it itself.
    /// </summary>
    private static readonly Lazy<Task<TestDatabase>> Seeded = new(async () =>
    {
        var template = TestDatabase.Sqlite();
        await using (await new OpenDtiFactory(template).StartAsync())
        {
        }

        return template;
    });

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _database.CopyFrom(await Seeded.Value);
        Factory = await new OpenDtiFactory(_database).StartAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
