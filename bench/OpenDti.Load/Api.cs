using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenDti.Load;

/// <summary>One request's outcome, as the client saw it and as the server timed it (<c>Server-Timing: app;dur=…</c>).</summary>
internal readonly record struct Sample(string Kind, int Status, double Milliseconds, double? ServerMilliseconds);

/// <summary>The instance's API, signed in with a bearer token.</summary>
internal sealed class Api(HttpClient http, string token)
{
    public static async Task<Api> SignInAsync(HttpClient http, string userName, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadException($"cannot sign in as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Api(http, body.GetProperty("accessToken").GetString()!);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null);
        return await ReadAsync(response, path);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(HttpMethod method, string path, object body)
    {
        using var response = await SendAsync(method, path, JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Sends a request and times it; the body is read whole, as a browser would.</summary>
    public async Task<Sample> TimeAsync(string kind, HttpMethod method, string path, object? body = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await SendAsync(method, path, body is null ? null : JsonContent.Create(body));
            await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            return new Sample(kind, (int)response.StatusCode, watch.Elapsed.TotalMilliseconds, ServerTime(response));
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            return new Sample(kind, 0, watch.Elapsed.TotalMilliseconds, null);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadException($"GET {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>"app;dur=12.3" → 12.3.</summary>
    private static double? ServerTime(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var part in values.SelectMany(v => v.Split([',', ';'], StringSplitOptions.TrimEntries)))
        {
            if (part.StartsWith("dur=", StringComparison.Ordinal)
                && double.TryParse(part.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return milliseconds;
            }
        }

        return null;
    }
}

/// <summary>The instance answered what the load script cannot go on from.</summary>
internal sealed class LoadException(string message) : Exception(message);
