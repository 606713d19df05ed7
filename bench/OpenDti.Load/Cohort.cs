using System.Globalization;
using System.Text.Json;

namespace OpenDti.Load;

/// <summary>A value a unit reports: indicator, input and the text the API reads.</summary>
internal sealed record Figure(string Indicator, string Input, string Value);

/// <summary>
/// The cohort the load works on: <see cref="LoadOptions.Units"/> units created once under the province, an open
/// period of <see cref="LoadOptions.FrameworkCode"/> with all of them, and values copied from the demo
/// province's units of the same framework (each load unit gets one demo unit's whole set: every value valid,
/// the scores spread as the demo's). Made once per prefix and size; a second run reuses it.
/// </summary>
internal sealed record Cohort(int PeriodId, IReadOnlyList<string> UnitCodes, Figure Toggle, string ToggledValue)
{
    private static readonly string[] YesNo = ["có", "không", "true", "false"];

    public static async Task<Cohort> PrepareAsync(Api admin, Api evaluator, LoadOptions options, TextWriter log)
    {
        var units = await admin.GetJsonAsync("/api/units");
        var province = units.EnumerateArray().FirstOrDefault(u => u.GetProperty("level").GetString() == "province");
        if (province.ValueKind != JsonValueKind.Object)
        {
            throw new LoadException("the instance has no province unit to put the load units under");
        }

        var existing = units.EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToHashSet(StringComparer.Ordinal);
        var codes = Enumerable.Range(1, options.Units).Select(i => string.Create(CultureInfo.InvariantCulture, $"{options.Prefix}-{i:D4}")).ToArray();
        var missing = codes.Where(c => !existing.Contains(c)).ToArray();
        log.WriteLine($"units: {codes.Length} ({missing.Length} to create)");
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (code, _) =>
        {
            var (status, body) = await admin.SendJsonAsync(HttpMethod.Post, "/api/units", new
            {
                code,
                name = "Đơn vị tải thử " + code,
                level = "department",
                parentCode = province.GetProperty("code").GetString(),
            });
            if ((int)status >= 300)
            {
                throw new LoadException($"POST /api/units {code}: {(int)status} {body}");
            }
        });

        var templates = await TemplatesAsync(evaluator, options);
        var name = string.Create(CultureInfo.InvariantCulture, $"Tải thử {options.Prefix} {options.Units} đơn vị");
        var periods = await admin.GetJsonAsync("/api/periods");
        var period = periods.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == name);
        int periodId;
        if (period.ValueKind == JsonValueKind.Object)
        {
            periodId = period.GetProperty("id").GetInt32();
            log.WriteLine($"period {periodId} \"{name}\": already there");
        }
        else
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var (status, created) = await admin.SendJsonAsync(HttpMethod.Post, "/api/periods", new
            {
                frameworkCode = options.FrameworkCode,
                year = today.Year,
                name,
                opensOn = today.AddDays(-1),
                closesOn = today.AddDays(60),
                unitCodes = codes,
            });
            if ((int)status >= 300)
            {
                throw new LoadException($"POST /api/periods: {(int)status} {created}");
            }

            periodId = created.GetProperty("id").GetInt32();
            var (opened, answer) = await admin.SendJsonAsync(HttpMethod.Put, $"/api/periods/{periodId}/status", new { status = "open" });
            if ((int)opened >= 300)
            {
                throw new LoadException($"PUT /api/periods/{periodId}/status: {(int)opened} {answer}");
            }

            log.WriteLine($"period {periodId} \"{name}\": created and opened");
        }

        var filled = await evaluator.GetJsonAsync($"/api/periods/{periodId}/units/{codes[^1]}/values");
        if (filled.GetArrayLength() == 0)
        {
            // A few hundred values per request: each request is one transaction with its audit.
            foreach (var chunk in codes.Select((code, i) => (code, i)).Chunk(20))
            {
                var body = chunk.SelectMany(c => templates[c.i % templates.Count].Select(f => new { unit = c.code, indicator = f.Indicator, input = f.Input, value = f.Value })).ToArray();
                var (status, answer) = await evaluator.SendJsonAsync(HttpMethod.Put, $"/api/periods/{periodId}/values", body);
                if ((int)status >= 300)
                {
                    throw new LoadException($"PUT /api/periods/{periodId}/values: {(int)status} {answer}");
                }
            }

            log.WriteLine($"values: {codes.Length} units × about {templates[0].Count} inputs saved");
        }

        var toggle = templates.SelectMany(t => t).FirstOrDefault(f => YesNo.Contains(f.Value.ToLowerInvariant()))
            ?? throw new LoadException($"no yes/no input in {options.FrameworkCode} to save back and forth");
        var other = toggle.Value.ToLowerInvariant() is "có" or "true" ? "không" : "có";
        return new Cohort(periodId, codes, toggle, other);
    }

    /// <summary>The values of the demo units of the framework's latest period that has any.</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<Figure>>> TemplatesAsync(Api evaluator, LoadOptions options)
    {
        var periods = await evaluator.GetJsonAsync("/api/periods");
        foreach (var period in periods.EnumerateArray()
            .Where(p => p.GetProperty("frameworkCode").GetString() == options.FrameworkCode && !p.GetProperty("name").GetString()!.StartsWith("Tải thử", StringComparison.Ordinal))
            .OrderByDescending(p => p.GetProperty("year").GetInt32()))
        {
            var id = period.GetProperty("id").GetInt32();
            var results = await evaluator.GetJsonAsync($"/api/periods/{id}/results");
            var sets = new List<IReadOnlyList<Figure>>();
            foreach (var unit in results.GetProperty("units").EnumerateArray())
            {
                var values = await evaluator.GetJsonAsync($"/api/periods/{id}/units/{unit.GetProperty("unitCode").GetString()}/values");
                var figures = values.EnumerateArray()
                    .Select(v => new Figure(v.GetProperty("indicator").GetString()!, v.GetProperty("input").GetString()!, v.GetProperty("value").GetString()!))
                    .ToArray();
                if (figures.Length > 0)
                {
                    sets.Add(figures);
                }
            }

            if (sets.Count > 0)
            {
                return sets;
            }
        }

        throw new LoadException($"no period of {options.FrameworkCode} with values to copy (run the instance with --demo)");
    }
}
