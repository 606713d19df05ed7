using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The what-if and the gains over HTTP: the gains' values, sent back as they come, gain exactly their points; bad
/// values are refused with their indicator and input; thirty requests at once are all answered.
/// </summary>
public sealed class WhatIfApiTests : WebAppTest
{
    private string WhatIf => $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/what-if";

    [Fact]
    public async Task TheGainsValues_SentToTheWhatIf_GainExactlyTheirPoints()
    {
        using var client = await Factory.ClientAsync("evaluator");
        var gains = await client.GetFromJsonAsync<JsonElement>($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/gains", Cancel);
        Assert.NotEmpty(gains.EnumerateArray());
        foreach (var gain in gains.EnumerateArray())
        {
            Assert.Contains("điểm", gain.GetProperty("change").GetString(), StringComparison.Ordinal);
            var response = await client.PostAsJsonAsync(WhatIf, new { values = gain.GetProperty("values") }, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var run = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(gain.GetProperty("pointsGained").GetDecimal(), run.GetProperty("total").GetDecimal() - run.GetProperty("totalBefore").GetDecimal());
            Assert.Equal(gain.GetProperty("rankGained").GetInt32(), run.GetProperty("rankBefore").GetInt32() - run.GetProperty("rank").GetInt32());
            var indicator = gain.GetProperty("indicator").GetString();
            var node = run.GetProperty("indicators").EnumerateArray().Single(n => n.GetProperty("code").GetString() == indicator);
            Assert.Equal(gain.GetProperty("pointsAfter").GetDecimal(), node.GetProperty("after").GetDecimal());
        }
    }

    [Fact]
    public async Task BadValues_AreRefused_EachAtItsIndicatorAndInput()
    {
        using var client = await Factory.ClientAsync("reporter.so-a");
        var response = await client.PostAsJsonAsync(
            WhatIf,
            new
            {
                values = new object?[]
                {
                    new { indicator = "2.1", input = "da_ban_hanh", value = "có lẽ" },
                    new { indicator = "99.9", input = "a", value = "1" },
                    new { indicator = "2.1", input = "da_ban_hanh", value = "có" },
                },
                cohort = new[] { new { indicator = "2.1", min = "1", max = "x" } },
            },
            Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("indicator").GetString()}|{p.GetProperty("input").GetString()}").ToArray();
        Assert.Contains("2.1|da_ban_hanh", problems);
        Assert.Contains("99.9|a", problems);
        Assert.Contains("2.1|cohort", problems);
    }

    [Fact]
    public async Task ThirtyWhatIfsAndGainsAtOnce_AreAllAnswered()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Factory.ClientAsync("evaluator")));
        var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(() => i % 3 == 0
            ? client.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/gains", Cancel)
            : client.PostAsJsonAsync(WhatIf, new { values = new[] { new { indicator = "2.1", input = "da_ban_hanh", value = i % 2 == 0 ? "có" : "không" } } }, Cancel))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var totals = await Task.WhenAll(responses.Where((_, i) => i % 3 != 0).Select(r => r.Content.ReadFromJsonAsync<JsonElement>(Cancel)));
        Assert.Equal(2, totals.Select(t => t.GetProperty("total").GetDecimal()).Distinct().Count());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
