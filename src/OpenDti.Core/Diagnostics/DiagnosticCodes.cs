namespace OpenDti.Core.Diagnostics;

/// <summary>
/// Every diagnostic code OpenDti reports. A code never changes meaning; callers match codes, not
/// text. Each code is also the key of its message in <c>Text/Messages.resx</c> (a test checks both
/// languages have every code).
/// </summary>
/// <remarks>
/// 1xxx framework structure, 2xxx formula syntax, 3xxx formula names and types, 4xxx reported
/// values, 5xxx framework files (YAML), 6xxx data files (CSV), 7xxx workbooks (Excel), 8xxx crosswalks
/// between editions of a framework.
/// </remarks>
public static class DiagnosticCodes
{
#pragma warning disable CS1591 // The names say what they mean; the messages are in resources.
    public const string MissingField = "DTI1001";
    public const string DuplicateCode = "DTI1002";
    public const string InvalidCode = "DTI1003";
    public const string ChildCodePrefix = "DTI1004";
    public const string PointsDoNotAddUp = "DTI1005";
    public const string TotalDoesNotAddUp = "DTI1006";
    public const string LeafWithoutRule = "DTI1007";
    public const string InnerNodeWithRule = "DTI1008";
    public const string InvalidMaxPoints = "DTI1009";
    public const string DuplicateInput = "DTI1010";
    public const string InvalidInputName = "DTI1011";
    public const string ReservedInputName = "DTI1012";
    public const string UnknownInputKind = "DTI1013";
    public const string ChoiceWithoutOptions = "DTI1014";
    public const string DuplicateOption = "DTI1015";
    public const string OptionFractionOutOfRange = "DTI1016";
    public const string MinGreaterThanMax = "DTI1017";
    public const string UnknownNodeKind = "DTI1018";
    public const string UnknownLevel = "DTI1019";
    public const string DuplicateProfileKey = "DTI1020";
    public const string InvalidConstant = "DTI1021";
    public const string KindPlacement = "DTI1022";
    public const string UnusedInput = "DTI1023";
    public const string ProvisionalWithoutNote = "DTI1024";
    public const string NoNodes = "DTI1025";
    public const string WhenUndefinedOutOfRange = "DTI1026";
    public const string OptionsOnNonChoice = "DTI1027";
    public const string InvalidYear = "DTI1028";
    public const string InvalidProfileKey = "DTI1029";
    public const string InvalidFrameworkCode = "DTI1030";
    public const string InnerNodeWithInputs = "DTI1031";
    public const string PointsExceedParent = "DTI1032";
    public const string CappedNotNeeded = "DTI1033";
    public const string CappedLeaf = "DTI1034";
    public const string PartOfUnknownInput = "DTI1035";
    public const string PartOfOtherKind = "DTI1036";
    public const string CountNotANumber = "DTI1037";
    public const string CheckLevelUnknown = "DTI1038";

    public const string FormulaEmpty = "DTI2001";
    public const string FormulaInvalidCharacter = "DTI2002";
    public const string FormulaUnexpectedToken = "DTI2003";
    public const string FormulaUnexpectedEnd = "DTI2004";

    public const string UnknownName = "DTI3001";
    public const string UnknownProfileKey = "DTI3002";
    public const string UnknownFunction = "DTI3003";
    public const string WrongArgumentCount = "DTI3004";
    public const string ConstantExpected = "DTI3005";
    public const string StepsNotDescending = "DTI3006";
    public const string FractionOutOfRange = "DTI3007";
    public const string NestedCohort = "DTI3008";
    public const string CohortNotAllowed = "DTI3009";
    public const string ConditionExpected = "DTI3010";
    public const string StepOutsideSteps = "DTI3011";
    public const string ElseNotLast = "DTI3012";
    public const string ThresholdNotPositive = "DTI3013";
    public const string StepExpected = "DTI3014";
    public const string ConstantDivisionByZero = "DTI3015";

    public const string NotANumber = "DTI4001";
    public const string NotYesNo = "DTI4002";
    public const string UnknownOption = "DTI4003";
    public const string BelowMin = "DTI4004";
    public const string AboveMax = "DTI4005";
    public const string CheckFailed = "DTI4006";
    public const string EmptyValue = "DTI4007";
    public const string NumberAmbiguous = "DTI4008";
    public const string NumberGrouping = "DTI4009";
    public const string NumberTooLarge = "DTI4010";
    public const string NotWhole = "DTI4011";
    public const string PartExceedsWhole = "DTI4012";

    public const string YamlSyntax = "DTI5001";
    public const string YamlExpectedMapping = "DTI5002";
    public const string YamlExpectedList = "DTI5003";
    public const string YamlExpectedScalar = "DTI5004";
    public const string YamlUnknownField = "DTI5005";
    public const string YamlNotANumber = "DTI5006";
    public const string YamlNotABoolean = "DTI5007";
    public const string YamlDuplicateKey = "DTI5008";
    public const string YamlEmpty = "DTI5009";

    public const string CsvHeader = "DTI6001";
    public const string CsvColumnCount = "DTI6002";
    public const string CsvUnknownIndicator = "DTI6003";
    public const string CsvUnknownInput = "DTI6004";
    public const string CsvUnknownProfileField = "DTI6005";
    public const string CsvDuplicateValue = "DTI6006";
    public const string CsvEmptyUnit = "DTI6007";
    public const string CsvReferenceNotCohort = "DTI6008";
    public const string CsvEmpty = "DTI6009";
    public const string CsvSyntax = "DTI6010";
    public const string CsvNotAnIndicator = "DTI6011";
    public const string CsvInvalidUtf8 = "DTI6012";

    public const string WorkbookUnreadable = "DTI7001";
    public const string WorkbookNoIdentity = "DTI7002";
    public const string WorkbookUnknownLabel = "DTI7003";
    public const string WorkbookCellUnreadable = "DTI7004";
    public const string WorkbookIdentityDamaged = "DTI7005";
    public const string WorkbookMissingSheet = "DTI7006";
    public const string WorkbookUnknownParent = "DTI7007";
    public const string WorkbookUnknownIndicator = "DTI7008";
    public const string WorkbookUnknownInput = "DTI7009";
    public const string CrosswalkUnknownNode = "DTI8001";
    public const string CrosswalkSides = "DTI8002";
    public const string CrosswalkDuplicate = "DTI8003";
    public const string CrosswalkKindDoesNotFit = "DTI8004";
    public const string CrosswalkNotSame = "DTI8005";
    public const string CrosswalkNotAccountedFor = "DTI8006";
    public const string CrosswalkKind = "DTI8007";
#pragma warning restore CS1591

    /// <summary>All codes, for the test that checks every code has a message in every language.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(DiagnosticCodes).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
}
