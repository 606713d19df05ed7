using OpenDti.Core.Formulas.Ast;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Text;

namespace OpenDti.Core.Scoring.Explanations;

/// <summary>
/// Builds explanations. For a leaf it runs the same compiled rule again with a trace attached, so
/// the explanation always tells what the scoring did; the sentence is rendered from the bound
/// formula, the unit's figures and the trace. Explanations are built on demand, never while scoring.
/// </summary>
internal static class ExplanationBuilder
{
    public static Explanation Build(CohortScores cohort, UnitScores unit, FrameworkNode node, Language language)
    {
        var score = unit[node];
        return node.IsLeaf
            ? new LeafExplainer(cohort, unit, node, score, language).Build()
            : BuildParent(unit, node, score, language);
    }

    private static Explanation BuildParent(UnitScores unit, FrameworkNode node, NodeScore score, Language language)
    {
        var children = node.Children.Select(c => new ExplainedChild(c.Code.Value, unit[c].Points, c.MaxPoints)).ToArray();
        var sum = children.Sum(c => c.Points);
        var codes = string.Join(" + ", children.Select(c => c.Code));
        var terms = string.Join(" + ", children.Select(c => NumberText.Points(c.Points, language)));
        var text = (score.Flags & ScoreFlags.Capped) != 0
            ? Localizer.Format(language, "ExplainParentCapped", codes, terms, NumberText.Points(sum, language), NumberText.Points(score.Points, language))
            : children.Length == 1
                ? Localizer.Format(language, "ExplainParentSingle", codes, NumberText.Points(score.Points, language))
                : Localizer.Format(language, "ExplainParent", codes, terms, NumberText.Points(score.Points, language));
        if ((score.Flags & ScoreFlags.ContainsProvisional) != 0)
        {
            text += Localizer.Format(language, "ExplainContainsProvisional");
        }

        return new Explanation
        {
            NodeCode = node.Code.Value,
            Points = score.Points,
            MaxPoints = node.MaxPoints,
            Fraction = score.Fraction,
            Flags = score.Flags,
            Children = children,
            Measure = Value.Undefined,
            Text = text,
        };
    }

    private sealed class LeafExplainer
    {
        private readonly UnitScores _unit;
        private readonly FrameworkNode _node;
        private readonly NodeScore _score;
        private readonly Language _language;
        private readonly Rule _rule;
        private readonly List<TraceEvent> _trace = [];
        private readonly Value _value;

        public LeafExplainer(CohortScores cohort, UnitScores unit, FrameworkNode node, NodeScore score, Language language)
        {
            _unit = unit;
            _node = node;
            _score = score;
            _language = language;
            _rule = node.Rule!;
            var context = new EvaluationContext
            {
                Inputs = unit.Inputs.Values,
                Profile = unit.Inputs.ProfileValues,
                CohortMeasures = cohort.CohortMeasuresOf(unit),
                CohortStatistics = cohort.StatisticsArray,
                Trace = _trace,
            };
            context.BeginFormula();
            _value = _rule.Evaluate(context);
        }

        private BoundFormula Formula => _rule.Formula;

        private string MaxText => NumberText.Number(_node.MaxPoints, _language);

        private string PointsText => NumberText.Points(_score.Points, _language);

        public Explanation Build()
        {
            var measureNode = MeasureNode(Effective(out _));
            var measureValue = _score.Measure;
            return new Explanation
            {
                NodeCode = _node.Code.Value,
                Points = _score.Points,
                MaxPoints = _node.MaxPoints,
                Fraction = _score.Fraction,
                Flags = _score.Flags,
                Rule = _rule.Text,
                Inputs = ExplainInputs(),
                MeasureFormula = measureNode is null ? null : FormulaPrinter.Print(measureNode, _language),
                Measure = measureValue,
                MeasureDisplay = measureNode is null ? null : Display(measureValue, measureNode.IsPercent),
                Steps = _trace.Select(ToStep).ToArray(),
                Branch = DecidingEvent() is { } decisive ? BranchName(decisive) : null,
                Text = Sentence(),
            };
        }

        private IReadOnlyList<ExplainedInput> ExplainInputs()
        {
            var inputs = Formula.Inputs.Select(input =>
            {
                var value = _unit.Inputs.ValueOf(input);
                var option = _unit.Inputs.OptionOf(input);
                return new ExplainedInput(input.Name, input.Label, "reported", value, InputDisplay(input, value), option?.Key);
            });
            var profile = Formula.ProfileFields.Select(field =>
            {
                var value = _unit.Inputs.ProfileOf(field);
                return new ExplainedInput("profile." + field.Key, field.Label, "profile", value, Display(value, field.Unit == "%"), null);
            });
            return inputs.Concat(profile).ToArray();
        }

        private string InputDisplay(InputSpec input, Value value)
        {
            if (!value.IsDefined)
            {
                return Localizer.Format(_language, "ValueNotReported");
            }

            return input.Kind switch
            {
                InputKind.YesNo => Localizer.Format(_language, value.Number != 0m ? "ValueYes" : "ValueNo"),
                InputKind.Choice => _unit.Inputs.OptionOf(input)?.Label ?? NumberText.Share(value.Number, _language),
                _ => Display(value, input.IsPercent),
            };
        }

        private string Display(Value value, bool percent) => value.State switch
        {
            ValueState.Missing => Localizer.Format(_language, "ValueNotReported"),
            ValueState.Undefined => Localizer.Format(_language, "ValueUndefined"),
            _ => percent ? NumberText.Percent(value.Number, _language) : NumberText.Number(value.Number, _language),
        };

        private TraceEvent? EventOf(BoundExpr node)
        {
            for (var i = _trace.Count - 1; i >= 0; i--)
            {
                if (_trace[i].NodeId == node.Id)
                {
                    return _trace[i];
                }
            }

            return null;
        }

        /// <summary>The node that decided the value: through the branches of if and when_undefined that were taken.</summary>
        private BoundExpr Effective(out List<string> conditions)
        {
            conditions = [];
            var node = Formula.Root;
            while (true)
            {
                switch (node)
                {
                    case BoundIf conditional when EventOf(conditional) is { } decision && decision.Branch != TraceBranch.NotComputed:
                        var holds = decision.Branch == TraceBranch.Reached;
                        conditions.Add(ConditionText(conditional.Condition, holds));
                        node = holds ? conditional.Then : conditional.Otherwise;
                        continue;
                    case BoundWhenUndefined whenUndefined when EventOf(whenUndefined) is { } replacement:
                        if (replacement.Branch == TraceBranch.Reached)
                        {
                            conditions.Add(Localizer.Format(
                                _language,
                                "ExplainFallback",
                                FormulaPrinter.Print(whenUndefined.Value, _language),
                                FormulaPrinter.Print(whenUndefined.Fallback, _language)));
                            node = whenUndefined.Fallback;
                        }
                        else
                        {
                            node = whenUndefined.Value;
                        }

                        continue;
                    default:
                        return node;
                }
            }
        }

        private static BoundExpr? MeasureNode(BoundExpr effective) => effective switch
        {
            BoundRuleFunction function => function.Measure,
            BoundConstant => null,
            _ => effective,
        };

        private TraceEvent? DecidingEvent()
        {
            var effective = Effective(out _);
            return effective is BoundRuleFunction ? EventOf(effective) : null;
        }

        private string ConditionText(BoundExpr condition, bool holds)
        {
            if (condition is BoundInput { Input.Kind: InputKind.YesNo } input)
            {
                return input.Input.Label + ": " + Localizer.Format(_language, holds ? "ValueYes" : "ValueNo");
            }

            var formula = FormulaPrinter.Print(condition, _language);
            var substituted = FormulaPrinter.Print(condition, _language, Substitute);
            var shown = substituted == formula ? formula : formula + " (" + substituted + ")";
            return Localizer.Format(_language, holds ? "ExplainConditionTrue" : "ExplainConditionFalse", shown);
        }

        /// <summary>Puts the unit's figures in place of names.</summary>
        private string? Substitute(BoundExpr node) => node switch
        {
            BoundInput input => _unit.Inputs.ValueOf(input.Input) is { IsDefined: true } v
                ? (input.Input.IsPercent ? NumberText.Percent(v.Number, _language) : NumberText.Number(v.Number, _language))
                : null,
            BoundProfile profile => _unit.Inputs.ProfileOf(profile.Field) is { IsDefined: true } v
                ? NumberText.Number(v.Number, _language)
                : null,
            _ => null,
        };

        /// <summary>"Tỷ lệ = (b + c)/a = (12 + 23)/100 = 35%", "a = 15", "profile.population = 1.234".</summary>
        private string MeasurePhrase(BoundExpr measure, Value value)
        {
            var shown = Display(value, measure.IsPercent);
            if (measure is BoundInput input)
            {
                return input.Input.ShownName + " = " + (value.IsDefined ? shown : InputDisplay(input.Input, value));
            }

            if (measure is BoundProfile profile)
            {
                return profile.Field.ShownName + " = " + shown;
            }

            var label = Localizer.Format(_language, measure.IsPercent ? "WordRatio" : "WordValue");
            var formula = FormulaPrinter.Print(measure, _language);
            var substituted = FormulaPrinter.Print(measure, _language, Substitute);
            var text = label + " = " + formula;
            if (substituted != formula)
            {
                text += " = " + substituted;
            }

            return value.IsDefined ? text + " = " + shown : text;
        }

        private string Times(decimal share) => share switch
        {
            1m => Localizer.Format(_language, "ExplainFullPoints", PointsText),
            0m => "0",
            _ => NumberText.Share(share, _language) + " × " + MaxText + " = " + PointsText,
        };

        private string Sentence()
        {
            var flags = _score.Flags;
            string body;
            if ((flags & ScoreFlags.NotReported) != 0)
            {
                var used = Formula.Inputs.ToHashSet();
                var missing = _node.Inputs.Where(i => used.Contains(i) && _unit.Inputs.ValueOf(i).IsMissing).Select(i => i.ShownName)
                    .Concat(Formula.ProfileFields.Where(f => _unit.Inputs.ProfileOf(f).IsMissing).Select(f => f.ShownName))
                    .ToArray();
                body = Localizer.Format(_language, "ExplainNotReported", string.Join(", ", missing));
            }
            else
            {
                var effective = Effective(out var conditions);
                if (conditions.Count > 0 && effective is BoundConstant constant && (flags & ScoreFlags.Undefined) == 0)
                {
                    // "Đã có chuyên mục: Không nên Điểm = 0"
                    body = string.Join("; ", conditions) + " " + Localizer.Format(_language, "ExplainTherefore", Times(Fraction.Clamp(constant.Value, out _)));
                }
                else
                {
                    var main = (flags & ScoreFlags.Undefined) != 0 ? UndefinedSentence(effective) : EffectiveSentence(effective);
                    body = conditions.Count == 0 ? main : string.Join("; ", conditions) + "; " + main;
                }
            }

            if ((flags & ScoreFlags.Clamped) != 0)
            {
                body += Localizer.Format(_language, _value.IsDefined && _value.Number < 0m ? "ExplainClampedLow" : "ExplainClampedHigh");
            }

            if ((flags & ScoreFlags.Provisional) != 0)
            {
                body += Localizer.Format(_language, "ExplainProvisional");
            }

            return body;
        }

        private string UndefinedSentence(BoundExpr effective)
        {
            var measure = MeasureNode(effective) ?? effective;
            var phrase = MeasurePhrase(measure, Value.Undefined);
            return Localizer.Format(_language, "ExplainUndefined", phrase, Times(_rule.WhenUndefined));
        }

        private string EffectiveSentence(BoundExpr effective)
        {
            switch (effective)
            {
                case BoundRuleFunction function when EventOf(function) is { } trace:
                    return RuleFunctionSentence(function, trace);
                case BoundInput { Input.Kind: InputKind.YesNo } input:
                    return _unit.Inputs.ValueOf(input.Input).Number != 0m
                        ? Localizer.Format(_language, "ExplainYes", input.Input.Label, PointsText)
                        : Localizer.Format(_language, "ExplainNo", input.Input.Label);
                case BoundInput { Input.Kind: InputKind.Choice } input:
                    var option = _unit.Inputs.OptionOf(input.Input);
                    return Localizer.Format(_language, "ExplainChoice", input.Input.Label, option?.Label ?? "?", Times(_score.Fraction));
                case BoundConstant constant:
                    return Localizer.Format(_language, "ExplainConstant", Times(Fraction.Clamp(constant.Value, out _)));
                default:
                    if (effective.IsPercent || effective is BoundInput or BoundProfile)
                    {
                        var phrase = MeasurePhrase(effective, _value);
                        return Localizer.Format(
                            _language,
                            "ExplainProportional",
                            phrase,
                            Display(_value, effective.IsPercent),
                            MaxText,
                            PointsText);
                    }

                    var formula = FormulaPrinter.Print(effective, _language);
                    var substituted = FormulaPrinter.Print(effective, _language, Substitute);
                    return Localizer.Format(
                        _language,
                        "ExplainFormula",
                        formula,
                        substituted == formula ? formula : substituted,
                        MaxText,
                        PointsText);
            }
        }

        private string RuleFunctionSentence(BoundRuleFunction function, TraceEvent trace)
        {
            var phrase = MeasurePhrase(function.Measure, trace.Measure);
            var m = Display(trace.Measure, function.Measure.IsPercent);
            switch (function)
            {
                case BoundTarget target:
                    var t = NumberText.Threshold(target.Threshold, target.ThresholdIsPercent, _language);
                    return trace.Branch == TraceBranch.Reached
                        ? Localizer.Format(_language, "ExplainReached", phrase, t, PointsText)
                        : Localizer.Format(_language, "ExplainTargetBelow", phrase, t, m, MaxText, PointsText);
                case BoundAtLeast atLeast:
                    var threshold = NumberText.Threshold(atLeast.Threshold, atLeast.ThresholdIsPercent, _language);
                    return trace.Branch == TraceBranch.Reached
                        ? Localizer.Format(_language, "ExplainReached", phrase, threshold, PointsText)
                        : Localizer.Format(_language, "ExplainAtLeastBelow", phrase, threshold);
                case BoundSteps steps:
                    if (trace.Branch == TraceBranch.Else || trace.Branch < 0)
                    {
                        var lowest = steps.Levels.Count > 0
                            ? NumberText.Threshold(steps.Levels[^1].Threshold, steps.ThresholdsArePercent, _language)
                            : "-";
                        return Localizer.Format(_language, "ExplainStepElse", phrase, lowest, steps.Levels.Count + 1, Times(steps.ElseValue));
                    }

                    var level = steps.Levels[trace.Branch];
                    return Localizer.Format(
                        _language,
                        "ExplainStepLevel",
                        phrase,
                        NumberText.Threshold(level.Threshold, steps.ThresholdsArePercent, _language),
                        trace.Branch + 1,
                        Times(level.Value));
                case BoundEach each:
                    var earned = NumberText.Number(trace.Measure.Number * each.PointsEach, _language);
                    return Localizer.Format(
                        _language,
                        trace.Branch == TraceBranch.Reached ? "ExplainEachCapped" : "ExplainEach",
                        phrase,
                        NumberText.Number(each.PointsEach, _language),
                        earned,
                        PointsText,
                        MaxText);
                case BoundCohort cohort:
                    return CohortSentence(cohort, trace, phrase, m);
                default:
                    return phrase;
            }
        }

        private string CohortSentence(BoundCohort cohort, TraceEvent trace, string phrase, string m)
        {
            var statistics = trace.Statistics ?? CohortStatistics.Empty;
            var percent = cohort.Measure.IsPercent;
            string Show(decimal? value) => value is { } v ? Display(Value.Of(v), percent) : "-";
            if (cohort.Kind == CohortKind.MinMax)
            {
                return trace.Branch == TraceBranch.Flat
                    ? Localizer.Format(_language, "ExplainMinMaxFlat", phrase, Show(statistics.Min), Times(_score.Fraction))
                    : Localizer.Format(
                        _language,
                        "ExplainMinMax",
                        phrase,
                        Show(statistics.Min),
                        statistics.MinSource,
                        Show(statistics.Max),
                        statistics.MaxSource,
                        m,
                        MaxText,
                        PointsText);
            }

            return trace.Branch == TraceBranch.Flat
                ? Localizer.Format(_language, "ExplainBestZero", phrase, Show(statistics.Max))
                : Localizer.Format(_language, "ExplainBest", phrase, Show(statistics.Max), statistics.MaxSource, m, MaxText, PointsText);
        }

        private ExplanationStep ToStep(TraceEvent trace)
        {
            var node = Formula.Node(trace.NodeId);
            var measureNode = node switch
            {
                BoundRuleFunction function => function.Measure,
                BoundIf conditional => conditional.Condition,
                BoundWhenUndefined whenUndefined => whenUndefined.Value,
                _ => node,
            };
            decimal? threshold = node switch
            {
                BoundTarget target => target.Threshold,
                BoundAtLeast atLeast => atLeast.Threshold,
                BoundSteps steps when trace.Branch >= 0 && trace.Branch < steps.Levels.Count => steps.Levels[trace.Branch].Threshold,
                _ => null,
            };
            var statistics = trace.Statistics;
            return new ExplanationStep(
                FunctionName(trace.Kind),
                BranchName(trace),
                trace.Measure,
                trace.Result,
                FormulaPrinter.Print(measureNode, _language),
                threshold,
                statistics?.Min,
                statistics?.Max,
                statistics?.MinSource,
                statistics?.MaxSource,
                statistics?.Count,
                statistics?.References);
        }

        private static string FunctionName(TraceKind kind) => kind switch
        {
            TraceKind.Target => "target",
            TraceKind.AtLeast => "at_least",
            TraceKind.Steps => "steps",
            TraceKind.Each => "each",
            TraceKind.MinMax => "minmax",
            TraceKind.Best => "best",
            TraceKind.If => "if",
            _ => "when_undefined",
        };

        private static string BranchName(TraceEvent trace)
        {
            if (trace.Branch == TraceBranch.NotComputed)
            {
                return "not_computed";
            }

            return trace.Kind switch
            {
                TraceKind.Target or TraceKind.AtLeast => trace.Branch == TraceBranch.Reached ? "reached" : "below",
                TraceKind.Steps => trace.Branch == TraceBranch.Else ? "else" : "level_" + (trace.Branch + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                TraceKind.Each => trace.Branch == TraceBranch.Reached ? "capped" : "below",
                TraceKind.MinMax => trace.Branch == TraceBranch.Flat ? "flat" : "min_max",
                TraceKind.Best => trace.Branch == TraceBranch.Flat ? "zero" : "relative",
                TraceKind.If => trace.Branch == TraceBranch.Reached ? "true" : "false",
                _ => trace.Branch == TraceBranch.Reached ? "fallback" : "value",
            };
        }
    }
}
