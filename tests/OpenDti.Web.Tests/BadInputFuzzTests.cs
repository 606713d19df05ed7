using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// No route and no page handler answers 5xx, whatever it is sent: a property-based fuzz test (CsCheck)
/// sends every API route of <see cref="AuthorizationMatrixTests"/> and every POST handler of the pages
/// (found as <see cref="PageAuthorizationMatrixTests"/> finds pages) bodies with wrong types, nulls,
/// missing and extra fields, huge and tiny numbers, 2 MB strings, deep nesting, invalid UTF-8 and empty
/// bodies, as a user allowed there (with a valid anti-forgery token for the pages). A failure prints
/// the request, shrunk, and the answer. Error answers quote at most an excerpt of what was sent.
/// </summary>
/// <remarks>
/// <c>OPENDTI_FUZZ_ITERATIONS</c> sets the requests per route and user (default 12: about a minute on
/// two cores); CsCheck's <c>CsCheck_Seed</c> replays a failure.
/// </remarks>
public sealed class BadInputFuzzTests : WebAppTest
{
    private const string Anonymous = "(anonymous)";
    private const string Marker = "__fuzz_value__";

    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("OPENDTI_FUZZ_ITERATIONS"), out var iterations) && iterations > 0 ? iterations : 12;

    /// <summary>A 2 MB text: a refusal must not repeat it.</summary>
    private static readonly string LongText = new('a', 2 * 1024 * 1024);

    /// <summary>Who posts to each page with POST handlers: the users whose handlers do something there.</summary>
    private static readonly Dictionary<string, string[]> PageUsers = new(StringComparer.Ordinal)
    {
        ["/dang-nhap"] = [Anonymous],
        ["/dang-xuat"] = ["viewer"],
        ["/tai-khoan/mat-khau"] = ["leader.so-b"],
        ["/quen-mat-khau"] = [Anonymous],
        ["/dat-lai-mat-khau"] = [Anonymous],
        ["/ky-danh-gia/{id:int}/ke-khai/{unitCode?}"] = ["reporter.so-a", "evaluator", "admin"],
        ["/ky-danh-gia/{id:int}/don-vi/{unitCode}/gia-dinh"] = ["reporter.so-a", "evaluator"],
        ["/ky-danh-gia/{id:int}/cong-bo"] = ["evaluator"],
        ["/ky-danh-gia/{id:int}/ke-hoach/nhap-excel"] = ["evaluator"],
        ["/ky-danh-gia/{id:int}/uoc-tinh-quoc-gia"] = ["evaluator"],
        ["/ky-danh-gia/{id:int}/phuc-khao"] = ["reporter.so-a", "evaluator"],
        ["/ky-danh-gia/{id:int}/ke-hoach"] = ["evaluator"],
        ["/ky-danh-gia/{id:int}/tien-do"] = ["reporter.so-a", "evaluator"],
        ["/ky-danh-gia/{id:int}/diem-chua-dat"] = ["reporter.so-a", "evaluator"],
        ["/quan-tri/tai-khoan"] = ["admin"],
        ["/quan-tri/tai-khoan-dich-vu"] = ["admin"],
        ["/quan-tri/don-vi"] = ["admin"],
        ["/quan-tri/don-vi/{code}"] = ["admin"],
        ["/quan-tri/bo-chi-so"] = ["admin"],
        ["/quan-tri/bo-chi-so/{code}/sua"] = ["admin"],
        ["/quan-tri/ky-danh-gia"] = ["evaluator"],
        ["/quan-tri/bo-chi-so/doi-chieu"] = ["admin"],
        ["/quan-tri/ky-danh-gia/{id:int}/don-vi"] = ["evaluator"],
    };

    /// <summary>JSON values that a careless or hostile client sends where something else is expected.</summary>
    private static readonly byte[][] JsonValues =
    [
        .. new[]
        {
            "null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e30", "-1e30", "1e-30", "79228162514264337593543950336",
            "-79228162514264337593543950336", "1e400", "2147483648", "9223372036854775808", "\"\"", "\"x\"", "\"1.234\"", "\"1,5\"",
            "\"1e30\"", "\"79228162514264337593543950336\"", "\"-0\"", "\"\\u0000\"", "\"<script>alert(1)</script>\"", "\"9999-99-99\"",
            "\"2024-02-30\"", "\"2024-01-01\"", "\"31/12/2024\"", "\"có\"", "\"open\"", "\"SO-A\"", "\"2.1\"", "[]", "{}", "[null]",
            "[1,\"a\",null,{}]", "{\"a\":{\"b\":[]}}", "\"" + LongText + "\"", Nested("[", "]", 600), Nested("{\"a\":", "}", 300, "1"),
        }.Select(Encoding.UTF8.GetBytes),
        [(byte)'"', (byte)'a', 0xC3, 0x28, 0xFF, 0xFE, (byte)'"'],
    ];

    /// <summary>Whole bodies that are not what any route reads.</summary>
    private static readonly (string Description, string? ContentType, byte[] Body)[] Specials =
    [
        ("empty", "application/json", []),
        ("no content type", null, Encoding.UTF8.GetBytes("{}")),
        ("plain text", "text/plain", Encoding.UTF8.GetBytes("không phải JSON")),
        ("truncated", "application/json", Encoding.UTF8.GetBytes("{\"a\": [1, 2")),
        ("not JSON", "application/json", Encoding.UTF8.GetBytes("tên=giá trị&x=1")),
        ("a form", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("a=1&b=" + LongText[..1000])),
        ("byte-order mark", "application/json", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']),
        ("invalid UTF-8 outside strings", "application/json", [(byte)'{', 0xFF, 0xFE, (byte)'}']),
        ("2 MB of [", "application/json", Encoding.UTF8.GetBytes(new string('[', 2 * 1024 * 1024))),
        ("JSON with comments", "application/json", Encoding.UTF8.GetBytes("/* x */ {\"a\": 1,}")),
    ];

    /// <summary>Form values: what people type by mistake, and worse.</summary>
    private static readonly string[] FormValues =
    [
        "", " ", "x", "-1", "0", "-0", "1.234", "1,5", "1e30", "79228162514264337593543950336", "1e-30", "2024-02-30", "31/12/2024", "99/99/9999",
        "true", "on", "Draft", "Approve", "2.1", "da_ban_hanh", "SO-A", "<script>alert(1)</script>", "\0", "\uFFFD\uD800", LongText,
    ];

    [Fact]
    public void EveryApiRoute_IsFuzzed()
    {
        var fuzzed = AuthorizationMatrixTests.Rows().Select(r => $"{r.Method} /{r.Pattern.Trim('/')}").ToHashSet(StringComparer.Ordinal);

        Assert.All(ApiEndpoints(), e => Assert.Contains(Key(e.Method, e.Endpoint), fuzzed));
    }

    [Fact]
    public async Task EveryPagePostHandler_IsFuzzed()
    {
        var handlers = await PostHandlersAsync();
        var pages = PageAuthorizationMatrixTests.Rows().Select(r => r.Pattern.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(PageUsers.ContainsKey(h.Page) && pages.Contains(h.Page), $"{h.Page} ?handler={h.Name}: no fuzz row"));
    }

    [Fact]
    public async Task ApiRoutes_AnswerNo5xx_ToAnyBody()
    {
        await AuthorizationMatrixTests.PrepareUnitsForChangesAsync(Factory);
        var endpoints = ApiEndpoints().ToDictionary(e => Key(e.Method, e.Endpoint), e => e.Endpoint, StringComparer.Ordinal);
        var failures = new List<string>();

        // Signing in last: the fuzz may lock an account out.
        foreach (var row in AuthorizationMatrixTests.Rows().OrderBy(r => r.Pattern.Contains("/auth/", StringComparison.Ordinal)))
        {
            var user = row.Allowed?.First();
            using var client = await Factory.ClientAsync(user);
            string path;
            try
            {
                // Each row sets up the state its route needs from a fresh review cycle, as in the matrix.
                await FreshReviewCycleAsync();
                path = row.PathFor is null ? row.Path(Factory) : await row.PathFor(Factory, user ?? "admin");
            }
            catch (Exception setup) when (setup is not OperationCanceledException)
            {
                failures.Add($"{row.Method} {row.Pattern}: the route's state could not be set up: {setup.Message}");
                continue;
            }

            var endpoint = endpoints.GetValueOrDefault($"{row.Method} /{row.Pattern.Trim('/')}");
            var valid = row.Body?.Invoke(user ?? Anonymous) is { } content && content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? await content.ReadAsStringAsync(Cancel)
                : null;
            var gen = row.Method == "GET"
                ? Queries(row.Method, path, QueryParameters(endpoint))
                : Gen.Frequency((4, JsonRequests(row.Method, path, valid, BodyProperties(endpoint))), (1, Queries(row.Method, path, QueryParameters(endpoint))));

            // A route that takes a file (multipart/form-data) also gets forms with its fields and a file of random bytes.
            var sample = row.Body?.Invoke(user ?? Anonymous) ?? (row.BodyFor is null ? null : await row.BodyFor(Factory, user ?? "admin"));
            if (row.Method == "POST" && sample is MultipartFormDataContent parts)
            {
                var fields = parts.Where(p => p.Headers.ContentDisposition?.FileName is null).Select(p => p.Headers.ContentDisposition!.Name!.Trim('"')).ToArray();
                gen = Gen.Frequency((2, gen), (1, FormRequests(path, fields, ["file"])));
            }

            await FuzzAsync(client, gen, $"{row.Method} {row.Pattern} as {user ?? Anonymous}", failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task PageHandlers_AnswerNo5xx_ToAnyForm()
    {
        var failures = new List<string>();
        var rows = PageAuthorizationMatrixTests.Rows().ToArray();
        foreach (var handler in (await PostHandlersAsync()).OrderBy(h => h.Page == "/dang-xuat"))
        {
            var row = rows.First(r => r.Pattern.Split(' ')[0] == handler.Page);
            foreach (var user in PageUsers[handler.Page])
            {
                using var browser = user == Anonymous ? Browser() : await SignedInAsync(user);
                var page = row.Path(Factory);
                using var opened = await browser.GetAsync(page, Cancel);
                var html = await opened.Content.ReadAsStringAsync(Cancel);
                if (!opened.IsSuccessStatusCode)
                {
                    failures.Add($"{page} as {user}: cannot open the page to post to it ({(int)opened.StatusCode})");
                    continue;
                }

                // A page whose form is switched off here (no mail for "Quên mật khẩu") still has its handler:
                // it is fuzzed with the user's token from another form, as a token is the user's, not the page's.
                var token = html.Contains("__RequestVerificationToken", StringComparison.Ordinal)
                    ? AntiforgeryTokenIn(html)
                    : AntiforgeryTokenIn(await browser.GetStringAsync(user == Anonymous ? "/dang-nhap" : "/tai-khoan/mat-khau", Cancel));
                var url = handler.Name is null ? page : page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler.Name;
                var gen = handler.JsonBody is { } body
                    ? JsonRequests("POST", url, JsonSample(body), body.GetProperties().Select(p => JsonName(p.Name)).ToArray())
                    : FormRequests(url, FieldNames(html).Union(handler.Fields).ToArray(), FileFields(html));
                browser.DefaultRequestHeaders.Add("RequestVerificationToken", token);
                await FuzzAsync(browser, gen.Select(r => r.WithToken(token)), $"POST {handler.Page} ?handler={handler.Name} as {user}", failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The open period's review cycle as a fresh database has it: no submission, note or adjustment.</summary>
    private async Task FreshReviewCycleAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        db.ReviewNotes.RemoveRange(db.ReviewNotes.Where(n => n.PeriodId == Factory.OpenPeriodId));
        db.ValueAdjustments.RemoveRange(db.ValueAdjustments.Where(a => a.PeriodId == Factory.OpenPeriodId));
        db.Submissions.RemoveRange(db.Submissions.Where(a => a.PeriodId == Factory.OpenPeriodId));
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>Sends what <paramref name="gen"/> makes; a 5xx (or an error echoing the long text) fails, shrunk to the smallest request.</summary>
    private static async Task FuzzAsync(HttpClient client, Gen<FuzzRequest> gen, string what, List<string> failures)
    {
        var answers = new Dictionary<FuzzRequest, string>(ReferenceEqualityComparer.Instance);
        try
        {
            await gen.SampleAsync(
                async request =>
                {
                    using var message = request.ToMessage();
                    using var response = await client.SendAsync(message, Cancel);
                    var body = await response.Content.ReadAsStringAsync(Cancel);
                    answers[request] = $"{(int)response.StatusCode} {Shorten(body, 600)}";
                    var status = (int)response.StatusCode;
                    var echoes = status >= 400 && body.Contains(new string('a', 200), StringComparison.Ordinal);
                    return status < 500 && !echoes;
                },
                iter: Iterations,
                threads: 1,
                print: request => request + Environment.NewLine + "    answer: " + answers.GetValueOrDefault(request, "?"));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            failures.Add(what + ":\n" + Shorten(failure.Message, 4000));
        }
    }

    private static Gen<FuzzRequest> JsonRequests(string method, string path, string? valid, IReadOnlyList<string> names)
    {
        var value = Gen.Int[0, JsonValues.Length - 1].Select(i => JsonValues[i]);
        var whole = value.Select(v => new FuzzRequest(method, path, "application/json", v, "a single value"));
        var special = Gen.Int[0, Specials.Length - 1].Select(i => new FuzzRequest(method, path, Specials[i].ContentType, Specials[i].Body, Specials[i].Description));
        var shaped = names.Count == 0
            ? whole
            : Gen.Select(value.Array[names.Count], Gen.Int[0, 3], (values, shape) => new FuzzRequest(method, path, "application/json", Shaped(names, values, shape), "fields: " + ShapeName(shape)));
        var mutated = valid is null
            ? shaped
            : Gen.Select(Gen.Int[0, 1000], value, Gen.Int[0, 2], (pick, v, operation) => Mutate(method, path, valid, pick, v, operation));
        return Gen.Frequency((1, whole), (1, special), (2, shaped), (4, mutated));
    }

    private static Gen<FuzzRequest> Queries(string method, string path, IReadOnlyList<string> names)
    {
        var value = Gen.Int[0, FormValues.Length - 1].Select(i => FormValues[i] == LongText ? LongText[..5000] : FormValues[i]);
        var all = names.Count == 0 ? ["reason", "indicator", "version"] : names;
        return Gen.Select(Gen.Int[0, all.Count - 1], value, (i, v) =>
            new FuzzRequest(method, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + all[i] + "=" + Uri.EscapeDataString(v), null, null, "query " + all[i]));
    }

    private static Gen<FuzzRequest> FormRequests(string url, IReadOnlyList<string> fields, IReadOnlyList<string> files)
    {
        var value = Gen.Int[-2, FormValues.Length - 1];
        return Gen.Select(value.Array[fields.Count], Gen.Bool, Gen.Byte.Array[0, 64], (choices, multipart, bytes) =>
        {
            var pairs = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < fields.Count; i++)
            {
                // -2: left out; -1: sent twice.
                if (choices[i] == -1)
                {
                    pairs.Add(new(fields[i], "1"));
                    pairs.Add(new(fields[i], "2"));
                }
                else if (choices[i] >= 0)
                {
                    pairs.Add(new(fields[i], FormValues[choices[i]]));
                }
            }

            pairs.Add(new("extra_" + bytes.Length, FormValues[bytes.Length % FormValues.Length]));
            if (!multipart)
            {
                var body = Encoding.UTF8.GetBytes(string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
                return new FuzzRequest("POST", url, "application/x-www-form-urlencoded", body, $"form of {pairs.Count} fields");
            }

            using var form = new MultipartFormDataContent("fuzz-boundary");
            foreach (var (name, text) in pairs)
            {
                form.Add(new StringContent(text), name);
            }

            foreach (var file in files)
            {
                form.Add(new ByteArrayContent(bytes), file, "tệp " + bytes.Length + ".pdf");
            }

            return new FuzzRequest("POST", url, form.Headers.ContentType!.ToString(), form.ReadAsByteArrayAsync().GetAwaiter().GetResult(), $"multipart of {pairs.Count} fields, {files.Count} files");
        });
    }

    private static FuzzRequest Mutate(string method, string path, string valid, int pick, byte[] value, int operation)
    {
        var root = JsonNode.Parse(valid)!;
        var places = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, places);
        var description = "valid body";
        if (places.Count > 0)
        {
            var (parent, key, index) = places[pick % places.Count];
            switch (operation)
            {
                case 0:
                    description = $"valid body, {key ?? "[" + index + "]"} replaced";
                    if (parent is JsonObject o)
                    {
                        o[key!] = Marker;
                    }
                    else
                    {
                        ((JsonArray)parent)[index] = Marker;
                    }

                    break;
                case 1:
                    description = $"valid body without {key ?? "[" + index + "]"}";
                    if (parent is JsonObject without)
                    {
                        without.Remove(key!);
                    }
                    else
                    {
                        ((JsonArray)parent).RemoveAt(index);
                    }

                    break;
                default:
                    description = "valid body with an extra field";
                    if ((parent as JsonObject ?? root as JsonObject) is { } target && !target.ContainsKey("extra"))
                    {
                        target["extra"] = Marker;
                    }

                    break;
            }
        }

        var text = root.ToJsonString();
        var at = text.IndexOf("\"" + Marker + "\"", StringComparison.Ordinal);
        var body = at < 0
            ? Encoding.UTF8.GetBytes(text)
            : [.. Encoding.UTF8.GetBytes(text[..at]), .. value, .. Encoding.UTF8.GetBytes(text[(at + Marker.Length + 2)..])];
        return new FuzzRequest(method, path, "application/json", body, description);
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Key, int Index)> places)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToArray())
                {
                    places.Add((o, key, -1));
                    if (child is not null)
                    {
                        Collect(child, places);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    places.Add((a, null, i));
                    if (a[i] is { } child)
                    {
                        Collect(child, places);
                    }
                }

                break;
        }
    }

    private static byte[] Shaped(IReadOnlyList<string> names, byte[][] values, int shape)
    {
        var body = new List<byte>(Encoding.UTF8.GetBytes(shape == 3 ? "[{" : "{"));
        var first = true;
        for (var i = 0; i < names.Count; i++)
        {
            if (shape == 1 && i % 2 == 1)
            {
                continue;
            }

            body.AddRange(Encoding.UTF8.GetBytes((first ? string.Empty : ",") + "\"" + names[i] + "\":"));
            body.AddRange(values[i]);
            first = false;
        }

        if (shape == 2)
        {
            body.AddRange(Encoding.UTF8.GetBytes((first ? string.Empty : ",") + "\"unexpected\":"));
            body.AddRange(values[0]);
        }

        body.AddRange(Encoding.UTF8.GetBytes(shape == 3 ? "}]" : "}"));
        return [.. body];
    }

    private static string ShapeName(int shape) => shape switch
    {
        0 => "every field",
        1 => "half the fields left out",
        2 => "an extra field",
        _ => "wrapped in an array",
    };

    /// <summary>The API routes, as the authorisation matrix lists them.</summary>
    private IEnumerable<(string Method, RouteEndpoint Endpoint)> ApiEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("api", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, e)));

    private static string Key(string method, RouteEndpoint endpoint) => $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}";

    /// <summary>The JSON names of the body's fields, for a list the fields of its items.</summary>
    private static string[] BodyProperties(RouteEndpoint? endpoint)
    {
        var type = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (type is null || type == typeof(string))
        {
            return [];
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return ["civil_servants", "public_employees", "unknown_field"];
        }

        var item = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[0] : type;
        return item.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonName(p.Name)).ToArray();
    }

    /// <summary>The query parameters of a route: its handler's simple parameters that are not in the path.</summary>
    private static string[] QueryParameters(RouteEndpoint? endpoint)
    {
        if (endpoint?.Metadata.GetMetadata<MethodInfo>() is not { } method)
        {
            return [];
        }

        var simple = new[] { typeof(string), typeof(int), typeof(long), typeof(decimal), typeof(bool), typeof(DateOnly) };
        return method.GetParameters()
            .Where(p => simple.Contains(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) && endpoint.RoutePattern.GetParameter(p.Name!) is null)
            .Select(p => p.Name!)
            .ToArray();
    }

    /// <summary>Every POST handler of the pages: the page's route, the handler's name, its form fields and, for a JSON handler, the body's type.</summary>
    private async Task<IReadOnlyList<PageHandler>> PostHandlersAsync()
    {
        var loader = Factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<PageHandler>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor || endpoint.RoutePattern.RawText is "Index" or "/Index")
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var bound = compiled.BoundProperties.Select(p => p.BindingInfo?.BinderModelName ?? p.Name).ToArray();
            foreach (var method in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                var body = method.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body)?.ParameterType;
                var fields = method.Parameters.Where(p => p.ParameterType != typeof(CancellationToken) && p.BindingInfo?.BindingSource != BindingSource.Body).Select(p => p.Name).Concat(bound).ToArray();
                handlers.Add(new PageHandler("/" + endpoint.RoutePattern.RawText!.Trim('/'), method.Name, fields, body));
            }
        }

        return handlers.DistinctBy(h => (h.Page, h.Name)).ToArray();
    }

    /// <summary>The names of the fields of every form on a page.</summary>
    private static string[] FieldNames(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<(?:input|select|textarea)[^>]*?\\sname=\"([^\"]+)\"")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(n => n != "__RequestVerificationToken")
            .Distinct(StringComparer.Ordinal)
            .Take(40)
            .ToArray();

    private static string[] FileFields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input[^>]*?type=\"file\"[^>]*?\\sname=\"([^\"]+)\"|<input[^>]*?\\sname=\"([^\"]+)\"[^>]*?type=\"file\"")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToArray();

    private static string JsonSample(Type type) =>
        type.Name == "SaveRequest" ? "{\"indicator\":\"3.2\",\"input\":\"a\",\"value\":\"5\",\"version\":0}" : "{}";

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Nested(string open, string close, int depth, string inner = "") =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + $"… ({text.Length} characters)";

    /// <summary>A POST handler of a page.</summary>
    private sealed record PageHandler(string Page, string? Name, IReadOnlyList<string> Fields, Type? JsonBody);

    /// <summary>One request the fuzz sends.</summary>
    internal sealed record FuzzRequest(string Method, string Path, string? ContentType, byte[]? Body, string Description)
    {
        /// <summary>A form post with the anti-forgery field (other posts carry the token in the page script's header).</summary>
        public FuzzRequest WithToken(string token)
        {
            if (ContentType != "application/x-www-form-urlencoded")
            {
                return this;
            }

            var separator = Body is { Length: > 0 } ? "&" : string.Empty;
            return this with { Body = [.. Body ?? [], .. Encoding.UTF8.GetBytes(separator + "__RequestVerificationToken=" + Uri.EscapeDataString(token))] };
        }

        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Path);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
                }
            }

            return message;
        }

        public override string ToString()
        {
            var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body);
            return $"{Method} {Path} [{ContentType ?? "no content type"}] {Description}: {Shorten(body, 300)}";
        }
    }
}
