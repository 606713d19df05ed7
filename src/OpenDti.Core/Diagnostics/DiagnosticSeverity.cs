namespace OpenDti.Core.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; the input is still usable.</summary>
    Warning = 1,

    /// <summary>The input cannot be used as it is.</summary>
    Error = 2,
}
