using System.Globalization;
using OpenDti.Core.Text;

namespace OpenDti.Application.Units;

/// <summary>
/// A day in a message, written the way its reader writes days: 01/02/2025 (day first) in Vietnamese,
/// 1 February 2025 in English. A bare <see cref="DateOnly"/> argument would be written month first.
/// </summary>
/// <param name="Day">The day.</param>
public sealed record DayText(DateOnly Day) : ILocalizable
{
    /// <inheritdoc />
    public string ToString(Language language) =>
        language == Language.English
            ? Day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en"))
            : Day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => ToString(Language.Vietnamese);
}
