using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDti.Data.Storage;

/// <summary>
/// Refuses to save a text longer than its column allows (a 2 MB unit name), or holding a NUL character,
/// on SQLite as on PostgreSQL: PostgreSQL would fail (22001, 22021) and SQLite would store it. Use cases check the texts they take;
/// this guard makes one they miss a 400 naming the field (<see cref="TextTooLongException"/>), never a
/// 500 on one database and a silent success on the other.
/// </summary>
public sealed class TextLimits : SaveChangesInterceptor
{
    /// <summary>The one instance: it holds no state.</summary>
    public static TextLimits Instance { get; } = new();

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text)
                {
                    continue;
                }

                if (property.Metadata.GetMaxLength() is { } max && text.Length > max)
                {
                    throw new TextTooLongException(entry.Metadata.ClrType.Name, property.Metadata.Name, max);
                }

                // PostgreSQL refuses a NUL in any text (22021) where SQLite would store it: refused on both.
                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    throw new TextTooLongException(entry.Metadata.ClrType.Name, property.Metadata.Name, maxLength: null);
                }
            }
        }
    }
}

/// <summary>
/// A text its column cannot hold reached <c>SaveChanges</c>: longer than it allows, or (when
/// <see cref="MaxLength"/> is null) holding a NUL character; nothing was saved.
/// </summary>
public sealed class TextTooLongException(string entity, string field, int? maxLength)
    : Exception(maxLength is { } max ? $"{entity}.{field} is longer than {max} characters." : $"{entity}.{field} holds a NUL character.")
{
    /// <summary>The entity ("Unit").</summary>
    public string Entity { get; } = entity;

    /// <summary>The property ("Name").</summary>
    public string Field { get; } = field;

    /// <summary>The most characters allowed; null when the text holds a NUL character rather than too many.</summary>
    public int? MaxLength { get; } = maxLength;
}
