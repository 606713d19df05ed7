using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using OpenDti.Application.Units;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Lists at provincial scale (issue 16): the units page searched (accents optional), filtered by level,
/// parent and state, 50 a page; a period's cohort ticked in a picker; the ranking filtered by level and
/// parent on the period page and in <c>GET /api/periods/{id}/results</c>, each unit keeping its rank in the cohort.
/// </summary>
public sealed class ListsTests : WebAppTest
{
    [Fact]
    public async Task UnitsPage_FindsUnits_WithOrWithoutAccents_AndFiltersByLevelParentAndState()
    {
        await WithUnitsAsync(async units =>
        {
            var system = Actor.System("test");
            Assert.True((await units.CreateAsync(system, "HUYEN-1", "Huyện Đồng Tháp Mười", UnitLevel.District, "TINH")).Succeeded);
            Assert.True((await units.CreateAsync(system, "XA-1", "Xã Mỹ An", UnitLevel.Commune, "HUYEN-1")).Succeeded);
            Assert.True((await units.CreateAsync(system, "XA-2", "Xã Đốc Binh Kiều", UnitLevel.Commune, "HUYEN-1")).Succeeded);
            Assert.True((await units.CloseAsync(system, "SO-B", new DateOnly(2025, 3, 1), null)).Succeeded);
        });
        var browser = await SignedInAsync("admin");

        var plain = await browser.GetStringAsync("/quan-tri/don-vi?q=" + Uri.EscapeDataString("dong thap"), Cancel);
        var accented = await browser.GetStringAsync("/quan-tri/don-vi?q=" + Uri.EscapeDataString("Đồng Tháp"), Cancel);
        var doc = await browser.GetStringAsync("/quan-tri/don-vi?q=doc+binh", Cancel);
        var communes = await browser.GetStringAsync("/quan-tri/don-vi?cap=Commune", Cancel);
        var underTinh = await browser.GetStringAsync("/quan-tri/don-vi?truc-thuoc=TINH", Cancel);
        var closed = await browser.GetStringAsync("/quan-tri/don-vi?trang-thai=da-dong", Cancel);
        var active = await browser.GetStringAsync("/quan-tri/don-vi?trang-thai=hoat-dong&cap=Department", Cancel);
        var none = await browser.GetStringAsync("/quan-tri/don-vi?q=khong-co-dau", Cancel);

        Assert.Equal(["HUYEN-1"], Codes(plain));
        Assert.Equal(["HUYEN-1"], Codes(accented));
        Assert.Equal(["XA-2"], Codes(doc));
        Assert.Equal(["XA-1", "XA-2"], Codes(communes));
        Assert.DoesNotContain("id=\"level-Department\"", communes, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Commune\" selected=\"selected\">Xã</option>", communes, StringComparison.Ordinal);
        Assert.Equal(["SO-A", "SO-B", "SO-C", "HUYEN-1"], Codes(underTinh));
        Assert.Equal(["SO-B"], Codes(closed));
        Assert.Equal(["SO-A", "SO-C"], Codes(active));
        Assert.Empty(Codes(none));
        Assert.Contains("Không có đơn vị nào khớp.", none, StringComparison.Ordinal);
        Assert.Contains("Đơn vị 1–1 trong 1 đơn vị tìm thấy (tổng 7).", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsPage_ShowsFiftyAPage_AndItsLinksKeepTheFilters()
    {
        await WithUnitsAsync(async units =>
        {
            var system = Actor.System("test");
            Assert.True((await units.CreateAsync(system, "HUYEN-1", "Huyện Một", UnitLevel.District, "TINH")).Succeeded);
            for (var i = 1; i <= 120; i++)
            {
                var code = "XA-" + i.ToString("000", CultureInfo.InvariantCulture);
                Assert.True((await units.CreateAsync(system, code, "Xã số " + i.ToString(CultureInfo.InvariantCulture), UnitLevel.Commune, "HUYEN-1")).Succeeded);
            }
        });
        var browser = await SignedInAsync("admin");

        var first = await browser.GetStringAsync("/quan-tri/don-vi", Cancel);
        var third = await browser.GetStringAsync("/quan-tri/don-vi?trang=3", Cancel);
        var communesTwo = await browser.GetStringAsync("/quan-tri/don-vi?cap=Commune&trang=2", Cancel);
        var beyond = await browser.GetStringAsync("/quan-tri/don-vi?trang=99", Cancel);

        // 125 units: the province, three departments, the district and 120 communes, by level then code.
        Assert.Equal(50, Codes(first).Count);
        Assert.Equal(["TINH", "SO-A", "SO-B", "SO-C", "HUYEN-1"], Codes(first).Take(5));
        Assert.Contains("Đơn vị 1–50 trong 125 đơn vị tìm thấy (tổng 125).", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/quan-tri/don-vi?trang=2#units-list\"", first, StringComparison.Ordinal);
        Assert.Equal(25, Codes(third).Count);
        Assert.Equal("XA-096", Codes(third)[0]);
        Assert.Contains("<span aria-current=\"page\">3</span>", third, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(51, 50).Select(i => "XA-" + i.ToString("000", CultureInfo.InvariantCulture)), Codes(communesTwo));
        Assert.Contains("href=\"/quan-tri/don-vi?cap=Commune&amp;trang=3#units-list\"", communesTwo, StringComparison.Ordinal);
        // A page past the end shows the last one.
        Assert.Equal(Codes(third), Codes(beyond));
    }

    [Fact]
    public async Task PeriodForm_ListsTheActiveUnitsToTick_AndCreatesThePeriodWithThoseTicked()
    {
        await WithUnitsAsync(async units => (await units.CloseAsync(Actor.System("test"), "SO-C", new DateOnly(2025, 3, 1), null)).Succeeded);
        var browser = await SignedInAsync("admin");

        var form = await browser.GetStringAsync("/quan-tri/ky-danh-gia", Cancel);
        var created = await browser.PostAsync("/quan-tri/ky-danh-gia?handler=Create", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryTokenIn(form)),
            new("FrameworkCode", "dti-department-2022"),
            new("Year", "2026"),
            new("Name", "Kỳ chọn bằng ô đánh dấu"),
            new("OpensOn", "15/01/2027"),
            new("ClosesOn", "15/03/2027"),
            new("Cohort", "SO-A"),
            new("Cohort", "SO-B"),
        ]), Cancel);
        var refused = await browser.PostAsync("/quan-tri/ky-danh-gia?handler=Create", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryTokenIn(form)),
            new("FrameworkCode", "dti-department-2022"),
            new("Year", "2027"),
            new("Name", "Kỳ sai"),
            new("OpensOn", "15/01/2028"),
            new("ClosesOn", "15/03/2028"),
            new("Cohort", "SO-A"),
            new("Cohort", "TINH"),
        ]), Cancel);
        var refusedHtml = await refused.Content.ReadAsStringAsync(Cancel);

        // Every active unit is a box to tick without any script; the closed one is not offered.
        Assert.Contains("<input type=\"checkbox\" name=\"Cohort\" value=\"SO-A\" />", form, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"Cohort\" value=\"TINH\" />", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Cohort\" value=\"SO-C\"", form, StringComparison.Ordinal);
        Assert.Contains("data-search=\"so-a so a\"", form, StringComparison.Ordinal);
        Assert.Contains("Chọn tất cả đang lọc", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var period = (await InScopeAsync(s => s.GetRequiredService<PeriodService>().ListAsync())).Single(p => p.Year == 2026);
        Assert.Equal(2, period.UnitCount);
        // Refused: the boxes stay ticked, and the message names the unit.
        Assert.Contains("`TINH` là tỉnh", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"Cohort\" value=\"TINH\" checked=\"checked\" />", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"Cohort\" value=\"SO-A\" checked=\"checked\" />", refusedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankingApi_ListsOnlyTheUnitsOfALevelOrParent_WithTheirRankInTheCohort()
    {
        var periodId = await TwoProvincesPeriodAsync();
        using var evaluator = await Factory.ClientAsync("evaluator");

        var all = await UnitsAsync(evaluator, $"/api/periods/{periodId}/results");
        var underOther = await UnitsAsync(evaluator, $"/api/periods/{periodId}/results?parent=TINH-2");
        var underTinh = await UnitsAsync(evaluator, $"/api/periods/{periodId}/results?parent=TINH&level=department");
        var districts = await UnitsAsync(evaluator, $"/api/periods/{periodId}/results?level=District");
        var badLevel = await evaluator.GetAsync($"/api/periods/{periodId}/results?level=Huyen", Cancel);
        var badParent = await evaluator.GetAsync($"/api/periods/{periodId}/results?parent=KHONG-CO", Cancel);
        var reporter = await (await Factory.ClientAsync("reporter.so-a")).GetAsync($"/api/periods/{periodId}/results?parent=TINH", Cancel);

        Assert.Equal(3, all.Count);
        var ranks = all.ToDictionary(u => u.Code, u => u.Rank);
        Assert.Equal(["SO-X"], underOther.Select(u => u.Code));
        Assert.Equal(ranks["SO-X"], underOther[0].Rank);
        Assert.Equal(["SO-A", "SO-B"], underTinh.Select(u => u.Code).Order());
        Assert.All(underTinh, u => Assert.Equal(ranks[u.Code], u.Rank));
        Assert.Empty(districts);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        var problem = await JsonAsync(badLevel);
        Assert.Equal("level", problem.GetProperty("problems")[0].GetProperty("input").GetString());
        Assert.Contains("\"Huyen\" không phải là cấp đơn vị (Province, Department, District, Commune)", problem.GetProperty("problems")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badParent.StatusCode);
        Assert.Equal("parent", (await JsonAsync(badParent)).GetProperty("problems")[0].GetProperty("input").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, reporter.StatusCode);
    }

    [Fact]
    public async Task PeriodPage_FiltersItsRankingByParent_KeepingEachRankOfTheCohort()
    {
        var periodId = await TwoProvincesPeriodAsync();
        using var evaluator = await SignedInAsync("evaluator");

        var all = await evaluator.GetStringAsync($"/ky-danh-gia/{periodId}", Cancel);
        var underOther = await evaluator.GetStringAsync($"/ky-danh-gia/{periodId}?truc-thuoc=TINH-2", Cancel);
        var unknown = await evaluator.GetStringAsync($"/ky-danh-gia/{periodId}?truc-thuoc=KHONG-CO", Cancel);

        Assert.Contains("<select id=\"truc-thuoc\" name=\"truc-thuoc\">", all, StringComparison.Ordinal);
        Assert.Contains("<option value=\"TINH-2\">TINH-2 — Tỉnh Hai</option>", all, StringComparison.Ordinal);
        Assert.Equal(3, RankingRows(all).Count);
        var rows = RankingRows(underOther);
        var rank = Assert.Single(rows);
        Assert.Equal(RankingRows(all).Single(r => r.Code == "SO-X").Rank, rank.Rank);
        Assert.Contains("Đang hiện 1 trong 3 đơn vị của kỳ; thứ hạng là thứ hạng trong cả kỳ.", underOther, StringComparison.Ordinal);
        Assert.Contains("<option value=\"TINH-2\" selected=\"selected\">", underOther, StringComparison.Ordinal);
        Assert.Contains("không có đơn vị nào mã &quot;KHONG-CO&quot;", unknown, StringComparison.Ordinal);
        Assert.Equal(3, RankingRows(unknown).Count);
    }

    [Fact]
    public async Task PeriodPage_ShowsItsRankingFiftyAPage_WithTheRanksOfTheCohort()
    {
        var periodId = await InScopeAsync(async s =>
        {
            var units = s.GetRequiredService<UnitDirectory>();
            var system = Actor.System("test");
            var codes = new List<string>();
            for (var i = 1; i <= 60; i++)
            {
                var code = "SO-" + i.ToString("000", CultureInfo.InvariantCulture);
                Assert.True((await units.CreateAsync(system, code, "Sở số " + i.ToString(CultureInfo.InvariantCulture), UnitLevel.Department, "TINH")).Succeeded);
                codes.Add(code);
            }

            var period = await s.GetRequiredService<PeriodService>().CreateAsync(
                system, "dti-department-2022", 2023, "Kỳ sáu mươi sở", new DateOnly(2023, 11, 1), new DateOnly(2030, 12, 31), codes);
            Assert.True(period.Succeeded, period.Message?.ToString());
            return period.Value!.Id;
        });
        using var evaluator = await SignedInAsync("evaluator");

        var first = await evaluator.GetStringAsync($"/ky-danh-gia/{periodId}", Cancel);
        var second = await evaluator.GetStringAsync($"/ky-danh-gia/{periodId}?trang=2", Cancel);

        Assert.Equal(50, RankingRows(first).Count);
        Assert.Equal(10, RankingRows(second).Count);
        Assert.Contains("Đơn vị 51–60 trong 60 đơn vị của bảng xếp hạng", second, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ky-danh-gia/{periodId}?trang=2#ranking\"", first, StringComparison.Ordinal);
        Assert.Empty(RankingRows(first).Select(r => r.Code).Intersect(RankingRows(second).Select(r => r.Code)));
        // The second page goes on in rank order: its ranks are the cohort's, not restarted at 1.
        Assert.All(RankingRows(second), r => Assert.True(r.Rank >= RankingRows(first).Max(f => f.Rank)));
        Assert.Equal(10, Regex.Count(Regex.Match(second, "<table class=\"heat\">.*?</table>", RegexOptions.Singleline).Value, "<th scope=\"row\">"));
    }

    [Fact]
    public async Task HeatTable_ShowsAUnitThatReportedNothing_AsNotReported_NotAsZero()
    {
        using var evaluator = await SignedInAsync("evaluator");
        var submitted = await InScopeAsync(async s => (await s.GetRequiredService<Application.Results.ResultService>().ResultsAsync(Actor.System("test"), Factory.OpenPeriodId)).Value!.Units.ToDictionary(u => u.UnitCode, u => u.Submitted));

        var page = await evaluator.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);
        var json = JsonDocument.Parse(Regex.Match(page, "<script type=\"application/json\" id=\"results-chart-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value).RootElement;

        Assert.Contains("id=\"heat-legend\"", page, StringComparison.Ordinal);
        Assert.Contains("Chưa báo cáo", page, StringComparison.Ordinal);
        foreach (var unit in json.GetProperty("heatmap").GetProperty("units").EnumerateArray())
        {
            Assert.Equal(submitted[unit.GetProperty("code").GetString()!], unit.GetProperty("reported").GetBoolean());
        }

        var heat = Regex.Match(page, "<table class=\"heat\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(submitted.Values.Any(s => !s), heat.Contains("class=\"num heat-none\"", StringComparison.Ordinal));
    }

    /// <summary>A department period whose cohort has SO-A and SO-B (under TINH) and SO-X (under a second province, TINH-2), with some values.</summary>
    private async Task<int> TwoProvincesPeriodAsync() =>
        await InScopeAsync(async s =>
        {
            var units = s.GetRequiredService<UnitDirectory>();
            var system = Actor.System("test");
            Assert.True((await units.CreateAsync(system, "TINH-2", "Tỉnh Hai", UnitLevel.Province, null)).Succeeded);
            var created = await units.CreateAsync(system, "SO-X", "Sở X", UnitLevel.Department, "TINH-2");
            Assert.True(created.Succeeded, created.Message?.ToString());
            var period = await s.GetRequiredService<PeriodService>().CreateAsync(
                system, "dti-department-2022", 2023, "Kỳ hai tỉnh", new DateOnly(2023, 11, 1), new DateOnly(2030, 12, 31), ["SO-A", "SO-B", "SO-X"]);
            Assert.True(period.Succeeded, period.Message?.ToString());
            Assert.True((await s.GetRequiredService<PeriodService>().SetStatusAsync(system, period.Value!.Id, Data.Periods.PeriodStatus.Open)).Succeeded);
            return period.Value.Id;
        });

    private static async Task<List<(string Code, int Rank)>> UnitsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        return json.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("unitCode").GetString()!, u.GetProperty("rank").GetInt32())).ToList();
    }

    /// <summary>The ranking's rows: each unit's code and rank.</summary>
    private static List<(string Code, int Rank)> RankingRows(string html)
    {
        var table = Regex.Match(html, "<table class=\"ranking\">.*?</table>", RegexOptions.Singleline).Value;
        return Regex.Matches(table, "<tr>\\s*<td class=\"num\">(\\d+)</td>\\s*<th scope=\"row\"><a [^>]*>[^<]*</a> <span class=\"muted code\">([^<]+)</span>")
            .Select(m => (m.Groups[2].Value, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The unit codes the units page lists, in order.</summary>
    private static List<string> Codes(string html) =>
        Regex.Matches(html, "<td><a href=\"/quan-tri/don-vi/[^\"]+\">([^<]+)</a></td>").Select(m => m.Groups[1].Value).ToList();

    private async Task WithUnitsAsync(Func<UnitDirectory, Task> action)
    {
        using var scope = Factory.Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<UnitDirectory>());
    }

    private async Task<T> WithUnitsAsync<T>(Func<UnitDirectory, Task<T>> action)
    {
        using var scope = Factory.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<UnitDirectory>());
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Factory.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }
}
