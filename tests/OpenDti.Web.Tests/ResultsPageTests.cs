using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// The pages evaluators, unit leaders and the province's leadership read: a period's ranking and a
/// unit's scorecard, who may open them, what they show after values are saved, last year's change,
/// the overdue units, the charts' data and the server time header.
/// </summary>
public sealed partial class ResultsPageTests : WebAppTest
{
    [GeneratedRegex("<script type=\"application/json\" id=\"results-chart-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ChartData();

    [GeneratedRegex(@"^app;dur=\d+(\.\d)?$")]
    private static partial Regex ServerTimingValue();

    private string PeriodPage(int? id = null) => $"/ky-danh-gia/{id ?? Factory.OpenPeriodId}";

    private string ScorecardPage(string unit, int? id = null) => $"{PeriodPage(id)}/don-vi/{unit}";

    // ---- Who may open them

    [Fact]
    public async Task AnonymousVisitors_AreSentToSignIn()
    {
        using var browser = Browser();

        foreach (var path in new[] { PeriodPage(), ScorecardPage("SO-A") })
        {
            var response = await browser.GetAsync(path, Cancel);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("evaluator")]
    [InlineData("admin")]
    public async Task ProvinceStaffAndViewers_SeeTheRanking_WithItsChartData(string userName)
    {
        using var browser = await SignedInAsync(userName);

        var response = await browser.GetAsync(PeriodPage(), Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Kỳ mở · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"ranking\">Bảng xếp hạng</h2>", html, StringComparison.Ordinal);
        foreach (var unit in new[] { "SO-A", "SO-B" })
        {
            Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/don-vi/{unit}\">Sở {unit[^1]}</a>", html, StringComparison.Ordinal);
        }

        var chart = ChartJson(html);
        Assert.Equal("period", chart.GetProperty("kind").GetString());
        Assert.Equal(2, chart.GetProperty("histogram").EnumerateArray().Sum(b => b.GetProperty("units").GetInt32()));
        Assert.Equal(JsonValueKind.Number, chart.GetProperty("histogram")[0].GetProperty("to").ValueKind);
        Assert.Equal(2 * chart.GetProperty("heatmap").GetProperty("indices").GetArrayLength(), chart.GetProperty("heatmap").GetProperty("cells").GetArrayLength());
        Assert.Contains("src=\"/js/charts.js", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/lib/echarts/echarts.min.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reporter.so-a")]
    [InlineData("leader.so-a")]
    public async Task UnitUsers_AreRefusedThePeriodPage_UntilItIsPublished(string userName)
    {
        using var browser = await SignedInAsync(userName);

        var before = await browser.GetAsync(PeriodPage(), Cancel);
        await SetStatusAsync(Factory.OpenPeriodId, "published");
        var after = await browser.GetAsync(PeriodPage(), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Contains("<title>Không có quyền · OpenDti</title>", await before.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData("reporter.so-a")]
    [InlineData("leader.so-a")]
    public async Task UnitUsers_ReadTheirOwnScorecard_AndNoOtherUnits(string userName)
    {
        using var browser = await SignedInAsync(userName);

        var own = await browser.GetAsync(ScorecardPage("SO-A"), Cancel);
        var other = await browser.GetAsync(ScorecardPage("SO-B"), Cancel);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var html = await own.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("<title>Sở A · OpenDti</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"/ky-danh-gia/{Factory.OpenPeriodId}\">Kỳ mở</a></li>", html, StringComparison.Ordinal); // Trang chủ › period › unit
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("Sở B", await other.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluator")]
    [InlineData("reporter.so-a")]
    public async Task UnknownPeriodsAndUnits_AreNotFound(string userName)
    {
        using var browser = await SignedInAsync(userName);

        foreach (var path in new[] { PeriodPage(999_999), ScorecardPage("SO-A", 999_999), ScorecardPage("SO-X") })
        {
            var response = await browser.GetAsync(path, Cancel);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Contains("<title>Không tìm thấy · OpenDti</title>", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
    }

    // ---- What they show

    [Fact]
    public async Task SavedValues_ShowInTheRankingAndTheScorecard_InVietnameseFormat()
    {
        await SaveAsync("reporter.so-a", Factory.OpenPeriodId, "SO-A", [
            new { indicator = "1.1", input = "truong_ban", value = "cap_pho" }, // 1/2 × 20 = 10
            new { indicator = "1.4", input = "co_chuyen_muc", value = "có" },
            new { indicator = "1.4", input = "a", value = "1234" }, // ≥ 20 articles: 40
            new { indicator = "5.10", input = "c", value = "2500.75" },
        ]);
        using var browser = await SignedInAsync("evaluator");

        var ranking = await browser.GetStringAsync(PeriodPage(), Cancel);
        var scorecard = await browser.GetStringAsync(ScorecardPage("SO-A"), Cancel);

        var rows = Rows(ranking);
        Assert.Matches(@"^<td class=""num"">1</td>.*Sở A.*<td class=""num total"">50,00</td>", rows[0]);
        Assert.Matches(@"^<td class=""num"">2</td>.*Sở B.*<td class=""num total"">0,00</td>.*chưa kê khai", rows[1]);
        Assert.Contains("đã kê khai 4/", rows[0], StringComparison.Ordinal);
        Assert.Contains("50,00 <span class=\"muted\">/ 1.000,00</span>", scorecard, StringComparison.Ordinal);
        Assert.Contains("10,00 / 20,00", scorecard, StringComparison.Ordinal);
        Assert.Contains("<strong>1.234</strong>", scorecard, StringComparison.Ordinal);
        Assert.Contains("<strong>2.500,75</strong>", scorecard, StringComparison.Ordinal);
        Assert.Contains("<strong>Cấp phó của người đứng đầu (Phó Giám đốc/Phó Thủ trưởng)</strong>", scorecard, StringComparison.Ordinal);
        Assert.Contains(">Tài liệu kiểm chứng</th>", scorecard, StringComparison.Ordinal);
        var chart = ChartJson(scorecard);
        Assert.Equal(50m, chart.GetProperty("indices")[0].GetProperty("points").GetDecimal());
        Assert.Equal(0.5m, chart.GetProperty("indices")[0].GetProperty("fraction").GetDecimal());

        // The heat map is units × indicators (41 of them), coloured by the fraction achieved.
        var heat = ChartJson(ranking).GetProperty("heatmap");
        var indicators = heat.GetProperty("indices").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToArray();
        Assert.Equal(41, indicators.Length);
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "2.1"], indicators[..5]);
        var cells = heat.GetProperty("cells").EnumerateArray().ToDictionary(c => (c[0].GetInt32(), c[1].GetInt32()), c => (c[2].GetDecimal(), c[3].GetDecimal()));
        Assert.Equal((0.5m, 10m), cells[(0, 0)]);  // Sở A, 1.1: 10 of 20
        Assert.Equal((1m, 40m), cells[(3, 0)]);    // Sở A, 1.4: 40 of 40
        Assert.Equal((0m, 0m), cells[(0, 1)]);     // Sở B reported nothing
        Assert.Contains("<th scope=\"col\" class=\"num\"><abbr title=\"", ranking, StringComparison.Ordinal);
        Assert.Matches(@"<td class=""num heat-5"" title=""1\.1 [^""]+"">50%</td>", ranking);
    }

    [Fact]
    public async Task LastYearsPeriod_GivesEachUnitsChange_AndItsOverdueUnits()
    {
        var lastYear = await CreatePeriodAsync(2023, "Kỳ năm trước", new DateOnly(2023, 11, 1), new DateOnly(2023, 12, 31));

        // Last year's entry closed long ago: an administrator opens it again for the units to enter their figures.
        using (var admin = await Factory.ClientAsync("admin"))
        {
            foreach (var unit in new[] { "SO-A", "SO-B" })
            {
                using var opened = await admin.PutAsync($"/api/periods/{lastYear}/units/{unit}/exception", Json(new { until = "2099-12-31", reason = "Nhập lại số liệu năm trước" }), Cancel);
                Assert.Equal(System.Net.HttpStatusCode.OK, opened.StatusCode);
            }
        }

        await SaveAsync("evaluator", lastYear, "SO-A", [new { indicator = "1.3", input = "da_to_chuc", value = "có" }]); // 20
        await SaveAsync("evaluator", lastYear, "SO-B", [
            new { indicator = "1.4", input = "co_chuyen_muc", value = "có" },
            new { indicator = "1.4", input = "a", value = "25" }, // 40
        ]);
        await SaveAsync("reporter.so-a", Factory.OpenPeriodId, "SO-A", [
            new { indicator = "1.3", input = "da_to_chuc", value = "có" },
            new { indicator = "1.1", input = "truong_ban", value = "nguoi_dung_dau" }, // 20 + 20
        ]);
        using var browser = await SignedInAsync("viewer");

        var thisYear = await browser.GetStringAsync(PeriodPage(), Cancel);
        var before = await browser.GetStringAsync(PeriodPage(lastYear), Cancel);

        Assert.Contains($"So sánh với kỳ đánh giá năm trước: <a href=\"/ky-danh-gia/{lastYear}\">Kỳ năm trước</a>", thisYear, StringComparison.Ordinal);
        var rows = Rows(thisYear);
        Assert.Matches(@"Sở A.*▲ 1.*tăng 1 bậc.*\+20,00", rows[0]);
        Assert.Matches(@"Sở B.*▼ 1.*giảm 1 bậc.*−40,00", rows[1]);
        Assert.Contains("Hạn kê khai: 31/12/2030.", thisYear, StringComparison.Ordinal);

        Assert.Contains("Chưa có kỳ đánh giá năm 2022 cùng cấp để so sánh.", before, StringComparison.Ordinal);
        Assert.DoesNotContain("▲", before, StringComparison.Ordinal);
        var overdue = Regex.Replace(Regex.Match(before, "<ul class=\"overdue\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value, @"\s+", " ");
        Assert.Contains("Hạn kê khai là 31/12/2023; 2 đơn vị chưa kê khai đủ:", before, StringComparison.Ordinal);
        Assert.Contains($"/ky-danh-gia/{lastYear}/don-vi/SO-A\">Sở A</a>: đã kê khai 1/", overdue, StringComparison.Ordinal);
        Assert.Contains($"/ky-danh-gia/{lastYear}/don-vi/SO-B\">Sở B</a>: đã kê khai 2/", overdue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePages_CanBeEnglish()
    {
        using var browser = await SignedInAsync("evaluator");

        var ranking = await browser.GetStringAsync(PeriodPage() + "?lang=en", Cancel);
        var scorecard = await browser.GetStringAsync(ScorecardPage("SO-B"), Cancel);

        Assert.Contains("<h2 id=\"ranking\">Ranking</h2>", ranking, StringComparison.Ordinal);
        Assert.Contains("\"locale\":\"en-US\"", ranking, StringComparison.Ordinal);
        Assert.Contains("not reported", scorecard, StringComparison.Ordinal);
        Assert.Contains("0.00 / 20.00", scorecard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_TellTheServerTime()
    {
        using var browser = await SignedInAsync("evaluator");

        foreach (var path in new[] { PeriodPage(), ScorecardPage("SO-A") })
        {
            var response = await browser.GetAsync(path, Cancel);

            Assert.Matches(ServerTimingValue(), Assert.Single(response.Headers.GetValues("Server-Timing")));
        }
    }

    // ---- Helpers

    private async Task SaveAsync(string userName, int periodId, string unit, object[] values)
    {
        using var client = await Factory.ClientAsync(userName);
        var response = await client.PutAsync($"/api/periods/{periodId}/units/{unit}/values", Json(values), Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Moves the period to <paramref name="status"/>; to published by publishing its results, the only way there.</summary>
    private async Task SetStatusAsync(int periodId, string status)
    {
        using var client = await Factory.ClientAsync("evaluator");
        var response = status == "published"
            ? await PublishAsync(client, periodId)
            : await client.PutAsync($"/api/periods/{periodId}/status", Json(new { status }), Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<int> CreatePeriodAsync(int year, string name, DateOnly opensOn, DateOnly closesOn)
    {
        using var client = await Factory.ClientAsync("evaluator");
        var response = await client.PostAsync("/api/periods", Json(new { frameworkCode = "dti-department-2022", year, name, opensOn, closesOn, unitCodes = new[] { "SO-A", "SO-B" } }), Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        var id = (await JsonAsync(response)).GetProperty("id").GetInt32();
        await SetStatusAsync(id, "open");
        return id;
    }

    /// <summary>The body rows of the ranking table, in order, each on one line.</summary>
    private static string[] Rows(string html)
    {
        var body = Regex.Match(html, "<table class=\"ranking\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => Regex.Replace(m.Groups[1].Value, @"\s+", " ").Trim())
            .ToArray();
    }

    private static JsonElement ChartJson(string html)
    {
        var match = ChartData().Match(html);
        Assert.True(match.Success, "no chart data");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }
}
