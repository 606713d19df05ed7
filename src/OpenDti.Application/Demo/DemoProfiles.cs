using OpenDti.Core.Frameworks;

namespace OpenDti.Application.Demo;

/// <summary>
/// The general information (thông tin chung) of the demo units for both demo years, internally
/// consistent: a district's households are about its population / 3.6 and its communes are the ones
/// seeded; the province's population, households, communes, villages, enterprises and staff are the
/// sums of its districts and departments. The second year differs slightly from the first.
/// </summary>
internal sealed class DemoProfiles
{
    private readonly DemoRandom _random;
    private readonly Dictionary<(string Code, int Year), Dictionary<string, decimal>> _figures = [];

    public DemoProfiles(DemoRandom random)
    {
        _random = random;
        foreach (var department in DemoData.Departments)
        {
            AddDepartment(department);
        }

        foreach (var district in DemoData.Districts)
        {
            AddDistrict(district);
        }

        AddProvince();
    }

    /// <summary>
    /// The figures of <paramref name="code"/> for <paramref name="year"/>, for exactly the
    /// <paramref name="fields"/> the frameworks of its level declare. A field this class does not know
    /// gets a modest figure by its unit, so that a new framework still finds every field filled.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> For(string code, int year, IEnumerable<ProfileField> fields)
    {
        var known = _figures[(code, year)];
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (result.ContainsKey(field.Key))
            {
                continue;
            }

            if (!known.TryGetValue(field.Key, out var value))
            {
                // Unknown to the demo: a stable figure per unit, year and key (no draw, so that adding a
                // framework does not change the rest of the demo).
                var seed = StableHash(code + "/" + field.Key);
                value = field.Unit == "%" ? 0.2m + (seed % 60) / 100m : 10 + (seed % 190);
                if (year != DemoData.Years[0] && field.Unit != "%")
                {
                    value = Math.Round(value * 1.03m, 0, MidpointRounding.AwayFromZero);
                }

                known[field.Key] = value;
            }

            result[field.Key] = value;
        }

        return result;
    }

    private void AddDepartment(DemoDepartment department)
    {
        var first = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["civil_servants"] = department.CivilServants,
            ["public_employees"] = department.PublicEmployees,
            ["subordinate_units"] = department.SubordinateUnits,
        };
        var second = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            // Staff are being streamlined (tinh giản biên chế): slightly fewer civil servants.
            ["civil_servants"] = Math.Min(Count(department.CivilServants * _random.Between(0.93m, 0.99m)), department.CivilServants - 1),
            ["public_employees"] = Count(department.PublicEmployees * _random.Between(0.97m, 1.03m)),
            ["subordinate_units"] = department.SubordinateUnits,
        };
        _figures[(department.Code, DemoData.Years[0])] = first;
        _figures[(department.Code, DemoData.Years[1])] = second;
    }

    private void AddDistrict(DemoDistrict district)
    {
        decimal population = district.Population + _random.Next(0, 1000);
        var communes = district.Communes.Count;
        var villages = 0;
        for (var i = 0; i < communes; i++)
        {
            villages += _random.Next(6, 15);
        }

        // Civil servants grow with the district's size: 80 for the smallest, 200 for the largest.
        var civilServants = Math.Clamp(Count((80m + ((population - 80_000m) / 170_000m * 120m)) * _random.Between(0.9m, 1.08m)), 80m, 200m);
        var publicEmployees = Count(population * _random.Between(0.008m, 0.012m));
        var enterprises = Count(population * _random.Between(0.003m, 0.006m) * (district.Name.StartsWith("Thành phố", StringComparison.Ordinal) ? 1.6m : 1m));
        var smeShare = _random.Between(0.93m, 0.97m);
        var first = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["population"] = population,
            ["working_age_population"] = Count(population * _random.Between(0.58m, 0.63m)),
            ["households"] = Count(population / _random.Between(3.4m, 3.8m)),
            ["communes"] = communes,
            ["villages"] = villages,
            ["subordinate_units"] = _random.Next(18, 33),
            ["civil_servants"] = civilServants,
            ["public_employees"] = publicEmployees,
            ["physical_servers"] = _random.Next(2, 11),
            ["workstations"] = Count(civilServants + (publicEmployees * _random.Between(0.25m, 0.4m))),
            ["information_systems"] = _random.Next(4, 15),
            ["enterprises"] = enterprises,
            ["smes"] = Count(enterprises * smeShare),
            ["postal_points"] = communes + _random.Next(3, 11),
            ["digital_transformation_budget"] = Amount(_random.Between(3m, 15m)),
            ["administrative_procedures"] = _random.Next(260, 321),
        };

        var growth = _random.Between(1.006m, 1.013m);
        var secondEnterprises = Count(enterprises * _random.Between(1.03m, 1.09m));
        var second = new Dictionary<string, decimal>(first, StringComparer.Ordinal)
        {
            ["population"] = Count(population * growth),
            ["working_age_population"] = Count(first["working_age_population"] * growth * _random.Between(0.998m, 1.004m)),
            ["households"] = Count(first["households"] * _random.Between(1.01m, 1.02m)),
            ["civil_servants"] = Count(civilServants * _random.Between(0.95m, 1.01m)),
            ["public_employees"] = Count(publicEmployees * _random.Between(0.97m, 1.02m)),
            ["physical_servers"] = first["physical_servers"] + _random.Next(0, 2),
            ["workstations"] = Count(first["workstations"] * _random.Between(1m, 1.06m)),
            ["information_systems"] = first["information_systems"] + _random.Next(0, 3),
            ["enterprises"] = secondEnterprises,
            ["smes"] = Count(secondEnterprises * smeShare),
            ["digital_transformation_budget"] = Amount(first["digital_transformation_budget"] * _random.Between(1.05m, 1.3m)),
            ["administrative_procedures"] = Count(first["administrative_procedures"] * _random.Between(0.97m, 1.03m)),
        };
        _figures[(district.Code, DemoData.Years[0])] = first;
        _figures[(district.Code, DemoData.Years[1])] = second;
    }

    private void AddProvince()
    {
        var communeOfficials = _random.Between(20m, 23m);
        var dataCentreServers = _random.Next(40, 81);
        var informationSystems = _random.Next(45, 71);
        var budget = _random.Between(14_000m, 16_000m);
        var procedures = _random.Next(1750, 1900);
        for (var y = 0; y < DemoData.Years.Count; y++)
        {
            var year = DemoData.Years[y];
            var districts = DemoData.Districts.Select(d => _figures[(d.Code, year)]).ToArray();
            var departments = DemoData.Departments.Select(d => _figures[(d.Code, year)]).ToArray();
            decimal Sum(IEnumerable<Dictionary<string, decimal>> units, string key) => units.Sum(u => u[key]);
            var population = Sum(districts, "population");
            var communes = Sum(districts, "communes");
            var departmentStaff = Sum(departments, "civil_servants") + Sum(departments, "public_employees");
            _figures[(DemoData.ProvinceCode, year)] = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["population"] = population,
                ["working_age_population"] = Sum(districts, "working_age_population"),
                ["adult_population"] = Count(population * (0.76m + (y * 0.002m))),
                ["households"] = Sum(districts, "households"),
                ["communes"] = communes,
                ["villages"] = Sum(districts, "villages"),
                ["civil_servants"] = Sum(departments, "civil_servants") + Sum(districts, "civil_servants") + Count(communes * communeOfficials),
                ["public_employees"] = Sum(departments, "public_employees") + Sum(districts, "public_employees"),
                ["servers"] = Sum(districts, "physical_servers") + dataCentreServers + (y * 6),
                ["workstations"] = Sum(districts, "workstations") + Count(departmentStaff * 0.7m),
                ["information_systems"] = informationSystems + (y * 4),
                ["enterprises"] = Sum(districts, "enterprises"),
                ["smes"] = Sum(districts, "smes"),
                ["postal_points"] = Sum(districts, "postal_points"),
                ["state_budget_total"] = Amount(budget * (1m + (y * 0.07m))),
                ["administrative_procedures"] = procedures - (y * 23),
            };
        }
    }

    private static decimal Count(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static decimal Amount(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash & 0x7FFFFFFF;
        }
    }
}
