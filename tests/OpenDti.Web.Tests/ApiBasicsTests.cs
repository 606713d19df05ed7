using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>Sign-in, the documented lists, health, the OpenAPI document and reference, lock-out.</summary>
public sealed class ApiBasicsTests : WebAppTest
{
    [Fact]
    public async Task Login_GivesAnAccessToken_ThatOpensTheApi()
    {
        using var anonymous = Factory.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "viewer", password = OpenDtiFactory.Password }, Cancel);
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("accessToken").GetString();
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var frameworks = await anonymous.GetAsync("/api/frameworks", Cancel);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, frameworks.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_Is401_AndFiveFailuresLockTheAccount()
    {
        using var client = Factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync("/api/auth/login", new { userName = "leader.so-b", password = "sai-mat-khau" }, Cancel);
        }

        var withRightPassword = await client.PostAsJsonAsync("/api/auth/login", new { userName = "leader.so-b", password = OpenDtiFactory.Password }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, last!.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withRightPassword.StatusCode);
        Assert.Contains("tạm khóa", await withRightPassword.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Periods_HaveTheDocumentedFields()
    {
        using var client = await Factory.ClientAsync("viewer");

        var period = JsonDocument.Parse(await client.GetStringAsync("/api/periods", Cancel)).RootElement.EnumerateArray().First(p => p.GetProperty("id").GetInt32() == Factory.OpenPeriodId);

        Assert.Equal("dti-department-2022", period.GetProperty("frameworkCode").GetString());
        Assert.Equal(2024, period.GetProperty("year").GetInt32());
        Assert.Equal("open", period.GetProperty("status").GetString());
        Assert.Equal("2024-11-01", period.GetProperty("opensOn").GetString());
        Assert.Equal("2030-12-31", period.GetProperty("closesOn").GetString());
    }

    [Fact]
    public async Task Framework_ComesAsATree()
    {
        using var client = await Factory.ClientAsync("viewer");

        var framework = JsonDocument.Parse(await client.GetStringAsync("/api/frameworks/dti-province-2022", Cancel)).RootElement;

        Assert.Equal(8, framework.GetProperty("nodes").GetArrayLength());
        var leaf = framework.GetProperty("nodes")[5].GetProperty("children").EnumerateArray().Single(n => n.GetProperty("code").GetString() == "6.12");
        Assert.Equal("target(ratio(b + c, a), 80%)", leaf.GetProperty("rule").GetString());
        Assert.Equal(20m, leaf.GetProperty("maxPoints").GetDecimal());
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        using var client = Factory.CreateClient();

        var health = JsonDocument.Parse(await client.GetStringAsync("/health", Cancel)).RootElement;

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryRoute_AndTheReferenceIsServedFromTheApp()
    {
        using var client = Factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Cancel)).RootElement;
        var reference = await client.GetStringAsync("/scalar/", Cancel);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/auth/login", paths);
        Assert.Contains("/api/periods/{id}/units/{unitCode}/values", paths);
        Assert.Contains("/api/periods/{id}/results", paths);
        Assert.DoesNotContain("cdn.", reference, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", reference.Replace("https://github", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
