using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Core.Review;
using OpenDti.Data;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Checks as appraisers make them, through the API and the pages: a save's warnings and refusals from the
/// framework's checks between inputs, the evidence flags of a unit and of a period, both shown on the form,
/// and what is missing listed before Công bố, then what publishing means and who acts next.
/// </summary>
public sealed class AppraisalChecksWebTests : WebAppTest
{
    private string Values => $"/api/periods/{Factory.OpenPeriodId}/units/SO-A/values";

    private string ListPage => $"/ky-danh-gia/{Factory.OpenPeriodId}/cong-bo";

    [Fact]
    public async Task Api_ASaveBreakingAWarningCheck_IsSaved_WithItsWarningsInAHeader()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");

        // Sở A has 40 công chức and 60 viên chức for 2024: 150 people equipped with a computer is more than all of them.
        var warned = await reporter.PutAsync(Values, Json(new[] { new { indicator = "3.1", input = "a", value = "150" } }), Cancel);
        var clean = await reporter.PutAsync(Values, Json(new[] { new { indicator = "3.1", input = "a", value = "90", version = 1 } }), Cancel);

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var warnings = JsonDocument.Parse(Assert.Single(warned.Headers.GetValues("OpenDti-Warnings"))).RootElement;
        var warning = Assert.Single(warnings.EnumerateArray().ToArray());
        Assert.Equal(("DTI4006", "3.1", "a"), (warning.GetProperty("code").GetString(), warning.GetProperty("indicator").GetString(), warning.GetProperty("input").GetString()));
        Assert.EndsWith("nhưng số liệu cho 150 ≤ 40 + 60", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("3.1 a 150", string.Join(";", (await JsonAsync(warned)).EnumerateArray().Select(v => $"{v.GetProperty("indicator")} {v.GetProperty("input")} {v.GetProperty("value")}")));
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
        Assert.False(clean.Headers.Contains("OpenDti-Warnings"));
    }

    [Fact]
    public async Task Api_ASaveBreakingARefusingCheck_Is400_NamingTheInputsByTheirLabels()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");

        var refused = await reporter.PutAsync(Values, Json(new[]
        {
            new { indicator = "5.10", input = "a", value = "3" },
            new { indicator = "5.10", input = "b", value = "4" },
            new { indicator = "5.10", input = "c", value = "5" },
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = Assert.Single((await JsonAsync(refused)).GetProperty("problems").EnumerateArray().ToArray());
        Assert.Equal(("5.10", "a"), (problem.GetProperty("indicator").GetString(), problem.GetProperty("input").GetString()));
        var message = problem.GetProperty("message").GetString()!;
        Assert.Contains("“a = Kinh phí đầu tư từ ngân sách nhà nước cho an toàn thông tin”", message, StringComparison.Ordinal);
        Assert.Contains("“c = Tổng chi từ ngân sách nhà nước cho chuyển đổi số của sở, ban, ngành”", message, StringComparison.Ordinal);
        Assert.EndsWith("3 + 4 ≤ 5", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_EvidenceChecks_FlagAUnitsDocuments_AndThePeriodsUnits()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        using var reporterB = await Factory.ClientAsync("reporter.so-b");
        using var viewer = await Factory.ClientAsync("viewer");
        var bytes = SampleFiles.Pdf("kiểm tra minh chứng");
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/evidence", EvidenceForm("2.1", "Kế hoạch.pdf", bytes), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await reporterB.PostAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-B/evidence", EvidenceForm("2.1", "Kế hoạch.pdf", bytes, "5/KH", "01/03/2023"), Cancel)).StatusCode);

        var unit = await JsonAsync(await reporter.GetAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/evidence-checks", Cancel));
        var period = await JsonAsync(await viewer.GetAsync($"/api/periods/{Factory.OpenPeriodId}/evidence-checks", Cancel));

        var flags = unit.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "2.1").GetProperty("flags").EnumerateArray()
            .Select(f => f.GetProperty("kind").GetString()).ToArray();
        Assert.Equal(["no_number", "no_date", "reused_across_units"], flags);
        Assert.Equal(3, unit.GetProperty("count").GetInt32());
        var soB = period.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "SO-B");
        Assert.Equal(
            ["outside_year: tệp Kế hoạch.pdf: ngày ban hành 01/03/2023 không thuộc năm 2024 của kỳ đánh giá", "reused_across_units: tệp Kế hoạch.pdf: cùng một tệp cũng được đơn vị khác nộp (SO-A)"],
            soB.GetProperty("indicators")[0].GetProperty("flags").EnumerateArray().Select(f => $"{f.GetProperty("kind")}: {f.GetProperty("message")}"));
    }

    [Fact]
    public async Task Form_ShowsTheWarningsOfTheSavedFigures_AndTheEvidenceFlags()
    {
        using var reporter = await Factory.ClientAsync("reporter.so-a");
        Assert.Equal(HttpStatusCode.OK, (await reporter.PutAsync(Values, Json(new[] { new { indicator = "3.1", input = "a", value = "150" } }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsync($"/api/periods/{Factory.OpenPeriodId}/units/SO-A/evidence", EvidenceForm("2.1", "Kế hoạch.pdf", SampleFiles.Pdf("form")), Cancel)).StatusCode);
        using var browser = await SignedInAsync("reporter.so-a");

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync($"/ky-danh-gia/{Factory.OpenPeriodId}/ke-khai", Cancel));

        Assert.Contains("<h2 id=\"kiem-tra-so-lieu-title\">Số liệu cần xem lại (1)</h2>", html, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"<li data-input-check=""3.1"" data-level=""warn""><a href=""#in-3.1-a"">Chỉ số 3.1</a>: [^<]*nhưng số liệu cho 150 ≤ 40 \+ 60</li>"), html);
        Assert.Contains("<h2 id=\"kiem-tra-minh-chung-title\">Minh chứng cần xem lại:", html, StringComparison.Ordinal);
        Assert.Contains("<li data-flag=\"no_number\">Tệp Kế hoạch.pdf: chưa ghi số hiệu văn bản</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li data-flag=\"no_evidence\">Đã kê khai số liệu nhưng chưa đính kèm tài liệu kiểm chứng</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publication_ListsWhatIsMissing_BeforeTheConfirmation_WithoutScript()
    {
        await SetStateAsync("SO-A", SubmissionState.Finalised);
        using var browser = await SignedInAsync("evaluator");
        var form = await browser.GetStringAsync(ListPage, Cancel);

        var preview = await browser.PostAsync(ListPage + "?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(form),
            ["Reason"] = string.Empty,
        }), Cancel);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<h3 id=\"preview-gaps\">Còn thiếu trước khi công bố</h3>", html, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"1/2 đơn vị chưa hoàn thành thẩm định; \d+ chỉ số của các đơn vị đã hoàn thành chưa được chấp nhận"), html);
        Assert.Matches(new Regex(@"<tr data-gap=""SO-A"">\s*<th scope=""row""><a href=""/ky-danh-gia/\d+/ke-khai/SO-A"">Sở A</a> <span class=""muted code"">SO-A</span></th>\s*<td>Đã hoàn thành thẩm định</td>\s*<td class=""num"">41</td>"), html);
        Assert.Contains("data-gap=\"SO-B\"", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("id=\"preview-gaps\"", StringComparison.Ordinal) < html.IndexOf("name=\"Confirmation\"", StringComparison.Ordinal),
            "what is missing comes before the confirmation");
    }

    [Fact]
    public async Task Publication_SaysWhatItMeans_AndWhoActsNext_OnTheCurrentPublicationOnly()
    {
        using var evaluator = await Factory.ClientAsync("evaluator");
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(evaluator, Factory.OpenPeriodId, "Đính chính")).StatusCode);
        using var browser = await SignedInAsync("reporter.so-a");

        var current = WebUtility.HtmlDecode(await browser.GetStringAsync($"{ListPage}/2", Cancel));
        var older = WebUtility.HtmlDecode(await browser.GetStringAsync($"{ListPage}/1", Cancel));

        Assert.Contains("<h2 id=\"cong-bo-tiep-theo-title\">Công bố có nghĩa là gì, ai làm gì tiếp theo</h2>", current, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/ky-danh-gia/{Factory.OpenPeriodId}/phuc-khao\">Phúc khảo</a>", current, StringComparison.Ordinal);
        Assert.DoesNotContain("cong-bo-tiep-theo", older, StringComparison.Ordinal);
    }

    private async Task SetStateAsync(string unitCode, SubmissionState state)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == unitCode).Id;
        db.Submissions.Add(new Submission { PeriodId = Factory.OpenPeriodId, UnitId = unitId, State = state, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
        await db.SaveChangesAsync(Cancel);
    }
}
