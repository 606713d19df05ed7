using OpenDti.Application.Access;
using OpenDti.Data.Audit;

namespace OpenDti.Application.Audit;

/// <summary>
/// New audit entries as the use cases write them, in the same transaction as the change: who and how
/// from the actor, texts cut to what the audit keeps. The chain's links are added when they are saved.
/// </summary>
internal static class AuditTrail
{
    /// <summary>An entry of <paramref name="kind"/> by <paramref name="actor"/> at <paramref name="now"/>.</summary>
    public static AuditEntry Entry(
        Actor actor,
        DateTime now,
        AuditKind kind,
        string? input,
        object? oldValue,
        object? newValue,
        int? periodId = null,
        int? unitId = null,
        string? subject = null,
        string? indicator = null,
        string? reason = null,
        AuditChannel? channel = null) => new()
    {
        At = now,
        UserId = actor.UserId,
        UserName = actor.UserName,
        Kind = kind,
        Channel = channel ?? actor.Channel,
        PeriodId = periodId,
        UnitId = unitId,
        Subject = AuditLimits.Fit(subject, AuditLimits.Subject),
        Indicator = indicator,
        Input = input,
        OldValue = AuditLimits.Fit(Text(oldValue), AuditLimits.Value),
        NewValue = AuditLimits.Fit(Text(newValue), AuditLimits.Value),
        Reason = AuditLimits.Fit(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), AuditLimits.Reason),
    };

    /// <summary>A value as the audit writes it: invariant numbers, ISO days, lower-case booleans.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture), // 40.0 and 40 alike
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
