using System.Text.Json;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Scoring;
using OpenDti.Core.Scoring.Explanations;
using OpenDti.Core.Text;
using OpenDti.Exchange.Frameworks;

namespace OpenDti.Exchange.Results;

/// <summary>
/// Writes a cohort's results as JSON:
/// <c>{"framework", "units": [{"unit", "total", "rank", "complete", "nodes": [{"code", "points",
/// "max_points", "fraction", "measure", "flags", "explanation", "children"}]}]}</c>.
/// With explanations, <c>explanation</c> is the sentence and <c>details</c> the structured explanation;
/// without, <c>explanation</c> is null.
/// </summary>
public static class ScoresJsonWriter
{
    /// <summary>Decimals of fractions and measures in the output.</summary>
    public const int Decimals = 6;

    /// <summary>The results as JSON text.</summary>
    public static string Write(CohortScores scores, bool explain, Language language = Language.Vietnamese)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(text, scores, explain, language);
        return text.ToString();
    }

    /// <summary>
    /// Writes the results as JSON to <paramref name="output"/>, unit by unit: what is held at once is one unit's
    /// text, not the whole document (401 MB for 10.000 units of the province framework).
    /// </summary>
    public static void Write(TextWriter output, CohortScores scores, bool explain, Language language = Language.Vietnamese)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(scores);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        var decoder = System.Text.Encoding.UTF8.GetDecoder();
        var chars = new char[16 * 1024];
        void Drain(Utf8JsonWriter json)
        {
            json.Flush();
            var bytes = buffer.WrittenSpan;
            var completed = false;
            while (!completed)
            {
                decoder.Convert(bytes, chars, flush: false, out var used, out var produced, out completed);
                output.Write(chars, 0, produced);
                bytes = bytes[used..];
            }

            buffer.ResetWrittenCount();
        }

        using (var json = new Utf8JsonWriter(buffer, FrameworkJsonWriter.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("framework", scores.Framework.Code);
            json.WriteString("framework_name", scores.Framework.Name);
            json.WriteStartArray("units");
            foreach (var unit in scores.Units)
            {
                json.WriteStartObject();
                json.WriteString("unit", unit.UnitCode);
                json.WriteNumber("total", unit.Total);
                json.WriteNumber("rank", unit.Rank);
                json.WriteBoolean("submitted", unit.Submitted);
                json.WriteBoolean("complete", unit.Complete);
                json.WriteNumber("answered_inputs", unit.AnsweredInputs);
                json.WriteNumber("total_inputs", unit.TotalInputs);
                json.WriteStartArray("main_index_ranks");
                foreach (var mainIndex in scores.Framework.MainIndices)
                {
                    json.WriteStartObject();
                    json.WriteString("code", mainIndex.Code.Value);
                    json.WriteNumber("rank", unit.MainIndexRank(mainIndex));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("nodes");
                foreach (var root in scores.Framework.Roots)
                {
                    WriteNode(json, scores, unit, root, explain, language);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                Drain(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            Drain(json);
        }
    }

    private static void WriteNode(Utf8JsonWriter json, CohortScores scores, UnitScores unit, FrameworkNode node, bool explain, Language language)
    {
        var score = unit[node];
        json.WriteStartObject();
        json.WriteString("code", node.Code.Value);
        json.WriteNumber("points", score.Points);
        json.WriteNumber("max_points", node.MaxPoints);
        json.WriteNumber("fraction", Math.Round(score.Fraction, Decimals, MidpointRounding.AwayFromZero));
        WriteValue(json, "measure", score.Measure);
        json.WriteStartArray("flags");
        foreach (var flag in ScoreFlagNames.Names(score.Flags))
        {
            json.WriteStringValue(flag);
        }

        json.WriteEndArray();
        if (explain)
        {
            var explanation = scores.Explain(unit, node, language);
            json.WriteString("explanation", explanation.Text);
            WriteDetails(json, explanation);
        }
        else
        {
            json.WriteNull("explanation");
        }

        json.WriteStartArray("children");
        foreach (var child in node.Children)
        {
            WriteNode(json, scores, unit, child, explain, language);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, Value value)
    {
        if (value.IsDefined)
        {
            json.WriteNumber(name, Math.Round(value.Number, Decimals, MidpointRounding.AwayFromZero));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteDetails(Utf8JsonWriter json, Explanation explanation)
    {
        json.WriteStartObject("details");
        if (explanation.Rule is not null)
        {
            json.WriteString("rule", explanation.Rule);
        }

        json.WriteStartArray("inputs");
        foreach (var input in explanation.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("name", input.Name);
            json.WriteString("label", input.Label);
            json.WriteString("source", input.Source);
            WriteValue(json, "value", input.Value);
            json.WriteBoolean("missing", input.Value.IsMissing);
            json.WriteString("display", input.Display);
            if (input.Option is not null)
            {
                json.WriteString("option", input.Option);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (explanation.MeasureFormula is not null)
        {
            json.WriteStartObject("measure");
            json.WriteString("formula", explanation.MeasureFormula);
            WriteValue(json, "value", explanation.Measure);
            json.WriteString("state", explanation.Measure.State.ToString().ToLowerInvariant());
            json.WriteString("display", explanation.MeasureDisplay);
            json.WriteEndObject();
        }

        if (explanation.Branch is not null)
        {
            json.WriteString("branch", explanation.Branch);
        }

        json.WriteStartArray("steps");
        foreach (var step in explanation.Steps)
        {
            json.WriteStartObject();
            json.WriteString("function", step.Function);
            json.WriteString("branch", step.Branch);
            if (step.Formula is not null)
            {
                json.WriteString("formula", step.Formula);
            }

            WriteValue(json, "measure", step.Measure);
            WriteValue(json, "result", step.Result);
            if (step.Threshold is { } threshold)
            {
                json.WriteNumber("threshold", threshold);
            }

            if (step.CohortUnits is not null)
            {
                json.WriteStartObject("cohort");
                WriteNullable(json, "min", step.CohortMin);
                if (step.CohortMinSource is not null)
                {
                    json.WriteString("min_source", step.CohortMinSource);
                }

                WriteNullable(json, "max", step.CohortMax);
                if (step.CohortMaxSource is not null)
                {
                    json.WriteString("max_source", step.CohortMaxSource);
                }

                json.WriteNumber("units", step.CohortUnits.Value);
                json.WriteStartArray("references");
                foreach (var reference in step.References ?? [])
                {
                    json.WriteStartObject();
                    json.WriteString("label", reference.Label);
                    json.WriteNumber("measure", reference.Measure);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("children");
        foreach (var child in explanation.Children)
        {
            json.WriteStartObject();
            json.WriteString("code", child.Code);
            json.WriteNumber("points", child.Points);
            json.WriteNumber("max_points", child.MaxPoints);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Math.Round(number, Decimals, MidpointRounding.AwayFromZero));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
