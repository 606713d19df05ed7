using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Core.Review;
using OpenDti.Data.Review;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Every API route tried as every role and as a unit user of another unit. Each row says who may
/// (200, or the route's own success: 201, 204) and what everyone else gets (401 without a token, 403
/// otherwise). A convention test fails when a route has no row.
/// </summary>
public sealed class AuthorizationMatrixTests : WebAppTest
{
    private const string Anonymous = "(anonymous)";

    private static readonly string[] Everyone = ["admin", "evaluator", "viewer", "reporter.so-a", "leader.so-a", "reporter.so-b", "leader.so-b", "reporter.so-c", "leader.so-c"];
    private static readonly string[] ReadSoA = ["admin", "evaluator", "viewer", "reporter.so-a", "leader.so-a"];
    private static readonly string[] WriteSoA = ["evaluator", "reporter.so-a"];
    private static readonly string[] Administrators = ["admin"];
    private static readonly string[] PeriodManagers = ["admin", "evaluator"];
    private static readonly string[] ProvinceReaders = ["admin", "evaluator", "viewer"];
    private static readonly string[] BulkWriters = ["admin", "evaluator", "reporter.so-a"];

    // SO-A's plan makes SO-C the lead unit of 2.1 (OpenDtiFactory): its reporter enters 2.1's values and evidence, its
    // leader reads them; neither reaches anything else of SO-A (docs/plans.md#delegated-entry).
    private static readonly string[] ReadSoAAsDelegates = [.. ReadSoA, "reporter.so-c", "leader.so-c"];
    private static readonly string[] WriteSoAAsDelegates = [.. WriteSoA, "reporter.so-c"];

    // A period's comparison is for its units and the province's staff: not SO-C's, outside the period (nor its progress, once ProgressMatrix gives 2.1 to SO-B).
    private static readonly string[] InPeriod = [.. Everyone.Except(["reporter.so-c", "leader.so-c"])];

    /// <summary>
    /// A route, the body to send, and the users allowed (null: open to anonymous callers), who get
    /// <see cref="Success"/>. <see cref="PathFor"/>, when given, makes a path for each user (a file of its own to fetch or delete);
    /// <see cref="BodyFor"/>, when given, makes the body from the application's state (a confirmation to send back).
    /// The rows are also the routes <see cref="BadInputFuzzTests"/> sends bad bodies to.
    /// </summary>
    internal sealed record Row(
        string Method,
        string Pattern,
        Func<OpenDtiFactory, string> Path,
        Func<string, HttpContent?>? Body,
        string[]? Allowed,
        HttpStatusCode Success = HttpStatusCode.OK,
        Func<OpenDtiFactory, string, Task<string>>? PathFor = null,
        Func<OpenDtiFactory, string, Task<HttpContent?>>? BodyFor = null);

    private static readonly string NewFramework = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(
        Testing.TestFrameworks.RepositoryFile("samples/frameworks/example.yaml").Replace("code: vi-du-2024", "code: vi-du-ma-tran", StringComparison.Ordinal)));

    private static readonly string EditedFramework = Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Yaml("dti-department-2022")
        .Replace("name: Nhận thức số\n", "name: Nhận thức số (sửa)\n", StringComparison.Ordinal);

    internal static IReadOnlyList<Row> Rows() =>
    [
        new("GET", "/api/frameworks/", _ => "/api/frameworks", null, Everyone),
        new("GET", "/api/frameworks/{code}", _ => "/api/frameworks/dti-department-2022", null, Everyone),
        new("GET", "/api/frameworks/{code}/yaml", _ => "/api/frameworks/dti-department-2022/yaml", null, Everyone),
        new("POST", "/api/frameworks/", _ => "/api/frameworks", _ => new StringContent(NewFramework, Encoding.UTF8, "application/yaml"), Administrators),
        new("GET", "/api/frameworks/{code}/xlsx", _ => "/api/frameworks/dti-department-2022/xlsx", null, Everyone),
        new("POST", "/api/frameworks/xlsx", _ => "/api/frameworks/xlsx", null, Administrators, BodyFor: FrameworkWorkbookAsync),
        new("POST", "/api/frameworks/{code}/copy", _ => "/api/frameworks/dti-department-2022/copy", _ => Json(new { code = "dti-department-2030", year = 2030 }), Administrators),
        new("POST", "/api/frameworks/{code}/versions", _ => "/api/frameworks/dti-department-2022/versions?dryRun=true", _ => Json(new { yaml = EditedFramework }), Administrators),
        new("GET", "/api/units/", _ => "/api/units", null, Everyone),
        new("GET", "/api/units/ (xlsx)", _ => "/api/units?format=xlsx", null, Everyone),
        new("GET", "/api/units/{code}", _ => "/api/units/SO-A", null, ReadSoA),
        new("PUT", "/api/units/{code}/profile/{year:int}", _ => "/api/units/SO-A/profile/2025", _ => Json(new Dictionary<string, decimal> { ["civil_servants"] = 41 }), Administrators),
        new("POST", "/api/units/", _ => "/api/units", user => Json(new { code = "SO-M-" + user, name = "Sở mới", level = "department", parentCode = "TINH" }), Administrators),
        new("POST", "/api/units/{code}/rename", _ => "/api/units/SO-A/rename", _ => Json(new { name = "Sở A", effectiveOn = "2024-01-01" }), Administrators),
        new("POST", "/api/units/{code}/close", _ => "/api/units/SO-CLOSE/close", _ => Json(new { effectiveOn = "2024-01-01" }), Administrators),
        new("POST", "/api/units/merge", _ => "/api/units/merge", _ => Json(new { sources = new[] { "SO-MERGE-1", "SO-MERGE-2" }, code = "SO-MERGED", name = "Sở hợp nhất", effectiveOn = "2024-01-01" }), Administrators),
        new("POST", "/api/units/{code}/split", _ => "/api/units/SO-SPLIT/split", _ => Json(new { parts = new[] { new { code = "SO-SPLIT-1", name = "Một" } }, keepSource = false, effectiveOn = "2024-01-01" }), Administrators),
        new("POST", "/api/units/{code}/move", _ => "/api/units/SO-MOVE/move", _ => Json(new { parentCode = "TINH", effectiveOn = "2025-07-01", note = "Nghị quyết" }), Administrators),
        new("GET", "/api/periods/", _ => "/api/periods", null, Everyone),
        new("GET", "/api/periods/{id:int}", f => $"/api/periods/{f.OpenPeriodId}", null, Everyone),
        new("POST", "/api/periods/", _ => "/api/periods", _ => Json(new { frameworkCode = "dti-department-2022", year = 2026, name = "Kỳ thử", opensOn = "2026-01-01", closesOn = "2026-02-01", unitCodes = new[] { "SO-A" } }), PeriodManagers),
        new("PUT", "/api/periods/{id:int}/status", f => $"/api/periods/{f.DraftPeriodId}/status", _ => Json(new { status = "draft" }), PeriodManagers),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/values", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/values", null, ReadSoAAsDelegates),
        new("PUT", "/api/periods/{id:int}/units/{unitCode}/values", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/values", _ => Json(new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } }), WriteSoAAsDelegates),
        new("GET", "/api/periods/{id:int}/results", f => $"/api/periods/{f.OpenPeriodId}/results", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/results (xlsx)", f => $"/api/periods/{f.OpenPeriodId}/results?format=xlsx", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/results (csv)", f => $"/api/periods/{f.OpenPeriodId}/results?format=csv", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/scorecard", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/scorecard", null, ReadSoA),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/what-if", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/what-if", _ => Json(new { values = new[] { new { indicator = "2.1", input = "da_ban_hanh", value = "có" } } }), ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/gains", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/gains", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/sensitivity", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/sensitivity", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/trends", f => $"/api/periods/{f.OpenPeriodId}/trends", null, ProvinceReaders),
        new("GET", "/api/units/{unitCode}/trends", _ => "/api/units/SO-A/trends", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/scorecard (xlsx)", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/scorecard?format=xlsx", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/scorecard (csv)", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/scorecard?format=csv", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/report.pdf", f => $"/api/periods/{f.OpenPeriodId}/report.pdf", null, ProvinceReaders, DocumentTests.PdfSuccess),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/scorecard.pdf", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/scorecard.pdf", null, ReadSoA, DocumentTests.PdfSuccess),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/audit", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/audit", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/evidence/", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/evidence", null, ReadSoAAsDelegates),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/evidence/", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/evidence", user => EvidenceForm("2.1", $"Quyết định {user}.pdf", SampleFiles.Pdf(user)), WriteSoAAsDelegates, HttpStatusCode.Created),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/evidence/{evidenceId:long}", _ => string.Empty, null, ReadSoAAsDelegates, PathFor: EvidenceOfSoAAsync),
        new("DELETE", "/api/periods/{id:int}/units/{unitCode}/evidence/{evidenceId:long}", _ => string.Empty, null, WriteSoAAsDelegates, HttpStatusCode.NoContent, EvidenceOfSoAAsync),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/workbook/", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/workbook", null, ReadSoA),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/workbook/", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/workbook", null, WriteSoA, BodyFor: WorkbookOfSoAAsync),
        new("GET", "/api/periods/{id:int}/plan.xlsx", f => $"/api/periods/{f.OpenPeriodId}/plan.xlsx?unit=SO-A&layout=004", null, ReadSoAAsDelegates),
        new("GET", "/api/periods/{id:int}/plan.pdf", f => $"/api/periods/{f.OpenPeriodId}/plan.pdf?unit=SO-A&layout=001", null, ReadSoAAsDelegates, DocumentTests.PdfSuccess),
        new("POST", "/api/periods/{id:int}/plan/xlsx", f => $"/api/periods/{f.OpenPeriodId}/plan/xlsx?unit=SO-A", null, ["evaluator"], BodyFor: PlanWorkbookOfSoAAsync),
        new("GET", "/api/periods/{id:int}/submissions", f => $"/api/periods/{f.OpenPeriodId}/submissions", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/submission", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/submission", null, ReadSoA),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/submit", _ => string.Empty, null, ["reporter.so-a"], PathFor: Step("submit", SubmissionState.Draft)),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/withdraw", _ => string.Empty, null, ["reporter.so-a"], PathFor: Step("withdraw", SubmissionState.Submitted)),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/approve", _ => string.Empty, null, ["leader.so-a"], PathFor: Step("approve", SubmissionState.Submitted)),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/start-review", _ => string.Empty, null, PeriodManagers, PathFor: Step("start-review", SubmissionState.Approved)),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/resubmit", _ => string.Empty, null, ["reporter.so-a"], PathFor: Step("resubmit", SubmissionState.Returned)),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/finalise", _ => string.Empty, null, PeriodManagers, PathFor: Step("finalise", SubmissionState.UnderReview)),
        new(
            "POST",
            "/api/periods/{id:int}/units/{unitCode}/return",
            _ => string.Empty,
            null,
            ["admin", "evaluator", "leader.so-a"],
            PathFor: (f, user) => Step("return", user.StartsWith("leader", StringComparison.Ordinal) ? SubmissionState.Submitted : SubmissionState.UnderReview, comment: true)(f, user)),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/history", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/history", null, ReadSoA),
        new("PUT", "/api/periods/{id:int}/units/{unitCode}/exception", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/exception", _ => Json(new { until = "2031-01-15", reason = "Sự cố mạng" }), Administrators),
        new("DELETE", "/api/periods/{id:int}/units/{unitCode}/exception", _ => string.Empty, null, Administrators, PathFor: WithExceptionAsync),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/review-notes", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/review-notes", null, ReadSoA),
        new(
            "POST",
            "/api/periods/{id:int}/units/{unitCode}/review-notes",
            _ => string.Empty,
            user => Json(user.StartsWith("reporter", StringComparison.Ordinal) || user.StartsWith("leader", StringComparison.Ordinal)
                ? new { indicator = "2.1", kind = "answer", text = "Đã bổ sung" }
                : new { indicator = "2.1", kind = "returned", text = "Thiếu minh chứng" }),
            ["admin", "evaluator", "reporter.so-a", "leader.so-a"],
            HttpStatusCode.Created,
            (f, user) => Step("review-notes", user.Contains('.', StringComparison.Ordinal) ? SubmissionState.Returned : SubmissionState.UnderReview, comment: true)(f, user)),
        new(
            "POST",
            "/api/periods/{id:int}/units/{unitCode}/review/accept",
            _ => string.Empty,
            _ => Json(new { indicators = new[] { "1.3" } }),
            PeriodManagers,
            PathFor: async (f, user) =>
            {
                // A new round under review for each caller, so that 1.3 is not yet decided in it.
                var path = await Step("review/accept", SubmissionState.UnderReview)(f, user);
                using var scope = f.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
                var unitId = db.PeriodUnits.Single(u => u.PeriodId == f.OpenPeriodId && u.UnitCode == "SO-A").UnitId;
                db.Submissions.Single(s => s.PeriodId == f.OpenPeriodId && s.UnitId == unitId).Round += 1;
                await db.SaveChangesAsync();
                return path;
            }),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/adjustments", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/adjustments", null, ReadSoA),
        new("PUT", "/api/periods/{id:int}/units/{unitCode}/adjustments", _ => string.Empty, _ => Json(new { indicator = "1.3", input = "da_to_chuc", value = "không", reason = "Thiếu minh chứng", version = 0 }), PeriodManagers, PathFor: (f, _) => AdjustableSoAAsync(f, adjusted: false)),
        new("DELETE", "/api/periods/{id:int}/units/{unitCode}/adjustments", _ => string.Empty, null, PeriodManagers, HttpStatusCode.NoContent, (f, _) => AdjustableSoAAsync(f, adjusted: true)),
        new("GET", "/api/periods/{id:int}/comparison", f => $"/api/periods/{f.OpenPeriodId}/comparison", null, InPeriod),
        new("GET", "/api/periods/{id:int}/comparison (xlsx)", f => $"/api/periods/{f.OpenPeriodId}/comparison?format=xlsx", null, InPeriod),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/changes-since-approval", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/changes-since-approval", null, ReadSoA),
        // SO-C, outside the period but the lead of SO-A's 2.1, sees its own assignments' deadlines there.
        new("GET", "/api/periods/{id:int}/deadlines", f => $"/api/periods/{f.OpenPeriodId}/deadlines", null, Everyone),
        new("GET", "/api/periods/{id:int}/deadlines (xlsx)", f => $"/api/periods/{f.OpenPeriodId}/deadlines?format=xlsx", null, Everyone),
        new("GET", "/api/me/todo", _ => "/api/me/todo", null, Everyone),
        // Publishing twice on one period needs a reason the second time: every allowed user sends one, with the current preview's confirmation.
        new("GET", "/api/periods/{id:int}/publish/preview", f => $"/api/periods/{f.OpenPeriodId}/publish/preview", null, PeriodManagers),
        new("POST", "/api/periods/{id:int}/publish", f => $"/api/periods/{f.OpenPeriodId}/publish", null, PeriodManagers, HttpStatusCode.Created, BodyFor: ConfirmedPublicationAsync),
        new("PUT", "/api/periods/{id:int}/unfinished-units", f => $"/api/periods/{f.OpenPeriodId}/unfinished-units", _ => Json(new { ranking = "afterFinalised", points = "asReported" }), PeriodManagers),
        new("GET", "/api/periods/{id:int}/publications", f => $"/api/periods/{f.OpenPeriodId}/publications", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/publications/{number:int}", _ => string.Empty, null, Everyone, PathFor: (f, _) => PublishedOnceAsync(f)),
        new("PUT", "/api/periods/{id:int}/appeal-days", f => $"/api/periods/{f.OpenPeriodId}/appeal-days", _ => Json(new { days = 20 }), PeriodManagers),
        new("PUT", "/api/periods/{id:int}/merger-rule", f => $"/api/periods/{f.OpenPeriodId}/merger-rule", _ => Json(new { rule = "population" }), PeriodManagers),
        new("GET", "/api/periods/{id:int}/appeals", _ => string.Empty, null, ProvinceReaders, PathFor: async (f, user) => await AppealOfSoAAsync(f, user, "appeals", adjusted: false)),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/appeals", _ => string.Empty, null, ReadSoA, PathFor: async (f, user) => await AppealOfSoAAsync(f, user, "units", adjusted: false)),
        new("POST", "/api/periods/{id:int}/units/{unitCode}/appeals", _ => string.Empty, user => Json(new { indicators = new[] { "2.1" }, reason = "Phúc khảo " + user }), ["reporter.so-a", "leader.so-a"], HttpStatusCode.Created, (f, user) => AppealOfSoAAsync(f, user, "file", adjusted: false)),
        new("POST", "/api/periods/{id:int}/appeals/{appealId:int}/evidence", _ => string.Empty, user => EvidenceForm(null, $"Phúc khảo {user}.pdf", SampleFiles.Pdf("appeal " + user)), ["reporter.so-a", "leader.so-a"], HttpStatusCode.Created, (f, user) => AppealOfSoAAsync(f, user, "evidence", adjusted: false)),
        new("GET", "/api/periods/{id:int}/appeals/{appealId:int}/evidence/{evidenceId:long}", _ => string.Empty, null, ReadSoA, PathFor: (f, user) => AppealOfSoAAsync(f, user, "download", adjusted: false)),
        new("POST", "/api/periods/{id:int}/appeals/{appealId:int}/accept", _ => string.Empty, _ => Json(new { reason = "Đồng ý" }), PeriodManagers, PathFor: (f, user) => AppealOfSoAAsync(f, user, "accept", adjusted: true)),
        new("POST", "/api/periods/{id:int}/appeals/{appealId:int}/reject", _ => string.Empty, _ => Json(new { reason = "Không có căn cứ" }), PeriodManagers, PathFor: (f, user) => AppealOfSoAAsync(f, user, "reject", adjusted: false)),
        new("GET", "/api/audit/", _ => "/api/audit?kind=value&limit=5", null, PeriodManagers),
        new("GET", "/api/audit/verify", _ => "/api/audit/verify", null, PeriodManagers),
        new("GET", "/api/audit/ (xlsx)", _ => "/api/audit?kind=value&format=xlsx", null, PeriodManagers),
        new("GET", "/api/audit/ (csv)", _ => "/api/audit?kind=value&format=csv", null, PeriodManagers),
        new("GET", "/api/accounts", _ => "/api/accounts", null, Administrators),
        new("GET", "/api/accounts (xlsx)", _ => "/api/accounts?format=xlsx", null, Administrators),
        new("GET", "/api/accounts (csv)", _ => "/api/accounts?format=csv", null, Administrators),
        new("GET", "/api/public/periods/", _ => "/api/public/periods", null, null),
        new("GET", "/api/public/periods/{id:int}/results", _ => string.Empty, null, null, PathFor: async (f, _) => $"/api/public/periods/{await PublicOnceAsync(f)}/results"),
        new("GET", "/api/public/periods/{id:int}/units/{unitCode}/scorecard", _ => string.Empty, null, null, PathFor: async (f, _) => $"/api/public/periods/{await PublicOnceAsync(f)}/units/SO-A/scorecard"),
        new("PUT", "/api/periods/{id:int}/public", _ => string.Empty, _ => Json(new { @public = true }), PeriodManagers, PathFor: async (f, _) => { await PublishedOnceAsync(f); return $"/api/periods/{f.OpenPeriodId}/public"; }),
        new("POST", "/api/service-accounts/", _ => "/api/service-accounts", user => Json(new { name = "LGSP " + user, unitCodes = new[] { "SO-A" } }), Administrators, HttpStatusCode.Created),
        new("GET", "/api/service-accounts/", _ => "/api/service-accounts", null, Administrators),
        new("DELETE", "/api/service-accounts/{id:int}", _ => string.Empty, null, Administrators, HttpStatusCode.NoContent, async (f, user) => $"/api/service-accounts/{(await ServiceKeyAsync(f, "Xoá " + user, ["SO-A"])).Id}"),
        new("PUT", "/api/periods/{id:int}/values", f => $"/api/periods/{f.OpenPeriodId}/values", _ => Json(new[] { new { unit = "SO-A", indicator = "2.1", input = "da_ban_hanh", value = "có" } }), BulkWriters),
        new("GET", "/api/periods/{id:int}/plan", f => $"/api/periods/{f.OpenPeriodId}/plan?unit=SO-A", null, ReadSoAAsDelegates),
        new("PUT", "/api/periods/{id:int}/plan", f => $"/api/periods/{f.OpenPeriodId}/plan?unit=SO-A", _ => Json(new[] { new { indicator = "1.1", leadUnit = "SO-B", coordinatingUnits = new[] { "TINH" }, deadline = "Hàng năm" } }), ["evaluator"]),
        new("POST", "/api/periods/{id:int}/plan/copy", f => $"/api/periods/{f.DraftPeriodId}/plan/copy?from={f.OpenPeriodId}", null, ["evaluator"]),
        new("PUT", "/api/periods/{id:int}/baseline", f => $"/api/periods/{f.OpenPeriodId}/baseline", _ => Json(new[] { new { unit = "SO-A", indicator = "1.1", points = "20", measure = "Có" } }), ["evaluator"]),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/gaps", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/gaps", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/gaps.xlsx", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/gaps.xlsx", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/gaps", f => $"/api/periods/{f.OpenPeriodId}/gaps", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/gaps.xlsx", f => $"/api/periods/{f.OpenPeriodId}/gaps.xlsx", null, ProvinceReaders),
        // Each writer writes the cause of its own indicator, as the first version (0): none of them is stale.
        new("PUT", "/api/periods/{id:int}/units/{unitCode}/gaps/{indicator}/cause", _ => string.Empty, user => Json(new { text = "Nguyên nhân ghi bởi " + user, version = 0 }), ["evaluator", "reporter.so-a", "leader.so-a"],
            PathFor: (f, user) => Task.FromResult($"/api/periods/{f.OpenPeriodId}/units/SO-A/gaps/{user switch { "evaluator" => "3.1", "reporter.so-a" => "3.2", "leader.so-a" => "3.3", _ => "3.4" }}/cause")),
        new("GET", "/api/periods/{id:int}/improvement-plan.docx", f => $"/api/periods/{f.OpenPeriodId}/improvement-plan.docx?unit=SO-A", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/references", f => $"/api/periods/{f.OpenPeriodId}/references", null, Everyone),
        new("PUT", "/api/periods/{id:int}/references", f => $"/api/periods/{Improvement.NationalMatrix.ProvincePeriodId(f)}/references", _ => Json(new[] { new { indicator = "7.10", label = "Cao nhất cả nước", measure = 0.9185m } }), PeriodManagers),
        new("GET", "/api/periods/{id:int}/national-estimate", f => $"/api/periods/{Improvement.NationalMatrix.ProvincePeriodId(f)}/national-estimate", null, ProvinceReaders),
        new("GET", "/api/national/{year:int}", _ => "/api/national/2023", null, Everyone),
        new("PUT", "/api/national/{year:int}", _ => "/api/national/2023", _ => Json(new[] { new { province = "Đà Nẵng", total = 800.18m, rank = 1 } }), PeriodManagers),
        new("POST", "/api/national/{year:int}", _ => "/api/national/2023", user => Json(new[] { new { province = "Tỉnh " + user, total = 600m, own = false } }), PeriodManagers),
        new("PUT", "/api/units/{code}/not-scored", _ => string.Empty, _ => Json(new { notScored = true }), Administrators, PathFor: async (f, _) => $"/api/units/{await ProgressMatrix.UnitToMarkAsync(f)}/not-scored"),
        new("PUT", "/api/periods/{id:int}/contributors-deadline", f => $"/api/periods/{f.OpenPeriodId}/contributors-deadline", _ => Json(new { contributorsCloseOn = "2024-12-10" }), PeriodManagers),
        // SO-A's plan assigns 2.1 to SO-B (ProgressMatrix; SO-C, outside the period, is then named nowhere): both units' users read its progress; the lead's and the plan unit's reporters and evaluators report.
        new("GET", "/api/periods/{id:int}/progress/", _ => string.Empty, null, InPeriod, PathFor: async (f, _) => { await ProgressMatrix.EnsurePlanAsync(f); return $"/api/periods/{f.OpenPeriodId}/progress"; }),
        new("PUT", "/api/periods/{id:int}/progress/", _ => string.Empty, _ => Json(new { rows = new[] { new { unit = "SO-A", indicator = "2.1", term = "halfYear", status = "inProgress", text = "Đang làm" } } }), ["evaluator", "reporter.so-a", "reporter.so-b"], PathFor: async (f, _) => { await ProgressMatrix.EnsurePlanAsync(f); return $"/api/periods/{f.OpenPeriodId}/progress"; }),
        new("POST", "/api/periods/{id:int}/progress/documents", f => $"/api/periods/{f.OpenPeriodId}/progress/documents", null, ["evaluator", "reporter.so-a", "reporter.so-b"], HttpStatusCode.Created, BodyFor: ProgressMatrix.DocumentFormAsync),
        new("GET", "/api/periods/{id:int}/progress/documents/{documentId:long}", _ => string.Empty, null, InPeriod, PathFor: ProgressMatrix.DocumentOfAsync),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/input-checks", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/input-checks", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/units/{unitCode}/evidence-checks", f => $"/api/periods/{f.OpenPeriodId}/units/SO-A/evidence-checks", null, ReadSoA),
        new("GET", "/api/periods/{id:int}/evidence-checks", f => $"/api/periods/{f.OpenPeriodId}/evidence-checks", null, ProvinceReaders),
        new("GET", "/api/periods/{id:int}/cohort", _ => string.Empty, null, PeriodManagers, PathFor: async (f, _) => $"/api/periods/{await CohortTests.CohortPeriodAsync(f)}/cohort"),
        new("PUT", "/api/periods/{id:int}/cohort", _ => string.Empty, _ => Json(new { units = new[] { "SO-A", "SO-B" } }), PeriodManagers, PathFor: async (f, _) => $"/api/periods/{await CohortTests.CohortPeriodAsync(f)}/cohort"),
        new("POST", "/api/auth/login", _ => "/api/auth/login", _ => Json(new { userName = "viewer", password = OpenDtiFactory.Password }), null),

        // Everyone signed in reaches the change of their own password: the right current password passes the
        // check, and the same password as the new one is refused (400) so that the users keep theirs.
        new("PUT", "/api/auth/password", _ => "/api/auth/password", _ => Json(new { currentPassword = OpenDtiFactory.Password, newPassword = OpenDtiFactory.Password }), Everyone, HttpStatusCode.BadRequest),
        new("POST", "/api/me/password", _ => "/api/me/password", _ => Json(new { currentPassword = OpenDtiFactory.Password, newPassword = OpenDtiFactory.Password }), Everyone, HttpStatusCode.BadRequest),
        new("GET", "/health", _ => "/health", null, null),
        new("GET", "/openapi/{documentName}.json", _ => "/openapi/v1.json", null, null),
        new("GET", "/api/frameworks/{from}/crosswalks/{to}/", _ => CrosswalkPath, null, Everyone, PathFor: async (f, _) => await CrosswalkStoredAsync(f)),
        new("GET", "/api/frameworks/{from}/crosswalks/{to}/proposal", _ => CrosswalkPath + "/proposal", null, Everyone),
        new("GET", "/api/frameworks/{from}/crosswalks/{to}/csv", _ => CrosswalkPath + "/csv", null, Everyone),
        new("PUT", "/api/frameworks/{from}/crosswalks/{to}/", _ => CrosswalkPath, null, Administrators, BodyFor: async (f, _) => Json(new { version = await CrosswalkVersionAsync(f), links = CrosswalkLines(f) })),
        new("PUT", "/api/frameworks/{from}/crosswalks/{to}/csv", _ => CrosswalkPath + "/csv", _ => new StringContent(CrosswalkCsv, Encoding.UTF8, "text/csv"), Administrators,
            PathFor: async (f, _) => $"{CrosswalkPath}/csv?version={await CrosswalkVersionAsync(f)}"),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows())
        {
            data.Add(row.Method, row.Pattern);
        }

        return data;
    }

    /// <summary>
    /// Every route called by every role (as the matrix says), then with every kind of API key (as
    /// <see cref="ApiKeysAsync"/> says), on one application: a fresh application per route, not per caller kind,
    /// halves the run's start-ups; each caller's path and body are its own, as they were.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_AnswersEveryRoleAndEveryApiKeyAsTheMatrixSays(string method, string pattern)
    {
        var row = Rows().Single(r => r.Method == method && r.Pattern == pattern);
        await PrepareUnitsForChangesAsync(Factory);
        var outcomes = await RolesAsync(row);
        outcomes.AddRange(await ApiKeysAsync(row));
        Assert.True(outcomes.Count == 0, $"{method} {pattern}:\n" + string.Join("\n", outcomes));
    }

    /// <summary>What each role (and nobody signed in) got from <paramref name="row"/>'s route, where it is not what the matrix says.</summary>
    private async Task<List<string>> RolesAsync(Row row)
    {
        var method = row.Method;
        var outcomes = new List<string>();
        foreach (var user in new[] { Anonymous }.Concat(Everyone))
        {
            using var client = await Factory.ClientAsync(user == Anonymous ? null : user);
            var path = row.PathFor is null ? row.Path(Factory) : await row.PathFor(Factory, user);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = row.BodyFor is null ? row.Body?.Invoke(user) : await row.BodyFor(Factory, user) };
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var expected = row.Allowed is null || row.Allowed.Contains(user)
                ? row.Success
                : user == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
            {
                outcomes.Add($"{user}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            }
        }

        return outcomes;
    }

    [Fact]
    public void EveryRoute_HasARowInTheMatrix()
    {
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("api", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        var covered = Rows().Select(r => $"{r.Method} {Normalize(r.Pattern)}").ToHashSet();

        Assert.All(routes, route => Assert.Contains(route, covered));
    }

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');

    /// <summary>The example framework as a workbook under a code of its own for <paramref name="user"/> (multipart, field <c>file</c>).</summary>
    internal static Task<HttpContent?> FrameworkWorkbookAsync(OpenDtiFactory factory, string user)
    {
        var definition = Exchange.Frameworks.FrameworkYamlReader.Read(NewFramework).Definition!;
        definition.Code = "vi-du-excel-" + new string(user.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        using var output = new MemoryStream();
        Exchange.Workbooks.FrameworkWorkbook.Write(definition, output);
        return Task.FromResult<HttpContent?>(EvidenceForm(null, $"Bộ chỉ số {user}.xlsx", output.ToArray()));
    }

    /// <summary>SO-A's form workbook, downloaded by the system and sent back (multipart, field <c>file</c>) for a preview.</summary>
    internal static async Task<HttpContent?> WorkbookOfSoAAsync(OpenDtiFactory factory, string user)
    {
        using var scope = factory.Services.CreateScope();
        var workbooks = scope.ServiceProvider.GetRequiredService<Application.Reporting.FormWorkbookService>();
        var file = await workbooks.DownloadAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, "SO-A", Core.Text.Language.Vietnamese);
        Assert.True(file.Succeeded, file.Message?.ToString());
        return EvidenceForm(null, $"Biểu mẫu {user}.xlsx", file.Value!.Content);
    }

    /// <summary>SO-A's plan in seed 004's table, exported by the system and sent back (multipart, field <c>file</c>) for a preview.</summary>
    internal static async Task<HttpContent?> PlanWorkbookOfSoAAsync(OpenDtiFactory factory, string user)
    {
        using var scope = factory.Services.CreateScope();
        var exchange = scope.ServiceProvider.GetRequiredService<Application.Plans.PlanExchangeService>();
        var file = await exchange.ExportAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, "SO-A", "004", Core.Text.Language.Vietnamese);
        Assert.True(file.Succeeded, file.Message?.ToString());
        return EvidenceForm(null, $"Kế hoạch {user}.xlsx", file.Value!.Content);
    }

    /// <summary>A file of SO-A's evidence, uploaded by the system for <paramref name="user"/> to fetch or delete; its path.</summary>
    private static async Task<string> EvidenceOfSoAAsync(OpenDtiFactory factory, string user)
    {
        using var scope = factory.Services.CreateScope();
        var evidence = scope.ServiceProvider.GetRequiredService<Application.Evidence.EvidenceService>();
        var upload = new Application.Evidence.EvidenceUpload("2.1", $"Minh chứng {user}.pdf", new MemoryStream(SampleFiles.Pdf("matrix " + user)));
        var uploaded = await evidence.UploadAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, "SO-A", upload, Data.Audit.AuditChannel.Seed);
        Assert.True(uploaded.Succeeded, uploaded.Message?.ToString());
        return $"/api/periods/{factory.OpenPeriodId}/units/SO-A/evidence/{uploaded.Value!.Id}";
    }

    /// <summary>
    /// A path to SO-A's <paramref name="segment"/> in the open period, after putting SO-A's submission in
    /// <paramref name="state"/> directly in the database (with an evaluator's comment on 2.1 in the current
    /// round when <paramref name="comment"/>), so that every user tries the route from the state it needs.
    /// </summary>
    private static Func<OpenDtiFactory, string, Task<string>> Step(string segment, SubmissionState state, bool comment = false) => async (factory, _) =>
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var unitId = db.PeriodUnits.Single(u => u.PeriodId == factory.OpenPeriodId && u.UnitCode == "SO-A").UnitId;
        var row = db.Submissions.SingleOrDefault(s => s.PeriodId == factory.OpenPeriodId && s.UnitId == unitId);
        if (row is null)
        {
            row = new Submission { PeriodId = factory.OpenPeriodId, UnitId = unitId, UpdatedBy = "test", Round = 1 };
            db.Submissions.Add(row);
        }

        row.State = state;
        row.AnswerBy = state == SubmissionState.Returned ? new DateOnly(2031, 1, 31) : null;
        if (comment && !db.ReviewNotes.Any(n => n.PeriodId == factory.OpenPeriodId && n.UnitId == unitId && n.Round == row.Round))
        {
            db.ReviewNotes.Add(new ReviewNote
            {
                PeriodId = factory.OpenPeriodId, UnitId = unitId, Indicator = "2.1", Kind = ReviewNoteKind.Returned, Round = row.Round,
                Text = "Thiếu minh chứng", UserId = "test", UserName = "test",
            });
        }

        await db.SaveChangesAsync();
        return $"/api/periods/{factory.OpenPeriodId}/units/SO-A/{segment}";
    };

    /// <summary>An exception opened for SO-A by the system; the path to end it.</summary>
    private static async Task<string> WithExceptionAsync(OpenDtiFactory factory, string user)
    {
        using var scope = factory.Services.CreateScope();
        var submissions = scope.ServiceProvider.GetRequiredService<Application.Review.SubmissionService>();
        var opened = await submissions.OpenExceptionAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, "SO-A", new DateOnly(2031, 1, 15), "Sự cố mạng " + user);
        Assert.True(opened.Succeeded, opened.Message?.ToString());
        return $"/api/periods/{factory.OpenPeriodId}/units/SO-A/exception?reason=xong";
    }

    /// <summary>
    /// SO-A's submission put under review directly in the database, and its adjustment of 1.3/da_to_chuc made
    /// afresh (version 1) or removed (so version 0 is current): the path to adjust or withdraw it.
    /// </summary>
    private static async Task<string> AdjustableSoAAsync(OpenDtiFactory factory, bool adjusted)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == "SO-A").Id;
        var submission = db.Submissions.SingleOrDefault(s => s.PeriodId == factory.OpenPeriodId && s.UnitId == unitId);
        if (submission is null)
        {
            submission = new Data.Review.Submission { PeriodId = factory.OpenPeriodId, UnitId = unitId, UpdatedBy = "test" };
            db.Submissions.Add(submission);
        }

        submission.State = Core.Review.SubmissionState.UnderReview;
        db.ValueAdjustments.RemoveRange(db.ValueAdjustments.Where(a => a.PeriodId == factory.OpenPeriodId && a.UnitId == unitId));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        if (adjusted)
        {
            db.ValueAdjustments.Add(new Data.Review.ValueAdjustment
            {
                PeriodId = factory.OpenPeriodId, UnitId = unitId, Indicator = "1.3", Input = "da_to_chuc", Value = "không", Reason = "Thiếu minh chứng",
                Version = 1, At = DateTime.UtcNow, UserId = "test", UserName = "test",
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var path = $"/api/periods/{factory.OpenPeriodId}/units/SO-A/adjustments";
        return adjusted ? path + "?indicator=1.3&input=da_to_chuc&version=1&reason=" + Uri.EscapeDataString("Đã bổ sung minh chứng") : path;
    }

    /// <summary>The open period's first publication (published by the system the first time it is asked for), as an API path; published results are for everyone.</summary>
    private static async Task<string> PublishedOnceAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var publications = scope.ServiceProvider.GetRequiredService<Application.Review.PublicationService>();
        if (await publications.LatestSummaryAsync(factory.OpenPeriodId) is null)
        {
            var preview = await publications.PreviewAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId);
            var published = await publications.PublishAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, null, preview.Value?.Confirmation);
            Assert.True(published.Succeeded, published.Message?.ToString());
        }

        return $"/api/periods/{factory.OpenPeriodId}/publications/1";
    }

    /// <summary>A publication's body for <paramref name="user"/>: a reason, and the confirmation of the preview as it stands now.</summary>
    private static async Task<HttpContent?> ConfirmedPublicationAsync(OpenDtiFactory factory, string user)
    {
        using var scope = factory.Services.CreateScope();
        var preview = await scope.ServiceProvider.GetRequiredService<Application.Review.PublicationService>()
            .PreviewAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId);
        return Json(new { reason = "Đính chính " + user, confirmation = preview.Value?.Confirmation });
    }

    /// <summary>
    /// The open period published once by the system, and a fresh pending appeal of SO-A on 1.3 for <paramref name="user"/>
    /// (filed directly in the database, with a file of evidence, and an adjustment of 1.3 made after it when
    /// <paramref name="adjusted"/>); the path for <paramref name="kind"/>: "appeals", "units", "file" (SO-A's appeals,
    /// with every earlier appeal decided so that 2.1 is free), "evidence", "download", "accept", "reject".
    /// </summary>
    private static async Task<string> AppealOfSoAAsync(OpenDtiFactory factory, string user, string kind, bool adjusted)
    {
        await PublishedOnceAsync(factory);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OpenDtiDbContext>();
        var unitId = db.Units.Single(u => u.Code == "SO-A").Id;
        foreach (var pending in db.Appeals.Where(a => a.PeriodId == factory.OpenPeriodId && a.State == AppealState.Pending))
        {
            pending.State = AppealState.Rejected;
        }

        foreach (var claim in db.AppealIndicators.Where(a => a.PeriodId == factory.OpenPeriodId && a.Pending))
        {
            claim.Pending = false;
        }

        var appeal = new Appeal
        {
            PeriodId = factory.OpenPeriodId, UnitId = unitId, Indicators = "1.3", Reason = "Phúc khảo " + user, PublicationNumber = 1,
            FiledAt = DateTime.UtcNow.AddMinutes(-1), FiledBy = "test", State = AppealState.Pending, Version = 1,
        };
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var bytes = SampleFiles.Pdf("appeal file " + user + Guid.NewGuid());
        var file = new Data.Evidence.EvidenceFile
        {
            PeriodId = factory.OpenPeriodId, UnitId = unitId, Indicator = "1.3", FileName = "Phúc khảo.pdf", ContentType = "application/pdf", Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), UploadedBy = "test", UploadedAt = DateTime.UtcNow,
            AppealId = appeal.Id, Content = new Data.Evidence.EvidenceContent { Bytes = bytes },
        };
        db.EvidenceFiles.Add(file);
        if (adjusted)
        {
            db.ValueAdjustments.RemoveRange(db.ValueAdjustments.Where(a => a.PeriodId == factory.OpenPeriodId && a.UnitId == unitId));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.ValueAdjustments.Add(new ValueAdjustment
            {
                PeriodId = factory.OpenPeriodId, UnitId = unitId, Indicator = "1.3", Input = "da_to_chuc", Value = "không", Reason = "Phúc khảo",
                Version = 1, At = DateTime.UtcNow, UserId = "test", UserName = "test",
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var period = $"/api/periods/{factory.OpenPeriodId}";
        return kind switch
        {
            "appeals" => $"{period}/appeals",
            "units" or "file" => $"{period}/units/SO-A/appeals",
            "evidence" => $"{period}/appeals/{appeal.Id}/evidence",
            "download" => $"{period}/appeals/{appeal.Id}/evidence/{file.Id}",
            _ => $"{period}/appeals/{appeal.Id}/{kind}",
        };
    }

    /// <summary>The open period published once by the system and made public; its id.</summary>
    internal static async Task<int> PublicOnceAsync(OpenDtiFactory factory)
    {
        await PublishedOnceAsync(factory);
        using var scope = factory.Services.CreateScope();
        var made = await scope.ServiceProvider.GetRequiredService<Application.Integration.PublicResultService>()
            .SetPublicAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, true);
        Assert.True(made.Succeeded, made.Message?.ToString());
        return factory.OpenPeriodId;
    }

    /// <summary>A service account named <paramref name="name"/> for <paramref name="units"/> (and <paramref name="indicators"/>), created by the system; its id and key.</summary>
    internal static async Task<(int Id, string Key)> ServiceKeyAsync(OpenDtiFactory factory, string name, string[] units, string[]? indicators = null)
    {
        using var scope = factory.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<Application.Integration.ServiceAccountService>()
            .CreateAsync(Application.Access.Actor.System("test"), name, units, indicators);
        Assert.True(created.Succeeded, created.Message?.ToString());
        return (created.Value!.Account.Id, created.Value.ApiKey);
    }

    /// <summary>
    /// Every route called with a service account's key: one scoped to SO-A (in scope), one scoped to SO-B
    /// (out of scope for SO-A's routes), a revoked one and one no account has. Only the value routes of its
    /// own units and the routes open to anyone answer it; a revoked or unknown key is 401 wherever a caller is needed.
    /// </summary>
    private async Task<List<string>> ApiKeysAsync(Row row)
    {
        var (method, pattern) = (row.Method, row.Pattern);
        var inScope = await ServiceKeyAsync(Factory, "LGSP SO-A", ["SO-A"]);
        var outOfScope = await ServiceKeyAsync(Factory, "LGSP SO-B", ["SO-B"]);
        var revoked = await ServiceKeyAsync(Factory, "LGSP cũ", ["SO-A"]);
        using (var scope = Factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<Application.Integration.ServiceAccountService>().RevokeAsync(Application.Access.Actor.System("test"), revoked.Id, TestContext.Current.CancellationToken)).Succeeded);
        }

        // What a service account may reach beyond the open routes: the values of its units, and what any caller reads (published results among them).
        // The form workbook is another way to read and write the same values: the same scope holds (ValueService).
        string[] values =
        [
            "GET /api/periods/{id:int}/units/{unitCode}/values", "PUT /api/periods/{id:int}/units/{unitCode}/values", "PUT /api/periods/{id:int}/values",
            "GET /api/periods/{id:int}/units/{unitCode}/workbook/", "POST /api/periods/{id:int}/units/{unitCode}/workbook/",
        ];
        string[] anyCaller =
        [
            "GET /api/periods/{id:int}/publications/{number:int}", "GET /api/frameworks/", "GET /api/frameworks/{code}", "GET /api/frameworks/{code}/yaml",
            "GET /api/frameworks/{code}/xlsx", "GET /api/units/", "GET /api/units/ (xlsx)", "GET /api/periods/", "GET /api/periods/{id:int}", "GET /api/me/todo",
            "GET /api/frameworks/{from}/crosswalks/{to}/", "GET /api/frameworks/{from}/crosswalks/{to}/proposal", "GET /api/frameworks/{from}/crosswalks/{to}/csv",
        ];
        var key = $"{method} {pattern}";
        var outcomes = new List<string>();
        foreach (var (caller, apiKey) in new[] { ("in scope", inScope.Key), ("out of scope", outOfScope.Key), ("revoked", revoked.Key), ("unknown", "odti_" + new string('x', 43)) })
        {
            using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            var user = "service-" + caller.Replace(' ', '-');
            var path = row.PathFor is null ? row.Path(Factory) : await row.PathFor(Factory, user);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = row.BodyFor is null ? row.Body?.Invoke(user) : await row.BodyFor(Factory, user) };
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var expected = row.Allowed is null ? row.Success
                : caller is "revoked" or "unknown" ? HttpStatusCode.Unauthorized
                : values.Contains(key) && caller == "in scope" ? row.Success
                : anyCaller.Contains(key) ? row.Success
                : HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
            {
                outcomes.Add($"key {caller}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            }
        }

        return outcomes;
    }

    /// <summary>The crosswalk the rows read and confirm: the district framework of 2023 to the commune framework of 2025.</summary>
    internal const string CrosswalkPath = "/api/frameworks/dti-district-2023/crosswalks/dti-commune-2025";

    /// <summary>A valid crosswalk between them: every district node dropped, every commune node new.</summary>
    internal static object[] CrosswalkLines(OpenDtiFactory factory)
    {
        var older = Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Get("dti-district-2023");
        var newer = Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Get("dti-commune-2025");
        return [.. older.Nodes.Select(n => (object)new { from = n.Code.Value, to = (string?)null, kind = "dropped" }), .. newer.Nodes.Select(n => (object)new { from = (string?)null, to = n.Code.Value, kind = "new" })];
    }

    /// <summary>The same crosswalk as a CSV file.</summary>
    internal static string CrosswalkCsv =>
        "from,to,kind,from_name,to_name\n"
        + string.Concat(Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Get("dti-district-2023").Nodes.Select(n => $"{n.Code.Value},,dropped,,\n"))
        + string.Concat(Exchange.Frameworks.BuiltIn.BuiltInFrameworks.Get("dti-commune-2025").Nodes.Select(n => $",{n.Code.Value},new,,\n"));

    /// <summary>The version of the stored crosswalk (0 when none).</summary>
    internal static async Task<int> CrosswalkVersionAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<Application.Frameworks.CrosswalkService>().GetAsync("dti-district-2023", "dti-commune-2025");
        return stored.Value?.Version ?? 0;
    }

    /// <summary>The crosswalk stored once by the system; its path.</summary>
    internal static async Task<string> CrosswalkStoredAsync(OpenDtiFactory factory)
    {
        if (await CrosswalkVersionAsync(factory) == 0)
        {
            using var scope = factory.Services.CreateScope();
            var lines = CrosswalkLines(factory).Select(l => System.Text.Json.JsonSerializer.SerializeToElement(l))
                .Select(e => new Application.Frameworks.CrosswalkLinkInput(
                    e.GetProperty("from").GetString(), e.GetProperty("to").GetString(), e.GetProperty("kind").GetString()!))
                .ToArray();
            var saved = await scope.ServiceProvider.GetRequiredService<Application.Frameworks.CrosswalkService>()
                .SaveAsync(Application.Access.Actor.System("test"), "dti-district-2023", "dti-commune-2025", lines, 0);
            Assert.True(saved.Succeeded, saved.Message?.ToString());
        }

        return CrosswalkPath;
    }

    /// <summary>The units that rows close, merge and split (made once, by the system, not through the API).</summary>
    internal static async Task PrepareUnitsForChangesAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var units = scope.ServiceProvider.GetRequiredService<Application.Units.UnitDirectory>();
        foreach (var code in new[] { "SO-CLOSE", "SO-MERGE-1", "SO-MERGE-2", "SO-SPLIT", "SO-MOVE" })
        {
            if (!(await units.GetAsync(code)).Succeeded)
            {
                await units.CreateAsync(Application.Access.Actor.System(), code, code, Data.Units.UnitLevel.Department, "TINH");
            }
        }
    }
}
