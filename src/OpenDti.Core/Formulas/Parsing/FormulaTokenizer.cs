using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace OpenDti.Core.Formulas.Parsing;

/// <summary>
/// Splits a formula into tokens. Besides ASCII operators it accepts the symbols officials type
/// (<c>≥ ≤ ≠ × ÷ →</c>) so that a rule can be copied from a plan almost as written.
/// </summary>
internal static class FormulaTokenizer
{
    private static readonly TextParser<TextSpan> IdentifierSpan =
        Span.MatchedBy(
            Character.Matching(c => char.IsLetter(c) || c == '_', "letter")
                .IgnoreThen(Character.Matching(c => char.IsLetterOrDigit(c) || c == '_', "letter or digit").Many()));

    private static readonly TextParser<TextSpan> NumberSpan =
        Span.MatchedBy(
            Character.Digit.AtLeastOnce()
                .IgnoreThen(Character.EqualTo('.').IgnoreThen(Character.Digit.AtLeastOnce()).Value(true).OptionalOrDefault()));

    internal static Tokenizer<FormulaToken> Instance { get; } = new TokenizerBuilder<FormulaToken>()
        .Ignore(Span.WhiteSpace)
        .Match(Span.EqualTo("->"), FormulaToken.Arrow)
        .Match(Character.EqualTo('→'), FormulaToken.Arrow)
        .Match(Span.EqualTo("<="), FormulaToken.LessOrEqual)
        .Match(Character.EqualTo('≤'), FormulaToken.LessOrEqual)
        .Match(Span.EqualTo(">="), FormulaToken.GreaterOrEqual)
        .Match(Character.EqualTo('≥'), FormulaToken.GreaterOrEqual)
        .Match(Span.EqualTo("!="), FormulaToken.NotEqual)
        .Match(Span.EqualTo("<>"), FormulaToken.NotEqual)
        .Match(Character.EqualTo('≠'), FormulaToken.NotEqual)
        .Match(Span.EqualTo("=="), FormulaToken.Equal)
        .Match(Character.EqualTo('='), FormulaToken.Equal)
        .Match(Character.EqualTo('<'), FormulaToken.Less)
        .Match(Character.EqualTo('>'), FormulaToken.Greater)
        .Match(Character.EqualTo('+'), FormulaToken.Plus)
        .Match(Character.EqualTo('-'), FormulaToken.Minus)
        .Match(Character.EqualTo('−'), FormulaToken.Minus)
        .Match(Character.EqualTo('*'), FormulaToken.Star)
        .Match(Character.EqualTo('×'), FormulaToken.Star)
        .Match(Character.EqualTo('/'), FormulaToken.Slash)
        .Match(Character.EqualTo('÷'), FormulaToken.Slash)
        .Match(Character.EqualTo('%'), FormulaToken.Percent)
        .Match(Character.EqualTo('('), FormulaToken.LParen)
        .Match(Character.EqualTo(')'), FormulaToken.RParen)
        .Match(Character.EqualTo(','), FormulaToken.Comma)
        .Match(Character.EqualTo('.'), FormulaToken.Dot)
        .Match(Span.EqualTo("and"), FormulaToken.And, requireDelimiters: true)
        .Match(Span.EqualTo("or"), FormulaToken.Or, requireDelimiters: true)
        .Match(Span.EqualTo("not"), FormulaToken.Not, requireDelimiters: true)
        .Match(Span.EqualTo("else"), FormulaToken.Else, requireDelimiters: true)
        .Match(NumberSpan, FormulaToken.Number, requireDelimiters: true)
        .Match(IdentifierSpan, FormulaToken.Identifier, requireDelimiters: true)
        .Build();
}
