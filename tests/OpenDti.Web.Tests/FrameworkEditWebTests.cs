using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A framework edited through the API (<c>POST /api/frameworks/{code}/versions</c>) and in the browser
/// (<c>/quan-tri/bo-chi-so/{code}/sua</c>): a dry run saves nothing, a save is a new version, a refusal is
/// located and keeps what was typed.
/// </summary>
public sealed partial class FrameworkEditWebTests : WebAppTest
{
    private const string Editor = "/quan-tri/bo-chi-so/dti-department-2022/sua";

    private static string Edited(string from, string to) =>
        Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Yaml("dti-department-2022").Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public async Task Api_DryRun_ListsTheChanges_AndSavesNothing_ThenTheSaveIsANewVersion()
    {
        using var admin = await Factory.ClientAsync("admin");
        var yaml = Edited("name: Nhận thức số\n", "name: Nhận thức số (sửa)\n");

        var dryRun = await admin.PostAsJsonAsync("/api/frameworks/dti-department-2022/versions?dryRun=true", new { yaml }, Cancel);

        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var preview = await JsonAsync(dryRun);
        Assert.Equal(("dti-department-2022-v2", false), (preview.GetProperty("code").GetString(), preview.GetProperty("saved").GetBoolean()));
        var change = Assert.Single(preview.GetProperty("changes").EnumerateArray());
        Assert.Equal(("Renamed", "1", "Nhận thức số (sửa)"), (change.GetProperty("kind").GetString(), change.GetProperty("code").GetString(), change.GetProperty("after").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/frameworks/dti-department-2022-v2", Cancel)).StatusCode);

        var saved = await admin.PostAsJsonAsync("/api/frameworks/dti-department-2022/versions", new { yaml, code = "dti-department-2026", name = "Bộ chỉ số các sở 2026" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True((await JsonAsync(saved)).GetProperty("saved").GetBoolean());
        var list = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/frameworks", Cancel);
        var version = list.EnumerateArray().Single(f => f.GetProperty("code").GetString() == "dti-department-2026");
        Assert.Equal(("dti-department-2022", false, "Bộ chỉ số các sở 2026"), (version.GetProperty("copiedFrom").GetString(), version.GetProperty("builtIn").GetBoolean(), version.GetProperty("name").GetString()));
        var source = await admin.GetStringAsync("/api/frameworks/dti-department-2022/yaml", Cancel);
        Assert.Equal(Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Yaml("dti-department-2022"), source);
    }

    [Fact]
    public async Task Api_AnInvalidEdit_Is400_WithEachProblemAtItsIndicator()
    {
        using var admin = await Factory.ClientAsync("admin");

        var refused = await admin.PostAsJsonAsync("/api/frameworks/dti-department-2022/versions", new { yaml = Edited("max_points: 100\n", "max_points: 90\n") }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("DTI1032", body, StringComparison.Ordinal);
        Assert.Contains("\"indicator\":\"1\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"yaml\":null}")]
    [InlineData("{\"yaml\":\"  \"}")]
    public async Task Api_NoFile_Is400_AtYaml_AndSavesNoCopy(string json)
    {
        using var admin = await Factory.ClientAsync("admin");

        var refused = await admin.PostAsync("/api/frameworks/dti-department-2022/versions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"input\":\"yaml\"", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/frameworks/dti-department-2022-v2", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Page_ARuleThatDoesNotParse_IsShownBesideTheRule_AndWhatWasTypedStays()
    {
        using var browser = await SignedInAsync("admin");
        var page = await browser.GetStringAsync(Editor + "?node=1.1", Cancel);
        var fields = FormFields(page);
        fields["Form.Rule"] = "ratio(a, ";
        fields["Form.Guidance"] = "Hướng dẫn gõ dở";

        var answer = await browser.PostAsync(Editor + "?handler=SaveNode", new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Cancel));
        Assert.Matches(new Regex("id=\"Form_Rule-error\" class=\"field-error\" role=alert>[^<]+"), html);
        Assert.Contains(">ratio(a, </textarea>", html, StringComparison.Ordinal);
        Assert.Contains(">Hướng dẫn gõ dở</textarea>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_AnEditThenTheSave_CreatesTheNewVersion_AndOpensIt()
    {
        using var browser = await SignedInAsync("admin");
        var fields = FormFields(await browser.GetStringAsync(Editor + "?node=1.1", Cancel));
        fields["Form.Name"] = "Người đứng đầu là Trưởng Ban Chỉ đạo (đã sửa)";

        var applied = await browser.PostAsync(Editor + "?handler=SaveNode", new FormUrlEncodedContent(fields), Cancel);
        var tree = await applied.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Đã cập nhật 1.1 vào bản nháp", WebUtility.HtmlDecode(tree), StringComparison.Ordinal);

        var previewFields = FormFields(tree);
        var previewHtml = await (await browser.PostAsync(Editor + "?handler=Preview", new FormUrlEncodedContent(previewFields), Cancel)).Content.ReadAsStringAsync(Cancel);
        var preview = WebUtility.HtmlDecode(previewHtml);
        Assert.Contains("value=\"dti-department-2022-v2\"", preview, StringComparison.Ordinal);
        Assert.Contains("(đã sửa)</td>", preview, StringComparison.Ordinal);

        var saveFields = FormFields(previewHtml);
        var saved = await browser.PostAsync(Editor + "?handler=Save", new FormUrlEncodedContent(saveFields), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/quan-tri/bo-chi-so/dti-department-2022-v2", saved.Headers.Location!.OriginalString);
        var opened = WebUtility.HtmlDecode(await browser.GetStringAsync("/quan-tri/bo-chi-so/dti-department-2022-v2", Cancel));
        Assert.Contains("Người đứng đầu là Trưởng Ban Chỉ đạo (đã sửa)", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("(đã sửa)", WebUtility.HtmlDecode(await browser.GetStringAsync("/quan-tri/bo-chi-so/dti-department-2022", Cancel)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluator")]
    [InlineData("viewer")]
    [InlineData("reporter.so-a")]
    public async Task Api_OthersThanAdministrators_AreRefused(string user)
    {
        using var client = await Factory.ClientAsync(user);

        var refused = await client.PostAsJsonAsync("/api/frameworks/dti-department-2022/versions", new { yaml = Edited("a", "a") }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>The fields of the editor's form as a browser sends them (its own anti-forgery token included): inputs, text areas, selected options, ticked boxes.</summary>
    private static Dictionary<string, string> FormFields(string page)
    {
        var html = EditorForm().Match(page) is { Success: true } form ? form.Value : throw new InvalidOperationException("The page has no editor form.");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type");
            if (name is null || type is "submit" || (type is "checkbox" && !tag.Contains("checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields[name] = WebUtility.HtmlDecode(Attribute(tag, "value") ?? string.Empty);
        }

        foreach (Match area in TextAreaTag().Matches(html))
        {
            fields[area.Groups[1].Value] = WebUtility.HtmlDecode(area.Groups[2].Value.StartsWith('\n') ? area.Groups[2].Value[1..] : area.Groups[2].Value);
        }

        foreach (Match select in SelectTag().Matches(html))
        {
            var selected = Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected");
            fields[select.Groups[1].Value] = selected.Success ? selected.Groups[1].Value : Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\"").Groups[1].Value;
        }

        return fields;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, "\\s" + name + "=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<form[^>]*action=\"[^\"]*/sua\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex EditorForm();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>")]
    private static partial Regex TextAreaTag();

    [GeneratedRegex("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();
}
