using System.Net;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Contributors, the contributors' deadline and progress reports through the API and the pages (issue 14
/// points 3, 5 and 6). In the open period, SO-A's plan assigns 2.1 to SO-B (lead).
/// </summary>
public sealed class PlanProgressWebTests : WebAppTest
{
    [Fact]
    public async Task AContributor_IsCreatedMarked_ListedMarked_AndRefusedInACohort()
    {
        using var admin = await Factory.ClientAsync("admin");
        var created = await admin.PostAsync("/api/units", Json(new { code = "BD-TINH", name = "Bưu điện tỉnh", level = "department", parentCode = "TINH", notScored = true }), Cancel);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True((await JsonAsync(created)).GetProperty("notScored").GetBoolean());

        var listed = (await JsonAsync(await admin.GetAsync("/api/units", Cancel))).EnumerateArray().Single(u => u.GetProperty("code").GetString() == "BD-TINH");
        Assert.True(listed.GetProperty("notScored").GetBoolean());

        using var evaluator = await Factory.ClientAsync("evaluator");
        var period = await evaluator.PostAsync("/api/periods", Json(new { frameworkCode = "dti-department-2022", year = 2026, name = "Kỳ có bưu điện", opensOn = "2026-01-01", closesOn = "2026-02-01", unitCodes = new[] { "SO-A", "BD-TINH" } }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, period.StatusCode);
        var problem = Assert.Single((await JsonAsync(period)).GetProperty("problems").EnumerateArray());
        Assert.Equal(("APP-PERIOD-UNIT-NOT-SCORED", "BD-TINH"), (problem.GetProperty("code").GetString(), problem.GetProperty("input").GetString()));

        var missing = await admin.PutAsync("/api/units/BD-TINH/not-scored", Json(new { }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var inCohort = await admin.PutAsync("/api/units/SO-A/not-scored", Json(new { notScored = true }), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, inCohort.StatusCode);

        using var browser = await SignedInAsync("admin");
        var page = await browser.GetStringAsync("/quan-tri/don-vi", Cancel);
        var row = System.Text.RegularExpressions.Regex.Match(page, "<tr[^>]*>\\s*<td><a href=\"/quan-tri/don-vi/BD-TINH\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success);
        Assert.Contains("class=\"badge not-scored\"", row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("badge not-scored", page.Replace(row.Value, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheContributorsDeadline_IsSetThroughTheApi_WithinThePeriod()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        var outside = await evaluator.PutAsync($"/api/periods/{Factory.OpenPeriodId}/contributors-deadline", Json(new { contributorsCloseOn = "2024-10-31" }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(
            "hạn các đơn vị chủ trì, phối hợp gửi số liệu 31/10/2024 phải từ ngày mở 01/11/2024 đến hạn tổng hợp 31/12/2030",
            await TitleAsync(outside));

        var set = await evaluator.PutAsync($"/api/periods/{Factory.OpenPeriodId}/contributors-deadline", Json(new { contributorsCloseOn = "2024-12-10" }), Cancel);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("2024-12-10", (await JsonAsync(await evaluator.GetAsync($"/api/periods/{Factory.OpenPeriodId}", Cancel))).GetProperty("contributorsCloseOn").GetString());

        await ProgressMatrix.EnsurePlanAsync(Factory);
        using var browser = await SignedInAsync("reporter.so-b");
        var deadlines = await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/han-nop", Cancel);
        Assert.Contains("Hạn các đơn vị chủ trì, phối hợp gửi số liệu: 10/12/2024; hạn tổng hợp, gửi hồ sơ: 31/12/2030.", deadlines, StringComparison.Ordinal);
        Assert.Contains("Nhiệm vụ chậm số liệu (1)", deadlines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_IsReportedAsAWhole_WithEachRowLocated()
    {
        await ProgressMatrix.EnsurePlanAsync(Factory);
        using var lead = await Factory.ClientAsync("reporter.so-b");
        var url = $"/api/periods/{Factory.OpenPeriodId}/progress";

        var bad = await lead.PutAsync(url, Json(new { rows = new object[] { new { unit = "SO-A", indicator = "2.1", term = "quarter1", status = "done" }, new { unit = "SO-A", indicator = "2.1", term = "quý 5", status = "xong" } } }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(
            ["APP-PROGRESS-TERM 1 SO-A 2.1 term", "APP-PROGRESS-STATUS 1 SO-A 2.1 status"],
            (await JsonAsync(bad)).GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("code").GetString()} {p.GetProperty("index").GetInt32()} {p.GetProperty("unit").GetString()} {p.GetProperty("indicator").GetString()} {p.GetProperty("input").GetString()}"));

        var saved = await lead.PutAsync(url, Json(new { rows = new[] { new { unit = "SO-A", indicator = "2.1", term = "halfYear", status = "done", text = "Đã ban hành" } } }), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (await JsonAsync(saved)).GetProperty("changed").GetInt32());

        using var viewer = await Factory.ClientAsync("viewer");
        var read = await JsonAsync(await viewer.GetAsync(url, Cancel));
        var byLead = Assert.Single(read.GetProperty("byLead").EnumerateArray());
        Assert.Equal(("SO-B", 1, 1), (byLead.GetProperty("leadUnitCode").GetString(), byLead.GetProperty("assigned").GetInt32(), byLead.GetProperty("done").GetInt32()));
        var report = Assert.Single(Assert.Single(read.GetProperty("rows").EnumerateArray()).GetProperty("reports").EnumerateArray());
        Assert.Equal(("halfYear", "done", "Đã ban hành", "SO-B"), (report.GetProperty("term").GetString(), report.GetProperty("status").GetString(), report.GetProperty("text").GetString(), report.GetProperty("reportedByUnit").GetString()));
    }

    [Fact]
    public async Task TheLeadUnit_SeesItsAssignmentAtHome_AndReportsOnTheProgressPage()
    {
        await ProgressMatrix.EnsurePlanAsync(Factory);
        using var browser = await SignedInAsync("reporter.so-b");

        var home = await browser.GetStringAsync("/", Cancel);
        Assert.Contains("Việc được giao", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai/SO-A\"", home, StringComparison.Ordinal);
        Assert.Contains("nhập số liệu được giao", home, StringComparison.OrdinalIgnoreCase);

        var path = $"/ky-danh-gia/{Factory.OpenPeriodId}/tien-do";
        var page = await browser.GetStringAsync(path, Cancel);
        var posted = await browser.PostAsync(path + "?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["unit"] = "SO-A",
            ["indicator"] = "2.1",
            ["term"] = "nineMonths",
            ["status"] = "inProgress",
            ["text"] = "Đang dự thảo",
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(page),
        }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var after = await browser.GetStringAsync(path + "?done=reported", Cancel);
        Assert.Contains("Đã lưu báo cáo tiến độ.", after, StringComparison.Ordinal);
        Assert.Contains("Đang dự thảo", after, StringComparison.Ordinal);

        // A leader of the plan unit reads it; it may not report (no form), and a report it posts is refused.
        using var leader = await SignedInAsync("leader.so-a");
        var leaderPage = await leader.GetStringAsync(path, Cancel);
        Assert.Contains("Đang dự thảo", leaderPage, StringComparison.Ordinal);
        Assert.DoesNotContain("progress-form", leaderPage, StringComparison.Ordinal);
        var refused = await leader.PostAsync(path + "?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["unit"] = "SO-A",
            ["indicator"] = "2.1",
            ["term"] = "year",
            ["status"] = "done",
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(leaderPage),
        }), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
