using OpenDti.Application.Values;
using OpenDti.Data.Audit;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A test class that saves SO-A's values as its reporter, in the small province's open department period
/// (dti-department-2022), each test on a province of its own.
/// </summary>
public abstract class SoAReporterTests : IAsyncLifetime
{
    /// <summary>The province of the test.</summary>
    protected SmallProvince Province { get; private set; } = null!;

    /// <summary>The open department period.</summary>
    protected int PeriodId { get; private set; }

    /// <summary>SO-A's id.</summary>
    protected int UnitId { get; private set; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Province = await SmallProvince.CreateAsync();
        PeriodId = (await Province.OpenDepartmentPeriodAsync()).Id;
        UnitId = (await Province.UnitAsync("SO-A")).Id;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Province.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Saves <paramref name="changes"/> as SO-A's reporter, through the API's channel.</summary>
    protected Task<Outcome<UnitValues>> SaveAsync(params ValueChange[] changes) =>
        Province.ValuesAsync(v => v.SaveAsync(Actors.Reporter(UnitId), PeriodId, "SO-A", changes, AuditChannel.Api, cancellationToken: Ct));

    /// <summary>SO-A's values as stored.</summary>
    protected async Task<UnitValues> StoredAsync() =>
        (await Province.ValuesAsync(v => v.GetAsync(Actors.Reporter(UnitId), PeriodId, "SO-A", Ct))).Value!;
}
