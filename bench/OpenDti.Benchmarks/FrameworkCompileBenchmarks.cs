using BenchmarkDotNet.Attributes;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Exchange.Frameworks;
using OpenDti.Exchange.Frameworks.BuiltIn;

namespace OpenDti.Benchmarks;

/// <summary>
/// Loading dti-province-2022 in steady state (JIT warm): reading the YAML, and compiling the definition
/// (validation, binding, one expression tree compiled per rule, check and cohort argument). The cold,
/// once-per-process figure is printed by <c>--compile-time</c> (see Program.cs).
/// </summary>
[MemoryDiagnoser]
public class FrameworkCompileBenchmarks
{
    private string _yaml = null!;
    private FrameworkDefinition _definition = null!;

    [GlobalSetup]
    public void Setup()
    {
        _yaml = BuiltInFrameworks.Yaml("dti-province-2022");
        _definition = FrameworkYamlReader.Read(_yaml).Definition!;
    }

    /// <summary>YAML text to compiled framework (what <see cref="BuiltInFrameworks.Get"/> does once).</summary>
    [Benchmark]
    public Framework? LoadYaml() => FrameworkLoader.Load(_yaml, "dti-province-2022.yaml").Framework;

    /// <summary>Definition to compiled framework: <see cref="FrameworkCompiler.Compile"/> alone.</summary>
    [Benchmark]
    public Framework? Compile() => FrameworkCompiler.Compile(_definition).Framework;
}
