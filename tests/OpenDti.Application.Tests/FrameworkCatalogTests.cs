using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Units;
using OpenDti.Core.Frameworks;
using OpenDti.Data.Units;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>What the administrator's pages read from the stored frameworks: the differences between two, and the general information a level has.</summary>
public sealed class FrameworkCatalogTests : IAsyncLifetime
{
    private SmallProvince _province = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _province = await SmallProvince.CreateAsync();

    public async ValueTask DisposeAsync() => await _province.DisposeAsync();

    [Fact]
    public async Task Compare_ACopyToANewYear_ListsOnlyTheYear()
    {
        var copied = await CatalogAsync(c => c.CopyAsync(Actors.Admin, "dti-department-2022", "dti-department-2025", 2025, null, Ct));

        var changes = await CatalogAsync(c => c.CompareAsync("dti-department-2022", "dti-department-2025", Ct));

        Assert.True(copied.Succeeded, copied.Message?.ToString());
        Assert.True(changes.Succeeded, changes.Message?.ToString());
        Assert.Equal([new FrameworkChange(ChangeKind.FrameworkChanged, "year", "2022", "2025")], changes.Value!);
    }

    [Fact]
    public async Task Compare_TwoFrameworksOfDifferentLevels_ListsTheirNodes()
    {
        var changes = await CatalogAsync(c => c.CompareAsync("dti-department-2022", "dti-district-2023", Ct));

        Assert.True(changes.Succeeded, changes.Message?.ToString());
        Assert.Contains(new FrameworkChange(ChangeKind.FrameworkChanged, "level", "department", "district"), changes.Value!);
        Assert.Contains(changes.Value!, c => c.Kind == ChangeKind.Renamed);
    }

    [Theory]
    [InlineData("khong-co", "dti-department-2022")]
    [InlineData("dti-department-2022", "khong-co")]
    public async Task Compare_WithAnUnknownFramework_IsNotFound_NamingIt(string before, string after)
    {
        var changes = await CatalogAsync(c => c.CompareAsync(before, after, Ct));

        Assert.Equal(OutcomeStatus.NotFound, changes.Status);
        Assert.Equal("không có bộ chỉ số `khong-co`", changes.Message!.ToString());
    }

    [Fact]
    public async Task ProfileFields_OfALevel_AreThoseItsFrameworksRead_ByKey_WithTheirLabels()
    {
        var fields = await _province.UnitsAsync(u => u.ProfileFieldsAsync(UnitLevel.Department, Ct));

        Assert.Equal(
            ["civil_servants Số lượng công chức (người)", "public_employees Số lượng viên chức (người)", "subordinate_units Số lượng cơ quan/đơn vị thuộc, trực thuộc (đơn vị)"],
            fields.Select(f => $"{f.Key} {f.Label} ({f.Unit})"));
    }

    private Task<T> CatalogAsync<T>(Func<FrameworkCatalog, Task<T>> action) =>
        _province.InScopeAsync(s => action(s.GetRequiredService<FrameworkCatalog>()));
}
