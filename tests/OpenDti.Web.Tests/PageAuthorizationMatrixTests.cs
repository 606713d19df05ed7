using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// Every page opened by every role and by the users of another unit, signed in through the form as a
/// person is. A page a user may not open answers 403 or leads to "Không có quyền"; an anonymous
/// visitor is sent to sign in. A page missing from the matrix fails the test.
/// </summary>
public sealed class PageAuthorizationMatrixTests : WebAppTest
{
    private const string Anonymous = "(anonymous)";

    private static readonly string[] Everyone = ["admin", "evaluator", "viewer", "reporter.so-a", "leader.so-a", "reporter.so-b", "leader.so-b", "reporter.so-c", "leader.so-c"];

    // SO-A's plan makes SO-C (outside the period) the lead unit of 2.1 (OpenDtiFactory; the progress rows give it to SO-B): its people open SO-A's form,
    // which shows them 2.1 only, and nothing else of SO-A; they have no form of their own in the period.
    private static readonly string[] Delegates = ["reporter.so-c", "leader.so-c"];

    // The pages of a period's cohort (comparison, deadlines, appeals) are for its units and the province's staff: not SO-C's.
    private static readonly string[] InPeriod = [.. Everyone.Except(Delegates)];

    private static readonly string[] Staff = ["admin", "evaluator", "viewer"];

    /// <summary>A page, the address to open, who may open it, and who gets 404 because the page names no unit of theirs.</summary>
    internal sealed record Row(string Pattern, Func<OpenDtiFactory, string> Path, string[] Allowed, string[]? NotFound = null);

    internal static IEnumerable<Row> Rows() =>
    [
        new("/", _ => "/", Everyone),
        new("/dang-nhap", _ => "/dang-nhap", [Anonymous, .. Everyone]),
        new("/khong-co-quyen", _ => "/khong-co-quyen", [Anonymous, .. Everyone]),
        new("/dang-xuat", _ => "/dang-xuat", Everyone),
        new("/tai-khoan/mat-khau", _ => "/tai-khoan/mat-khau", Everyone),
        new("/quen-mat-khau", _ => "/quen-mat-khau", [Anonymous, .. Everyone]),
        new("/dat-lai-mat-khau", _ => "/dat-lai-mat-khau?u=viewer&t=x", [Anonymous, .. Everyone]),
        new("/ky-danh-gia/{id:int}", f => $"/ky-danh-gia/{f.OpenPeriodId}", Staff),
        new("/ky-danh-gia/{id:int} (Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}?handler=Table&format=xlsx", Staff),
        new("/ky-danh-gia/{id:int} (CSV)", f => $"/ky-danh-gia/{f.OpenPeriodId}?handler=Table&format=csv", Staff),
        new("/ky-danh-gia/{id:int}/so-sanh", f => $"/ky-danh-gia/{f.OpenPeriodId}/so-sanh", InPeriod),
        new("/ky-danh-gia/{id:int}/so-sanh (Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}/so-sanh?handler=Table&format=xlsx", InPeriod),
        new("/ky-danh-gia/{id:int}/don-vi/{unitCode}", f => $"/ky-danh-gia/{f.OpenPeriodId}/don-vi/SO-A", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/don-vi/{unitCode} (Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}/don-vi/SO-A?handler=Table&format=xlsx", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/don-vi/{unitCode}/gia-dinh", f => $"/ky-danh-gia/{f.OpenPeriodId}/don-vi/SO-A/gia-dinh", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/bao-cao", f => $"/ky-danh-gia/{f.OpenPeriodId}/bao-cao", Staff),
        new("/ky-danh-gia/{id:int}/don-vi/{unitCode}/bao-cao", f => $"/ky-danh-gia/{f.OpenPeriodId}/don-vi/SO-A/bao-cao", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/ke-hoach/in", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=001", [.. Staff, "reporter.so-a", "leader.so-a", .. Delegates]),
        new("/ky-danh-gia/{id:int}/ke-hoach/in (Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=002&handler=Xlsx", [.. Staff, "reporter.so-a", "leader.so-a", .. Delegates]),
        new("/ky-danh-gia/{id:int}/ke-hoach/nhap-excel", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-hoach/nhap-excel?unit=SO-A", ["evaluator"]),
        .. (DocumentTests.ChromiumPresent
            ? new Row[]
            {
                new("/ky-danh-gia/{id:int}/bao-cao (pdf)", f => $"/ky-danh-gia/{f.OpenPeriodId}/bao-cao?handler=Pdf", Staff),
                new("/ky-danh-gia/{id:int}/don-vi/{unitCode}/bao-cao (pdf)", f => $"/ky-danh-gia/{f.OpenPeriodId}/don-vi/SO-A/bao-cao?handler=Pdf", [.. Staff, "reporter.so-a", "leader.so-a"]),
                new("/ky-danh-gia/{id:int}/ke-hoach/in (pdf)", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-hoach/in?unit=SO-A&layout=004&handler=Pdf", [.. Staff, "reporter.so-a", "leader.so-a", .. Delegates]),
            }
            : []),
        new("/ky-danh-gia/{id:int}/ke-khai/{unitCode?}", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-khai/SO-A", [.. Staff, "reporter.so-a", "leader.so-a", .. Delegates]),
        new("/ky-danh-gia/{id:int}/ke-khai/{unitCode?} (own unit)", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-khai", ["reporter.so-a", "leader.so-a", "reporter.so-b", "leader.so-b"], [.. Staff, .. Delegates]),
        new("/ky-danh-gia/{id:int}/ke-khai/{unitCode?} (workbook)", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-khai/SO-A?handler=Workbook", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/ke-khai/{unitCode?} (own workbook)", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-khai?handler=Workbook", ["reporter.so-a", "leader.so-a", "reporter.so-b", "leader.so-b"], [.. Staff, .. Delegates]),
        new("/ky-danh-gia/{id:int}/uoc-tinh-quoc-gia", f => $"/ky-danh-gia/{Improvement.NationalMatrix.ProvincePeriodId(f)}/uoc-tinh-quoc-gia", Staff),
        new("/ky-danh-gia/{id:int}/han-nop", f => $"/ky-danh-gia/{f.OpenPeriodId}/han-nop", Everyone),
        new("/ky-danh-gia/{id:int}/han-nop (Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}/han-nop?handler=Table&format=xlsx", Everyone),
        new("/ky-danh-gia/{id:int}/tien-do", f => { ProgressMatrix.EnsurePlanAsync(f).GetAwaiter().GetResult(); return $"/ky-danh-gia/{f.OpenPeriodId}/tien-do"; }, InPeriod),
        new("/ky-danh-gia/{id:int}/tien-do (document)", f => ProgressMatrix.DocumentOfAsync(f, "page").GetAwaiter().GetResult().Replace("/api/periods/", "/ky-danh-gia/", StringComparison.Ordinal).Replace("/progress/documents/", "/tien-do?handler=Document&documentId=", StringComparison.Ordinal), InPeriod),
        new("/ky-danh-gia/{id:int}/cong-bo", f => $"/ky-danh-gia/{f.OpenPeriodId}/cong-bo", Staff),
        new("/ky-danh-gia/{id:int}/cong-bo/{number:int}", PublishedOnce, Everyone),
        new("/ky-danh-gia/{id:int}/phuc-khao", f => $"/ky-danh-gia/{f.OpenPeriodId}/phuc-khao", InPeriod),
        new("/ky-danh-gia/{id:int}/ke-hoach", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-hoach?unit=SO-A", [.. Staff, "reporter.so-a", "leader.so-a", .. Delegates]),
        new("/ky-danh-gia/{id:int}/ke-hoach (member chooser or own unit)", f => $"/ky-danh-gia/{f.OpenPeriodId}/ke-hoach", Everyone),
        new("/ky-danh-gia/{id:int}/diem-chua-dat", f => $"/ky-danh-gia/{f.OpenPeriodId}/diem-chua-dat?unit=SO-A", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/diem-chua-dat (the period)", f => $"/ky-danh-gia/{f.OpenPeriodId}/diem-chua-dat", Staff),
        new("/ky-danh-gia/{id:int}/diem-chua-dat (the period, Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}/diem-chua-dat?handler=Xlsx", Staff),
        new("/ky-danh-gia/{id:int}/diem-chua-dat (a unit, Excel)", f => $"/ky-danh-gia/{f.OpenPeriodId}/diem-chua-dat?unit=SO-A&handler=Xlsx", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/ky-danh-gia/{id:int}/diem-chua-dat (a unit, Word)", f => $"/ky-danh-gia/{f.OpenPeriodId}/diem-chua-dat?unit=SO-A&handler=Docx", [.. Staff, "reporter.so-a", "leader.so-a"]),
        new("/quan-tri/ky-danh-gia/{id:int}/don-vi", f => $"/quan-tri/ky-danh-gia/{CohortTests.CohortPeriodAsync(f).GetAwaiter().GetResult()}/don-vi", ["admin", "evaluator"]),
        new("/quan-tri", _ => "/quan-tri", ["admin"]),
        new("/quan-tri/tai-khoan", _ => "/quan-tri/tai-khoan", ["admin"]),
        new("/quan-tri/tai-khoan (Excel)", _ => "/quan-tri/tai-khoan?handler=Table&format=xlsx", ["admin"]),
        new("/quan-tri/don-vi", _ => "/quan-tri/don-vi", ["admin"]),
        new("/quan-tri/don-vi (Excel)", _ => "/quan-tri/don-vi?handler=Table&format=xlsx", ["admin"]),
        new("/quan-tri/don-vi/{code}", _ => "/quan-tri/don-vi/SO-A", ["admin"]),
        new("/quan-tri/bo-chi-so", _ => "/quan-tri/bo-chi-so", ["admin"]),
        new("/quan-tri/bo-chi-so/{code}", _ => "/quan-tri/bo-chi-so/dti-department-2022", ["admin"]),
        new("/quan-tri/bo-chi-so/{code} (workbook)", _ => "/quan-tri/bo-chi-so/dti-department-2022?handler=Workbook", ["admin"]),
        new("/quan-tri/bo-chi-so/so-sanh", _ => "/quan-tri/bo-chi-so/so-sanh?truoc=dti-department-2022&sau=dti-province-2022", ["admin"]),
        new("/quan-tri/bo-chi-so/doi-chieu", _ => "/quan-tri/bo-chi-so/doi-chieu?tu=dti-district-2023&den=dti-commune-2025", ["admin"]),
        new("/quan-tri/bo-chi-so/doi-chieu (CSV)", _ => "/quan-tri/bo-chi-so/doi-chieu?tu=dti-district-2023&den=dti-commune-2025&handler=Csv", ["admin"]),
        new("/quan-tri/bo-chi-so/{code}/sua", _ => "/quan-tri/bo-chi-so/dti-department-2022/sua", ["admin"]),
        new("/quan-tri/bo-chi-so/{code}/sua (node)", _ => "/quan-tri/bo-chi-so/dti-department-2022/sua?node=1.1", ["admin"]),
        new("/quan-tri/ky-danh-gia", _ => "/quan-tri/ky-danh-gia", ["admin", "evaluator"]),
        new("/cong-khai/{id:int?}", _ => "/cong-khai", [Anonymous, .. Everyone]),
        new("/cong-khai/{id:int?} (a public period)", f => $"/cong-khai/{AuthorizationMatrixTests.PublicOnceAsync(f).GetAwaiter().GetResult()}", [Anonymous, .. Everyone]),
        new("/cong-khai/{id:int}/don-vi/{unitCode}", f => $"/cong-khai/{AuthorizationMatrixTests.PublicOnceAsync(f).GetAwaiter().GetResult()}/don-vi/SO-A", [Anonymous, .. Everyone]),
        new("/quan-tri/tai-khoan-dich-vu", _ => "/quan-tri/tai-khoan-dich-vu", ["admin"]),
        new("/quan-tri/nhat-ky", _ => "/quan-tri/nhat-ky?verify=1", ["admin"]),
        new("/quan-tri/nhat-ky (Excel)", _ => "/quan-tri/nhat-ky?kind=value&handler=Table&format=xlsx", ["admin"]),
    ];

    /// <summary>The open period published once by the system; its first publication's page, which everyone may read.</summary>
    private static string PublishedOnce(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var publications = scope.ServiceProvider.GetRequiredService<Application.Review.PublicationService>();
        var preview = publications.PreviewAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId).GetAwaiter().GetResult();
        var published = publications.PublishAsync(Application.Access.Actor.System("test"), factory.OpenPeriodId, null, preview.Value?.Confirmation).GetAwaiter().GetResult();
        Assert.True(published.Succeeded, published.Message?.ToString());
        return $"/ky-danh-gia/{factory.OpenPeriodId}/cong-bo/{published.Value!.Number}";
    }

    public static TheoryData<string> Cases() => new(Rows().Select(r => r.Pattern));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_OpensForWhomTheMatrixSays(string pattern)
    {
        var row = Rows().Single(r => r.Pattern == pattern);
        var path = row.Path(Factory);
        var wrong = new List<string>();
        foreach (var user in new[] { Anonymous }.Concat(Everyone))
        {
            using var browser = user == Anonymous
                ? Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
                : await SignedInAsync(user);
            using var response = await browser.GetAsync(path, Cancel);
            var location = response.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString) : string.Empty;
            var got = response.StatusCode switch
            {
                HttpStatusCode.OK => "open",
                HttpStatusCode.NotFound => "not found",
                HttpStatusCode.Forbidden => "refused",
                HttpStatusCode.Redirect when location.StartsWith("/khong-co-quyen", StringComparison.Ordinal) => "refused",
                HttpStatusCode.Redirect when location.StartsWith("/dang-nhap", StringComparison.Ordinal) => "sign in",
                _ => $"{(int)response.StatusCode} {location}",
            };
            var expected = row.Allowed.Contains(user) ? "open"
                : row.NotFound?.Contains(user) == true ? "not found"
                : user == Anonymous ? "sign in"
                : "refused";

            // Signing out has no page to show: it sends a signed-in user home.
            if (pattern == "/dang-xuat" && got.StartsWith("302", StringComparison.Ordinal) && user != Anonymous)
            {
                got = "open";
            }

            if (got != expected)
            {
                wrong.Add($"{user}: expected {expected}, got {got}");
            }
        }

        Assert.True(wrong.Count == 0, $"{path}:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void EveryPage_HasARowInTheMatrix()
    {
        var pages = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p != "/Index")
            .Distinct()
            .ToArray();
        var covered = Rows().Select(r => r.Pattern.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page, covered));
    }
}
