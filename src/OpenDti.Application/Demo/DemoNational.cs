using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Improvement.National;
using OpenDti.Data;

namespace OpenDti.Application.Demo;

/// <summary>
/// The demo province's national DTI (docs/improvement.md, "The national DTI"), from the reference data in shared/
/// and samples/tien-giang-2022, so that its self-assessment shows an estimate: each province-level period gets the
/// national reference values of samples/tien-giang-2022/reference.csv, and the year before it the national table
/// with Đà Nẵng's published DTI 2022 (its 0–1 values × max points) and, as the demo province's own official result,
/// Tiền Giang's published DTI 2022 (seed 002 section II: points and rank per main index, 627,42, rank 20/63).
/// </summary>
internal static class DemoNational
{
    /// <summary>samples/tien-giang-2022/reference.csv: the national best of 7.10 and the assumed lowest and highest measures.</summary>
    public static IReadOnlyList<(string Indicator, string Label, decimal Measure)> References { get; } =
    [
        ("4.5", "Thấp nhất cả nước 2022 (giả định)", 0m),
        ("4.5", "Cao nhất cả nước 2022 (giả định)", 0.9979m),
        ("4.6", "Thấp nhất cả nước 2022 (giả định)", 0m),
        ("4.11", "Thấp nhất cả nước 2022 (giả định)", 0m),
        ("4.11", "Cao nhất cả nước 2022 (giả định)", 0.5m),
        ("5.1", "Ít nhất cả nước 2022 (giả định)", 0m),
        ("5.1", "Nhiều nhất cả nước 2022 (giả định)", 30m),
        ("5.9", "Ít nhất cả nước 2022 (giả định)", 0m),
        ("5.9", "Nhiều nhất cả nước 2022 (giả định)", 3m),
        ("5.10", "Ít nhất cả nước 2022 (giả định)", 0m),
        ("5.10", "Nhiều nhất cả nước 2022 (giả định)", 12m),
        ("7.10", "Cao nhất cả nước 2022", 0.9185m),
        ("8.6", "Ít nhất cả nước 2022 (giả định)", 0m),
        ("8.6", "Nhiều nhất cả nước 2022 (giả định)", 50m),
        ("8.7", "Ít nhất cả nước 2022 (giả định)", 0m),
        ("8.7", "Nhiều nhất cả nước 2022 (giả định)", 80m),
    ];

    /// <summary>Đà Nẵng, DTI 2022: the published values (SOURCES.md) × max points 100, 100, 100, 100, 100, 200, 150, 150.</summary>
    public static IReadOnlyList<decimal> DaNang { get; } = [100m, 90m, 82.53m, 84.87m, 75.78m, 171.5m, 117.54m, 77.955m];

    /// <summary>Tiền Giang, DTI 2022 (seed 002 section II): points and rank per main index.</summary>
    public static IReadOnlyList<(decimal Points, int Rank)> TienGiang { get; } =
        [(87.50m, 40), (80m, 15), (64.43m, 28), (75.38m, 4), (60.6m, 8), (127.75m, 27), (85.36m, 24), (46.40m, 18)];

    /// <summary>Gives every province-level period its references, and the year before it its national table.</summary>
    public static async Task SeedAsync(IServiceProvider provider, Actor actor, CancellationToken ct)
    {
        var db = provider.GetRequiredService<OpenDtiDbContext>();
        var national = provider.GetRequiredService<NationalService>();
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.Framework!.Level == Core.Frameworks.FrameworkLevel.Province)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Year })
            .ToListAsync(ct);
        foreach (var period in periods)
        {
            var references = References.Select((r, i) => (ReferenceEntry?)new ReferenceEntry(i + 1, r.Indicator, r.Label, Figure.Of(r.Measure))).ToArray();
            Succeeded(await national.ImportReferencesAsync(actor, period.Id, references, ct), "references");
        }

        foreach (var year in periods.Select(p => p.Year - 1).Distinct())
        {
            NationalEntry Province(int row, string name, bool own, decimal total, int rank, string source, IEnumerable<(decimal Points, int? Rank)> indices) =>
                new(row, name, own ? "có" : "không", Figure.Of(total), Figure.Of(rank), source,
                    indices.Select((m, i) => (NationalMainIndexEntry?)new NationalMainIndexEntry((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Figure.Of(m.Points), Figure.Of(m.Rank))).ToArray());

            NationalEntry?[] table =
            [
                Province(1, "Đà Nẵng", false, 800.18m, 1, "dti.gov.vn, DTI 2022", DaNang.Select(p => (p, (int?)null))),
                Province(2, DemoData.ProvinceName, true, 627.42m, 20, "Số liệu mẫu: kết quả DTI 2022 của Tiền Giang (Kế hoạch 444/KH-UBND)", TienGiang.Select(m => (m.Points, (int?)m.Rank))),
            ];
            Succeeded(await national.SaveTableAsync(actor, year, NationalService.DefaultFramework, table, replace: true, ct), "national " + year);
        }
    }

    private static void Succeeded<T>(Outcome<T> outcome, string what)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo national DTI: {what}: {outcome.Message} {string.Join("; ", outcome.Problems.Select(p => p.Message))}");
        }
    }
}
