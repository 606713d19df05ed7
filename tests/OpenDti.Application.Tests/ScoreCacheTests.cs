using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Results;
using OpenDti.Data;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>
/// A period's scored cohort is kept between requests while nothing that is scored has changed, and is
/// scored again as soon as a value, a unit's figures or anything else audited changes — on this instance
/// or on another sharing the database.
/// </summary>
public sealed class ScoreCacheTests : IAsyncLifetime
{
    private SmallProvince _province = null!;
    private int _periodId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _province = await SmallProvince.CreateAsync();
        _periodId = (await _province.OpenDepartmentPeriodAsync(units: ["SO-A", "SO-B"])).Id;
        await _province.ReportAsync(_periodId, "SO-A", 0.3m, seed: 1);
        await _province.ReportAsync(_periodId, "SO-B", 0.6m, seed: 2);
    }

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task NothingChanged_TheSameScoresAreServed_WithoutScoringAgain()
    {
        var first = await ScoreAsync(_province.Database.Services);
        var second = await ScoreAsync(_province.Database.Services);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task AValueSaved_IsScoredAtOnce()
    {
        var before = await ScoreAsync(_province.Database.Services);
        var totalBefore = before.Find("SO-A")!.Total;

        await _province.ReportAsync(_periodId, "SO-A", 0.95m, seed: 3);
        var after = await ScoreAsync(_province.Database.Services);

        Assert.NotSame(before, after);
        Assert.True(after.Find("SO-A")!.Total > totalBefore, $"{after.Find("SO-A")!.Total} after, {totalBefore} before");
        Assert.Equal(await FreshTotalsAsync(), Totals(after));
    }

    [Fact]
    public async Task AUnitsGeneralFigures_Changed_AreScoredAtOnce()
    {
        var before = await ScoreAsync(_province.Database.Services);

        var figures = new Dictionary<string, decimal>(SmallProvince.DepartmentProfile(0), StringComparer.Ordinal) { ["civil_servants"] = 5000 };
        var set = await _province.UnitsAsync(u => u.SetProfileAsync(Actors.Admin, "SO-A", 2024, figures, Ct));
        Assert.True(set.Succeeded, set.Message?.ToString());
        var after = await ScoreAsync(_province.Database.Services);

        Assert.NotSame(before, after);
        Assert.Equal(await FreshTotalsAsync(), Totals(after));
        Assert.NotEqual(Totals(before), Totals(after));
    }

    [Fact]
    public async Task AChangeMadeThroughAnotherInstance_IsSeenByThisOne()
    {
        var connectionString = await _province.InDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using var other = Instance(connectionString);
        var before = await ScoreAsync(_province.Database.Services);
        var otherBefore = await ScoreAsync(other);
        Assert.Equal(Totals(before), Totals(otherBefore));

        await _province.ReportAsync(_periodId, "SO-B", 0.05m, seed: 4);
        var seenByTheOther = await ScoreAsync(other);

        Assert.NotSame(otherBefore, seenByTheOther);
        Assert.Equal(await FreshTotalsAsync(), Totals(seenByTheOther));
        Assert.NotEqual(Totals(otherBefore), Totals(seenByTheOther));
    }

    [Fact]
    public async Task AValueSaved_OnlyItsUnitIsReadAgain_AndTheCohortScoredAgain()
    {
        var before = await ScoreAsync(_province.Database.Services);

        await _province.ReportAsync(_periodId, "SO-A", 0.95m, seed: 5);
        var after = await ScoreAsync(_province.Database.Services);

        // SO-B's figures did not move: its inputs are those read before; SO-A's are read again.
        Assert.Same(before.Find("SO-B")!.Inputs, after.Find("SO-B")!.Inputs);
        Assert.NotSame(before.Find("SO-A")!.Inputs, after.Find("SO-A")!.Inputs);
        Assert.Equal(await FreshTotalsAsync(), Totals(after));
    }

    [Fact]
    public async Task AUnitRenamed_TheWholeCohortIsReadAgain()
    {
        var before = await ScoreAsync(_province.Database.Services);

        var renamed = await _province.UnitsAsync(u => u.RenameAsync(Actors.Admin, "SO-B", "Sở B mới", new DateOnly(2024, 1, 1), null, Ct));
        Assert.True(renamed.Succeeded, renamed.Message?.ToString());
        var after = await ScoreAsync(_province.Database.Services);

        Assert.NotSame(before.Find("SO-B")!.Inputs, after.Find("SO-B")!.Inputs);
        Assert.NotSame(before.Find("SO-A")!.Inputs, after.Find("SO-A")!.Inputs);
        Assert.Equal(await FreshTotalsAsync(), Totals(after));
    }

    [Fact]
    public async Task ThirtyReadersAfterAChange_ScoreTheCohortOnce()
    {
        await ScoreAsync(_province.Database.Services);
        await _province.ReportAsync(_periodId, "SO-B", 0.8m, seed: 6);

        var read = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => ScoreAsync(_province.Database.Services), Ct)));

        Assert.All(read, scores => Assert.Same(read[0], scores));
        Assert.Equal(await FreshTotalsAsync(), Totals(read[0]));
    }

    [Fact]
    public async Task InsideATransaction_NothingIsKeptNorServed()
    {
        var outside = await ScoreAsync(_province.Database.Services);

        await _province.Database.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<OpenDtiDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var (inside, _) = await s.GetRequiredService<ResultService>().ScoreAsync(_periodId, Ct);
            Assert.NotSame(outside, inside);
            await transaction.RollbackAsync(Ct);
            return true;
        });

        Assert.Same(outside, await ScoreAsync(_province.Database.Services));
    }

    private static ServiceProvider Instance(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenDtiDatabase(DatabaseProvider.Sqlite, connectionString);
        services.AddOpenDtiApplication();
        return services.BuildServiceProvider();
    }

    private async Task<Core.Scoring.CohortScores> ScoreAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var (scores, _) = await scope.ServiceProvider.GetRequiredService<ResultService>().ScoreAsync(_periodId, Ct);
        return scores;
    }

    /// <summary>The totals scored straight from the database, with no cache at all.</summary>
    private async Task<string> FreshTotalsAsync()
    {
        await using var scope = _province.Database.Services.CreateAsyncScope();
        using var empty = new ScoreCache();
        var results = ActivatorUtilities.CreateInstance<ResultService>(scope.ServiceProvider, empty);
        var (scores, _) = await results.ScoreAsync(_periodId, Ct);
        return Totals(scores);
    }

    private static string Totals(Core.Scoring.CohortScores scores) =>
        string.Join(" ", scores.Units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).Select(u => $"{u.UnitCode}={u.Total}"));
}
