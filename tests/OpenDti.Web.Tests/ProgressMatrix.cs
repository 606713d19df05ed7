using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Data;
using OpenDti.Data.Plans;
using OpenDti.Data.Units;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// What the authorisation matrices need for a plan's routes and pages: in the open period, SO-A's plan assigns
/// indicator 2.1 to SO-B (lead), made by the system directly in the database; a quarter's progress report on it;
/// a document of that report; a unit to mark as not scored.
/// </summary>
internal static class ProgressMatrix
{
    /// <summary>
    /// SO-A's plan row for 2.1 (seeded by <see cref="OpenDtiFactory"/> with SO-C, outside the period, as its lead)
    /// given to SO-B, a unit of the period, with a target and a deadline.
    /// </summary>
    public static async Task EnsurePlanAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var soA = await db.Units.SingleAsync(u => u.Code == "SO-A");
        var soB = await db.Units.SingleAsync(u => u.Code == "SO-B");
        var row = await db.PlanRows.SingleAsync(r => r.PeriodId == factory.OpenPeriodId && r.UnitId == soA.Id && r.Indicator == "2.1");
        if (row.LeadUnitId != soB.Id)
        {
            (row.LeadUnitId, row.Target, row.DueOn, row.Version) = (soB.Id, "Duy trì", new DateOnly(2024, 12, 10), row.Version + 1);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// The plan, with a first-quarter report on 2.1 (made once, directly in the database: other rows of the
    /// matrices publish the period, after which no report is taken); the report's id.
    /// </summary>
    public static async Task<int> EnsureReportAsync(OpenDtiFactory factory)
    {
        await EnsurePlanAsync(factory);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var soA = await db.Units.SingleAsync(u => u.Code == "SO-A");
        var row = await db.PlanRows.SingleAsync(r => r.PeriodId == factory.OpenPeriodId && r.UnitId == soA.Id && r.Indicator == "2.1");
        var report = await db.PlanProgress.SingleOrDefaultAsync(p => p.PlanRowId == row.Id && p.Term == ProgressTerm.Quarter1);
        if (report is null)
        {
            report = new PlanProgress { PlanRowId = row.Id, Term = ProgressTerm.Quarter1, Status = ProgressStatus.InProgress, Text = "Đang triển khai", ReportedBy = "test", ReportedByUnitId = row.LeadUnitId!.Value, ReportedAt = DateTime.UtcNow };
            db.PlanProgress.Add(report);
            await db.SaveChangesAsync();
        }

        return report.Id;
    }

    /// <summary>The address of a document of the report, stored by the system for <paramref name="user"/> directly in the database.</summary>
    public static async Task<string> DocumentOfAsync(OpenDtiFactory factory, string user)
    {
        var reportId = await EnsureReportAsync(factory);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
        var soA = await db.Units.SingleAsync(u => u.Code == "SO-A");
        var bytes = SampleFiles.Pdf("tien do " + user);
        var file = new Data.Evidence.EvidenceFile
        {
            PeriodId = factory.OpenPeriodId,
            UnitId = soA.Id,
            Indicator = "2.1",
            FileName = $"Tiến độ {user}.pdf",
            ContentType = "application/pdf",
            Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            UploadedBy = "test",
            UploadedAt = DateTime.UtcNow,
            ProgressId = reportId,
            Content = new Data.Evidence.EvidenceContent { Bytes = bytes },
        };
        db.EvidenceFiles.Add(file);
        await db.SaveChangesAsync();
        return $"/api/periods/{factory.OpenPeriodId}/progress/documents/{file.Id}";
    }

    /// <summary>A progress document upload for 2.1 of SO-A (multipart), a file of its own for <paramref name="user"/>.</summary>
    public static async Task<HttpContent?> DocumentFormAsync(OpenDtiFactory factory, string user)
    {
        await EnsureReportAsync(factory);
        var form = new MultipartFormDataContent
        {
            { new StringContent("SO-A"), "unit" },
            { new StringContent("2.1"), "indicator" },
            { new StringContent("quarter1"), "term" },
        };
        var file = new ByteArrayContent(SampleFiles.Pdf("tai lieu " + user));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", $"Tài liệu {user}.pdf");
        return form;
    }

    /// <summary>A department the system created for administrators to mark as not scored; its code.</summary>
    public static async Task<string> UnitToMarkAsync(OpenDtiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var units = scope.ServiceProvider.GetRequiredService<Application.Units.UnitDirectory>();
        if (!(await units.GetAsync("SO-THONG-KE")).Succeeded)
        {
            var created = await units.CreateAsync(Application.Access.Actor.System("test"), "SO-THONG-KE", "Chi cục Thống kê", UnitLevel.Department, "TINH");
            Assert.True(created.Succeeded, created.Message?.ToString());
        }

        return "SO-THONG-KE";
    }
}
