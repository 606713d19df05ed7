using System.Text.Encodings.Web;
using System.Text.Json;
using OpenDti.Core.Frameworks;

namespace OpenDti.Exchange.Frameworks;

/// <summary>
/// Writes a framework's tree as JSON:
/// <c>{"code","name","year","level","total_points","nodes":[{"code","name","kind","max_points","provisional",
/// "inputs":[{"name","label","kind","unit","options":[{"key","label","fraction"}]}],"rule","children":[…]}]}</c>.
/// </summary>
public static class FrameworkJsonWriter
{
    /// <summary>Options for every JSON OpenDti writes: readable Vietnamese, indented.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The framework as JSON text.</summary>
    public static string Write(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("code", framework.Code);
            json.WriteString("name", framework.Name);
            json.WriteNumber("year", framework.Year);
            json.WriteString("level", framework.Level.ToFileName());
            json.WriteNumber("total_points", framework.TotalPoints);
            json.WriteStartArray("nodes");
            foreach (var root in framework.Roots)
            {
                WriteNode(json, root);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter json, FrameworkNode node)
    {
        json.WriteStartObject();
        json.WriteString("code", node.Code.Value);
        json.WriteString("name", node.Name);
        json.WriteString("kind", node.Kind.ToFileName());
        json.WriteNumber("max_points", node.MaxPoints);
        json.WriteBoolean("provisional", node.Provisional);
        if (node.Capped)
        {
            json.WriteBoolean("capped", true);
        }

        if (node.ProvisionalNote is not null)
        {
            json.WriteString("provisional_note", node.ProvisionalNote);
        }

        json.WriteStartArray("inputs");
        foreach (var input in node.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("name", input.Name);
            json.WriteString("label", input.Label);
            json.WriteString("kind", input.Kind.ToFileName());
            if (input.Unit is not null)
            {
                json.WriteString("unit", input.Unit);
            }

            if (input.IsCount)
            {
                json.WriteBoolean("count", true);
            }

            if (input.PartOf is { } whole)
            {
                json.WriteString("part_of", whole.Name);
            }

            json.WriteStartArray("options");
            foreach (var option in input.Options)
            {
                json.WriteStartObject();
                json.WriteString("key", option.Key);
                json.WriteString("label", option.Label);
                json.WriteNumber("fraction", option.Fraction);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (node.Rule is not null)
        {
            json.WriteString("rule", node.Rule.Text);
        }
        else
        {
            json.WriteNull("rule");
        }

        json.WriteStartArray("children");
        foreach (var child in node.Children)
        {
            WriteNode(json, child);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
