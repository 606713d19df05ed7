using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenDti.Core.Inputs;

namespace OpenDti.Web.Api;

/// <summary>
/// How request bodies are read, for the API and the pages alike: a field the request type does not
/// allow to be null (a non-nullable reference, a date) must be present and not null, and a list whose
/// items cannot be null has none (<c>["SO-A", null]</c>), so that <c>{}</c> or <c>"version": null</c>
/// is refused while reading (400, <see cref="BadRequests"/>) rather than reaching a use case as a null
/// it never expects. Answers are written as before.
/// </summary>
internal static class RequestJson
{
    /// <summary>Applies the rules to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.RespectNullableAnnotations = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequireWhatCannotBeNull);
        options.Converters.Add(new TextWithoutNul());
    }

    /// <summary>
    /// Text as JSON sends it, refused while reading when it holds a NUL (<c>"\u0000"</c>): no text of the
    /// application has one, and PostgreSQL refuses it in any query or row, which would answer 500.
    /// </summary>
    internal sealed class TextWithoutNul : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("A text is expected.");
            }

            var text = reader.GetString();
            return text is not null && text.Contains('\0', StringComparison.Ordinal) ? throw new JsonException("A text holds a NUL character.") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private static void RequireWhatCannotBeNull(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("OpenDti", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            var nullableOrReference = !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;

            // Only reading is strict: an answer with a null is written as it is.
            if (nullableOrReference)
            {
                property.IsGetNullable = true;
            }

            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false } parameter
                && (!parameter.ParameterType.IsValueType || parameter.ParameterType == typeof(DateOnly)))
            {
                property.IsRequired = true;
            }

            if (ItemType(property) is { } item)
            {
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(ItemsNotNull<,>).MakeGenericType(property.PropertyType, item))!;
            }
        }
    }

    /// <summary>The item type of a list property whose items are declared not null (<c>IReadOnlyList&lt;string&gt;</c>), or null.</summary>
    private static Type? ItemType(JsonPropertyInfo property)
    {
        var type = property.PropertyType;
        var item = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
            : null;
        if (item is null || item.IsValueType || property.AttributeProvider is not System.Reflection.PropertyInfo info)
        {
            return null;
        }

        var nullability = new System.Reflection.NullabilityInfoContext().Create(info);
        var itemNullability = type.IsArray ? nullability.ElementType : nullability.GenericTypeArguments.FirstOrDefault();
        var assignable = type.IsArray || type.IsAssignableFrom(typeof(List<>).MakeGenericType(item));
        return assignable && itemNullability?.ReadState == System.Reflection.NullabilityState.NotNull ? item : null;
    }

    /// <summary>A list whose items may not be null: read as usual, refused when an item is null.</summary>
    private sealed class ItemsNotNull<TList, TItem> : JsonConverter<TList>
        where TItem : class
    {
        public override TList? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var items = JsonSerializer.Deserialize<List<TItem?>>(ref reader, options);
            if (items is null)
            {
                return default;
            }

            if (items.Any(i => i is null))
            {
                throw new JsonException("A list item is null.");
            }

            object list = typeof(TList).IsArray ? items.ToArray() : items;
            return (TList)list;
        }

        public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }
}

/// <summary>
/// A reported value as JSON may send it, read into the text the one number rule reads: a string as
/// it is, a number exactly as written (1e30 stays "1e30" and is refused as too large, never an
/// overflow), true/false as có/không, null to remove. Text that is not UTF-8 fails while reading.
/// </summary>
internal sealed class ValueTextConverter : JsonConverter<string?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString() is { } text && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A value holds a NUL character.")
            : reader.GetString(),
        JsonTokenType.Number => reader.TryGetDecimal(out var number) && (number != 0m || IsZero(reader))
            ? NumberReader.Write(number)
            : System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "có",
        JsonTokenType.False => "không",
        _ => throw new JsonException("A value is text, a number, true, false or null."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Whether a number read as 0 is written as 0 (not 1e-30, which a decimal rounds to 0).</summary>
    private static bool IsZero(Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        return double.TryParse(System.Text.Encoding.UTF8.GetString(raw), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == 0d;
    }
}
