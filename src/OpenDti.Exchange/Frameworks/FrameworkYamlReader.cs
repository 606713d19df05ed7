using System.Globalization;
using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenDti.Exchange.Frameworks;

/// <summary>
/// Reads a framework file (YAML, see docs/frameworks.md) into a <see cref="FrameworkDefinition"/>,
/// keeping the line and column of every field so that problems point at the place. Unknown fields
/// are errors, so that a typo such as <c>max_point</c> is never silently ignored.
/// </summary>
public static class FrameworkYamlReader
{
    private static readonly string[] FrameworkFields = ["code", "name", "year", "level", "total_points", "description", "source", "profile", "nodes", "mixed_levels"];
    private static readonly string[] ProfileFields = ["key", "label", "unit", "count", "min"];
    private static readonly string[] NodeFields =
    [
        "code", "name", "kind", "max_points", "provisional", "provisional_note", "capped", "guidance", "requirement",
        "evidence", "note", "inputs", "rule", "when_undefined", "checks", "children",
    ];

    private static readonly string[] InputFields = ["name", "label", "kind", "unit", "count", "min", "max", "part_of", "help", "options"];
    private static readonly string[] OptionFields = ["key", "label", "fraction"];
    private static readonly string[] CheckFields = ["rule", "message", "level"];

    /// <summary>Reads <paramref name="yaml"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static FrameworkReadResult Read(string yaml, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new Reader(yaml, fileName);
        return reader.Run();
    }

    private sealed class Reader(string yaml, string? fileName)
    {
        private readonly DiagnosticBag _diagnostics = new();
        private readonly string[] _lines = yaml.Split('\n');

        public FrameworkReadResult Run()
        {
            var stream = new YamlStream();
            var parser = new Parser(new StringReader(yaml));
            try
            {
                stream.Load(parser);
            }
            catch (YamlException exception)
            {
                _diagnostics.Error(
                    DiagnosticCodes.YamlSyntax,
                    new SourceLocation(fileName, (int)exception.Start.Line, (int)exception.Start.Column),
                    FirstLine(exception.Message));
                return new FrameworkReadResult(null, _diagnostics.Items);
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
            {
                // YamlDotNet 18 throws these instead of a YamlException for some broken input (an
                // unclosed '[' at the end of the file): report where the parser had got to.
                var mark = parser.Current?.End;
                _diagnostics.Error(
                    DiagnosticCodes.YamlSyntax,
                    new SourceLocation(fileName, mark is null ? null : (int)mark.Value.Line, mark is null ? null : (int)mark.Value.Column),
                    new LocalizedText("YamlBroken"));
                return new FrameworkReadResult(null, _diagnostics.Items);
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                _diagnostics.Error(DiagnosticCodes.YamlEmpty, new SourceLocation(fileName, 1));
                return new FrameworkReadResult(null, _diagnostics.Items);
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                _diagnostics.Error(DiagnosticCodes.YamlExpectedMapping, At(stream.Documents[0].RootNode), "framework");
                return new FrameworkReadResult(null, _diagnostics.Items);
            }

            var definition = new FrameworkDefinition { Location = new SourceLocation(fileName, 1) };
            foreach (var (key, value) in Fields(root, FrameworkFields, "framework"))
            {
                definition.FieldLocations[key] = At(value);
                switch (key)
                {
                    case "code": definition.Code = Text(value, key); break;
                    case "name": definition.Name = Text(value, key); break;
                    case "year": definition.Year = (int?)Number(value, "framework", key); break;
                    case "level": definition.Level = Text(value, key); break;
                    case "total_points": definition.TotalPoints = Number(value, "framework", key); break;
                    case "description": definition.Description = Text(value, key); break;
                    case "source": definition.Source = Text(value, key); break;
                    case "mixed_levels": definition.MixedLevels = Boolean(value, "framework", key); break;
                    case "profile":
                        foreach (var item in Items(value, key))
                        {
                            definition.Profile.Add(ReadProfileField(item));
                        }

                        break;
                    case "nodes":
                        foreach (var item in Items(value, key))
                        {
                            if (ReadNode(item) is { } node)
                            {
                                definition.Nodes.Add(node);
                            }
                        }

                        break;
                }
            }

            return new FrameworkReadResult(definition, _diagnostics.Items);
        }

        private static string FirstLine(string message)
        {
            var index = message.IndexOf('\n', StringComparison.Ordinal);
            return (index < 0 ? message : message[..index]).Trim();
        }

        private SourceLocation At(YamlNode node) => new(fileName, (int)node.Start.Line, (int)node.Start.Column);

        private IEnumerable<(string Key, YamlNode Value)> Fields(YamlMappingNode mapping, string[] allowed, string owner)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(key))
                {
                    _diagnostics.Error(DiagnosticCodes.YamlUnknownField, At(keyNode).WithField(owner), key, string.Join(", ", allowed));
                    continue;
                }

                if (!seen.Add(key))
                {
                    _diagnostics.Error(DiagnosticCodes.YamlDuplicateKey, At(keyNode), key);
                    continue;
                }

                yield return (key, value);
            }
        }

        private IEnumerable<YamlMappingNode> Items(YamlNode node, string field)
        {
            if (node is YamlScalarNode { Value: null or "" })
            {
                yield break;
            }

            if (node is not YamlSequenceNode sequence)
            {
                _diagnostics.Error(DiagnosticCodes.YamlExpectedList, At(node), field);
                yield break;
            }

            foreach (var item in sequence.Children)
            {
                if (item is YamlMappingNode mapping)
                {
                    yield return mapping;
                }
                else
                {
                    _diagnostics.Error(DiagnosticCodes.YamlExpectedMapping, At(item), field);
                }
            }
        }

        private string? Text(YamlNode node, string field)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value is null ? null : scalar.Value.TrimEnd('\n');
            }

            _diagnostics.Error(DiagnosticCodes.YamlExpectedScalar, At(node), field);
            return null;
        }

        private decimal? Number(YamlNode node, string owner, string field)
        {
            var text = Text(node, field);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            _diagnostics.Error(DiagnosticCodes.YamlNotANumber, At(node), owner, field);
            return null;
        }

        private bool Boolean(YamlNode node, string owner, string field)
        {
            var text = Text(node, field)?.Trim().ToLowerInvariant();
            switch (text)
            {
                case "true" or "yes":
                    return true;
                case "false" or "no" or null or "":
                    return false;
                default:
                    _diagnostics.Error(DiagnosticCodes.YamlNotABoolean, At(node), owner, field);
                    return false;
            }
        }

        /// <summary>A formula with the position of its first character, whatever the scalar's style.</summary>
        private FormulaText? Formula(YamlNode node, string field)
        {
            if (node is not YamlScalarNode scalar)
            {
                _diagnostics.Error(DiagnosticCodes.YamlExpectedScalar, At(node), field);
                return null;
            }

            var text = (scalar.Value ?? string.Empty).TrimEnd('\n', ' ');
            var line = (int)scalar.Start.Line;
            var column = (int)scalar.Start.Column;
            switch (scalar.Style)
            {
                case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                    return new FormulaText(text, new SourceLocation(fileName, line, column + 1));
                case ScalarStyle.Literal or ScalarStyle.Folded:
                    // The content starts on the line after the | or > indicator, at its indentation.
                    var contentLine = line + 1;
                    var indentation = contentLine - 1 < _lines.Length
                        ? _lines[contentLine - 1].Length - _lines[contentLine - 1].TrimStart(' ').Length
                        : 0;
                    return new FormulaText(text, new SourceLocation(fileName, contentLine, indentation + 1), indentation + 1);
                default:
                    return new FormulaText(text, new SourceLocation(fileName, line, column));
            }
        }

        private ProfileFieldDefinition ReadProfileField(YamlMappingNode mapping)
        {
            var field = new ProfileFieldDefinition { Location = At(mapping) };
            foreach (var (key, value) in Fields(mapping, ProfileFields, "profile"))
            {
                switch (key)
                {
                    case "key": field.Key = Text(value, key); break;
                    case "label": field.Label = Text(value, key); break;
                    case "unit": field.Unit = Text(value, key); break;
                    case "count": field.Count = Boolean(value, "profile", key); break;
                    case "min": field.Min = Number(value, "profile", key); break;
                }
            }

            return field;
        }

        private NodeDefinition? ReadNode(YamlMappingNode mapping)
        {
            var node = new NodeDefinition { Location = At(mapping) };
            foreach (var (key, value) in Fields(mapping, NodeFields, "node"))
            {
                node.FieldLocations[key] = At(value);
                switch (key)
                {
                    case "code": node.Code = Text(value, key); break;
                    case "name": node.Name = Text(value, key); break;
                    case "kind": node.Kind = Text(value, key); break;
                    case "max_points": node.MaxPoints = Number(value, "node", key); break;
                    case "provisional": node.Provisional = Boolean(value, "node", key); break;
                    case "provisional_note": node.ProvisionalNote = Text(value, key); break;
                    case "capped": node.Capped = Boolean(value, "node", key); break;
                    case "guidance": node.Guidance = Text(value, key); break;
                    case "requirement": node.Requirement = Text(value, key); break;
                    case "evidence": node.Evidence = Text(value, key); break;
                    case "note": node.Note = Text(value, key); break;
                    case "rule": node.Rule = Formula(value, key); break;
                    case "when_undefined": node.WhenUndefined = Formula(value, key); break;
                    case "inputs":
                        foreach (var item in Items(value, key))
                        {
                            node.Inputs.Add(ReadInput(item));
                        }

                        break;
                    case "checks":
                        foreach (var item in Items(value, key))
                        {
                            node.Checks.Add(ReadCheck(item));
                        }

                        break;
                    case "children":
                        foreach (var item in Items(value, key))
                        {
                            if (ReadNode(item) is { } child)
                            {
                                node.Children.Add(child);
                            }
                        }

                        break;
                }
            }

            return node;
        }

        private InputDefinition ReadInput(YamlMappingNode mapping)
        {
            var input = new InputDefinition { Location = At(mapping) };
            foreach (var (key, value) in Fields(mapping, InputFields, "input"))
            {
                input.FieldLocations[key] = At(value);
                switch (key)
                {
                    case "name": input.Name = Text(value, key); break;
                    case "label": input.Label = Text(value, key); break;
                    case "kind": input.Kind = Text(value, key); break;
                    case "unit": input.Unit = Text(value, key); break;
                    case "min": input.Min = Number(value, "input", key); break;
                    case "max": input.Max = Number(value, "input", key); break;
                    case "count": input.Count = Boolean(value, "input", key); break;
                    case "part_of": input.PartOf = Text(value, key); break;
                    case "help": input.Help = Text(value, key); break;
                    case "options":
                        foreach (var item in Items(value, key))
                        {
                            input.Options.Add(ReadOption(item));
                        }

                        break;
                }
            }

            return input;
        }

        private OptionDefinition ReadOption(YamlMappingNode mapping)
        {
            var option = new OptionDefinition { Location = At(mapping) };
            foreach (var (key, value) in Fields(mapping, OptionFields, "option"))
            {
                switch (key)
                {
                    case "key": option.Key = Text(value, key); break;
                    case "label": option.Label = Text(value, key); break;
                    case "fraction": option.Fraction = Formula(value, key); break;
                }
            }

            return option;
        }

        private CheckDefinition ReadCheck(YamlMappingNode mapping)
        {
            var check = new CheckDefinition { Location = At(mapping) };
            foreach (var (key, value) in Fields(mapping, CheckFields, "check"))
            {
                switch (key)
                {
                    case "rule": check.Rule = Formula(value, key); break;
                    case "message": check.Message = Text(value, key); break;
                    case "level": check.Level = Text(value, key); break;
                }
            }

            return check;
        }
    }
}

/// <summary>The outcome of reading a framework file: the definition (if the YAML could be read) and the problems found.</summary>
/// <param name="Definition">What was read; null when the file is not YAML or is empty.</param>
/// <param name="Diagnostics">Problems of the file's form.</param>
public sealed record FrameworkReadResult(FrameworkDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics);
