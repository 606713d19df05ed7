namespace OpenDti.Core.Formulas.Ast;

/// <summary>
/// A node of a parsed formula, before names are resolved. <see cref="Start"/> and <see cref="End"/>
/// are 0-based character offsets in the formula text, used to point at problems.
/// </summary>
public abstract record Expr(int Start, int End);

/// <summary>A number as written; <c>80%</c> has <see cref="IsPercent"/> set and <see cref="Value"/> 0.8.</summary>
public sealed record NumberLiteral(decimal Value, bool IsPercent, int Start, int End) : Expr(Start, End);

/// <summary>A name: an input of the indicator, or <c>max_points</c>.</summary>
public sealed record NameReference(string Name, int Start, int End) : Expr(Start, End);

/// <summary><c>profile.key</c>: a figure from the unit's general information.</summary>
public sealed record ProfileReference(string Key, int Start, int End) : Expr(Start, End);

/// <summary>Unary minus or <c>not</c>.</summary>
public sealed record UnaryExpr(UnaryOperator Operator, Expr Operand, int Start, int End) : Expr(Start, End);

/// <summary>A binary operation.</summary>
public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right, int Start, int End) : Expr(Start, End);

/// <summary>A function call: <c>target(x, 80%)</c>.</summary>
public sealed record CallExpr(string Function, IReadOnlyList<Argument> Arguments, int Start, int End, int NameEnd) : Expr(Start, End);

/// <summary>
/// An argument of a call. In <c>steps</c>, a step is <c>threshold -> value</c> (<see cref="Threshold"/>
/// set) and the last may be <c>else -> value</c> (<see cref="IsElse"/> set).
/// </summary>
public sealed record Argument(Expr Value, Expr? Threshold, bool IsElse, int Start, int End)
{
    /// <summary>Whether this argument is a step (<c>t -> v</c> or <c>else -> v</c>).</summary>
    public bool IsStep => Threshold is not null || IsElse;
}

/// <summary>Unary operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>-x</c></summary>
    Negate,

    /// <summary><c>not x</c></summary>
    Not,
}

/// <summary>Binary operators, lowest precedence last in the grammar (see docs/formulas.md).</summary>
public enum BinaryOperator
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c>: undefined when the divisor is 0.</summary>
    Divide,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>and</c></summary>
    And,

    /// <summary><c>or</c></summary>
    Or,
}
