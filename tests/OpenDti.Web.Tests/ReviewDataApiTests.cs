using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Review;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Adjustments, the self-assessed against reviewed comparison and the values changed since approval
/// through the API: status codes, problems and payloads.
/// </summary>
public sealed class ReviewDataApiTests : WebAppTest
{
    private string Values(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/values";

    private string Adjustments(string unit = "SO-A") => $"/api/periods/{Factory.OpenPeriodId}/units/{unit}/adjustments";

    private static object Adjustment(string indicator, string input, object value, string? reason, int? version) => new { indicator, input, value, reason, version };

    [Fact]
    public async Task Adjustments_AreMadeListedAndWithdrawn_WithConflictsAndProblemsNamed()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var admin = await Factory.ClientAsync("admin");
        using var leader = await Factory.ClientAsync("leader.so-a");
        await SaveAsync(reporter, new { indicator = "1.3", input = "da_to_chuc", value = "có" }, new { indicator = "1.4", input = "a", value = "25" });
        await SetStateAsync("SO-A", SubmissionState.UnderReview);

        var made = await evaluator.PutAsync(Adjustments(), Json(Adjustment("1.3", "da_to_chuc", false, "Thiếu kế hoạch tập huấn", 0)), Cancel);
        var late = await admin.PutAsync(Adjustments(), Json(Adjustment("1.3", "da_to_chuc", true, "Có kế hoạch", 0)), Cancel);
        var noReason = await admin.PutAsync(Adjustments(), Json(Adjustment("1.4", "a", 20, "", 0)), Cancel);
        var badValue = await admin.PutAsync(Adjustments(), Json(Adjustment("1.4", "a", -5, "Đếm lại", 0)), Cancel);
        var byLeader = await leader.PutAsync(Adjustments(), Json(Adjustment("1.4", "a", 20, "Đếm lại", 0)), Cancel);
        var number = await admin.PutAsync(Adjustments(), Json(Adjustment("1.4", "a", 12m, "Chỉ 12 tin hợp lệ", null)), Cancel);

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var body = await JsonAsync(made);
        Assert.Equal(
            ("1.3", "da_to_chuc", "Có", "Không", "không", "Thiếu kế hoạch tập huấn", "evaluator", 1),
            (body.GetProperty("indicator").GetString(), body.GetProperty("input").GetString(), body.GetProperty("reported").GetString(),
             body.GetProperty("adjusted").GetString(), body.GetProperty("value").GetString(), body.GetProperty("reason").GetString(),
             body.GetProperty("userName").GetString(), body.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("evaluator", await TitleAsync(late), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(("APP-REASON-REQUIRED", "1.4", "a"), Problem(await JsonAsync(noReason)));
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.Equal(("DTI4004", "1.4", "a"), Problem(await JsonAsync(badValue)));
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, number.StatusCode);

        var listed = (await JsonAsync(await leader.GetAsync(Adjustments(), Cancel))).EnumerateArray()
            .Select(a => (a.GetProperty("indicator").GetString(), a.GetProperty("reported").GetString(), a.GetProperty("adjusted").GetString(), a.GetProperty("version").GetInt32()))
            .ToArray();
        Assert.Equal([("1.3", "Có", "Không", 1), ("1.4", "25", "12", 1)], listed);

        var staleRemove = await evaluator.DeleteAsync(Adjustments() + "?indicator=1.3&input=da_to_chuc&version=2&reason=" + Uri.EscapeDataString("Đã bổ sung"), Cancel);
        var removeWithoutReason = await evaluator.DeleteAsync(Adjustments() + "?indicator=1.3&input=da_to_chuc&version=1", Cancel);
        var removed = await evaluator.DeleteAsync(Adjustments() + "?indicator=1.3&input=da_to_chuc&version=1&reason=" + Uri.EscapeDataString("Đã bổ sung"), Cancel);
        var missing = await evaluator.DeleteAsync(Adjustments() + "?indicator=1.1&input=truong_ban&version=0&reason=x", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, staleRemove.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, removeWithoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var left = (await JsonAsync(await evaluator.GetAsync(Adjustments(), Cancel))).EnumerateArray().Select(a => a.GetProperty("indicator").GetString()).ToArray();
        Assert.Equal(["1.4"], left);
    }

    [Fact]
    public async Task Adjust_WhenTheSubmissionIsNotUnderReview_Is409NamingTheState()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        using var english = await EnglishClientAsync("evaluator");
        await SetStateAsync("SO-A", SubmissionState.Submitted);

        var response = await evaluator.PutAsync(Adjustments(), Json(Adjustment("1.3", "da_to_chuc", "không", "Lý do", 0)), Cancel);
        var inEnglish = await english.PutAsync(Adjustments(), Json(Adjustment("1.3", "da_to_chuc", "không", "Lý do", 0)), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("đã gửi", await TitleAsync(response), StringComparison.Ordinal);
        Assert.Contains("submitted", await TitleAsync(inEnglish), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comparison_GivesSelfAssessedAgainstReviewed_AndAUnitUserSeesTheirOwnUnit()
    {
        using var reporterA = await Factory.ClientAsync("reporter.so-a");
        using var reporterB = await Factory.ClientAsync("reporter.so-b");
        using var evaluator = await Factory.ClientAsync("evaluator");
        await SaveAsync(reporterA, new { indicator = "1.3", input = "da_to_chuc", value = "có" });
        await SaveAsync(reporterB, "SO-B", new { indicator = "1.3", input = "da_to_chuc", value = "có" }, new { indicator = "1.2", input = "tham_gia_bcd", value = "có" }, new { indicator = "1.2", input = "chu_tri_hop", value = "không" });
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync(Adjustments(), Json(Adjustment("1.3", "da_to_chuc", "không", "Thiếu minh chứng", 0)), Cancel)).StatusCode);

        using var viewer = await Factory.ClientAsync("viewer");
        var all = await JsonAsync(await viewer.GetAsync($"/api/periods/{Factory.OpenPeriodId}/comparison", Cancel));
        var own = await JsonAsync(await reporterB.GetAsync($"/api/periods/{Factory.OpenPeriodId}/comparison", Cancel));

        var units = all.GetProperty("units").EnumerateArray()
            .Select(u => (u.GetProperty("unitCode").GetString(), u.GetProperty("difference").GetDecimal(), u.GetProperty("selfAssessedRank").GetInt32(), u.GetProperty("reviewedRank").GetInt32()))
            .ToArray();
        Assert.Equal([("SO-A", 20m, 2, 2), ("SO-B", 0m, 1, 1)], units);
        var soA = all.GetProperty("units")[0];
        Assert.Equal(20m, soA.GetProperty("selfAssessed").GetDecimal() - soA.GetProperty("reviewed").GetDecimal());
        var claim = Assert.Single(all.GetProperty("overClaims").EnumerateArray());
        Assert.Equal(("1.3", 20m, 10m, 1), (claim.GetProperty("code").GetString(), claim.GetProperty("totalDifference").GetDecimal(), claim.GetProperty("averageDifference").GetDecimal(), claim.GetProperty("unitsOverClaiming").GetInt32()));
        Assert.Equal(["SO-B"], own.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitCode").GetString()));
        Assert.Empty(own.GetProperty("overClaims").EnumerateArray());
    }

    [Fact]
    public async Task ChangesSinceApproval_GivesTheValueAtApprovalAndNow_InTheReadersLanguage()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        await SaveAsync(reporter, new { indicator = "1.3", input = "da_to_chuc", value = "có" }, new { indicator = "1.4", input = "a", value = "25" });
        var path = $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/changes-since-approval";
        using var leader = await Factory.ClientAsync("leader.so-a");
        var never = await JsonAsync(await leader.GetAsync(path, Cancel));
        Assert.Equal(JsonValueKind.Null, never.GetProperty("approvedAt").ValueKind);
        Assert.Empty(never.GetProperty("inputs").EnumerateArray());

        await SetStateAsync("SO-A", SubmissionState.Returned, DateTime.UtcNow);
        await SaveAsync(reporter, new { indicator = "1.3", input = "da_to_chuc", value = "không" });

        var changes = await JsonAsync(await leader.GetAsync(path, Cancel));
        using var english = await EnglishClientAsync("viewer");
        var inEnglish = await JsonAsync(await english.GetAsync(path, Cancel));

        var input = Assert.Single(changes.GetProperty("inputs").EnumerateArray());
        Assert.Equal(
            ("1.3", "da_to_chuc", "Có", "Không", "reporter.so-a", 1),
            (input.GetProperty("indicator").GetString(), input.GetProperty("input").GetString(), input.GetProperty("atApproval").GetString(),
             input.GetProperty("now").GetString(), input.GetProperty("changedBy").GetString(), input.GetProperty("changes").GetInt32()));
        var englishInput = Assert.Single(inEnglish.GetProperty("inputs").EnumerateArray());
        Assert.Equal(("Yes", "No"), (englishInput.GetProperty("atApproval").GetString(), englishInput.GetProperty("now").GetString()));
    }

    [Fact]
    public async Task ComparisonPage_ShowsTheTotalsAndTheOverClaims_AndThePeriodPageLinksToIt()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var evaluator = await Factory.ClientAsync("evaluator");
        await SaveAsync(reporter, new { indicator = "1.3", input = "da_to_chuc", value = "có" });
        await SetStateAsync("SO-A", SubmissionState.UnderReview);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.PutAsync(Adjustments(), Json(Adjustment("1.3", "da_to_chuc", "không", "Thiếu minh chứng", 0)), Cancel)).StatusCode);
        using var viewer = await SignedInAsync("viewer");

        var period = await viewer.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}", Cancel);
        var page = System.Net.WebUtility.HtmlDecode(await viewer.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/so-sanh", Cancel));

        Assert.Contains($"href=\"/ky-danh-gia/{Factory.OpenPeriodId}/so-sanh\"", period, StringComparison.Ordinal);
        Assert.Contains("<h1>Tự đánh giá và kết quả thẩm định</h1>", page, StringComparison.Ordinal);
        Assert.Matches("Sở A.*?\\+20", System.Text.RegularExpressions.Regex.Replace(page, "\\s+", " "));
        Assert.Contains("<span class=\"code\">1.3</span>", page, StringComparison.Ordinal);
    }

    private static (string?, string?, string?) Problem(JsonElement problem)
    {
        var item = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        return (item.GetProperty("code").GetString(), item.GetProperty("indicator").GetString(), item.GetProperty("input").GetString());
    }

    private Task SaveAsync(HttpClient client, params object[] values) => SaveAsync(client, "SO-A", values);

    private async Task SaveAsync(HttpClient client, string unit, params object[] values)
    {
        var response = await client.PutAsync(Values(unit), Json(values), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Puts a unit's submission in <paramref name="state"/> directly (the transitions are not these tests' subject).</summary>
    private async Task SetStateAsync(string unit, SubmissionState state, DateTime? approvedAt = null)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var unitId = await db.Units.Where(u => u.Code == unit).Select(u => u.Id).SingleAsync(Cancel);
        var submission = await db.Submissions.SingleOrDefaultAsync(s => s.PeriodId == Factory.OpenPeriodId && s.UnitId == unitId, Cancel);
        if (submission is null)
        {
            submission = new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, UpdatedBy = "test" };
            db.Submissions.Add(submission);
        }

        submission.State = state;
        submission.ApprovedAt = approvedAt;
        submission.Version++;
        await db.SaveChangesAsync(Cancel);
    }
}
