using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using OpenDti.Core.Scoring;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;
using OpenDti.Testing.Province;

// dotnet run -c Release --project bench/OpenDti.Benchmarks -- --filter '*'   (BenchmarkDotNet)
// dotnet run -c Release --project bench/OpenDti.Benchmarks -- --compile-time (cold load of the framework, then a quick stopwatch run)
if (args is ["--compile-time"])
{
    QuickFigures.Print();
    return;
}

// dotnet run -c Release --project bench/OpenDti.Benchmarks -- --trends (1.000 units x 3 years: each trend request cold, then warm)
if (args is ["--trends"])
{
    await OpenDti.Benchmarks.TrendsBenchmarks.QuickAsync();
    return;
}

// dotnet run -c Release --project bench/OpenDti.Benchmarks -- --period-page [units] (the period page's reads at 1.000 units, cold then warm)
if (args is ["--period-page", ..])
{
    await OpenDti.Benchmarks.PeriodPageBenchmarks.QuickAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Figures BenchmarkDotNet cannot give: the first (cold) load of the framework in a fresh process.</summary>
internal static class QuickFigures
{
    public static void Print()
    {
        var yaml = BuiltInFrameworks.Yaml("dti-province-2022");
        var watch = Stopwatch.StartNew();
        var read = FrameworkYamlReader.Read(yaml, "dti-province-2022.yaml");
        var readTime = watch.Elapsed;
        watch.Restart();
        var compiled = OpenDti.Core.Frameworks.FrameworkCompiler.Compile(read.Definition!);
        var compileTime = watch.Elapsed;
        var framework = compiled.Framework!;
        Console.WriteLine(Invariant($"Cold, first in the process: read YAML {readTime.TotalMilliseconds:F1} ms, FrameworkCompiler.Compile {compileTime.TotalMilliseconds:F1} ms"));

        watch.Restart();
        const int Repeats = 20;
        for (var i = 0; i < Repeats; i++)
        {
            _ = FrameworkLoader.Load(yaml, "dti-province-2022.yaml");
        }

        Console.WriteLine(Invariant($"Then, mean of {Repeats} more: FrameworkLoader.Load (read + compile) {watch.Elapsed.TotalMilliseconds / Repeats:F1} ms (JIT still tiering up; steady state: FrameworkCompileBenchmarks)"));

        foreach (var size in new[] { 700, 10_000 })
        {
            var units = ProvinceCohort.Generate(framework, size);
            var handWritten = new HandWrittenProvince(framework);
            var oneCore = new ScoringOptions { MaxDegreeOfParallelism = 1 };
            watch.Restart();
            ScoringEngine.Score(framework, units, oneCore);
            var firstEngine = watch.Elapsed;
            watch.Restart();
            handWritten.Score(units);
            var firstHandWritten = watch.Elapsed;
            Console.WriteLine(Invariant($"{size} units, first call (JIT included): engine {firstEngine.TotalMilliseconds:F1} ms, hand-written {firstHandWritten.TotalMilliseconds:F1} ms"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
