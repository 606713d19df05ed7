using OpenDti.Application.Review;
using OpenDti.Core.Frameworks;
using Xunit;

namespace OpenDti.Application.Tests.Review;

/// <summary>
/// A publication's snapshot is read back from its JSON once and kept by its id (a publication never changes);
/// a correction, a new publication with a new id, is read.
/// </summary>
public sealed class PublicationSnapshotsTests
{
    private static string Json(string name) => new PublicationSnapshot(
        new SnapshotPeriod(1, name, 2024, "dti-department-2022", "Bộ chỉ số", FrameworkLevel.Department, 1000m, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)),
        [], [], [], []).ToJson();

    [Fact]
    public async Task ASnapshot_IsReadOnce_AndACorrectionUnderANewId_IsReadAgain()
    {
        using var snapshots = new PublicationSnapshots();
        var reads = 0;

        var first = await snapshots.GetAsync(7, () => { reads++; return Task.FromResult(Json("Lần 1")); });
        var again = await snapshots.GetAsync(7, () => { reads++; return Task.FromResult(Json("không được đọc")); });
        var correction = await snapshots.GetAsync(8, () => { reads++; return Task.FromResult(Json("Lần 2")); });

        Assert.Equal(2, reads);
        Assert.Same(first, again);
        Assert.Equal(("Lần 1", "Lần 2"), (again.Period.Name, correction.Period.Name));
    }
}
