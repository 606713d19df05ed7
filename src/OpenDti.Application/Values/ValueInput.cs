using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;

namespace OpenDti.Application.Values;

/// <summary>
/// How a value typed or sent for one input is checked, shared by the unit's report
/// (<see cref="ValueService"/>) and the evaluators' adjustments: the input must exist, the text must
/// read as the input's kind and lie in its range. Each problem names the indicator and the input.
/// </summary>
internal static class ValueInput
{
    /// <summary>The input <paramref name="inputName"/> of indicator <paramref name="indicator"/>, or the problem.</summary>
    public static (InputSpec? Input, Problem? Problem) Find(Framework framework, string? indicator, string? inputName)
    {
        // A form or body that left them out names nothing: the indicator "" does not exist.
        indicator ??= string.Empty;
        inputName ??= string.Empty;
        // What the request named is repeated only as an excerpt: a refusal never echoes a huge field.
        var (shownIndicator, shownInput) = (Excerpt.Of(indicator)!, Excerpt.Of(inputName)!);
        var at = new SourceLocation(NodeCode: shownIndicator, Field: shownInput);
        var node = framework.FindNode(indicator);
        if (node is null || !node.IsLeaf)
        {
            var diagnostic = node is null
                ? Diagnostic.Error(DiagnosticCodes.CsvUnknownIndicator, at, shownIndicator, framework.Code)
                : Diagnostic.Error(DiagnosticCodes.CsvNotAnIndicator, at, shownIndicator);
            return (null, Of(diagnostic, shownIndicator, shownInput));
        }

        var input = framework.FindInput(indicator, inputName);
        if (input is null)
        {
            var diagnostic = Diagnostic.Error(
                DiagnosticCodes.CsvUnknownInput, at, shownIndicator, shownInput, new TextList(node.Inputs.Select(i => i.Name).ToArray()));
            return (null, Of(diagnostic, shownIndicator, shownInput));
        }

        return (input, null);
    }

    /// <summary>
    /// Reads <paramref name="text"/> for <paramref name="input"/> and checks its range on
    /// <paramref name="scratch"/> (a unit's inputs used only for checking); the value or the problem,
    /// which names <paramref name="indicator"/> and <paramref name="inputName"/> as the request did.
    /// </summary>
    public static (ReportedValue? Value, Problem? Problem) Parse(
        UnitInputs scratch, InputSpec input, string indicator, string inputName, string text)
    {
        var at = new SourceLocation(NodeCode: indicator, Field: inputName);
        var parsed = InputValueParser.Parse(input, text);
        if (!parsed.Succeeded)
        {
            return (null, Of(parsed.ToDiagnostic(at), indicator, inputName));
        }

        if (scratch.Set(input, parsed.Value!.Value, at) is { } outOfRange)
        {
            return (null, Of(outOfRange, indicator, inputName));
        }

        return (parsed.Value, null);
    }

    /// <summary>
    /// The parts (<see cref="InputSpec.PartOf"/>) that would exceed their whole once <paramref name="changes"/>
    /// are made to the <paramref name="stored"/> values, as problems naming both inputs. Only pairs the
    /// changes touch are reported, so that values stored before a framework declared a part never block
    /// other saves; a whole not reported yet is not compared.
    /// </summary>
    public static IEnumerable<Problem> PartProblems(
        Framework framework, string unitCode, IEnumerable<Data.Values.ReportedValueRecord> stored, IEnumerable<(InputSpec Input, ReportedValue? Value)> changes) =>
        Checks(framework, unitCode, stored, [], changes).Refused;

    /// <summary>
    /// What the framework's rules between inputs say once <paramref name="changes"/> are made to the
    /// <paramref name="stored"/> values (with the unit's <paramref name="profile"/> figures of the period's
    /// year): <c>Refused</c>, the parts above their whole and the breached <c>level: refuse</c> checks, which
    /// refuse the save; <c>Warned</c>, the breached <c>level: warn</c> checks, saved and shown. Only rules
    /// that read an input the changes touch are reported (docs/frameworks.md, "Checks between inputs").
    /// </summary>
    public static (IReadOnlyList<Problem> Refused, IReadOnlyList<Problem> Warned) Checks(
        Framework framework,
        string unitCode,
        IEnumerable<Data.Values.ReportedValueRecord> stored,
        IEnumerable<(string Key, decimal Value)> profile,
        IEnumerable<(InputSpec Input, ReportedValue? Value)> changes)
    {
        var after = Inputs(framework, unitCode, stored, profile);
        var changed = new HashSet<InputSpec>();
        foreach (var (input, value) in changes)
        {
            changed.Add(input);
            if (value is { } set)
            {
                after.Set(input, set);
            }
            else
            {
                after.Clear(input);
            }
        }

        var refused = new List<Problem>();
        var warned = new List<Problem>();
        foreach (var exceeding in InputParts.Exceeding(after))
        {
            if (changed.Contains(exceeding.Part) || changed.Contains(exceeding.Whole))
            {
                refused.Add(Of(exceeding.ToDiagnostic(), exceeding.Part.NodeCode, exceeding.Part.Name));
            }
        }

        foreach (var breach in InputChecks.Breaches(after, changed))
        {
            var problem = Of(breach.ToDiagnostic(), breach.Node.Code.ToString(), breach.Input?.Name ?? string.Empty);
            (breach.Refuses ? refused : warned).Add(problem);
        }

        return (refused, warned);
    }

    /// <summary>A unit's inputs from its <paramref name="stored"/> values and its <paramref name="profile"/> figures.</summary>
    public static UnitInputs Inputs(
        Framework framework, string unitCode, IEnumerable<Data.Values.ReportedValueRecord> stored, IEnumerable<(string Key, decimal Value)> profile)
    {
        var inputs = new UnitInputs(framework, unitCode);
        foreach (var record in stored)
        {
            if (framework.FindInput(record.Indicator, record.Input) is { } spec && ReportedValueText.ParseStored(spec, record.Value) is { } value)
            {
                inputs.Set(spec, value);
            }
        }

        foreach (var (key, figure) in profile)
        {
            if (framework.FindProfileField(key) is { } field)
            {
                inputs.SetProfile(field, figure);
            }
        }

        return inputs;
    }

    /// <summary>A value stored in invariant form as exchange text ("1234.5", "35.74%", "có", an option key); the stored text when unreadable.</summary>
    public static string Exchange(InputSpec input, string stored) =>
        ReportedValueText.ParseStored(input, stored) is { } value ? ReportedValueText.Format(input, value) : stored;

    private static Problem Of(Diagnostic diagnostic, string indicator, string input) =>
        new(diagnostic.Code, new DiagnosticMessage(diagnostic), indicator, input);

    /// <summary>
    /// Writes <paramref name="value"/> (null removes it) over <paramref name="existing"/> with its audit entry, to be
    /// saved by the caller in the transaction holding the entry lock; false when the value is already what is stored.
    /// The one write of a reported value, for one unit's save and for many units' at once. A plan's delegate's
    /// write names their unit (<paramref name="actorUnitId"/>) in the audit entry.
    /// </summary>
    public static bool Write(
        Data.OpenDtiDbContext db,
        int periodId,
        int unitId,
        InputSpec input,
        string indicator,
        string inputName,
        ReportedValue? value,
        Data.Values.ReportedValueRecord? existing,
        Access.Actor actor,
        Data.Audit.AuditChannel channel,
        string? reason,
        DateTime now,
        int? actorUnitId = null)
    {
        var stored = value?.ToInvariantString();
        if (existing?.Value == stored)
        {
            return false;
        }

        // Read before the record changes: the audit keeps what was there.
        var oldValue = existing is null ? null : Exchange(input, existing.Value);
        if (stored is null)
        {
            db.ReportedValues.Remove(existing!);
        }
        else if (existing is null)
        {
            db.ReportedValues.Add(new Data.Values.ReportedValueRecord
            {
                PeriodId = periodId, UnitId = unitId, Indicator = indicator, Input = inputName,
                Value = stored, Version = 1, UpdatedAt = now, UpdatedBy = actor.UserName,
            });
        }
        else
        {
            existing.Value = stored;
            existing.Version++;
            existing.UpdatedAt = now;
            existing.UpdatedBy = actor.UserName;
        }

        db.AuditEntries.Add(new Data.Audit.AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.UserName,
            PeriodId = periodId,
            UnitId = unitId,
            Indicator = indicator,
            Input = inputName,
            OldValue = oldValue,
            NewValue = value is null ? null : ReportedValueText.Format(input, value.Value),
            Channel = channel,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            ActorUnitId = actorUnitId,
        });
        return true;
    }
}
