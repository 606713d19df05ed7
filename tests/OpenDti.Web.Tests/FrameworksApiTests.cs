using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>Frameworks through the API: the list, a tree, the file out and in again, a copy to a new year.</summary>
public sealed class FrameworksApiTests : WebAppTest
{
    private const string Department = "dti-department-2022";

    private static HttpContent Yaml(string text) => new StringContent(text, Encoding.UTF8, "application/yaml");

    private static string WithCode(string yaml, string oldCode, string newCode)
    {
        var line = "code: " + oldCode + "\n";
        Assert.Contains(line, yaml, StringComparison.Ordinal);
        var at = yaml.IndexOf(line, StringComparison.Ordinal);
        return yaml[..at] + "code: " + newCode + "\n" + yaml[(at + line.Length)..];
    }

    private static IEnumerable<JsonElement> Flatten(IEnumerable<JsonElement> nodes) =>
        nodes.SelectMany(n => Flatten(n.GetProperty("children").EnumerateArray()).Prepend(n));

    [Fact]
    public async Task List_GivesTheBuiltInFrameworks_WithTheirYearLevelAndPoints()
    {
        using var client = await Factory.ClientAsync("viewer");

        var list = (await JsonAsync(await client.GetAsync("/api/frameworks", Cancel))).EnumerateArray().ToArray();

        Assert.Equal(["dti-department-2022", "dti-province-2022", "dti-district-2023", "dti-commune-2025"], list.Select(f => f.GetProperty("code").GetString()));
        var department = list.Single(f => f.GetProperty("code").GetString() == Department);
        Assert.Equal((2022, "department", true), (department.GetProperty("year").GetInt32(), department.GetProperty("level").GetString(), department.GetProperty("builtIn").GetBoolean()));
        Assert.True(department.GetProperty("totalPoints").GetDecimal() > 0);
        Assert.Equal(JsonValueKind.Null, department.GetProperty("copiedFrom").ValueKind);
    }

    [Fact]
    public async Task Get_GivesTheTree_WithInputsAndRules_WhosePointsAddUp()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var framework = await JsonAsync(await client.GetAsync($"/api/frameworks/{Department}", Cancel));

        Assert.Equal((Department, 2022, "department"), (framework.GetProperty("code").GetString(), framework.GetProperty("year").GetInt32(), framework.GetProperty("level").GetString()));
        var roots = framework.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(framework.GetProperty("totalPoints").GetDecimal(), roots.Sum(n => n.GetProperty("maxPoints").GetDecimal()));
        var indicator = Flatten(roots).Single(n => n.GetProperty("code").GetString() == "3.2");
        Assert.Equal(["a", "b"], indicator.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(indicator.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task ExportThenImportUnderANewCode_GivesTheSameTree()
    {
        using var client = await Factory.ClientAsync("admin");
        var original = await JsonAsync(await client.GetAsync($"/api/frameworks/{Department}", Cancel));

        var exported = await client.GetAsync($"/api/frameworks/{Department}/yaml", Cancel);
        var yaml = await exported.Content.ReadAsStringAsync(Cancel);
        var imported = await client.PostAsync("/api/frameworks", Yaml(WithCode(yaml, Department, "so-nganh-ban-sao")), Cancel);
        var summary = await JsonAsync(imported);
        var copy = await JsonAsync(await client.GetAsync("/api/frameworks/so-nganh-ban-sao", Cancel));

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/yaml", exported.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(("so-nganh-ban-sao", false), (summary.GetProperty("code").GetString(), summary.GetProperty("builtIn").GetBoolean()));
        Assert.Equal(original.GetProperty("nodes").GetRawText(), copy.GetProperty("nodes").GetRawText());
        Assert.Equal(original.GetProperty("totalPoints").GetDecimal(), copy.GetProperty("totalPoints").GetDecimal());
        Assert.Contains(
            (await JsonAsync(await client.GetAsync("/api/frameworks", Cancel))).EnumerateArray(),
            f => f.GetProperty("code").GetString() == "so-nganh-ban-sao");
    }

    [Fact]
    public async Task ImportABrokenFile_Is400_ListingEveryProblemWithItsLineAndIndicator_AndStoresNothing()
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/frameworks", Yaml(TestFrameworks.RepositoryFile("samples/frameworks/broken.yaml")), Cancel);
        var problem = await JsonAsync(response);
        var stored = await client.GetAsync("/api/frameworks/vi-du-loi", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tệp bộ chỉ số có 6 lỗi", problem.GetProperty("title").GetString());
        var problems = problem.GetProperty("problems").EnumerateArray().ToArray();
        Assert.Equal(["DTI5005", "DTI2003", "DTI1001", "DTI3001", "DTI1004", "DTI3006"], problems.Select(p => p.GetProperty("code").GetString()));
        Assert.All(problems, p => Assert.Matches(@"^[^:]+\.yaml:\d+(:\d+)?: lỗi DTI\d{4}: ", p.GetProperty("message").GetString()));
        var formula = problems[1];
        Assert.Equal("1.1", formula.GetProperty("indicator").GetString());
        Assert.EndsWith(
            ".yaml:22:35: lỗi DTI2003: chỉ số 1.1, công thức `rule`, cột 21: gặp `)` nhưng cần một biểu thức (số, tên, hàm hoặc dấu `(`)",
            formula.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(new string?[] { null, "1.1", "1.2", "1.2", "2.3", "2.3" }, problems.Select(p => p.GetProperty("indicator").GetString()));
        Assert.Equal([25, 22, 23, 29, 30, 37], problems.Select(p => int.Parse(p.GetProperty("message").GetString()!.Split(':')[1], CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task ImportABrokenFile_InEnglish()
    {
        using var client = await EnglishClientAsync("admin");

        var problem = await JsonAsync(await client.PostAsync("/api/frameworks", Yaml(TestFrameworks.RepositoryFile("samples/frameworks/broken.yaml")), Cancel));

        Assert.Equal("the framework file has 6 errors", problem.GetProperty("title").GetString());
        Assert.Contains(
            problem.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("message").GetString()!.Contains(":22:35: error DTI2003: indicator 1.1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("code: [unclosed")]
    [InlineData("- just\n- a list\n")]
    [InlineData("\u0000\u0001binary")]
    public async Task ImportSomethingThatIsNotAFramework_Is400(string body)
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync("/api/frameworks", Yaml(body), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await JsonAsync(response)).GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task ImportAnExistingCode_Is409_AndKeepsTheStoredFramework()
    {
        using var client = await Factory.ClientAsync("admin");
        var yaml = await client.GetStringAsync($"/api/frameworks/{Department}/yaml", Cancel);
        var changed = yaml.Replace("total_points: 1000", "total_points: 1000 # sửa lại", StringComparison.Ordinal);

        var response = await client.PostAsync("/api/frameworks", Yaml(changed), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"đã có bộ chỉ số mã `{Department}`; hãy đặt mã mới cho phiên bản này", await TitleAsync(response));
        Assert.Equal(yaml, await client.GetStringAsync($"/api/frameworks/{Department}/yaml", Cancel));
    }

    [Fact]
    public async Task CopyToANewYear_GivesTheNewCodeAndYear_CopiedFrom_AndTheSameNodes()
    {
        using var client = await Factory.ClientAsync("admin");
        var original = await JsonAsync(await client.GetAsync($"/api/frameworks/{Department}", Cancel));

        var response = await client.PostAsync($"/api/frameworks/{Department}/copy", Json(new { code = "dti-department-2026", year = 2026 }), Cancel);
        var summary = await JsonAsync(response);
        var copy = await JsonAsync(await client.GetAsync("/api/frameworks/dti-department-2026", Cancel));
        var listed = (await JsonAsync(await client.GetAsync("/api/frameworks", Cancel))).EnumerateArray().Single(f => f.GetProperty("code").GetString() == "dti-department-2026");
        var yaml = await client.GetStringAsync("/api/frameworks/dti-department-2026/yaml", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("dti-department-2026", 2026, Department, false), (summary.GetProperty("code").GetString(), summary.GetProperty("year").GetInt32(), summary.GetProperty("copiedFrom").GetString(), summary.GetProperty("builtIn").GetBoolean()));
        Assert.Equal(original.GetProperty("name").GetString(), summary.GetProperty("name").GetString());
        Assert.Equal(Department, listed.GetProperty("copiedFrom").GetString());
        Assert.Equal((2026, "department"), (copy.GetProperty("year").GetInt32(), copy.GetProperty("level").GetString()));
        Assert.Equal(original.GetProperty("nodes").GetRawText(), copy.GetProperty("nodes").GetRawText());
        Assert.Contains("code: dti-department-2026", yaml, StringComparison.Ordinal);
        Assert.Contains("year: 2026", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_WithAName_TakesIt()
    {
        using var client = await Factory.ClientAsync("admin");

        var summary = await JsonAsync(await client.PostAsync($"/api/frameworks/{Department}/copy", Json(new { code = "sn-2027", year = 2027, name = "Bộ chỉ số sở, ngành 2027" }), Cancel));

        Assert.Equal("Bộ chỉ số sở, ngành 2027", summary.GetProperty("name").GetString());
        Assert.Equal("Bộ chỉ số sở, ngành 2027", (await JsonAsync(await client.GetAsync("/api/frameworks/sn-2027", Cancel))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task CopyUnderAnExistingCode_Is409()
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync($"/api/frameworks/{Department}/copy", Json(new { code = "dti-province-2022", year = 2026 }), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("đã có bộ chỉ số mã `dti-province-2022`; hãy đặt mã mới cho phiên bản này", await TitleAsync(response));
    }

    [Fact]
    public async Task CopyOfAnUnknownFramework_Is404_InEnglishToo()
    {
        using var client = await EnglishClientAsync("admin");

        var response = await client.PostAsync("/api/frameworks/khong-co/copy", Json(new { code = "moi-2026", year = 2026 }), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("there is no framework `khong-co`", await TitleAsync(response));
    }

    public static TheoryData<string> UnknownCodes() => ["khong-co", new string('x', 2000), "dti-department-2022%20", "%C4%91%E1%BB%A9c", "..%2F..%2Fetc"];

    [Theory]
    [MemberData(nameof(UnknownCodes))]
    public async Task UnknownCode_Is404_OnEveryRoute(string code)
    {
        using var client = await Factory.ClientAsync("admin");

        var tree = await client.GetAsync($"/api/frameworks/{code}", Cancel);
        var yaml = await client.GetAsync($"/api/frameworks/{code}/yaml", Cancel);
        var copy = await client.PostAsync($"/api/frameworks/{code}/copy", Json(new { code = "moi-2026", year = 2026 }), Cancel);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [tree.StatusCode, yaml.StatusCode, copy.StatusCode]);
        Assert.StartsWith("không có bộ chỉ số `", await TitleAsync(tree), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"code\": ")]
    [InlineData("{\"code\": \"moi-2026\", \"year\": \"hai nghìn\"}")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"year\": 2026}")]
    [InlineData("{\"code\": \"\", \"year\": 2026}")]
    [InlineData("{\"code\": \"moi-2026\"}")]
    public async Task CopyWithABadBody_Is400(string body)
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.PostAsync($"/api/frameworks/{Department}/copy", RawJson(body), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
