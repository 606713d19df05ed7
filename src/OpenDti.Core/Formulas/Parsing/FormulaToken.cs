using Superpower.Display;

namespace OpenDti.Core.Formulas.Parsing;

/// <summary>The tokens of the formula language. <see cref="TokenAttribute.Example"/> is how a token is named in error messages.</summary>
public enum FormulaToken
{
    /// <summary>No token.</summary>
    None,

    /// <summary>A number: <c>20</c>, <c>0.25</c>.</summary>
    [Token(Category = "number", Example = "20")]
    Number,

    /// <summary>The percent sign after a number.</summary>
    [Token(Example = "%")]
    Percent,

    /// <summary>A name: an input, <c>profile</c>, a function, <c>max_points</c>.</summary>
    [Token(Category = "name", Example = "a")]
    Identifier,

    /// <summary>The dot of <c>profile.population</c>.</summary>
    [Token(Example = ".")]
    Dot,

    /// <summary>Argument separator.</summary>
    [Token(Example = ",")]
    Comma,

    /// <summary>Opening parenthesis.</summary>
    [Token(Example = "(")]
    LParen,

    /// <summary>Closing parenthesis.</summary>
    [Token(Example = ")")]
    RParen,

    /// <summary>Addition.</summary>
    [Token(Category = "operator", Example = "+")]
    Plus,

    /// <summary>Subtraction or negation.</summary>
    [Token(Category = "operator", Example = "-")]
    Minus,

    /// <summary>Multiplication (<c>*</c> or <c>×</c>).</summary>
    [Token(Category = "operator", Example = "*")]
    Star,

    /// <summary>Division (<c>/</c> or <c>÷</c>).</summary>
    [Token(Category = "operator", Example = "/")]
    Slash,

    /// <summary>Less than.</summary>
    [Token(Category = "operator", Example = "<")]
    Less,

    /// <summary>Less than or equal (<c>&lt;=</c> or <c>≤</c>).</summary>
    [Token(Category = "operator", Example = "<=")]
    LessOrEqual,

    /// <summary>Greater than.</summary>
    [Token(Category = "operator", Example = ">")]
    Greater,

    /// <summary>Greater than or equal (<c>&gt;=</c> or <c>≥</c>).</summary>
    [Token(Category = "operator", Example = ">=")]
    GreaterOrEqual,

    /// <summary>Equality (<c>=</c> or <c>==</c>).</summary>
    [Token(Category = "operator", Example = "=")]
    Equal,

    /// <summary>Inequality (<c>!=</c>, <c>&lt;&gt;</c> or <c>≠</c>).</summary>
    [Token(Category = "operator", Example = "!=")]
    NotEqual,

    /// <summary>The arrow of a step: <c>20 -> 1</c> (or <c>→</c>).</summary>
    [Token(Example = "->")]
    Arrow,

    /// <summary>Logical and.</summary>
    [Token(Category = "keyword", Example = "and")]
    And,

    /// <summary>Logical or.</summary>
    [Token(Category = "keyword", Example = "or")]
    Or,

    /// <summary>Logical not.</summary>
    [Token(Category = "keyword", Example = "not")]
    Not,

    /// <summary>The last step of <c>steps(...)</c>: <c>else -> 0</c>.</summary>
    [Token(Category = "keyword", Example = "else")]
    Else,
}
