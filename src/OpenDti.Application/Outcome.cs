using System.Globalization;
using OpenDti.Application.Resources;
using OpenDti.Core.Text;

namespace OpenDti.Application;

/// <summary>How a use case ended, as the web layer maps it to HTTP: 200, 404, 403, 400, 409.</summary>
public enum OutcomeStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>Something named does not exist (404).</summary>
    NotFound,

    /// <summary>The user's role or unit does not allow it (403).</summary>
    Forbidden,

    /// <summary>The request has problems; nothing was changed (400).</summary>
    Invalid,

    /// <summary>The state does not allow it, or someone else changed the data first (409).</summary>
    Conflict,
}

/// <summary>A message of the application layer, rendered in the reader's language.</summary>
/// <param name="Key">The resource key in <c>Resources/AppText.resx</c>.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record AppMessage(string Key, params object?[] Arguments) : ILocalizable
{
    /// <summary>The longest text argument quoted whole; longer ones are quoted as an <see cref="Excerpt"/>.</summary>
    public const int LongestArgument = 1000;

    /// <inheritdoc />
    public string ToString(Language language)
    {
        var template = AppText.ResourceManager.GetString(Key, language.ResourceCulture())
            ?? throw new InvalidOperationException($"Application message '{Key}' is missing.");
        var args = Arguments.Select(a => a switch
        {
            ILocalizable l => l.ToString(language),
            decimal d => NumberText.Number(d, language),
            DateOnly day => new Units.DayText(day).ToString(language),

            // A safety net: what a request sent is quoted as an excerpt where it enters a message. A text
            // argument over 1,000 characters is no name or code of this system, so it is quoted as one
            // too: a missed excerpt never repeats a long text back (docs/security.md).
            string { Length: > LongestArgument } text => Excerpt.Of(text),
            _ => a,
        }).ToArray();
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    /// <inheritdoc />
    public override string ToString() => ToString(Language.Vietnamese);
}

/// <summary>A problem with one part of a request: which indicator and input, and what is wrong.</summary>
/// <param name="Code">A stable code (a diagnostic code such as DTI4001, or an application code such as APP-VERSION).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Indicator">The indicator concerned, if any.</param>
/// <param name="Input">The input concerned, if any.</param>
public sealed record Problem(string Code, ILocalizable Message, string? Indicator = null, string? Input = null)
{
    /// <summary>For a request about many units: the unit concerned.</summary>
    public string? Unit { get; init; }

    /// <summary>For a request about many units: the CSV line, or the 0-based index of the JSON item.</summary>
    public int? Row { get; init; }
}

/// <summary>The result of a use case: a value, or why there is none.</summary>
public sealed class Outcome<T>
{
    private Outcome(OutcomeStatus status, T? value, ILocalizable? message, IReadOnlyList<Problem> problems)
    {
        Status = status;
        Value = value;
        Message = message;
        Problems = problems;
    }

    /// <summary>How it ended.</summary>
    public OutcomeStatus Status { get; }

    /// <summary>The value when <see cref="Status"/> is Ok.</summary>
    public T? Value { get; }

    /// <summary>Why it did not succeed.</summary>
    public ILocalizable? Message { get; }

    /// <summary>For Invalid and Conflict: each problem with its place.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Status == OutcomeStatus.Ok;

    /// <summary>Success.</summary>
    public static Outcome<T> Ok(T value) => new(OutcomeStatus.Ok, value, null, []);

    /// <summary>Something named does not exist.</summary>
    public static Outcome<T> NotFound(AppMessage message) => new(OutcomeStatus.NotFound, default, message, []);

    /// <summary>Not allowed for this user.</summary>
    public static Outcome<T> Forbidden(AppMessage message) => new(OutcomeStatus.Forbidden, default, message, []);

    /// <summary>The request has problems.</summary>
    public static Outcome<T> Invalid(AppMessage message, IReadOnlyList<Problem> problems) => new(OutcomeStatus.Invalid, default, message, problems);

    /// <summary>The state does not allow it.</summary>
    public static Outcome<T> Conflict(AppMessage message, IReadOnlyList<Problem>? problems = null) => new(OutcomeStatus.Conflict, default, message, problems ?? []);

    /// <summary>The same failure for another value type.</summary>
    public Outcome<TOther> As<TOther>() =>
        Succeeded ? throw new InvalidOperationException("A success has a value.") : new Outcome<TOther>(Status, default, Message, Problems);
}
