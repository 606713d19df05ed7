namespace OpenDti.Application.Tests;

/// <summary>
/// The test database's clock: it starts on 15/11/2024 at 09:00 in Vietnam, inside the reporting window
/// of the periods <see cref="SmallProvince"/> opens, and moves only when a test moves it, so that the
/// review cycle's deadlines do not depend on the day the tests run.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>The clock's first moment.</summary>
    public static readonly DateTimeOffset Start = new(2024, 11, 15, 9, 0, 0, TimeSpan.FromHours(7));

    private DateTimeOffset _now = Start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <summary>Moves the clock to <paramref name="day"/> at 09:00 in Vietnam.</summary>
    public void SetDay(DateOnly day) => _now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));

    /// <summary>Sets the clock to <paramref name="moment"/>.</summary>
    public void SetMoment(DateTimeOffset moment) => _now = moment;

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
