using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDti.Application.Access;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Audit;
using OpenDti.Data.Evidence;
using OpenDti.Testing.Evidence;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// What a unit may store: a quota per period counted in the transaction that inserts, and one copy of
/// a file per indicator held by a unique index, both under uploads fired at the same moment (SQLite
/// here; the web tests repeat them on PostgreSQL).
/// </summary>
public sealed class EvidenceStorageTests : IAsyncLifetime
{
    /// <summary>A file of 1,25 MB: two fit in a quota of 3 MB, a third does not.</summary>
    private const int FileBytes = 1310720;

    private const long Quota = 3 * 1024 * 1024;

    private SmallProvince _province = null!;
    private int _periodId;
    private int _soA;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Actor ReporterA => Actors.Reporter(_soA);

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync()).Id;
        _soA = (await _province.UnitAsync("SO-A")).Id;
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    // ---- Quota

    [Fact]
    public async Task Quota_RefusesTheFileThatWouldPassIt_SayingUsedAndQuotaInMegabytes()
    {
        var first = await UploadAsync("a.pdf", File("a"), quota: Quota);
        var second = await UploadAsync("b.pdf", File("b"), quota: Quota);
        var third = await UploadAsync("c.pdf", File("c"), quota: Quota);

        Assert.True(first.Succeeded && second.Succeeded, first.Message?.ToString() + second.Message);
        Assert.Equal(OutcomeStatus.Conflict, third.Status);
        Assert.Equal(
            "không nhận tệp \"c.pdf\": đơn vị `SO-A` đã dùng 2,5 MB trên hạn mức 3 MB dung lượng minh chứng của kỳ đánh giá (kể cả tệp đã xóa, vẫn được lưu để kiểm tra); thêm tệp này (1,25 MB) sẽ vượt hạn mức",
            third.Message!.ToString(Language.Vietnamese));
        Assert.Equal(
            "file \"c.pdf\" was not accepted: unit `SO-A` has used 2.5 MB of its 3 MB of evidence space for the period (deleted files included, as they are kept for inspection); this file (1.25 MB) would exceed it",
            third.Message.ToString(Language.English));
        Assert.Equal(("APP-EVIDENCE-QUOTA", "file"), (Assert.Single(third.Problems).Code, third.Problems[0].Input));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Quota_CountsDeletedFiles_SinceTheyAreKept()
    {
        var first = (await UploadAsync("a.pdf", File("a"), quota: Quota)).Value!;
        await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().DeleteAsync(ReporterA, _periodId, "SO-A", first.Id, AuditChannel.Page, cancellationToken: Ct));

        var second = await UploadAsync("b.pdf", File("b"), quota: Quota);
        var third = await UploadAsync("c.pdf", File("c"), quota: Quota);

        Assert.True(second.Succeeded, second.Message?.ToString());
        Assert.Equal(OutcomeStatus.Conflict, third.Status);
    }

    [Fact]
    public async Task Quota_IsPerUnit_AndZeroMeansNone()
    {
        await UploadAsync("a.pdf", File("a"), quota: Quota);
        await UploadAsync("b.pdf", File("b"), quota: Quota);

        var otherUnit = await UploadAsync("c.pdf", File("c"), quota: Quota, unit: "SO-B", actor: Actors.Evaluator);
        var unlimited = await UploadAsync("d.pdf", File("d"), quota: 0);

        Assert.True(otherUnit.Succeeded, otherUnit.Message?.ToString());
        Assert.True(unlimited.Succeeded, unlimited.Message?.ToString());
    }

    [Fact]
    public void Quota_DefaultsTo200Megabytes()
    {
        Assert.Equal(200L * 1024 * 1024, new EvidenceOptions().QuotaBytes);
    }

    [Fact]
    public async Task Quota_HoldsUnderSixUploadsAtOnce()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => UploadAsync($"{i}.pdf", File(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), quota: Quota), Ct)));

        Assert.Equal(2, outcomes.Count(o => o.Succeeded));
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(OutcomeStatus.Conflict, o.Status));
        var stored = await _province.InDbAsync(db => db.EvidenceFiles.Where(e => e.UnitId == _soA).SumAsync(e => e.Size, Ct));
        Assert.True(stored <= Quota, $"{stored} bytes stored");
    }

    // ---- One copy per indicator

    [Fact]
    public async Task SixIdenticalUploadsAtOnce_StoreOneFile_AndTheOthersNameIt()
    {
        var bytes = SampleFiles.Pdf("một lần");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => UploadAsync($"Bản {i}.pdf", bytes), Ct)));

        var stored = Assert.Single(outcomes, o => o.Succeeded).Value!;
        Assert.All(outcomes.Where(o => !o.Succeeded), o =>
        {
            Assert.Equal(OutcomeStatus.Conflict, o.Status);
            Assert.EndsWith($"đã có trong minh chứng của chỉ số 2.1 (cùng nội dung với tệp \"{stored.FileName}\")", o.Message!.ToString(Language.Vietnamese), StringComparison.Ordinal);
        });
        Assert.Equal(1, await CountAsync());
        Assert.Equal(1, await _province.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Input == EvidenceService.AuditInput, Ct)));
    }

    [Fact]
    public async Task UniqueIndex_RefusesASecondLiveCopy_WrittenPastTheService()
    {
        var stored = (await UploadAsync("a.pdf", SampleFiles.Pdf())).Value!;

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => _province.InDbAsync(async db =>
        {
            db.EvidenceFiles.Add(Copy(stored, appealId: null));
            return await db.SaveChangesAsync(Ct);
        }));

        Assert.True(DatabaseErrors.IsUniqueViolation(error), error.InnerException?.Message);
    }

    [Fact]
    public async Task UniqueIndex_LetsADeletedFileBeUploadedAgain()
    {
        var stored = (await UploadAsync("a.pdf", SampleFiles.Pdf())).Value!;
        await _province.InScopeAsync(s => s.GetRequiredService<EvidenceService>().DeleteAsync(ReporterA, _periodId, "SO-A", stored.Id, AuditChannel.Page, cancellationToken: Ct));

        var again = await UploadAsync("a.pdf", SampleFiles.Pdf());

        Assert.True(again.Succeeded, again.Message?.ToString());
        Assert.Equal(2, await CountAsync());
    }

    // ---- Helpers

    /// <summary>A PDF of exactly <see cref="FileBytes"/> bytes (spaces after its end, which a PDF ignores).</summary>
    private static byte[] File(string marker)
    {
        var pdf = SampleFiles.Pdf(marker);
        return [.. pdf, .. Enumerable.Repeat((byte)' ', FileBytes - pdf.Length)];
    }

    private EvidenceFile Copy(EvidenceItem item, int? appealId) => new()
    {
        PeriodId = _periodId,
        UnitId = _soA,
        Indicator = item.Indicator,
        FileName = "bản sao.pdf",
        ContentType = item.ContentType,
        Size = item.Size,
        Sha256 = item.Sha256,
        UploadedBy = "test",
        UploadedAt = DateTime.UtcNow,
        AppealId = appealId,
        Content = new EvidenceContent { Bytes = [1] },
    };

    private Task<int> CountAsync() => _province.InDbAsync(db => db.EvidenceFiles.CountAsync(e => e.UnitId == _soA, Ct));

    private Task<Outcome<EvidenceItem>> UploadAsync(string fileName, byte[] bytes, long? quota = null, string unit = "SO-A", Actor? actor = null) =>
        _province.InScopeAsync(s =>
        {
            var service = quota is null
                ? s.GetRequiredService<EvidenceService>()
                : new EvidenceService(
                    s.GetRequiredService<OpenDtiDbContext>(),
                    s.GetRequiredService<FrameworkCatalog>(),
                    s.GetRequiredService<TimeProvider>(),
                    Options.Create(new EvidenceOptions { QuotaBytes = quota.Value }));
            return service.UploadAsync(actor ?? ReporterA, _periodId, unit, new EvidenceUpload("2.1", fileName, new MemoryStream(bytes)), AuditChannel.Page, Ct);
        });
}
