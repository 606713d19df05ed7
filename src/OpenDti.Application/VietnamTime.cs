namespace OpenDti.Application;

/// <summary>
/// The day in Vietnam (UTC+7, no daylight saving), whatever the server's time zone: deadlines are
/// the province's days, not the server's.
/// </summary>
public static class VietnamTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>Today in Vietnam.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>The moment (UTC) Vietnam's <paramref name="day"/> begins.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    /// <summary><paramref name="utc"/> as Vietnam's wall-clock time.</summary>
    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc) + Offset;
}
