using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;

namespace OpenDti.Testing.Province;

/// <summary>
/// A deterministic cohort of provinces for <c>dti-province-2022</c>: plausible figures for every input
/// (counts, tỷ đồng amounts, yes/no answers, choice keys), drawn with <see cref="Random"/> from a fixed
/// seed, for the agreement test and the benchmarks (docs/performance.md).
/// </summary>
/// <remarks>
/// <para>Every scoring path is exercised: about <see cref="MissingRate"/> of the inputs are left
/// unreported ("chưa kê khai"); about <see cref="NothingReportedRate"/> of the units report nothing
/// (ranked last); about <see cref="ZeroDenominatorRate"/> of the ratios have a denominator of 0
/// (undefined, and for 5.5 and 5.11 <c>when_undefined: 1</c>, where a zero is more frequent); about
/// <see cref="CheckViolationRate"/> break their indicator's check (a &gt; b, a data-entry error) so that
/// the rule's value is clamped; about <see cref="ExactThresholdRate"/> of the targets and steps are hit
/// exactly (80 of 100 against 80%, 7% in 5.12.1, 2 tỷ đồng in 5.12.2) so that the comparison tolerance
/// matters. A unit has a "maturity" that correlates its figures, so totals spread out and ranks are
/// meaningful; all-yes/no main indices (2) produce ties.</para>
/// <para>Units are drawn one after the other from one <see cref="Random"/>, so the first 700 units of a
/// 10,000-unit cohort are the 700-unit cohort with the same seed.</para>
/// </remarks>
public static class ProvinceCohort
{
    /// <summary>The framework this generator knows.</summary>
    public const string FrameworkCode = "dti-province-2022";

    /// <summary>Share of inputs left unreported.</summary>
    public const double MissingRate = 0.03;

    /// <summary>Share of units that report nothing at all.</summary>
    public const double NothingReportedRate = 0.005;

    /// <summary>Share of ratios whose denominator is 0.</summary>
    public const double ZeroDenominatorRate = 0.02;

    /// <summary>Share of ratios whose numerator exceeds the denominator despite the indicator's check.</summary>
    public const double CheckViolationRate = 0.01;

    /// <summary>Share of thresholded figures set exactly on a threshold.</summary>
    public const double ExactThresholdRate = 0.05;

    /// <summary>Generates <paramref name="units"/> units (codes <c>T00001</c>, <c>T00002</c>, ...).</summary>
    /// <exception cref="ArgumentException"><paramref name="framework"/> is not dti-province-2022.</exception>
    public static IReadOnlyList<UnitInputs> Generate(Framework framework, int units, int seed = 2022)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        if (framework.Code != FrameworkCode)
        {
            throw new ArgumentException($"This generator is for {FrameworkCode}, not {framework.Code}.", nameof(framework));
        }

        var random = new Random(seed);
        var result = new UnitInputs[units];
        for (var u = 0; u < units; u++)
        {
            result[u] = new Builder(framework, random, $"T{u + 1:D5}").Build();
        }

        return result;
    }

    private sealed class Builder(Framework framework, Random random, string code)
    {
        private readonly UnitInputs _unit = new(framework, code);
        private double _maturity;

        public UnitInputs Build()
        {
            if (random.NextDouble() < NothingReportedRate)
            {
                return _unit;
            }

            // Maturity 0.1..1, skewed up: most provinces are midway or better.
            _maturity = 0.1 + (0.9 * Math.Sqrt(random.NextDouble()));

            // General information: also the denominators of the ratios below.
            var population = Integer(300_000, 9_000_000);
            var adults = Round(population * (decimal)Between(0.70, 0.78));
            var workingAge = Round(population * (decimal)Between(0.55, 0.65));
            var households = Round(population / (decimal)Between(3.2, 3.8));
            var communes = Integer(50, 700);
            var villages = Round(communes * (decimal)Between(8, 15));
            var civilServants = Integer(1_500, 8_000);
            var publicEmployees = Integer(10_000, 80_000);
            var servers = Integer(20, 400);
            var workstations = Integer(2_000, 30_000);
            var informationSystems = Integer(10, 150);
            var enterprises = Round((decimal)Math.Exp(Math.Log(1_000) + (random.NextDouble() * Math.Log(300))));
            var smes = Round(enterprises * (decimal)Between(0.93, 0.98));
            var postalPoints = Integer(50, 600);
            var budget = Amount(5_000, 120_000, decimals: 1);
            var procedures = Integer(1_500, 2_200);
            Profile("population", population);
            Profile("working_age_population", workingAge);
            Profile("adult_population", adults);
            Profile("households", households);
            Profile("communes", communes);
            Profile("villages", villages);
            Profile("civil_servants", civilServants);
            Profile("public_employees", publicEmployees);
            Profile("servers", servers);
            Profile("workstations", workstations);
            Profile("information_systems", informationSystems);
            Profile("enterprises", enterprises);
            Profile("smes", smes);
            Profile("postal_points", postalPoints);
            Profile("state_budget_total", budget);
            Profile("administrative_procedures", procedures);

            // 1 Nhận thức số
            Choice("1.1", "truong_ban", 0.8);
            Yes("1.2", "tham_du_ubqg", 0.7);
            Yes("1.2", "chu_tri_hop", 0.8);
            Ratio("1.3", "a", "b", Integer(2, 30), Share(0.3, 1.0));
            Choice("1.4", "chuyen_trang", 0.7);
            if (Yes("1.5", "co_chuyen_muc", 0.85) != false)
            {
                Count("1.5", "a", Steps(Integer(0, 45), 20, 10));
            }
            else if (random.NextDouble() < 0.3)
            {
                // Reported although it does not count without a section.
                Count("1.5", "a", Integer(0, 5));
            }

            Yes("1.6", "co_chuyen_muc", 0.8);
            Yes("1.7", "co_chuyen_muc", 0.75);
            Choice("1.8", "tan_suat", 0.6);
            Yes("1.9", "co_chuyen_muc", 0.6);
            Choice("1.10", "tan_suat", 0.5);

            // 2 Thể chế số: yes/no only (many ties).
            Yes("2.1", "da_ban_hanh", 0.9);
            Yes("2.2", "da_ban_hanh", 0.85);
            Yes("2.3", "da_ban_hanh", 0.9);
            Yes("2.4", "da_ban_hanh", 0.8);
            Yes("2.5", "da_to_chuc", 0.7);
            Yes("2.6", "da_ban_hanh", 0.6);
            Yes("2.7", "da_to_chuc", 0.6);
            Yes("2.8", "da_ban_hanh", 0.5);
            Yes("2.9", "da_ban_hanh", 0.4);
            Yes("2.10", "da_ban_hanh", 0.6);
            Yes("2.11", "da_ban_hanh", 0.5);

            // 3 Hạ tầng số
            Ratio("3.1", "a", "b", population, Share(0.4, 0.8));
            Ratio("3.2", "a", "b", households, Share(0.6, 0.98));
            Ratio("3.3", "a", "b", households, Share(0.3, 0.95));
            Ratio("3.4", "a", "b", communes, random.NextDouble() < 0.4 ? 1.0 : Share(0.7, 1.0));
            Choice("3.5.1", "trung_tam_du_lieu", 0.6);
            Yes("3.5.2", "da_ket_noi", 0.6);
            var platforms = Math.Min(7m, Round(7m * (decimal)Share(0.0, 1.1)));
            Count("3.6", "a", platforms);
            var platformsDeployed = random.NextDouble() < 0.9 ? platforms : Integer(0, 9);
            Ratio("3.6", "c", "d", platformsDeployed, Share(0.2, 1.0), zeroDenominators: false);
            Ratio("3.7", "a", "b", Integer(0, 10), Share(0.0, 0.6));

            // 4 Nhân lực số
            Yes("4.1", "da_co", 0.85);
            Yes("4.2", "da_co", 0.7);
            Yes("4.3", "da_co", 0.9);
            Yes("4.4", "da_co", 0.75);
            Ratio("4.5", "a", "e", civilServants, Share(0.001, 0.008));
            Count("4.5", "b", Round(civilServants * (decimal)Share(0.005, 0.04)));
            Ratio("4.5", "c", "f", publicEmployees, Share(0.0005, 0.004));
            Count("4.5", "d", Round(publicEmployees * (decimal)Share(0.002, 0.02)));
            Ratio("4.6", "a", "b", civilServants + publicEmployees, Share(0.001, 0.01));
            Ratio("4.7", "a", "b", civilServants + publicEmployees, Share(0.2, 0.9));
            Ratio("4.8", "a", "b", Integer(2, 40), Share(0.1, 0.9));
            Ratio("4.9", "a", "b", Integer(1_000, 50_000), Share(0.01, 0.6), target: 0.5m);
            Ratio("4.10", "a", "b", workingAge, Share(0.05, 0.5));
            Ratio("4.11", "a", "b", population, Share(0.01, 0.3));
            Ratio("4.12", "a", "b", Integer(5, 60), Share(0.2, 1.0), target: 0.8m);
            Ratio("4.13", "a", "b", Integer(200, 1_500), Share(0.2, 0.9), target: 0.7m);

            // 5 An toàn thông tin mạng
            var approved = Round(informationSystems * (decimal)Share(0.2, 1.0));
            Count("5.1", "a", approved);
            Ratio("5.2", "a", "b", approved, Share(0.3, 1.0));
            Ratio("5.3", "a", "b", servers, Share(0.2, 1.0));
            Ratio("5.4", "a", "b", workstations, Share(0.2, 1.0));
            Ratio("5.5", "a", "b", random.NextDouble() < 0.15 ? 0m : Integer(1, 50), Share(0.5, 1.0));
            Ratio("5.6", "a", "b", informationSystems, Share(0.1, 0.9));
            Ratio("5.7", "a", "b", informationSystems, Share(0.1, 0.9));
            Ratio("5.8", "a", "b", informationSystems, Share(0.2, 1.0));
            Count("5.9", "a", Integer(0, 12));
            var incidents = random.NextDouble() < 0.1 ? 0m : Integer(1, 300);
            Count("5.10", "a", incidents);
            Ratio("5.11", "a", "b", incidents, Share(0.6, 1.0));
            BudgetShare("5.12.1", Amount(50, 2_000, decimals: 0), Share(0.0, 0.15), [0.10m, 0.07m, 0.03m]);
            foreach (var code in new[] { "5.12.2", "5.12.3", "5.12.4", "5.12.5", "5.12.6" })
            {
                Number(code, "a", Steps(Amount(0, 3, decimals: 3), 2m, 1m, 0.5m));
            }

            // 6 Hoạt động chính quyền số
            Yes("6.1", "dap_ung", 0.8);
            Yes("6.1", "ipv6", 0.5);
            Yes("6.2", "co_cong_du_lieu_mo", 0.7);
            Yes("6.2", "dap_ung_ky_thuat", 0.5);
            Yes("6.3", "hop_nhat", 0.8);
            Yes("6.3", "dap_ung", 0.7);
            Yes("6.3", "ipv6", 0.5);
            Yes("6.4", "da_trien_khai", 0.8);
            Yes("6.5", "da_trien_khai", 0.75);
            Ratio("6.6", "a", "b", Integer(5, 80), Share(0.2, 1.0));
            Ratio("6.7", "a", "b", Integer(10, 200), Share(0.1, 0.9));
            var eligible = Integer(100, 1_200);
            Ratio("6.8", "a", "b", eligible, random.NextDouble() < _maturity * 0.5 ? 1.0 : Share(0.5, 0.99));
            var services = Integer(300, 1_500);
            Ratio("6.9", "a", "b", services, Share(0.05, 0.8));
            Ratio("6.10", "a", "b", services, Share(0.02, 0.6));
            Ratio("6.11", "c", "a", Integer(100, 1_000), Share(0.2, 0.9));
            Ratio("6.11", "d", "b", Integer(50, 600), Share(0.3, 1.0));
            var filings = Round(Integer(100_000, 5_000_000) / 20m) * 20m;
            var online = Share(0.05, 0.95);
            var partialShare = Between(0.2, 0.8);
            var online12 = ExactOr(online, 0.8);
            var partial = Round(filings * (decimal)(online12 * partialShare));
            Count("6.12", "a", ZeroDenominator() ? 0m : filings);
            Count("6.12", "b", partial);
            Count("6.12", "c", Math.Min(filings - partial, Round(filings * (decimal)online12) - partial));
            Ratio("6.13", "a", "c", Integer(10_000, 2_000_000), Share(0.05, 0.6));
            Ratio("6.13", "b", "d", Integer(1_000, 100_000), Share(0.1, 0.8));
            Ratio("6.14", "b", "a", Integer(0, 50_000), Share(0.6, 1.0));
            Ratio("6.14", "d", "c", Integer(0, 5_000), Share(0.6, 1.0));
            Yes("6.15", "da_trien_khai", 0.5);
            Yes("6.16", "da_trien_khai", 0.6);
            Yes("6.17", "co_quan", 0.9);
            Yes("6.17", "thiet_bi_ca_nhan", 0.5);
            Yes("6.18", "da_trien_khai", 0.5);
            Choice("6.19", "tro_ly_ao", 0.4);
            Choice("6.20", "tro_ly_ao", 0.3);
            Count("6.21", "a", Round(15m * (decimal)Share(0.0, 1.0)));
            BudgetShare("6.22", budget, Share(0.0, 0.02), [0.01m]);

            // 7 Hoạt động kinh tế số
            var grdp = Amount(20_000, 1_500_000, decimals: 1);
            Ratio("7.1", "a", "b", grdp, Share(0.03, 0.3), target: 0.2m);
            Ratio("7.2", "a", "b", enterprises, Share(0.005, 0.07), target: 0.05m);
            Ratio("7.3", "a", "b", enterprises, Share(0.001, 0.12), target: 0.1m);
            Ratio("7.4", "a", "b", smes, Share(0.01, 0.15), target: 0.1m);
            Ratio("7.5", "a", "b", smes, Share(0.1, 0.7), target: 0.5m);
            Ratio("7.6", "a", "b", enterprises, Share(0.1, 0.95), target: 0.8m);
            Ratio("7.7", "a", "b", enterprises, Share(0.8, 1.0));
            Ratio("7.8", "a", "b", postalPoints, Share(0.1, 0.8), target: 0.5m);
            Ratio("7.9", "a", "b", Integer(100_000, 20_000_000), Share(0.0, 0.08), target: 0.05m);
            Ratio("7.10", "a", "b", enterprises, Share(0.05, 1.5));
            Ratio("7.11", "a", "b", budget, Share(0.0, 0.004), target: 0.0025m);
            Ratio("7.12", "a", "b", budget, Share(0.0, 0.004), target: 0.0025m);

            // 8 Hoạt động xã hội số
            Ratio("8.1", "a", "b", population, Share(0.2, 0.9));
            Ratio("8.2", "a", "b", adults, Share(0.4, 0.95), target: 0.8m);
            Ratio("8.3", "a", "b", adults, Share(0.01, 0.6), target: 0.5m);
            Ratio("8.4", "a", "b", households, Share(0.1, 0.9));
            Ratio("8.5", "a", "b", workingAge, Share(0.1, 0.8), target: 0.7m);
            Number("8.6", "a", Amount(0, 80, decimals: 3));
            Number("8.7", "a", Amount(0, 80, decimals: 3));
            Yes("8.8.1.1", "co", 0.9);
            Yes("8.8.1.2", "co", 0.7);
            Yes("8.8.1.3", "co", 0.6);
            Yes("8.8.1.4", "co", 0.4);
            Ratio("8.8.2.1", "a", "b", Integer(100, 5_000), Share(0.5, 1.0));
            Ratio("8.8.2.2", "a", "b", Integer(0, 2_000), Share(0.5, 1.0));
            Ratio("8.8.2.3", "a", "b", random.NextDouble() < 0.2 ? 0m : Integer(0, 1_000), Share(0.5, 1.0));
            Ratio("8.8.2.4", "a", "b", random.NextDouble() < 0.3 ? 0m : Integer(0, 500), Share(0.5, 1.0));
            Ratio("8.8.3.1", "a", "b", Integer(50, 3_000), Share(0.5, 1.0));
            Ratio("8.8.3.2", "a", "b", Integer(0, 1_000), Share(0.5, 1.0));
            Ratio("8.8.3.3", "a", "b", random.NextDouble() < 0.2 ? 0m : Integer(0, 500), Share(0.5, 1.0));
            Ratio("8.8.3.4", "a", "b", random.NextDouble() < 0.3 ? 0m : Integer(0, 300), Share(0.5, 1.0));
            return _unit;
        }

        /// <summary>A share between <paramref name="low"/> and <paramref name="high"/>, higher for a more mature unit.</summary>
        private double Share(double low, double high) =>
            low + ((high - low) * ((0.6 * _maturity) + (0.4 * random.NextDouble())));

        private double Between(double low, double high) => low + ((high - low) * random.NextDouble());

        private static decimal Round(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);

        private static decimal Round(double value) => Round((decimal)value);

        private decimal Integer(int low, int high) => random.Next(low, high + 1);

        private decimal Amount(double low, double high, int decimals) =>
            Math.Round((decimal)Between(low, high), decimals, MidpointRounding.AwayFromZero);

        private bool ZeroDenominator() => random.NextDouble() < ZeroDenominatorRate;

        private double ExactOr(double share, double threshold) =>
            random.NextDouble() < ExactThresholdRate ? threshold : share;

        /// <summary>Sometimes exactly one of <paramref name="levels"/> instead of <paramref name="value"/>.</summary>
        private decimal Steps(decimal value, params decimal[] levels) =>
            random.NextDouble() < ExactThresholdRate * levels.Length ? levels[random.Next(levels.Length)] : value;

        private void Profile(string key, decimal value) =>
            _unit.SetProfile(framework.FindProfileField(key) ?? throw new InvalidOperationException($"No profile field {key}."), value);

        private bool? Yes(string node, string name, double probability)
        {
            // A unit of maturity 0.55 says "có" with the probability given; a more mature one more often.
            var answer = random.NextDouble() < probability * (0.5 + (0.5 * _maturity)) / 0.775;
            return Set(node, name, ReportedValue.OfAnswer(answer)) ? answer : null;
        }

        private void Choice(string node, string name, double top)
        {
            var input = Input(node, name);
            var roll = random.NextDouble();
            // The first option (full points) with probability `top` at maturity 0.55, more often above.
            var full = top * (0.5 + (0.5 * _maturity)) / 0.775;
            var index = roll < full ? 0 : roll < full + ((1 - full) * 0.6) ? 1 : 2;
            Set(node, name, ReportedValue.OfOption(input.Options[Math.Min(index, input.Options.Count - 1)].Key));
        }

        private void Count(string node, string name, decimal value) => Set(node, name, ReportedValue.OfNumber(value));

        private void Number(string node, string name, decimal value) => Set(node, name, ReportedValue.OfNumber(value));

        /// <summary>
        /// A ratio's figures: <paramref name="denominator"/> and a numerator of about <paramref name="share"/>
        /// of it (not above it, as the indicator's check says), except for the zero denominators, the
        /// exact <paramref name="target"/> hits and the check violations described on the class.
        /// </summary>
        private void Ratio(string node, string numerator, string denominator, decimal total, double share, decimal? target = null, bool zeroDenominators = true)
        {
            var roll = random.NextDouble();
            decimal part;
            if (zeroDenominators && roll < ZeroDenominatorRate)
            {
                total = 0m;
                part = 0m;
            }
            else if (roll < ZeroDenominatorRate + CheckViolationRate)
            {
                part = total + Math.Max(1m, Math.Floor(total * 0.1m));
            }
            else if (target is { } exact && roll < ZeroDenominatorRate + CheckViolationRate + ExactThresholdRate)
            {
                // Exactly on the target: a denominator that makes numerator = target × denominator exact.
                total = Math.Max(1m, Math.Round(total / 20m, 0, MidpointRounding.AwayFromZero)) * 20m;
                part = total * exact;
            }
            else
            {
                part = Math.Min(total, Math.Round(total * (decimal)Math.Clamp(share, 0, 1), Scale(total), MidpointRounding.AwayFromZero));
            }

            Set(node, denominator, ReportedValue.OfNumber(total));
            Set(node, numerator, ReportedValue.OfNumber(part));
        }

        /// <summary>
        /// Amounts a + b out of c (tỷ đồng), about <paramref name="share"/> of c, sometimes exactly one of
        /// <paramref name="levels"/>; 5.12.1 and 6.22.
        /// </summary>
        private void BudgetShare(string node, decimal total, double share, decimal[] levels)
        {
            var spent = random.NextDouble() < ExactThresholdRate * levels.Length
                ? total * levels[random.Next(levels.Length)]
                : Math.Round(total * (decimal)share, 3, MidpointRounding.AwayFromZero);
            var investment = Math.Round(spent * (decimal)Between(0.2, 0.8), 3, MidpointRounding.AwayFromZero);
            Set(node, "c", ReportedValue.OfNumber(ZeroDenominator() ? 0m : total));
            Set(node, "a", ReportedValue.OfNumber(investment));
            Set(node, "b", ReportedValue.OfNumber(spent - investment));
        }

        /// <summary>Decimals kept in a numerator: none for counts, as many as the denominator has for amounts.</summary>
        private static int Scale(decimal total) => (decimal.GetBits(total)[3] >> 16) & 0xFF;

        private InputSpec Input(string node, string name) =>
            framework.FindInput(node, name) ?? throw new InvalidOperationException($"{framework.Code} has no input {node}/{name}.");

        /// <summary>Sets an input unless it is one of the unreported ones; false when left unreported.</summary>
        private bool Set(string node, string name, ReportedValue value)
        {
            var input = Input(node, name);
            if (random.NextDouble() < MissingRate)
            {
                return false;
            }

            if (_unit.Set(input, value) is { } problem)
            {
                throw new InvalidOperationException($"Generated value {value} for {input} was rejected: {problem.ToLine()}");
            }

            return true;
        }
    }
}
