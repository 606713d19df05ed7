using System.Globalization;
using System.Text.RegularExpressions;
using OpenDti.Application.Values;
using OpenDti.Core.Formulas.Ast;
using OpenDti.Core.Formulas.Binding;
using OpenDti.Core.Frameworks;

namespace OpenDti.Application.Demo;

/// <summary>
/// Realistic reported values for any framework, worked out from its compiled tree rather than from a
/// list per indicator, so that a new or edited framework gets demo values too.
/// </summary>
/// <remarks>
/// <para>
/// For every leaf the generator picks an <em>aim</em>: the share of max points the unit should earn
/// (the unit's quality plus noise). It then reads the bound rule top down and inverts it:
/// </para>
/// <list type="bullet">
/// <item>yes/no inputs are "có" with a probability that grows with the aim (mostly "có"); a choice
/// picks the option whose fraction is near the aim. When an <c>if</c> condition is false, the inputs
/// only its taken-away branch reads are reported as 0 (no section, no articles).</item>
/// <item>the inputs under a ratio's denominator (<see cref="BoundRatio.Denominator"/>, the right of a
/// division, or the bigger side of a check <c>a &lt;= b</c> between inputs) are totals: they are
/// sized from the unit's general information (a label naming households, population aged 15 and
/// over, civil servants, enterprises, … reads the matching profile field), or from a check that
/// bounds them by the profile (<c>b &lt;= profile.population</c>), or from a range typical of their
/// unit of measure (hệ thống, hồ sơ, văn bản, tỷ đồng, …).</item>
/// <item>the numerator is then the ratio the rule function around it calls for, times the
/// denominator: <c>target(x, 80%)</c> gives 80% × aim (a little above 80% for the best units),
/// <c>at_least(x, 100%)</c> exactly 100% or clearly below, <c>steps</c> a measure inside the level
/// whose fraction is nearest the aim, <c>minmax</c> and <c>best</c> a share on a scale typical of the
/// measure (a few percent of staff are digital-transformation staff), a bare ratio the aim itself.
/// A numerator input bound by a check to one denominator input (<c>b &lt;= a</c> in
/// <c>ratio(b + d, a + c)</c>) follows its own pair; other numerator inputs share the total.</item>
/// <item>a measure without a ratio (<c>steps(a, 20 -> 1, …)</c>, <c>each(a, 1)</c>, <c>minmax(a)</c>)
/// is inverted directly, within a check's bound or the unit's typical range.</item>
/// <item>finally every check of the leaf is evaluated and, when one fails after rounding, the inputs
/// of its smaller side are scaled down until all hold.</item>
/// </list>
/// <para>Counts are whole numbers, amounts in tỷ đồng have two or three decimals, percentages one.</para>
/// </remarks>
internal sealed class DemoValueGenerator(DemoRandom random)
{
    /// <summary>
    /// The values of every input of <paramref name="leaves"/> for a unit of <paramref name="quality"/>
    /// (0 weak, 1 excellent) whose general information is <paramref name="profile"/>.
    /// </summary>
    public IReadOnlyList<ValueChange> Generate(IEnumerable<FrameworkNode> leaves, decimal quality, IReadOnlyDictionary<string, decimal> profile)
    {
        var changes = new List<ValueChange>();
        foreach (var leaf in leaves)
        {
            var aim = Math.Clamp(quality + random.Between(-0.25m, 0.25m), 0.02m, 1m);
            var values = new LeafValues(leaf, aim, profile, random);
            values.Generate();
            changes.AddRange(leaf.Inputs.Select(input => new ValueChange(leaf.Code.Value, input.Name, values.Text(input))));
        }

        return changes;
    }

    private enum Reading
    {
        Plain,
        Target,
        AtLeast,
        Steps,
        Each,
        Relative,
    }

    private readonly record struct Context(Reading Reading, BoundRuleFunction? Function = null);

    /// <summary>The values of one leaf for one unit.</summary>
    private sealed class LeafValues(FrameworkNode leaf, decimal aim, IReadOnlyDictionary<string, decimal> profile, DemoRandom random)
    {
        private readonly Dictionary<InputSpec, decimal> _numbers = [];
        private readonly Dictionary<InputSpec, bool> _answers = [];
        private readonly Dictionary<InputSpec, ChoiceOption> _options = [];

        public void Generate()
        {
            foreach (var input in leaf.Inputs)
            {
                if (input.Kind == InputKind.YesNo)
                {
                    _answers[input] = random.Chance(0.45m + (0.5m * aim));
                }
                else if (input.Kind == InputKind.Choice && input.Options.Count > 0)
                {
                    _options[input] = PickOption(input);
                }
            }

            if (leaf.Rule is { } rule)
            {
                ZeroUntakenBranches(rule.Formula.Root);
                foreach (var input in Denominators(rule.Formula.Root))
                {
                    if (!IsSet(input))
                    {
                        SetNumber(input, DenominatorValue(input));
                    }
                }

                Visit(rule.Formula.Root, new Context(Reading.Plain));
            }

            foreach (var input in leaf.Inputs.Where(i => i.Kind == InputKind.Number && !IsSet(i)))
            {
                SetNumber(input, MeasureValue(new Context(Reading.Plain), input));
            }

            Repair();
        }

        public string Text(InputSpec input) => input.Kind switch
        {
            InputKind.YesNo => _answers[input] ? "có" : "không",
            InputKind.Choice => _options[input].Key,
            _ when input.IsPercent => (_numbers[input] * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%",
            _ => _numbers[input].ToString("0.###", CultureInfo.InvariantCulture),
        };

        private ChoiceOption PickOption(InputSpec input)
        {
            var target = (double)Math.Clamp(aim + random.Between(-0.15m, 0.15m), 0m, 1m);
            var weights = input.Options.Select(o => Math.Exp(-Math.Pow((double)o.Fraction - target, 2) / 0.08)).ToArray();
            var draw = (double)random.Unit() * weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                draw -= weights[i];
                if (draw < 0)
                {
                    return input.Options[i];
                }
            }

            return input.Options[^1];
        }

        /// <summary>When an <c>if</c> condition is already known to be false, what only its first branch reads is 0.</summary>
        private void ZeroUntakenBranches(BoundExpr root)
        {
            foreach (var branch in root.DescendantsAndSelf().OfType<BoundIf>())
            {
                if (Evaluate(branch.Condition) is not 0m)
                {
                    continue;
                }

                var inside = branch.DescendantsAndSelf().ToHashSet();
                var readElsewhere = root.DescendantsAndSelf().Where(e => !inside.Contains(e))
                    .Concat(branch.Condition.DescendantsAndSelf())
                    .Concat(branch.Otherwise.DescendantsAndSelf())
                    .OfType<BoundInput>().Select(i => i.Input).ToHashSet();
                foreach (var input in branch.Then.DescendantsAndSelf().OfType<BoundInput>().Select(i => i.Input).Distinct())
                {
                    if (readElsewhere.Contains(input))
                    {
                        continue;
                    }

                    switch (input.Kind)
                    {
                        case InputKind.Number:
                            _numbers[input] = Math.Max(0m, input.Min ?? 0m);
                            break;
                        case InputKind.YesNo:
                            _answers[input] = false;
                            break;
                        default:
                            _options[input] = input.Options.MinBy(o => o.Fraction)!;
                            break;
                    }
                }
            }
        }

        /// <summary>Inputs that are totals: under a ratio's denominator, the right of a division, or the bigger side of a check between inputs.</summary>
        private List<InputSpec> Denominators(BoundExpr root)
        {
            var found = new HashSet<InputSpec>();
            foreach (var node in root.DescendantsAndSelf())
            {
                var denominator = node switch
                {
                    BoundRatio ratio => ratio.Denominator,
                    BoundBinary { Operator: BinaryOperator.Divide } division => division.Right,
                    _ => null,
                };
                if (denominator is not null)
                {
                    found.UnionWith(NumberInputs(denominator));
                }
            }

            foreach (var (smaller, bigger, _) in Comparisons())
            {
                if (NumberInputs(smaller).Count > 0)
                {
                    found.UnionWith(NumberInputs(bigger));
                }
            }

            return leaf.Inputs.Where(found.Contains).ToList();
        }

        private void Visit(BoundExpr expr, Context context)
        {
            switch (expr)
            {
                case BoundTarget target:
                    VisitMeasure(target.Measure, new Context(Reading.Target, target));
                    break;
                case BoundAtLeast atLeast:
                    VisitMeasure(atLeast.Measure, new Context(Reading.AtLeast, atLeast));
                    break;
                case BoundSteps steps:
                    VisitMeasure(steps.Measure, new Context(Reading.Steps, steps));
                    break;
                case BoundEach each:
                    VisitMeasure(each.Measure, new Context(Reading.Each, each));
                    break;
                case BoundCohort cohort:
                    VisitMeasure(cohort.Measure, new Context(Reading.Relative, cohort));
                    break;
                case BoundRatio ratio:
                    Fill(ratio.Numerator, ratio.Denominator, context);
                    break;
                case BoundBinary { Operator: BinaryOperator.Divide } division:
                    Fill(division.Left, division.Right, context);
                    break;
                case BoundIf branch:
                    Visit(branch.Condition, new Context(Reading.Plain));
                    if (Evaluate(branch.Condition) is not 0m)
                    {
                        Visit(branch.Then, context);
                    }

                    Visit(branch.Otherwise, context);
                    break;
                case BoundInput { Input.Kind: InputKind.Number } input when !IsSet(input.Input):
                    VisitMeasure(input, context);
                    break;
                default:
                    foreach (var child in expr.Children)
                    {
                        Visit(child, context);
                    }

                    break;
            }
        }

        /// <summary>A rule function's measure: a ratio is filled from its denominator; anything else is inverted directly.</summary>
        private void VisitMeasure(BoundExpr measure, Context context)
        {
            if (measure.DescendantsAndSelf().Any(e => e is BoundRatio or BoundBinary { Operator: BinaryOperator.Divide }))
            {
                Visit(measure, context);
                return;
            }

            var open = NumberInputs(measure).Where(i => !IsSet(i)).ToList();
            if (open.Count > 0)
            {
                Split(open, MeasureValue(context, open[0]));
            }
        }

        /// <summary>Sets the numerator of a ratio so that the ratio is what <paramref name="context"/> calls for.</summary>
        private void Fill(BoundExpr numerator, BoundExpr denominator, Context context)
        {
            foreach (var input in NumberInputs(denominator).Where(i => !IsSet(i)))
            {
                SetNumber(input, DenominatorValue(input));
            }

            var open = NumberInputs(numerator).Where(i => !IsSet(i)).ToList();
            if (open.Count == 0)
            {
                return;
            }

            var ratio = DesiredRatio(context, numerator);
            var total = Evaluate(denominator) ?? 0m;
            if (total > 5000m && ratio > 0.97m && context.Reading is Reading.Plain or Reading.Target)
            {
                // A share of a population or of households is never quite all of it.
                ratio = random.Between(0.85m, 0.97m);
            }

            var rest = new List<InputSpec>();
            foreach (var input in open)
            {
                if (PairOf(input, denominator) is { } pair)
                {
                    // A little noise around the ratio, without turning "almost all" into "all".
                    var share = ratio * random.Between(0.92m, 1.08m);
                    if (share > ratio && share > 0.97m)
                    {
                        share = Math.Max(ratio, 0.97m);
                    }

                    var bound = _numbers[pair];
                    SetNumber(input, Math.Min(bound, bound * share));
                }
                else
                {
                    rest.Add(input);
                }
            }

            if (rest.Count > 0)
            {
                var assigned = NumberInputs(numerator).Where(i => !rest.Contains(i)).Sum(i => _numbers.GetValueOrDefault(i));
                Split(rest, Math.Max(0m, (ratio * total) - assigned));
            }
        }

        /// <summary>The denominator input a numerator input is bounded by in a check (<c>b &lt;= a</c>), if any.</summary>
        private InputSpec? PairOf(InputSpec input, BoundExpr denominator)
        {
            var totals = NumberInputs(denominator);
            foreach (var (smaller, bigger, _) in Comparisons())
            {
                if (smaller is BoundInput s && ReferenceEquals(s.Input, input)
                    && bigger is BoundInput b && totals.Contains(b.Input) && IsSet(b.Input))
                {
                    return b.Input;
                }
            }

            return null;
        }

        private void Split(List<InputSpec> inputs, decimal total)
        {
            if (inputs.Count == 1)
            {
                SetNumber(inputs[0], total);
                return;
            }

            var weights = inputs.Select(_ => random.Between(0.5m, 1.5m)).ToArray();
            var sum = weights.Sum();
            for (var i = 0; i < inputs.Count; i++)
            {
                SetNumber(inputs[i], total * weights[i] / sum);
            }
        }

        /// <summary>The ratio a rule function should see for this leaf's aim.</summary>
        private decimal DesiredRatio(Context context, BoundExpr numerator)
        {
            switch (context.Reading)
            {
                case Reading.Target:
                    var target = ((BoundTarget)context.Function!).Threshold;
                    var reached = aim >= 0.97m ? target * random.Between(1m, 1.3m) : target * aim;
                    return target <= 1m ? Math.Min(reached, 1m) : reached;
                case Reading.AtLeast:
                    var threshold = ((BoundAtLeast)context.Function!).Threshold;
                    return aim >= 0.55m ? threshold : threshold * random.Between(0.5m, 0.95m);
                case Reading.Steps:
                    return StepMeasure((BoundSteps)context.Function!);
                case Reading.Relative:
                    return RelativeScale(numerator) * (0.15m + (0.85m * aim)) * random.Between(0.9m, 1.1m);
                default:
                    return aim >= 0.97m ? random.Between(0.92m, 1m) : Math.Max(0.02m, aim);
            }
        }

        /// <summary>The value of a measure without a ratio (a count, an amount) for this leaf's aim.</summary>
        private decimal MeasureValue(Context context, InputSpec input)
        {
            switch (context.Reading)
            {
                case Reading.Target:
                    var target = ((BoundTarget)context.Function!).Threshold;
                    return aim >= 0.97m ? target * random.Between(1m, 1.3m) : target * aim;
                case Reading.AtLeast:
                    var threshold = ((BoundAtLeast)context.Function!).Threshold;
                    return aim >= 0.55m ? threshold * random.Between(1m, 1.2m) : threshold * random.Between(0.4m, 0.95m);
                case Reading.Steps:
                    return StepMeasure((BoundSteps)context.Function!);
                case Reading.Each:
                    var each = (BoundEach)context.Function!;
                    return each.PointsEach == 0m ? 0m : each.MaxPoints / each.PointsEach * aim * random.Between(0.9m, 1.1m);
                default:
                    if (CheckBound(input) is { } bound)
                    {
                        return bound * (0.15m + (0.85m * aim)) * random.Between(0.8m, 1m);
                    }

                    var (low, high) = Range(input);
                    return low + ((high - low) * (0.1m + (0.9m * aim)) * random.Between(0.85m, 1m));
            }
        }

        /// <summary>A measure inside the level of <paramref name="steps"/> whose fraction is nearest the aim.</summary>
        private decimal StepMeasure(BoundSteps steps)
        {
            var levels = steps.Levels;
            if (levels.Count == 0)
            {
                return aim;
            }

            var chosen = 0;
            var nearest = decimal.MaxValue;
            for (var i = 0; i <= levels.Count; i++)
            {
                var value = i < levels.Count ? levels[i].Value : steps.ElseValue;
                var distance = Math.Abs(value - aim) + random.Between(0m, 0.1m);
                if (distance < nearest)
                {
                    chosen = i;
                    nearest = distance;
                }
            }

            var (low, high) = chosen == 0 ? (levels[0].Threshold, levels[0].Threshold * 1.5m)
                : chosen < levels.Count ? (levels[chosen].Threshold, levels[chosen - 1].Threshold)
                : (levels[^1].Threshold * 0.2m, levels[^1].Threshold);
            return low + ((high - low) * random.Between(0m, 0.9m));
        }

        /// <summary>The typical top of a cohort-relative share, from what the numerator counts.</summary>
        private static decimal RelativeScale(BoundExpr numerator)
        {
            var labels = string.Join(" ", NumberInputs(numerator).Select(i => i.Label)).ToLowerInvariant();
            return labels.Contains("an toàn thông tin", StringComparison.Ordinal) ? 0.03m
                : labels.Contains("chuyên trách", StringComparison.Ordinal) || labels.Contains("kiêm nhiệm", StringComparison.Ordinal) ? 0.06m
                : labels.Contains("onetouch", StringComparison.Ordinal) || labels.Contains("kỹ năng số", StringComparison.Ordinal) ? 0.45m
                : 0.5m;
        }

        /// <summary>A total: from the general information the label names, else a check's bound, else the unit's typical range.</summary>
        private decimal DenominatorValue(InputSpec input)
        {
            if (ProfileHint(input) is { } hinted)
            {
                return hinted;
            }

            if (CheckBound(input) is { } bound)
            {
                return bound * random.Between(0.6m, 0.95m);
            }

            var (low, high) = Range(input);
            return random.Between(low, high);
        }

        /// <summary>The bound a check puts on <paramref name="input"/> from the profile alone (<c>b &lt;= profile.population</c>), shared by the inputs of its side.</summary>
        private decimal? CheckBound(InputSpec input)
        {
            foreach (var (smaller, bigger, _) in Comparisons())
            {
                var inputs = NumberInputs(smaller);
                if (inputs.Contains(input) && NumberInputs(bigger).Count == 0 && Evaluate(bigger) is { } limit)
                {
                    return limit / inputs.Count;
                }
            }

            return null;
        }

        /// <summary>The general-information figure a total's label names, when the unit has it.</summary>
        private decimal? ProfileHint(InputSpec input)
        {
            var label = input.Label.ToLowerInvariant();

            // Whole words only: "thôn" (village) must not match "thông tin".
            bool Has(string text) => Regex.IsMatch(label, @"(?<!\p{L})" + Regex.Escape(text) + @"(?!\p{L})", RegexOptions.CultureInvariant);
            decimal? P(string key) => profile.TryGetValue(key, out var value) ? value : null;
            decimal? Staff() => P("civil_servants") + P("public_employees");
            decimal U(decimal low, decimal high) => random.Between(low, high);

            if (Has("15 tuổi"))
            {
                return P("adult_population") ?? P("population") * U(0.74m, 0.78m);
            }

            if (Has("độ tuổi lao động"))
            {
                return P("working_age_population") ?? P("population") * U(0.58m, 0.63m);
            }

            if (Has("dân số"))
            {
                return P("population");
            }

            if (Has("đăng ký"))
            {
                return Has("doanh nghiệp") ? P("enterprises") * U(0.3m, 0.8m) ?? U(50m, 400m) : P("population") * U(0.1m, 0.3m) ?? U(2000m, 40000m);
            }

            if (Has("phản ánh"))
            {
                return null;
            }

            if (Has("tham gia đánh giá"))
            {
                return Has("doanh nghiệp") ? P("enterprises") * U(0.05m, 0.2m) ?? U(10m, 150m) : P("population") * U(0.004m, 0.015m) ?? U(150m, 1500m);
            }

            if (Has("hộ gia đình"))
            {
                return P("households");
            }

            if (Has("ubnd cấp xã"))
            {
                return P("communes");
            }

            if (Has("thôn"))
            {
                return P("villages");
            }

            if (Has("lãnh đạo"))
            {
                return 4m + ((P("subordinate_units") ?? U(2m, 8m)) * U(2m, 3m));
            }

            if (Has("cbcc, vc"))
            {
                return Staff() * U(0.85m, 0.97m);
            }

            if (Has("công chức, viên chức"))
            {
                return Staff();
            }

            if (Has("tổng số công chức"))
            {
                return P("civil_servants");
            }

            if (Has("tổng số viên chức"))
            {
                return P("public_employees");
            }

            if (Has("nhỏ và vừa"))
            {
                return P("smes");
            }

            if (Has("doanh nghiệp"))
            {
                return P("enterprises");
            }

            if (Has("bưu chính"))
            {
                return P("postal_points");
            }

            if (Has("bưu gửi"))
            {
                return P("population") * U(0.5m, 2m);
            }

            if (Has("grdp"))
            {
                // About 60 to 90 million đồng of GRDP per inhabitant.
                return P("population") * U(0.06m, 0.09m);
            }

            if (Has("tổng chi") && Has("cho chuyển đổi số"))
            {
                return P("digital_transformation_budget") ?? P("state_budget_total") * U(0.004m, 0.008m) ?? U(1m, 8m);
            }

            if (Has("tổng chi ngân sách"))
            {
                return P("state_budget_total") ?? P("population") * U(0.004m, 0.006m) ?? U(30m, 300m);
            }

            if (Has("máy chủ"))
            {
                return P("servers") ?? P("physical_servers");
            }

            if (Has("máy trạm"))
            {
                return P("workstations") ?? Staff() * U(0.5m, 0.8m);
            }

            if (Has("máy tính"))
            {
                return P("workstations") ?? Staff() * U(0.6m, 0.95m);
            }

            if (Has("phê duyệt"))
            {
                return P("information_systems") * U(0.5m, 0.9m);
            }

            if (Has("tổng số") && Has("hệ thống thông tin"))
            {
                return P("information_systems");
            }

            if (Has("đủ điều kiện"))
            {
                return P("administrative_procedures") * U(0.3m, 0.5m) ?? U(20m, 120m);
            }

            if (Has("phát sinh hồ sơ"))
            {
                return P("administrative_procedures") * U(0.15m, 0.35m) ?? U(15m, 80m);
            }

            if (Has("dvctt"))
            {
                return P("administrative_procedures") * U(0.4m, 0.7m) ?? U(30m, 150m);
            }

            if (Has("ndxp"))
            {
                return U(5m, 30m);
            }

            if (Has("hồ sơ"))
            {
                return P("population") * U(0.1m, 0.25m) ?? U(1500m, 30000m);
            }

            if (Has("chỉ đạo"))
            {
                return U(4m, 15m);
            }

            if (Has("sinh viên"))
            {
                return U(2000m, 8000m);
            }

            if (Has("đại học") || Has("cao đẳng"))
            {
                return U(4m, 15m);
            }

            if (Has("tiểu học"))
            {
                // About one school for 2,500 inhabitants.
                return P("population") / U(2200m, 2800m) ?? U(30m, 80m);
            }

            return null;
        }

        /// <summary>A typical range for a figure in the input's unit of measure.</summary>
        private static (decimal Low, decimal High) Range(InputSpec input)
        {
            if (input.IsPercent)
            {
                return (0m, 1m);
            }

            return (input.Unit ?? string.Empty).ToLowerInvariant() switch
            {
                "người" => (20m, 300m),
                "doanh nghiệp" => (20m, 200m),
                "hệ thống" => (2m, 12m),
                "máy chủ" => (2m, 16m),
                "máy trạm" or "máy tính" or "máy" => (30m, 300m),
                "nền tảng" => (4m, 10m),
                "dịch vụ" => (20m, 150m),
                "hồ sơ" => (1500m, 30000m),
                "văn bản" => (800m, 9000m),
                "sự cố" => (0m, 12m),
                "địa chỉ ip" => (0m, 8m),
                "ứng dụng" => (5m, 25m),
                "phản ánh" => (40m, 1200m),
                "tài khoản" => (2000m, 40000m),
                "cơ sở" => (20m, 80m),
                "tỷ đồng" => (0.1m, 5m),
                "tin, bài" => (5m, 40m),
                "cuộc" => (0m, 4m),
                "xã" => (4m, 8m),
                "thôn" => (30m, 120m),
                "điểm" or "điểm phục vụ" => (10m, 40m),
                "hộ" => (20000m, 60000m),
                "giao dịch" => (100m, 5000m),
                "bưu gửi" => (50000m, 500000m),
                "tên miền" => (50m, 800m),
                "nghiệp vụ" or "hoạt động" => (0m, 10m),
                "nhiệm vụ" => (5m, 40m),
                "lượt" => (50m, 1500m),
                _ => (1m, 100m),
            };
        }

        /// <summary>Scales the smaller side of every failing check down until every check holds.</summary>
        private void Repair()
        {
            for (var pass = 0; pass < 10; pass++)
            {
                var failing = Failing();
                if (failing.Count == 0)
                {
                    return;
                }

                foreach (var (smaller, bigger, strict) in failing)
                {
                    var low = Evaluate(smaller);
                    var high = Evaluate(bigger);
                    if (low is not { } l || high is not { } h || (strict ? l < h : l <= h))
                    {
                        continue;
                    }

                    var inputs = NumberInputs(smaller);
                    if (inputs.Count > 0 && l > 0m)
                    {
                        var factor = Math.Max(0m, h) / l * (strict ? 0.99m : 1m);
                        foreach (var input in inputs)
                        {
                            SetNumber(input, _numbers[input] * factor, down: true);
                        }
                    }
                    else
                    {
                        foreach (var input in NumberInputs(bigger))
                        {
                            SetNumber(input, _numbers[input] + (l - h) + 1m);
                        }
                    }
                }
            }

            // Last resort: nothing on the smaller side (0 <= any total).
            foreach (var (smaller, _, _) in Failing())
            {
                foreach (var input in NumberInputs(smaller))
                {
                    _numbers[input] = 0m;
                }
            }
        }

        private List<(BoundExpr Smaller, BoundExpr Bigger, bool Strict)> Failing()
        {
            var failing = new List<(BoundExpr, BoundExpr, bool)>();
            foreach (var (smaller, bigger, strict) in Comparisons())
            {
                if (Evaluate(smaller) is { } l && Evaluate(bigger) is { } h && !(strict ? l < h : l <= h))
                {
                    failing.Add((smaller, bigger, strict));
                }
            }

            return failing;
        }

        /// <summary>The leaf's checks that compare two sides, and its parts (<c>part_of</c>: part ≤ whole).</summary>
        private IEnumerable<(BoundExpr Smaller, BoundExpr Bigger, bool Strict)> Comparisons()
        {
            foreach (var check in leaf.Checks)
            {
                if (Comparison(check.Formula.Root) is { } comparison)
                {
                    yield return comparison;
                }
            }

            foreach (var part in leaf.Inputs)
            {
                if (part.PartOf is { } whole)
                {
                    yield return (new BoundInput(part, 0, 0), new BoundInput(whole, 0, 0), false);
                }
            }
        }

        /// <summary>A check <c>x &lt;= y</c> (or <c>y &gt;= x</c>) as its smaller and bigger side.</summary>
        private static (BoundExpr Smaller, BoundExpr Bigger, bool Strict)? Comparison(BoundExpr check) => check switch
        {
            BoundBinary { Operator: BinaryOperator.LessOrEqual } b => (b.Left, b.Right, false),
            BoundBinary { Operator: BinaryOperator.Less } b => (b.Left, b.Right, true),
            BoundBinary { Operator: BinaryOperator.GreaterOrEqual } b => (b.Right, b.Left, false),
            BoundBinary { Operator: BinaryOperator.Greater } b => (b.Right, b.Left, true),
            _ => null,
        };

        private bool IsSet(InputSpec input) => input.Kind switch
        {
            InputKind.Number => _numbers.ContainsKey(input),
            InputKind.YesNo => _answers.ContainsKey(input),
            _ => _options.ContainsKey(input),
        };

        /// <summary>Rounds as the unit of measure is written (whole counts, amounts to 0.01 tỷ, percentages to 0.1%) and keeps to the input's range.</summary>
        private void SetNumber(InputSpec input, decimal value, bool down = false)
        {
            var rounding = down ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero;
            var decimals = input.IsPercent ? 3
                : (input.Unit ?? string.Empty).Contains("đồng", StringComparison.OrdinalIgnoreCase) ? (Math.Abs(value) >= 0.1m ? 2 : 3)
                : 0;
            value = Math.Round(value, decimals, rounding);
            var scale = input.IsPercent ? 100m : 1m;
            value = Math.Max(value, (input.Min ?? 0m) / scale);
            if (input.Max is { } max)
            {
                value = Math.Min(value, max / scale);
            }

            _numbers[input] = value;
        }

        /// <summary>The value of a bound expression with the values set so far, or null when something is missing or undefined.</summary>
        private decimal? Evaluate(BoundExpr expr)
        {
            switch (expr)
            {
                case BoundConstant constant:
                    return constant.Value;
                case BoundInput input:
                    return input.Input.Kind switch
                    {
                        InputKind.Number => _numbers.TryGetValue(input.Input, out var number) ? number : null,
                        InputKind.YesNo => _answers.TryGetValue(input.Input, out var answer) ? (answer ? 1m : 0m) : null,
                        _ => _options.TryGetValue(input.Input, out var option) ? option.Fraction : null,
                    };
                case BoundProfile field:
                    return profile.TryGetValue(field.Field.Key, out var figure) ? figure : null;
                case BoundUnary unary:
                    return Evaluate(unary.Operand) is { } operand ? (unary.Operator == UnaryOperator.Negate ? -operand : (operand == 0m ? 1m : 0m)) : null;
                case BoundRatio ratio:
                    return Divide(Evaluate(ratio.Numerator), Evaluate(ratio.Denominator));
                case BoundIf branch:
                    return Evaluate(branch.Condition) switch
                    {
                        null => null,
                        0m => Evaluate(branch.Otherwise),
                        _ => Evaluate(branch.Then),
                    };
                case BoundExtremum extremum:
                    var values = extremum.Arguments.Select(Evaluate).ToArray();
                    return values.Any(v => v is null) ? null : extremum.IsMax ? values.Max() : values.Min();
                case BoundWhenUndefined fallback:
                    return Evaluate(fallback.Value) ?? Evaluate(fallback.Fallback);
                case BoundBinary binary:
                    var left = Evaluate(binary.Left);
                    var right = Evaluate(binary.Right);
                    if (left is not { } l || right is not { } r)
                    {
                        return null;
                    }

                    return binary.Operator switch
                    {
                        BinaryOperator.Add => l + r,
                        BinaryOperator.Subtract => l - r,
                        BinaryOperator.Multiply => l * r,
                        BinaryOperator.Divide => Divide(l, r),
                        BinaryOperator.Less => l < r ? 1m : 0m,
                        BinaryOperator.LessOrEqual => l <= r ? 1m : 0m,
                        BinaryOperator.Greater => l > r ? 1m : 0m,
                        BinaryOperator.GreaterOrEqual => l >= r ? 1m : 0m,
                        BinaryOperator.Equal => l == r ? 1m : 0m,
                        BinaryOperator.NotEqual => l != r ? 1m : 0m,
                        BinaryOperator.And => l != 0m && r != 0m ? 1m : 0m,
                        _ => l != 0m || r != 0m ? 1m : 0m,
                    };
                default:
                    return null;
            }
        }

        private static decimal? Divide(decimal? numerator, decimal? denominator) =>
            numerator is { } n && denominator is { } d && d != 0m ? n / d : null;

        private static List<InputSpec> NumberInputs(BoundExpr expr) =>
            expr.DescendantsAndSelf().OfType<BoundInput>().Select(i => i.Input).Where(i => i.Kind == InputKind.Number).Distinct().ToList();
    }
}
