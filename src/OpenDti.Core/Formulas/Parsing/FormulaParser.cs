using OpenDti.Core.Formulas.Ast;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace OpenDti.Core.Formulas.Parsing;

/// <summary>
/// Parses formula text into an <see cref="Expr"/> tree. The grammar, lowest precedence first:
/// <code>
/// formula    := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := sum (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "=" | "!=") sum)?
/// sum        := product (("+" | "-") product)*
/// product    := unary (("*" | "/") unary)*
/// unary      := "-" unary | primary
/// primary    := number "%"? | name "(" arguments ")" | "profile" "." name | name | "(" formula ")"
/// argument   := "else" "->" formula | formula ("->" formula)?
/// </code>
/// </summary>
public static class FormulaParser
{
    // Names used in "expected ..." messages; FormulaSyntaxError localises them.
    internal const string ExpectExpression = "<expression>";
    internal const string ExpectOperator = "<operator>";
    internal const string ExpectName = "<name>";

    /// <summary>Parses <paramref name="text"/>; on failure returns the first syntax error with its position.</summary>
    public static FormulaParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return FormulaParseResult.Failure(new FormulaSyntaxError(FormulaErrorKind.Empty, 0, 1, null, []));
        }

        var tokens = FormulaTokenizer.Instance.TryTokenize(text);
        if (!tokens.HasValue)
        {
            var position = tokens.ErrorPosition.HasValue ? tokens.ErrorPosition.Absolute : 0;
            var found = position < text.Length ? text.Substring(position, 1) : null;
            return FormulaParseResult.Failure(new FormulaSyntaxError(FormulaErrorKind.InvalidCharacter, position, 1, found, []));
        }

        var result = Grammar.Formula.AtEnd().TryParse(tokens.Value);
        if (result.HasValue)
        {
            return FormulaParseResult.Success(result.Value);
        }

        var next = result.Remainder.ConsumeToken();
        if (next.HasValue)
        {
            var span = next.Value.Span;
            return FormulaParseResult.Failure(new FormulaSyntaxError(
                FormulaErrorKind.Unexpected,
                span.Position.Absolute,
                Math.Max(1, span.Length),
                span.ToStringValue(),
                result.Expectations ?? []));
        }

        return FormulaParseResult.Failure(new FormulaSyntaxError(
            FormulaErrorKind.UnexpectedEnd, text.TrimEnd().Length, 1, null, result.Expectations ?? []));
    }

    private static class Grammar
    {
        private static int StartOf(Token<FormulaToken> token) => token.Span.Position.Absolute;

        private static int EndOf(Token<FormulaToken> token) => token.Span.Position.Absolute + token.Span.Length;

        private static readonly TokenListParser<FormulaToken, Expr> NumberLiteral =
            from number in Token.EqualTo(FormulaToken.Number)
            from percent in Token.EqualTo(FormulaToken.Percent).Optional()
            select (Expr)new NumberLiteral(
                percent.HasValue
                    ? decimal.Parse(number.ToStringValue(), System.Globalization.CultureInfo.InvariantCulture) / 100m
                    : decimal.Parse(number.ToStringValue(), System.Globalization.CultureInfo.InvariantCulture),
                percent.HasValue,
                StartOf(number),
                percent.HasValue ? EndOf(percent.Value) : EndOf(number));

        private static readonly TokenListParser<FormulaToken, Argument> Argument =
            (from keyword in Token.EqualTo(FormulaToken.Else)
             from arrow in Token.EqualTo(FormulaToken.Arrow)
             from value in Superpower.Parse.Ref(() => Formula!)
             select new Argument(value, null, true, StartOf(keyword), value.End))
            .Or(from first in Superpower.Parse.Ref(() => Formula!)
                from second in Token.EqualTo(FormulaToken.Arrow).IgnoreThen(Superpower.Parse.Ref(() => Formula!)).Select(e => (Expr?)e).OptionalOrDefault()
                select second is null
                    ? new Argument(first, null, false, first.Start, first.End)
                    : new Argument(second, first, false, first.Start, second.End))
            .Named(ExpectExpression);

        private static readonly TokenListParser<FormulaToken, Expr> NameCallOrProfile =
            from name in Token.EqualTo(FormulaToken.Identifier)
            from rest in
                (from open in Token.EqualTo(FormulaToken.LParen)
                 from arguments in Argument.ManyDelimitedBy(Token.EqualTo(FormulaToken.Comma))
                 from close in Token.EqualTo(FormulaToken.RParen)
                 select (Expr)new CallExpr(name.ToStringValue(), arguments, StartOf(name), EndOf(close), EndOf(name)))
                .Or(from dot in Token.EqualTo(FormulaToken.Dot)
                    from key in Token.EqualTo(FormulaToken.Identifier).Named(ExpectName)
                    select (Expr)new ProfileReference(
                        name.ToStringValue() == "profile" ? key.ToStringValue() : name.ToStringValue() + "." + key.ToStringValue(),
                        StartOf(name),
                        EndOf(key)))
                .OptionalOrDefault(new NameReference(name.ToStringValue(), StartOf(name), EndOf(name)))
            select rest;

        private static readonly TokenListParser<FormulaToken, Expr> Parenthesised =
            from open in Token.EqualTo(FormulaToken.LParen)
            from inner in Superpower.Parse.Ref(() => Formula!)
            from close in Token.EqualTo(FormulaToken.RParen)
            select inner;

        private static readonly TokenListParser<FormulaToken, Expr> Primary =
            NumberLiteral.Or(NameCallOrProfile).Or(Parenthesised);

        private static readonly TokenListParser<FormulaToken, Expr> Unary =
            (from minus in Token.EqualTo(FormulaToken.Minus)
             from operand in Superpower.Parse.Ref(() => Unary!)
             select (Expr)new UnaryExpr(UnaryOperator.Negate, operand, StartOf(minus), operand.End))
            .Or(Primary)
            .Named(ExpectExpression);

        private static TokenListParser<FormulaToken, BinaryOperator> Operator(FormulaToken token, BinaryOperator op) =>
            Token.EqualTo(token).Value(op);

        private static readonly TokenListParser<FormulaToken, Expr> Product =
            Superpower.Parse.Chain(
                Operator(FormulaToken.Star, BinaryOperator.Multiply).Or(Operator(FormulaToken.Slash, BinaryOperator.Divide)),
                Unary,
                (op, left, right) => new BinaryExpr(op, left, right, left.Start, right.End));

        private static readonly TokenListParser<FormulaToken, Expr> Sum =
            Superpower.Parse.Chain(
                Operator(FormulaToken.Plus, BinaryOperator.Add).Or(Operator(FormulaToken.Minus, BinaryOperator.Subtract)),
                Product,
                (op, left, right) => new BinaryExpr(op, left, right, left.Start, right.End));

        private static readonly TokenListParser<FormulaToken, BinaryOperator> ComparisonOperator =
            Operator(FormulaToken.Less, BinaryOperator.Less)
                .Or(Operator(FormulaToken.LessOrEqual, BinaryOperator.LessOrEqual))
                .Or(Operator(FormulaToken.Greater, BinaryOperator.Greater))
                .Or(Operator(FormulaToken.GreaterOrEqual, BinaryOperator.GreaterOrEqual))
                .Or(Operator(FormulaToken.Equal, BinaryOperator.Equal))
                .Or(Operator(FormulaToken.NotEqual, BinaryOperator.NotEqual));

        private static readonly TokenListParser<FormulaToken, Expr> Comparison =
            from left in Sum
            from right in
                (from op in ComparisonOperator
                 from operand in Sum
                 select (op, operand)).Optional()
            select right.HasValue
                ? new BinaryExpr(right.Value.op, left, right.Value.operand, left.Start, right.Value.operand.End)
                : left;

        private static readonly TokenListParser<FormulaToken, Expr> Negation =
            (from not in Token.EqualTo(FormulaToken.Not)
             from operand in Superpower.Parse.Ref(() => Negation!)
             select (Expr)new UnaryExpr(UnaryOperator.Not, operand, StartOf(not), operand.End))
            .Or(Comparison)
            .Named(ExpectExpression);

        private static readonly TokenListParser<FormulaToken, Expr> Conjunction =
            Superpower.Parse.Chain(
                Operator(FormulaToken.And, BinaryOperator.And),
                Negation,
                (op, left, right) => new BinaryExpr(op, left, right, left.Start, right.End));

        internal static readonly TokenListParser<FormulaToken, Expr> Formula =
            Superpower.Parse.Chain(
                Operator(FormulaToken.Or, BinaryOperator.Or),
                Conjunction,
                (op, left, right) => new BinaryExpr(op, left, right, left.Start, right.End));
    }
}

/// <summary>The outcome of <see cref="FormulaParser.Parse"/>: a tree or a syntax error.</summary>
public sealed class FormulaParseResult
{
    private FormulaParseResult(Expr? expression, FormulaSyntaxError? error)
    {
        Expression = expression;
        Error = error;
    }

    /// <summary>The parsed tree, when parsing succeeded.</summary>
    public Expr? Expression { get; }

    /// <summary>The syntax error, when parsing failed.</summary>
    public FormulaSyntaxError? Error { get; }

    internal static FormulaParseResult Success(Expr expression) => new(expression, null);

    internal static FormulaParseResult Failure(FormulaSyntaxError error) => new(null, error);
}

/// <summary>What kind of syntax error.</summary>
public enum FormulaErrorKind
{
    /// <summary>The formula is empty.</summary>
    Empty,

    /// <summary>A character that no token starts with.</summary>
    InvalidCharacter,

    /// <summary>A token where it cannot stand.</summary>
    Unexpected,

    /// <summary>The formula stops too early.</summary>
    UnexpectedEnd,
}

/// <summary>A syntax error: where (0-based offset and length), what was found and what was expected.</summary>
/// <param name="Kind">The kind of error.</param>
/// <param name="Position">0-based offset in the formula.</param>
/// <param name="Length">Length of the offending text.</param>
/// <param name="Found">The offending text, if any.</param>
/// <param name="Expectations">What the grammar would have accepted there.</param>
public sealed record FormulaSyntaxError(
    FormulaErrorKind Kind,
    int Position,
    int Length,
    string? Found,
    IReadOnlyList<string> Expectations);
