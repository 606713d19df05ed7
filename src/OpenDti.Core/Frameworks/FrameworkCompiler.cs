using OpenDti.Core.Diagnostics;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Compilation;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Core.Text;

namespace OpenDti.Core.Frameworks;

/// <summary>
/// Validates a <see cref="FrameworkDefinition"/> and compiles it into a <see cref="Framework"/>.
/// Every problem is reported at once, each with its file, line, node code and, for a formula, the
/// column and what was expected. Formulas are compiled only when the whole definition is valid.
/// </summary>
/// <remarks>
/// Checks: required fields; codes well formed, unique, and (for indicators) extending their parent's
/// code; node kinds in a sensible place; max points positive and adding up to the parent's and to
/// the framework total; leaves have a rule and inner nodes none; inputs well named, unique, with
/// valid kinds, options and ranges; every name a formula uses exists; formulas well typed.
/// </remarks>
public static class FrameworkCompiler
{
    /// <summary>Validates and compiles <paramref name="definition"/>.</summary>
    public static FrameworkCompilation Compile(FrameworkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var compiler = new Compilation(definition);
        return compiler.Run();
    }

    /// <summary>Whether <paramref name="name"/> can name an input or a profile field.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name)
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>Whether <paramref name="code"/> can be a framework code: lower-case letters, digits and dashes.</summary>
    public static bool IsValidFrameworkCode(string? code) =>
        code is { Length: > 0 }
        && (char.IsAsciiLetterLower(code[0]) || char.IsAsciiDigit(code[0]))
        && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private sealed class Compilation(FrameworkDefinition definition)
    {
        private readonly DiagnosticBag _diagnostics = new();
        private readonly Dictionary<string, NodeDefinition> _codes = new(StringComparer.Ordinal);
        private readonly List<InputSpec> _inputs = [];
        private readonly List<ProfileField> _profile = [];
        private readonly List<(FrameworkNode Node, NodeDefinition Definition, BoundFormula Rule, decimal WhenUndefined, List<(BoundFormula Formula, string Message, CheckLevel Level)> Checks)> _leaves = [];

        public FrameworkCompilation Run()
        {
            var code = RequireText(definition.Code, "code");
            if (code is not null && !IsValidFrameworkCode(code))
            {
                _diagnostics.Error(DiagnosticCodes.InvalidFrameworkCode, definition.LocationOf("code"), Text.Excerpt.Of(code));
            }

            var name = RequireText(definition.Name, "name");
            if (definition.Year is null)
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, definition.LocationOf("year"), "year");
            }
            else if (definition.Year is < 2000 or > 2200)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidYear, definition.LocationOf("year"), definition.Year);
            }

            FrameworkLevel? level = null;
            if (RequireText(definition.Level, "level") is { } levelText)
            {
                level = FrameworkNames.ParseLevel(levelText);
                if (level is null)
                {
                    _diagnostics.Error(DiagnosticCodes.UnknownLevel, definition.LocationOf("level"), levelText);
                }
            }

            if (definition.TotalPoints is null)
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, definition.LocationOf("total_points"), "total_points");
            }
            else if (definition.TotalPoints <= 0m)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidMaxPoints, definition.LocationOf("total_points"), definition.TotalPoints);
            }

            CompileProfile();

            var roots = new List<FrameworkNode>();
            foreach (var node in definition.Nodes)
            {
                roots.Add(CompileNode(node, null));
            }

            if (definition.Nodes.Count == 0)
            {
                _diagnostics.Error(DiagnosticCodes.NoNodes, definition.LocationOf("nodes"));
            }
            else if (definition.TotalPoints is { } total && definition.Nodes.All(n => n.MaxPoints is not null))
            {
                var sum = definition.Nodes.Sum(n => n.MaxPoints!.Value);
                if (sum != total)
                {
                    _diagnostics.Error(DiagnosticCodes.TotalDoesNotAddUp, definition.LocationOf("total_points"), sum, total);
                }
            }

            if (_diagnostics.HasErrors)
            {
                return new FrameworkCompilation(null, _diagnostics.Items);
            }

            var cohortSlots = new List<CohortSlot>();
            foreach (var (node, _, formula, whenUndefined, checks) in _leaves)
            {
                foreach (var call in formula.CohortCalls)
                {
                    call.Slot = cohortSlots.Count;
                    cohortSlots.Add(new CohortSlot(call.Slot, node, call, FormulaCompiler.CompileCohortArgument(call)));
                }

                var whenUndefinedText = _leaves.First(l => l.Node == node).Definition.WhenUndefined?.Text;
                node.Rule = new Rule(formula, FormulaCompiler.Compile(formula), whenUndefined, whenUndefinedText);
                node.Checks = checks.Select(c => new InputCheck(c.Formula, FormulaCompiler.Compile(c.Formula), c.Message, c.Level)).ToArray();
            }

            var framework = new Framework(
                definition,
                code!,
                name!,
                definition.Year!.Value,
                level!.Value,
                definition.TotalPoints!.Value,
                roots,
                _profile,
                _inputs,
                cohortSlots);
            for (var i = 0; i < framework.Nodes.Count; i++)
            {
                framework.Nodes[i].Index = i;
            }

            return new FrameworkCompilation(framework, _diagnostics.Items);
        }

        private string? RequireText(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, definition.LocationOf(field), field);
                return null;
            }

            return value.Trim();
        }

        private void CompileProfile()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in definition.Profile)
            {
                var location = field.Location.WithField("profile");
                if (!IsValidName(field.Key))
                {
                    _diagnostics.Error(DiagnosticCodes.InvalidProfileKey, location, field.Key ?? string.Empty);
                    continue;
                }

                if (!seen.Add(field.Key!))
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateProfileKey, location, field.Key);
                    continue;
                }

                if (field.Count && field.Unit?.Trim() == "%")
                {
                    _diagnostics.Error(DiagnosticCodes.CountNotANumber, location, field.Key);
                }

                _profile.Add(new ProfileField(field.Key!, string.IsNullOrWhiteSpace(field.Label) ? field.Key! : field.Label.Trim(), field.Unit, _profile.Count)
                {
                    IsCount = field.Count,
                    Min = field.Min,
                });
            }
        }

        private NodeKind InferKind(NodeDefinition node, FrameworkNode? parent)
        {
            if (node.Kind is not null)
            {
                if (FrameworkNames.ParseNodeKind(node.Kind) is { } explicitKind)
                {
                    return explicitKind;
                }

                _diagnostics.Error(DiagnosticCodes.UnknownNodeKind, node.LocationOf("kind"), node.Kind);
            }

            return parent?.Kind switch
            {
                null or NodeKind.Group => NodeKind.MainIndex,
                NodeKind.MainIndex => NodeKind.Indicator,
                _ => NodeKind.SubIndicator,
            };
        }

        private bool KindFits(NodeKind kind, FrameworkNode? parent) => (kind, parent?.Kind) switch
        {
            (NodeKind.Group, null) => true,
            (NodeKind.MainIndex, null or NodeKind.Group) => true,
            (NodeKind.Indicator, NodeKind.MainIndex) => true,
            (NodeKind.SubIndicator, NodeKind.Indicator or NodeKind.SubIndicator) => true,
            _ => false,
        };

        private FrameworkNode CompileNode(NodeDefinition node, FrameworkNode? parent)
        {
            var ok = true;
            var codeText = node.Code?.Trim();
            if (string.IsNullOrEmpty(codeText))
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, node.LocationOf("code"), "code");
                ok = false;
            }
            else if (!IndicatorCode.IsValid(codeText))
            {
                _diagnostics.Error(DiagnosticCodes.InvalidCode, node.LocationOf("code"), codeText);
                ok = false;
            }
            else if (_codes.TryGetValue(codeText, out var first))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateCode, node.LocationOf("code"), codeText, first.Location.Line);
                ok = false;
            }
            else
            {
                _codes[codeText] = node;
            }

            if (string.IsNullOrWhiteSpace(node.Name))
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, node.LocationOf("name"), "name");
                ok = false;
            }

            var kind = InferKind(node, parent);
            if (!KindFits(kind, parent))
            {
                _diagnostics.Error(DiagnosticCodes.KindPlacement, node.LocationOf("kind"), kind.ToFileName(), parent?.Kind.ToFileName() ?? "-");
                ok = false;
            }

            if (ok && parent is not null && kind is NodeKind.Indicator or NodeKind.SubIndicator
                && parent.Kind is not NodeKind.Group
                && !IndicatorCode.Parse(codeText!).IsChildOf(parent.Code))
            {
                _diagnostics.Error(DiagnosticCodes.ChildCodePrefix, node.LocationOf("code"), codeText, parent.Code.Value);
            }

            if (node.MaxPoints is null)
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, node.LocationOf("max_points"), "max_points");
                ok = false;
            }
            else if (node.MaxPoints <= 0m)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidMaxPoints, node.LocationOf("max_points"), node.MaxPoints);
                ok = false;
            }

            if (node.Provisional && string.IsNullOrWhiteSpace(node.ProvisionalNote))
            {
                _diagnostics.Warning(DiagnosticCodes.ProvisionalWithoutNote, node.LocationOf("provisional"));
            }

            // A node with problems still gets a placeholder so that its children are checked in
            // place; the framework is never built when there are errors, so placeholders never escape.
            var compiled = new FrameworkNode(
                ok ? IndicatorCode.Parse(codeText!) : IndicatorCode.Unchecked(codeText ?? "?"),
                node.Name?.Trim() ?? "?",
                kind,
                node.MaxPoints ?? 0m,
                parent)
            {
                Provisional = node.Provisional,
                ProvisionalNote = node.ProvisionalNote,
                Capped = node.Capped,
                Guidance = node.Guidance,
                Requirement = node.Requirement,
                Evidence = node.Evidence,
                Note = node.Note,
            };
            parent?.AddChild(compiled);

            if (node.Capped && node.Children.Count == 0)
            {
                _diagnostics.Error(DiagnosticCodes.CappedLeaf, node.LocationOf("capped"), codeText);
            }

            if (node.Children.Count > 0)
            {
                if (node.Rule is not null || node.WhenUndefined is not null)
                {
                    _diagnostics.Error(DiagnosticCodes.InnerNodeWithRule, node.LocationOf("rule"), codeText);
                }

                if (node.Inputs.Count > 0)
                {
                    _diagnostics.Error(DiagnosticCodes.InnerNodeWithInputs, node.LocationOf("inputs"), codeText);
                }

                foreach (var child in node.Children)
                {
                    CompileNode(child, compiled);
                }

                if (node.MaxPoints is { } max && node.Children.All(c => c.MaxPoints is not null))
                {
                    var sum = node.Children.Sum(c => c.MaxPoints!.Value);
                    if (sum < max || (sum > max && !node.Capped))
                    {
                        _diagnostics.Error(
                            sum > max ? DiagnosticCodes.PointsExceedParent : DiagnosticCodes.PointsDoNotAddUp,
                            node.LocationOf("max_points"),
                            sum,
                            max,
                            codeText);
                    }
                    else if (sum == max && node.Capped)
                    {
                        _diagnostics.Warning(DiagnosticCodes.CappedNotNeeded, node.LocationOf("capped"), codeText);
                    }
                }
            }
            else
            {
                CompileLeaf(node, compiled, codeText);
            }

            return compiled;
        }

        private void CompileLeaf(NodeDefinition node, FrameworkNode compiled, string? code)
        {
            var inputs = CompileInputs(node, code);
            if (node.Rule is null || string.IsNullOrWhiteSpace(node.Rule.Text))
            {
                _diagnostics.Error(DiagnosticCodes.LeafWithoutRule, node.LocationOf("rule"), code);
                return;
            }

            var scope = new FormulaScope(inputs, _profile, node.MaxPoints ?? 0m);
            var bound = FormulaBinder.Bind(node.Rule.Text, scope);
            foreach (var issue in bound.Issues)
            {
                _diagnostics.Add(Diagnostic.Error(issue.Code, node.Rule.LocationOf(issue, code, "rule"), [.. issue.Arguments]));
            }

            var whenUndefined = 0m;
            if (node.WhenUndefined is { } whenUndefinedText)
            {
                var constant = FormulaBinder.BindConstant(whenUndefinedText.Text);
                foreach (var issue in constant.Issues)
                {
                    _diagnostics.Add(Diagnostic.Error(issue.Code, whenUndefinedText.LocationOf(issue, code, "when_undefined"), [.. issue.Arguments]));
                }

                if (constant.Value is { } value)
                {
                    if (value is < 0m or > 1m)
                    {
                        _diagnostics.Error(DiagnosticCodes.WhenUndefinedOutOfRange, node.LocationOf("when_undefined"), value);
                    }

                    whenUndefined = value;
                }
            }

            var checks = new List<(BoundFormula, string, CheckLevel)>();
            var checkScope = new FormulaScope(inputs, _profile, node.MaxPoints ?? 0m, allowCohort: false, purpose: "check");
            foreach (var check in node.Checks)
            {
                if (check.Rule is null || string.IsNullOrWhiteSpace(check.Rule.Text))
                {
                    _diagnostics.Error(DiagnosticCodes.MissingField, check.Location.WithNode(code).WithField("checks.rule"), "rule");
                    continue;
                }

                var boundCheck = FormulaBinder.Bind(check.Rule.Text, checkScope, FormulaType.Condition);
                foreach (var issue in boundCheck.Issues)
                {
                    _diagnostics.Add(Diagnostic.Error(issue.Code, check.Rule.LocationOf(issue, code, "checks"), [.. issue.Arguments]));
                }

                var level = CheckLevel.Warn;
                switch (check.Level?.Trim().ToLowerInvariant())
                {
                    case null or "" or "warn":
                        break;
                    case "refuse":
                        level = CheckLevel.Refuse;
                        break;
                    default:
                        _diagnostics.Error(DiagnosticCodes.CheckLevelUnknown, check.Location.WithNode(code).WithField("checks.level"), Excerpt.Of(check.Level));
                        break;
                }

                if (boundCheck.Formula is not null)
                {
                    checks.Add((boundCheck.Formula, string.IsNullOrWhiteSpace(check.Message) ? check.Rule.Text : check.Message.Trim(), level));
                }
            }

            if (bound.Formula is not null)
            {
                var used = bound.Formula.Inputs.Concat(checks.SelectMany(c => c.Item1.Inputs)).ToHashSet();
                foreach (var input in inputs.Where(i => !used.Contains(i)))
                {
                    _diagnostics.Warning(DiagnosticCodes.UnusedInput, node.LocationOf("inputs"), input.Name);
                }
            }

            compiled.Inputs = inputs;
            if (bound.Formula is not null)
            {
                _leaves.Add((compiled, node, bound.Formula, whenUndefined, checks));
            }
        }

        private List<InputSpec> CompileInputs(NodeDefinition node, string? code)
        {
            var result = new List<InputSpec>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in node.Inputs)
            {
                var location = input.Location.WithNode(code).WithField("inputs");
                var ok = true;
                if (!IsValidName(input.Name))
                {
                    _diagnostics.Error(DiagnosticCodes.InvalidInputName, location, input.Name ?? string.Empty);
                    ok = false;
                }
                else if (FormulaBinder.ReservedNames.Contains(input.Name!))
                {
                    _diagnostics.Error(DiagnosticCodes.ReservedInputName, location, input.Name);
                    ok = false;
                }
                else if (!names.Add(input.Name!))
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateInput, location, input.Name);
                    ok = false;
                }

                if (string.IsNullOrWhiteSpace(input.Label))
                {
                    _diagnostics.Error(DiagnosticCodes.MissingField, location.WithField("inputs.label"), "label");
                    ok = false;
                }

                var kind = InputKind.Number;
                if (input.Kind is not null)
                {
                    if (FrameworkNames.ParseInputKind(input.Kind) is { } parsed)
                    {
                        kind = parsed;
                    }
                    else
                    {
                        _diagnostics.Error(DiagnosticCodes.UnknownInputKind, location, input.Kind);
                        ok = false;
                    }
                }

                if (input.Count && (kind != InputKind.Number || input.Unit?.Trim() == "%"))
                {
                    _diagnostics.Error(DiagnosticCodes.CountNotANumber, location, input.Name);
                    ok = false;
                }

                if (input.Min is { } min && input.Max is { } max && min > max)
                {
                    _diagnostics.Error(DiagnosticCodes.MinGreaterThanMax, location, min, max);
                    ok = false;
                }

                var options = new List<ChoiceOption>();
                if (kind == InputKind.Choice)
                {
                    if (input.Options.Count == 0)
                    {
                        _diagnostics.Error(DiagnosticCodes.ChoiceWithoutOptions, location, input.Name);
                        ok = false;
                    }

                    var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var option in input.Options)
                    {
                        var optionLocation = option.Location.WithNode(code).WithField("options");
                        if (!IsValidName(option.Key))
                        {
                            _diagnostics.Error(DiagnosticCodes.InvalidInputName, optionLocation, option.Key ?? string.Empty);
                            ok = false;
                            continue;
                        }

                        if (!keys.Add(option.Key!))
                        {
                            _diagnostics.Error(DiagnosticCodes.DuplicateOption, optionLocation, option.Key);
                            ok = false;
                            continue;
                        }

                        if (option.Fraction is null)
                        {
                            _diagnostics.Error(DiagnosticCodes.MissingField, optionLocation.WithField("options.fraction"), "fraction");
                            ok = false;
                            continue;
                        }

                        var fraction = FormulaBinder.BindConstant(option.Fraction.Text);
                        foreach (var issue in fraction.Issues)
                        {
                            _diagnostics.Add(Diagnostic.Error(issue.Code, option.Fraction.LocationOf(issue, code, "options.fraction"), [.. issue.Arguments]));
                            ok = false;
                        }

                        if (fraction.Value is { } value)
                        {
                            if (value is < 0m or > 1m)
                            {
                                _diagnostics.Error(DiagnosticCodes.OptionFractionOutOfRange, optionLocation, value, option.Key);
                                ok = false;
                            }

                            options.Add(new ChoiceOption(
                                option.Key!,
                                string.IsNullOrWhiteSpace(option.Label) ? option.Key! : option.Label.Trim(),
                                value,
                                option.Fraction.Text.Trim(),
                                options.Count));
                        }
                    }
                }
                else if (input.Options.Count > 0)
                {
                    _diagnostics.Error(DiagnosticCodes.OptionsOnNonChoice, location, input.Name);
                    ok = false;
                }

                if (ok)
                {
                    var spec = new InputSpec(
                        code ?? string.Empty,
                        input.Name!,
                        input.Label!.Trim(),
                        kind,
                        string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(),
                        input.Min,
                        input.Max,
                        options,
                        input.Help,
                        _inputs.Count,
                        input.Count);
                    _inputs.Add(spec);
                    result.Add(spec);
                }
            }

            CompileParts(node, code, result);
            return result;
        }

        /// <summary>
        /// Links each input declared <c>part_of</c> another to its whole: an input of the same
        /// indicator, a number like the part (not a yes/no, a choice, or a percentage beside a count).
        /// </summary>
        private void CompileParts(NodeDefinition node, string? code, List<InputSpec> inputs)
        {
            foreach (var input in node.Inputs.Where(i => i.PartOf is not null))
            {
                var location = (input.FieldLocations.TryGetValue("part_of", out var at) ? at : input.Location).WithNode(code).WithField("inputs.part_of");
                var part = inputs.FirstOrDefault(i => i.Name == input.Name);
                var wholeName = input.PartOf!.Trim();
                var whole = inputs.FirstOrDefault(i => i.Name == wholeName);
                if (whole is null || ReferenceEquals(whole, part))
                {
                    _diagnostics.Error(
                        DiagnosticCodes.PartOfUnknownInput,
                        location,
                        input.Name,
                        wholeName,
                        new Text.TextList(node.Inputs.Where(i => i.Name != input.Name).Select(i => i.Name ?? string.Empty).ToArray()));
                    continue;
                }

                if (part is null)
                {
                    continue;
                }

                if (part.Kind != InputKind.Number || whole.Kind != InputKind.Number || part.IsPercent != whole.IsPercent)
                {
                    _diagnostics.Error(DiagnosticCodes.PartOfOtherKind, location, part.Name, whole.Name);
                    continue;
                }

                part.PartOf = whole;
            }
        }
    }
}

/// <summary>The outcome of <see cref="FrameworkCompiler.Compile"/>.</summary>
/// <param name="Framework">The compiled framework, when there was no error.</param>
/// <param name="Diagnostics">Every error and warning found.</param>
public sealed record FrameworkCompilation(Framework? Framework, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the framework compiled.</summary>
    public bool Succeeded => Framework is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
