using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Access;
using OpenDti.Application.Periods;
using OpenDti.Data;
using OpenDti.Data.Periods;

namespace OpenDti.Web.Tests.Improvement;

/// <summary>
/// A province-level period (dti-province-2022, the province TINH alone, open now) for the routes and the page of
/// the national estimate, made once per database: the factory's own periods are of the department framework.
/// </summary>
internal static class NationalMatrix
{
    /// <summary>The period's name, by which it is found again.</summary>
    public const string Name = "Tự đánh giá DTI cấp tỉnh (kiểm thử)";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The period's id (made when missing), for rows whose path is made without waiting.</summary>
    public static int ProvincePeriodId(OpenDtiFactory factory) => Task.Run(() => ProvincePeriodAsync(factory)).GetAwaiter().GetResult();

    /// <summary>The period's id, made when missing.</summary>
    public static async Task<int> ProvincePeriodAsync(OpenDtiFactory factory)
    {
        await Gate.WaitAsync();
        try
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            if (await db.Periods.Where(p => p.Name == Name).Select(p => (int?)p.Id).FirstOrDefaultAsync() is { } id)
            {
                return id;
            }

            var periods = scope.ServiceProvider.GetRequiredService<PeriodService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var created = await periods.CreateAsync(Actor.System("test"), "dti-province-2022", 2024, Name, today.AddDays(-10), today.AddDays(60), ["TINH"]);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(created.Message?.ToString());
            }

            await periods.SetStatusAsync(Actor.System("test"), created.Value!.Id, PeriodStatus.Open);
            return created.Value.Id;
        }
        finally
        {
            Gate.Release();
        }
    }
}
