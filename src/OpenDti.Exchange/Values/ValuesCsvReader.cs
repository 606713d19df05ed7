using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Text;

namespace OpenDti.Exchange.Values;

/// <summary>
/// Reads what units reported from a CSV file with the header <c>unit,indicator,input,value</c>.
/// Profile figures use the indicator <c>profile</c> and the field key as input. Numbers are read by
/// <see cref="NumberReader"/>, as on the pages and in the API (<c>1.234,5</c> = <c>1234.5</c>; an
/// ambiguous <c>1.234</c> is refused unless the input counts things); yes/no takes
/// có/không/yes/no/true/false/1/0; a choice takes the option key. An empty value means "not
/// reported". Every bad row is reported with its line number, and so is a part reported above its
/// whole (<see cref="InputParts"/>). The file must be UTF-8 and have at least one data row.
/// </summary>
public static class ValuesCsvReader
{
    /// <summary>The header.</summary>
    public static IReadOnlyList<string> Header { get; } = ["unit", "indicator", "input", "value"];

    /// <summary>Reads the values of every unit in the bytes of a file, which must be UTF-8, for <paramref name="framework"/>.</summary>
    public static ValuesReadResult Read(byte[] content, Framework framework, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        if (CsvTable.Open(content, fileName, diagnostics) is not { } reader)
        {
            return new ValuesReadResult([], diagnostics.Items);
        }

        using (reader)
        {
            return Read(reader, framework, fileName);
        }
    }

    /// <summary>Reads the values of every unit in <paramref name="reader"/> for <paramref name="framework"/>.</summary>
    public static ValuesReadResult Read(TextReader reader, Framework framework, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(framework);
        var diagnostics = new DiagnosticBag();
        var units = new Dictionary<string, UnitInputs>(StringComparer.Ordinal);
        var order = new List<UnitInputs>();
        // The line each unit's input (or profile field) was read from: a second row for it is an error naming the
        // first. Kept by slot, not by the row's strings, so a large file's cells do not outlive their row.
        var lines = new Dictionary<UnitInputs, (int[] Inputs, int[] Profile)>(ReferenceEqualityComparer.Instance);

        foreach (var (line, cells) in CsvTable.Rows(reader, [.. Header], fileName, diagnostics))
        {
            var (unitCode, indicator, inputName, text) = (cells[0], cells[1], cells[2], cells[3]);
            var location = new SourceLocation(fileName, line, NodeCode: indicator.Length > 0 ? Excerpt.Of(indicator) : null);
            if (unitCode.Length == 0)
            {
                diagnostics.Error(DiagnosticCodes.CsvEmptyUnit, location);
                continue;
            }

            if (!units.TryGetValue(unitCode, out var unit))
            {
                unit = new UnitInputs(framework, unitCode);
                units.Add(unitCode, unit);
                order.Add(unit);
                lines.Add(unit, (new int[framework.Inputs.Count], new int[framework.ProfileFields.Count]));
            }

            var read = lines[unit];
            if (string.Equals(indicator, "profile", StringComparison.OrdinalIgnoreCase))
            {
                var profileLocation = location with { NodeCode = null, Field = "profile." + Excerpt.Of(inputName) };
                if (framework.FindProfileField(inputName) is { } field && !FirstRead(read.Profile, field.Slot, line, location, diagnostics))
                {
                    continue;
                }

                ReadProfile(framework, unit, inputName, text, profileLocation, diagnostics);
                continue;
            }

            var node = framework.FindNode(indicator);
            if (node is null)
            {
                diagnostics.Error(DiagnosticCodes.CsvUnknownIndicator, location, Excerpt.Of(indicator), framework.Code);
                continue;
            }

            if (!node.IsLeaf)
            {
                diagnostics.Error(DiagnosticCodes.CsvNotAnIndicator, location, Excerpt.Of(indicator));
                continue;
            }

            var input = framework.FindInput(indicator, inputName);
            if (input is null)
            {
                diagnostics.Error(DiagnosticCodes.CsvUnknownInput, location, Excerpt.Of(indicator), Excerpt.Of(inputName), new TextList(node.Inputs.Select(i => i.Name).ToArray()));
                continue;
            }

            if (!FirstRead(read.Inputs, input.Slot, line, location, diagnostics))
            {
                continue;
            }

            if (text.Length == 0)
            {
                continue;
            }

            var inputLocation = location with { Field = input.Name };
            var parsed = InputValueParser.Parse(input, text);
            if (!parsed.Succeeded)
            {
                diagnostics.Add(parsed.ToDiagnostic(inputLocation));
                continue;
            }

            if (unit.Set(input, parsed.Value!.Value, inputLocation) is { } problem)
            {
                diagnostics.Add(problem);
            }
        }

        foreach (var unit in order)
        {
            foreach (var exceeding in InputParts.Exceeding(unit))
            {
                var line = lines[unit].Inputs[exceeding.Part.Slot];
                diagnostics.Add(exceeding.ToDiagnostic(new SourceLocation(fileName, line, NodeCode: exceeding.Part.NodeCode, Field: exceeding.Part.Name)));
            }
        }

        return new ValuesReadResult(diagnostics.HasErrors ? [] : order, diagnostics.Items);
    }

    /// <summary>Records that slot <paramref name="slot"/> was read on <paramref name="line"/>; false, with the error, when it was read before.</summary>
    private static bool FirstRead(int[] read, int slot, int line, SourceLocation location, DiagnosticBag diagnostics)
    {
        if (read[slot] != 0)
        {
            diagnostics.Error(DiagnosticCodes.CsvDuplicateValue, location, read[slot]);
            return false;
        }

        read[slot] = line;
        return true;
    }

    private static void ReadProfile(Framework framework, UnitInputs unit, string key, string text, SourceLocation location, DiagnosticBag diagnostics)
    {
        var field = framework.FindProfileField(key);
        if (field is null)
        {
            diagnostics.Error(
                DiagnosticCodes.CsvUnknownProfileField,
                location,
                Excerpt.Of(key),
                new TextList(framework.ProfileFields.Select(p => p.Key).ToArray()));
            return;
        }

        if (text.Length == 0)
        {
            return;
        }

        var read = NumberReader.Read(text, field.IsCount);
        if (!read.Succeeded)
        {
            diagnostics.Add(read.ToDiagnostic(location));
            return;
        }

        var value = read.Percent || field.Unit == "%" ? read.Value / 100m : read.Value;
        if (value < 0m || (field.Min is { } min && value < min))
        {
            diagnostics.Error(DiagnosticCodes.BelowMin, location, value, field.Min ?? 0m);
            return;
        }

        if (field.IsCount && value != decimal.Truncate(value))
        {
            diagnostics.Add(UnitInputs.NotWhole(location, value, field.Key, field.Unit));
            return;
        }

        unit.SetProfile(field, value);
    }
}

/// <summary>The outcome of reading a values file: the units (none if there was an error) and every problem.</summary>
/// <param name="Units">The units in order of first appearance; empty when there was any error.</param>
/// <param name="Diagnostics">Every problem, each with its line.</param>
public sealed record ValuesReadResult(IReadOnlyList<UnitInputs> Units, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the file was read without error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
