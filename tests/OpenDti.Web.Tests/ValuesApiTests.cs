using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>Saving values through the API: all or nothing, audited, with optimistic concurrency.</summary>
public sealed class ValuesApiTests : WebAppTest
{
    private string Values(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/values";

    [Fact]
    public async Task Save_ThenRead_GivesTheValuesInExchangeForm()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var saved = await client.PutAsJsonAsync(Values(), new object[]
        {
            new { indicator = "3.2", input = "a", value = "150" },
            new { indicator = "3.2", input = "b", value = 200 },
            new { indicator = "2.1", input = "da_ban_hanh", value = true },
            new { indicator = "1.1", input = "truong_ban", value = "cap_pho" },
        }, Cancel);
        var read = await JsonAsync(await client.GetAsync(Values(), Cancel));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var values = read.EnumerateArray().ToDictionary(v => v.GetProperty("indicator").GetString() + "/" + v.GetProperty("input").GetString(), v => v.GetProperty("value").GetString());
        Assert.Equal("150", values["3.2/a"]);
        Assert.Equal("200", values["3.2/b"]);
        Assert.Equal("có", values["2.1/da_ban_hanh"]);
        Assert.Equal("cap_pho", values["1.1/truong_ban"]);
        Assert.All(read.EnumerateArray(), v => Assert.Equal("reporter.so-a", v.GetProperty("updatedBy").GetString()));
    }

    [Fact]
    public async Task OneBadValue_RefusesTheWholeRequest_AndNamesIt()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var response = await client.PutAsJsonAsync(Values(), new object[]
        {
            new { indicator = "3.6", input = "a", value = "5" },
            new { indicator = "3.6", input = "b", value = "năm" },
            new { indicator = "9.9", input = "a", value = "1" },
        }, Cancel);
        var problem = await JsonAsync(response);
        var after = await JsonAsync(await client.GetAsync(Values(), Cancel));
        var audit = await JsonAsync(await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/audit?indicator=3.6", Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("2 giá trị không hợp lệ; không giá trị nào được lưu", problem.GetProperty("title").GetString());
        var problems = problem.GetProperty("problems").EnumerateArray().ToArray();
        Assert.Equal(("3.6", "b", "DTI4001"), (problems[0].GetProperty("indicator").GetString(), problems[0].GetProperty("input").GetString(), problems[0].GetProperty("code").GetString()));
        Assert.StartsWith("`năm` không phải là số", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("9.9", "DTI6003"), (problems[1].GetProperty("indicator").GetString(), problems[1].GetProperty("code").GetString()));
        Assert.DoesNotContain(after.EnumerateArray(), v => v.GetProperty("indicator").GetString() == "3.6");
        Assert.Equal(0, audit.GetArrayLength());
    }

    [Fact]
    public async Task Problems_AreInEnglish_WhenTheCallerPrefersIt()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var problem = await JsonAsync(await client.PutAsJsonAsync(Values(), new[] { new { indicator = "3.6", input = "b", value = "x" } }, Cancel));

        Assert.Equal("1 values are not valid; nothing was saved", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task EveryChange_IsAudited_WithWhoWhenOldNewChannelAndReason()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        await client.PutAsJsonAsync(Values(), new[] { new { indicator = "3.7", input = "a", value = "3" } }, Cancel);
        await client.PutAsJsonAsync(Values() + "?reason=s%E1%BB%ADa%20s%E1%BB%91", new[] { new { indicator = "3.7", input = "a", value = "4" } }, Cancel);
        await client.PutAsJsonAsync(Values(), new[] { new { indicator = "3.7", input = "a", value = "" } }, Cancel);

        var audit = (await JsonAsync(await client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/audit?indicator=3.7", Cancel))).EnumerateArray().ToArray();

        Assert.Equal(3, audit.Length);
        Assert.Equal((null, "3"), (audit[0].GetProperty("oldValue").GetString(), audit[0].GetProperty("newValue").GetString()));
        Assert.Equal(("3", "4", "sửa số"), (audit[1].GetProperty("oldValue").GetString(), audit[1].GetProperty("newValue").GetString(), audit[1].GetProperty("reason").GetString()));
        Assert.Equal(("4", null), (audit[2].GetProperty("oldValue").GetString(), audit[2].GetProperty("newValue").GetString()));
        Assert.All(audit, a => Assert.Equal(("reporter.so-a", "api"), (a.GetProperty("userName").GetString(), a.GetProperty("channel").GetString())));
    }

    [Fact]
    public async Task StaleVersion_IsAConflict_NotASilentOverwrite()
    {
        using var first = await Factory.ClientAsync("reporter.so-a");
        using var second = await Factory.ClientAsync("evaluator");
        await first.PutAsJsonAsync(Values(), new[] { new { indicator = "5.1", input = "a", value = "3" } }, Cancel);
        var version = (await JsonAsync(await first.GetAsync(Values(), Cancel))).EnumerateArray().Single(v => v.GetProperty("indicator").GetString() == "5.1").GetProperty("version").GetInt32();

        var fromEvaluator = await second.PutAsJsonAsync(Values(), new[] { new { indicator = "5.1", input = "a", value = "4", version } }, Cancel);
        var fromReporter = await first.PutAsJsonAsync(Values(), new[] { new { indicator = "5.1", input = "a", value = "5", version } }, Cancel);
        var problem = await JsonAsync(fromReporter);
        var stored = (await JsonAsync(await first.GetAsync(Values(), Cancel))).EnumerateArray().Single(v => v.GetProperty("indicator").GetString() == "5.1");

        Assert.Equal(HttpStatusCode.OK, fromEvaluator.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, fromReporter.StatusCode);
        Assert.Equal("APP-VERSION", problem.GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.Equal("4", stored.GetProperty("value").GetString());
    }

    [Fact]
    public async Task TwoSimultaneousSaves_OfTheSameVersion_OneWinsOneConflicts()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        await client.PutAsJsonAsync(Values(), new[] { new { indicator = "5.8", input = "a", value = "1" } }, Cancel);

        var responses = await Task.WhenAll(Enumerable.Range(2, 2).Select(async n =>
        {
            using var c = await Factory.ClientAsync("reporter.so-a");
            return await c.PutAsJsonAsync(Values(), new[] { new { indicator = "5.8", input = "a", value = n.ToString(System.Globalization.CultureInfo.InvariantCulture), version = 1 } }, Cancel);
        }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task DraftPeriod_TakesNoValues()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var response = await client.PutAsJsonAsync($"/api/periods/{Factory.DraftPeriodId}/units/SO-A/values", new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("kỳ đánh giá \"Kỳ nháp\" đang ở trạng thái đang chuẩn bị: không nhận số liệu", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/periods/999/units/SO-A/values")]
    [InlineData("/api/periods/{open}/units/SO-Z/values")]
    [InlineData("/api/periods/999/results")]
    [InlineData("/api/periods/{open}/units/SO-Z/scorecard")]
    [InlineData("/api/periods/{open}/units/SO-Z/audit")]
    [InlineData("/api/frameworks/khong-co")]
    [InlineData("/api/units/SO-Z")]
    [InlineData("/api/periods/999")]
    public async Task UnknownIds_Are404(string path)
    {
        using var client = await Factory.ClientAsync("admin");

        var response = await client.GetAsync(path.Replace("{open}", Factory.OpenPeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MalformedBody_Is400_Not500()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");

        var response = await client.PutAsync(Values(), new StringContent("[{\"indicator\": ", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ResultsAndScorecard_ReflectTheSavedValues()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-b");
        using var evaluator = await Factory.ClientAsync("evaluator");
        await reporter.PutAsJsonAsync(Values("SO-B"), new object[]
        {
            new { indicator = "2.1", input = "da_ban_hanh", value = "có" },
            new { indicator = "2.2", input = "da_ban_hanh", value = "có" },
        }, Cancel);

        var results = await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}/results", Cancel));
        var scorecard = await JsonAsync(await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/scorecard", Cancel));

        var unit = results.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "SO-B");
        Assert.Equal("Sở B", unit.GetProperty("unitName").GetString());
        Assert.True(unit.GetProperty("total").GetDecimal() >= 80m);
        var mainIndex = unit.GetProperty("mainIndices").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "2");
        Assert.True(mainIndex.GetProperty("points").GetDecimal() >= 80m);
        Assert.Equal(100m, mainIndex.GetProperty("maxPoints").GetDecimal());
        Assert.True(mainIndex.GetProperty("rank").GetInt32() >= 1);
        var node = scorecard.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("code").GetString() == "2.1");
        Assert.Equal(40m, node.GetProperty("points").GetDecimal());
        Assert.EndsWith(": Có nên Điểm = Điểm tối đa = 40,00", node.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }
}
