namespace OpenDti.Core.Formulas.Binding;

/// <summary>A problem in a formula, before it is placed in a file: a diagnostic code and a span of the formula.</summary>
/// <param name="Code">A code of <see cref="Diagnostics.DiagnosticCodes"/>.</param>
/// <param name="Start">0-based start offset.</param>
/// <param name="End">0-based end offset (exclusive).</param>
/// <param name="Arguments">Values for the message.</param>
public sealed record FormulaIssue(string Code, int Start, int End, IReadOnlyList<object?> Arguments);
