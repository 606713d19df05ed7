using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OpenDti.Load;

// The load script of docs/performance.md ("Under load"): prepares a cohort of --units units in a running
// instance, then lets --users people work at once for --seconds — reporters saving a value, evaluators
// reading the ranking and scorecards — and prints p50/p95/p99 per request, as the client and as the server
// (Server-Timing) saw them, and every answer that was not a success.
if (LoadOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Users + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(100) };
Cohort cohort;
Api evaluator;
try
{
    var admin = await Api.SignInAsync(http, options.Admin, options.Password);
    evaluator = await Api.SignInAsync(http, options.Evaluator, options.Password);
    var preparing = Stopwatch.StartNew();
    cohort = await Cohort.PrepareAsync(admin, evaluator, options, Console.Out);
    Console.WriteLine($"prepared in {preparing.Elapsed.TotalSeconds:0.0} s: period {cohort.PeriodId}, {cohort.UnitCodes.Count} units");
}
catch (Exception failure) when (failure is LoadException or HttpRequestException)
{
    Console.Error.WriteLine("load: " + failure.Message);
    return 1;
}

var samples = new ConcurrentQueue<Sample>();
var warmUp = TimeSpan.FromSeconds(10);
var clock = Stopwatch.StartNew();
var writers = options.Users * options.WritePercent / 100;
Console.WriteLine($"{options.Users} people ({writers} saving, {options.Users - writers} reading) for {options.Duration.TotalSeconds:0} s after {warmUp.TotalSeconds:0} s of warm-up, pausing {options.Think.TotalMilliseconds:0} ms between requests on average");

await Task.WhenAll(Enumerable.Range(0, options.Users).Select(person => Task.Run(async () =>
{
    var random = new Random(person);
    var step = 0;
    while (clock.Elapsed < warmUp + options.Duration)
    {
        var unit = cohort.UnitCodes[random.Next(cohort.UnitCodes.Count)];
        var sample = person < writers
            ? await evaluator.TimeAsync("save a value", HttpMethod.Put, $"/api/periods/{cohort.PeriodId}/units/{unit}/values?reason=t%E1%BA%A3i%20th%E1%BB%AD", new[]
            {
                new { indicator = cohort.Toggle.Indicator, input = cohort.Toggle.Input, value = step % 2 == 0 ? cohort.ToggledValue : cohort.Toggle.Value },
            })
            : step % 2 == 0
                ? await evaluator.TimeAsync("ranking", HttpMethod.Get, $"/api/periods/{cohort.PeriodId}/results")
                : await evaluator.TimeAsync("scorecard", HttpMethod.Get, $"/api/periods/{cohort.PeriodId}/units/{unit}/scorecard");
        if (clock.Elapsed > warmUp)
        {
            samples.Enqueue(sample);
        }

        step++;
        if (options.Think > TimeSpan.Zero)
        {
            await Task.Delay(options.Think * (0.5 + random.NextDouble())).ConfigureAwait(false);
        }
    }
}))).ConfigureAwait(false);

Report.Print(samples.ToArray(), options, Console.Out);
return samples.Any(s => s.Status is 0 or >= 500) ? 1 : 0;

/// <summary>The figures, as a table for docs/performance.md.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Sample> samples, LoadOptions options, TextWriter output)
    {
        string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine();
        output.WriteLine($"{options.Users} people, {options.Units} units, {options.Duration.TotalSeconds:0} s, {options.Think.TotalMilliseconds:0} ms pauses, {options.Url}");
        output.WriteLine("| request | count | per s | errors | p50 | p95 | p99 | server p50 | server p95 | server p99 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var kind in samples.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = kind.Select(s => s.Milliseconds).Order().ToArray();
            var server = kind.Where(s => s.ServerMilliseconds is not null).Select(s => s.ServerMilliseconds!.Value).Order().ToArray();
            var errors = kind.Count(s => s.Status is 0 or >= 400);
            output.WriteLine(
                $"| {kind.Key} | {times.Length} | {Ms(times.Length / options.Duration.TotalSeconds)} | {errors} | {Ms(At(times, 0.50))} | {Ms(At(times, 0.95))} | {Ms(At(times, 0.99))} " +
                $"| {Ms(At(server, 0.50))} | {Ms(At(server, 0.95))} | {Ms(At(server, 0.99))} |");
        }

        foreach (var failure in samples.Where(s => s.Status is 0 or >= 400).GroupBy(s => (s.Kind, s.Status)))
        {
            output.WriteLine($"not a success: {failure.Key.Kind} answered {(failure.Key.Status == 0 ? "nothing (timeout or connection)" : failure.Key.Status)} × {failure.Count()}");
        }
    }

    /// <summary>The value below which <paramref name="share"/> of the sorted <paramref name="sorted"/> lie (nearest rank).</summary>
    private static double At(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
