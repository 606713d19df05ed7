using OpenDti.Application.Lists;
using OpenDti.Application.Units;
using OpenDti.Data.Units;

namespace OpenDti.Web.Pages;

/// <summary>
/// A list of units to tick (<c>Shared/_UnitPicker.cshtml</c>): every unit rendered by the server as a
/// check box named <see cref="Name"/>, by level; <c>wwwroot/js/unit-picker.js</c> adds a search, filters by
/// level and parent, and "chọn tất cả đang lọc". Without JavaScript the boxes work as they are.
/// </summary>
/// <param name="Id">The id of the picker's fieldset (its parts' ids start with it).</param>
/// <param name="Name">The form field each ticked box sends (its value is the unit's code).</param>
/// <param name="Legend">What the list is for.</param>
/// <param name="Help">What happens when nothing is ticked, or how to choose.</param>
/// <param name="Units">The units to choose from.</param>
/// <param name="Ticked">The codes ticked.</param>
public sealed record UnitPicker(string Id, string Name, string Legend, string Help, IReadOnlyList<UnitSummary> Units, IReadOnlySet<string> Ticked)
{
    /// <summary>The levels, in order.</summary>
    public static IReadOnlyList<UnitLevel> Levels { get; } = [UnitLevel.Province, UnitLevel.Department, UnitLevel.District, UnitLevel.Commune];

    /// <summary>The units of <paramref name="level"/>, by parent and code.</summary>
    public IEnumerable<UnitSummary> OfLevel(UnitLevel level) =>
        Units.Where(u => u.Level == level).OrderBy(u => u.ParentCode, StringComparer.Ordinal).ThenBy(u => u.Code, StringComparer.Ordinal);

    /// <summary>The units that some unit of the list is directly under, by code.</summary>
    public IEnumerable<(string Code, string Name)> Parents
    {
        get
        {
            var names = Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
            return Units.Where(u => u.ParentCode is not null).Select(u => u.ParentCode!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(code => (code, names.GetValueOrDefault(code) ?? string.Empty));
        }
    }

    /// <summary>What the script searches in a unit: its code and name without accents, in lower case.</summary>
    public static string SearchText(UnitSummary unit) => TextFold.Fold(unit.Code + " " + unit.Name);
}
