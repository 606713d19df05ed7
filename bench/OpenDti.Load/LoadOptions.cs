using System.Globalization;

namespace OpenDti.Load;

/// <summary>What to run: against which instance, how big a cohort, how many people, for how long.</summary>
internal sealed record LoadOptions(
    Uri Url, int Units, int Users, TimeSpan Duration, string Admin, string Evaluator, string Password, string FrameworkCode, int WritePercent, string Prefix, TimeSpan Think)
{
    public const string Usage = """
        dotnet run -c Release --project bench/OpenDti.Load -- [options]
          --url http://localhost:5000   the running instance (its demo province: accounts admin and evaluator)
          --units 1000                  the cohort: units LOAD-0001… created under the province, once
          --users 100                   people working at once
          --seconds 60                  how long they work, after 10 s of warm-up
          --writes 20                   the share (%) of people who save values; the others read
          --framework dti-department-2022
          --password Demo@12345         the demo accounts' password
          --prefix LOAD                 the units' code prefix (a new prefix, a new cohort)
          --think 0                     milliseconds a person pauses between two requests, on average
                                        (each pause drawn between half and one and a half times it);
                                        0 sends the next request as soon as the last is answered
        """;

    public static LoadOptions? Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (args.Count % 2 != 0)
        {
            return null;
        }

        string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        if (values.Where(v => v.Key is "units" or "users" or "seconds" or "writes" or "think").Any(v => !int.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new LoadOptions(
            new Uri(Text("url", "http://localhost:5000")),
            Number("units", 1000),
            Number("users", 100),
            TimeSpan.FromSeconds(Number("seconds", 60)),
            Text("admin", "admin"),
            Text("evaluator", "evaluator"),
            Text("password", "Demo@12345"),
            Text("framework", "dti-department-2022"),
            Math.Clamp(Number("writes", 20), 0, 100),
            Text("prefix", "LOAD"),
            TimeSpan.FromMilliseconds(Math.Max(0, Number("think", 0))));
    }
}
