using System.Globalization;
using OpenDti.Core.Frameworks.Definitions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpenDti.Exchange.Frameworks;

/// <summary>
/// Writes a <see cref="FrameworkDefinition"/> as a framework file that <see cref="FrameworkYamlReader"/>
/// reads back to the same definition: fields in a fixed order, codes quoted (so that "1.10" is never
/// read as the number 1.1 by other tools), long texts as literal blocks, Vietnamese unescaped.
/// </summary>
public static class FrameworkYamlWriter
{
    /// <summary>The framework as YAML text.</summary>
    public static string Write(FrameworkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Field(emitter, "code", definition.Code);
        Field(emitter, "name", definition.Name);
        Number(emitter, "year", definition.Year);
        Field(emitter, "level", definition.Level);
        Number(emitter, "total_points", definition.TotalPoints);
        Field(emitter, "description", definition.Description);
        Field(emitter, "source", definition.Source);
        if (definition.MixedLevels)
        {
            Field(emitter, "mixed_levels", "true");
        }
        if (definition.Profile.Count > 0)
        {
            Key(emitter, "profile");
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var field in definition.Profile)
            {
                emitter.Emit(new MappingStart());
                Field(emitter, "key", field.Key);
                Field(emitter, "label", field.Label);
                Field(emitter, "unit", field.Unit);
                Flag(emitter, "count", field.Count);
                Number(emitter, "min", field.Min);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new SequenceEnd());
        }

        Key(emitter, "nodes");
        WriteNodes(emitter, definition.Nodes);
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void WriteNodes(IEmitter emitter, List<NodeDefinition> nodes)
    {
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var node in nodes)
        {
            emitter.Emit(new MappingStart());
            Quoted(emitter, "code", node.Code);
            Field(emitter, "kind", node.Kind);
            Field(emitter, "name", node.Name);
            Number(emitter, "max_points", node.MaxPoints);
            if (node.Provisional)
            {
                Key(emitter, "provisional");
                Plain(emitter, "true");
                Field(emitter, "provisional_note", node.ProvisionalNote);
            }

            if (node.Capped)
            {
                Key(emitter, "capped");
                Plain(emitter, "true");
            }

            Field(emitter, "guidance", node.Guidance);
            Field(emitter, "requirement", node.Requirement);
            Field(emitter, "evidence", node.Evidence);
            Field(emitter, "note", node.Note);
            if (node.Inputs.Count > 0)
            {
                Key(emitter, "inputs");
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var input in node.Inputs)
                {
                    WriteInput(emitter, input);
                }

                emitter.Emit(new SequenceEnd());
            }

            Field(emitter, "rule", node.Rule?.Text);
            Field(emitter, "when_undefined", node.WhenUndefined?.Text);
            if (node.Checks.Count > 0)
            {
                Key(emitter, "checks");
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var check in node.Checks)
                {
                    emitter.Emit(new MappingStart());
                    Field(emitter, "rule", check.Rule?.Text);
                    Field(emitter, "message", check.Message);
                    Field(emitter, "level", check.Level);
                    emitter.Emit(new MappingEnd());
                }

                emitter.Emit(new SequenceEnd());
            }

            if (node.Children.Count > 0)
            {
                Key(emitter, "children");
                WriteNodes(emitter, node.Children);
            }

            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void WriteInput(IEmitter emitter, InputDefinition input)
    {
        emitter.Emit(new MappingStart());
        Field(emitter, "name", input.Name);
        Field(emitter, "label", input.Label);
        Field(emitter, "kind", input.Kind);
        Field(emitter, "unit", input.Unit);
        Flag(emitter, "count", input.Count);
        Number(emitter, "min", input.Min);
        Number(emitter, "max", input.Max);
        Field(emitter, "part_of", input.PartOf);
        Field(emitter, "help", input.Help);
        if (input.Options.Count > 0)
        {
            Key(emitter, "options");
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var option in input.Options)
            {
                emitter.Emit(new MappingStart());
                Field(emitter, "key", option.Key);
                Field(emitter, "label", option.Label);
                Field(emitter, "fraction", option.Fraction?.Text);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new SequenceEnd());
        }

        emitter.Emit(new MappingEnd());
    }

    private static void Key(IEmitter emitter, string key) => emitter.Emit(new Scalar(null, null, key, ScalarStyle.Plain, true, false));

    private static void Plain(IEmitter emitter, string value) => emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));

    private static void Quoted(IEmitter emitter, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        Key(emitter, key);
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.DoubleQuoted, false, true));
    }

    private static void Number(IEmitter emitter, string key, decimal? value)
    {
        if (value is null)
        {
            return;
        }

        Key(emitter, key);
        Plain(emitter, value.Value.ToString(CultureInfo.InvariantCulture));
    }

    private static void Number(IEmitter emitter, string key, int? value) => Number(emitter, key, (decimal?)value);

    private static void Flag(IEmitter emitter, string key, bool value)
    {
        if (value)
        {
            Key(emitter, key);
            Plain(emitter, "true");
        }
    }

    private static void Field(IEmitter emitter, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        Key(emitter, key);
        var style = value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, true, true));
    }
}
