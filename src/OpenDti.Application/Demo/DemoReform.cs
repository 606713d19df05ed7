using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Units;
using OpenDti.Data;
using OpenDti.Data.Units;

namespace OpenDti.Application.Demo;

/// <summary>
/// The demo province's 2025 reform (issue 17, docs/units.md): on 01/07/2025 its communes are merged — two of three
/// into one, two of two into one —, one commune is renamed, every commune is placed under the province and its nine
/// districts are closed. Recorded as an administrator would, through <see cref="UnitDirectory"/> (dated, in each
/// unit's history, audited); every period of 2023 and 2024 keeps the codes, names and cohorts it had.
/// </summary>
/// <remarks>Seeded last: nothing is drawn from the random sequence, so no figure of the other periods moves.</remarks>
internal static class DemoReform
{
    /// <summary>The day of the reform: local government becomes two-level.</summary>
    public static DateOnly Day => UnitDirectory.TwoLevelFrom;

    /// <summary>The decision the changes follow (a resolution of the Standing Committee of the National Assembly, as each province had).</summary>
    public const string Decision = "Nghị quyết số 1678/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp các đơn vị hành chính cấp xã của Tỉnh Mẫu";

    /// <summary>The communes merged: the new commune's code and name, and the communes it absorbs.</summary>
    public static IReadOnlyList<(string Code, string Name, IReadOnlyList<string> Sources)> Mergers { get; } =
    [
        ("XA-HOA-LAC", "Phường Hòa Lạc", ["XA-02-01", "XA-02-02", "XA-02-03"]),
        ("XA-XUAN-LOC", "Xã Xuân Lộc", ["XA-03-02", "XA-03-03", "XA-03-04"]),
        ("XA-DONG-TAM", "Xã Đồng Tâm", ["XA-04-02", "XA-04-03"]),
        ("XA-PHU-MY", "Xã Phú Mỹ", ["XA-05-02", "XA-05-03"]),
    ];

    /// <summary>The commune renamed on the day (a township becomes a commune: thị trấn no longer exist).</summary>
    public static (string Code, string Name) Renamed { get; } = ("XA-04-01", "Xã Đồng Tiến");

    public static async Task SeedAsync(IServiceProvider provider, Actor actor, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var units = provider.GetRequiredService<UnitDirectory>();
        foreach (var (code, name, sources) in Mergers)
        {
            Check(await units.MergeAsync(actor, sources, code, name, Day, Decision, ct), code);
            db.ChangeTracker.Clear();
        }

        var districts = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync(ct);
        foreach (var district in districts)
        {
            Check(await units.CloseAsync(actor, district, Day, Decision, DemoData.ProvinceCode, ct), district);
            db.ChangeTracker.Clear();
        }

        Check(await units.RenameAsync(actor, Renamed.Code, Renamed.Name, Day, Decision, ct), Renamed.Code);
        db.ChangeTracker.Clear();
    }

    private static void Check<T>(Outcome<T> outcome, string what)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo reform step refused for {what}: {outcome.Message} " + string.Join("; ", outcome.Problems.Select(p => p.Message)));
        }
    }
}
