using OpenDti.Application.Units;
using OpenDti.Data.Units;

namespace OpenDti.Application.Lists;

/// <summary>Whether a list shows the units still active, those closed, or both.</summary>
public enum UnitState
{
    /// <summary>Active and closed alike.</summary>
    Any,

    /// <summary>Still active (not closed).</summary>
    Active,

    /// <summary>Closed (merged, split or dissolved).</summary>
    Closed,
}

/// <summary>What a list of units is narrowed to.</summary>
/// <param name="Search">Text searched in codes and names, accents optional.</param>
/// <param name="Level">Only this level.</param>
/// <param name="Parent">Only the units directly under the unit of this code.</param>
/// <param name="State">Active, closed or both.</param>
public sealed record UnitFilter(string? Search = null, UnitLevel? Level = null, string? Parent = null, UnitState State = UnitState.Any);

/// <summary>A page of a list of units.</summary>
/// <param name="Units">The units of the page, by level, parent and code.</param>
/// <param name="Found">How many units the filter found.</param>
/// <param name="Total">How many units there are in all.</param>
/// <param name="Page">The page shown, from 1.</param>
/// <param name="PageCount">How many pages the found units fill (at least 1).</param>
public sealed record UnitPage(IReadOnlyList<UnitSummary> Units, int Found, int Total, int Page, int PageCount);

/// <summary>Searching, filtering and paging a list of units (the units page, the cohort picker).</summary>
public static class UnitQuery
{
    /// <summary>The units of <paramref name="all"/> that <paramref name="filter"/> keeps, by level, parent and code.</summary>
    public static IReadOnlyList<UnitSummary> Filter(IReadOnlyList<UnitSummary> all, UnitFilter filter)
    {
        var search = TextFold.Fold(filter.Search?.Trim());
        var parent = string.IsNullOrWhiteSpace(filter.Parent) ? null : filter.Parent.Trim();
        return all
            .Where(u => filter.Level is not { } level || u.Level == level)
            .Where(u => parent is null || string.Equals(u.ParentCode, parent, StringComparison.OrdinalIgnoreCase))
            .Where(u => filter.State switch
            {
                UnitState.Active => u.ClosedOn is null,
                UnitState.Closed => u.ClosedOn is not null,
                _ => true,
            })
            .Where(u => search.Length == 0 || TextFold.Contains(u.Code, search) || TextFold.Contains(u.Name, search))
            .OrderBy(u => u.Level)
            .ThenBy(u => u.ParentCode, StringComparer.Ordinal)
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Page <paramref name="page"/> (from 1, clamped to the pages there are) of the units <paramref name="filter"/> keeps, <paramref name="pageSize"/> a page.</summary>
    public static UnitPage Page(IReadOnlyList<UnitSummary> all, UnitFilter filter, int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var found = Filter(all, filter);
        var pageCount = Math.Max(1, (found.Count + pageSize - 1) / pageSize);
        var shown = Math.Clamp(page, 1, pageCount);
        return new UnitPage(found.Skip((shown - 1) * pageSize).Take(pageSize).ToArray(), found.Count, all.Count, shown, pageCount);
    }
}
