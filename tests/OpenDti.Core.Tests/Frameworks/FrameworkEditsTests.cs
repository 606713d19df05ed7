using OpenDti.Core.Diagnostics;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Frameworks.Definitions;
using OpenDti.Testing;
using Xunit;

namespace OpenDti.Core.Tests.Frameworks;

/// <summary>The edits an administrator makes in the browser, on a framework's editable form.</summary>
public class FrameworkEditsTests
{
    private static FrameworkDefinition Definition() => TestFrameworks.Definition("ratio(a, b)");

    private static NodeEdit Leaf(string name, decimal points, string rule, params string[] inputs) => new(
        name, points, false, null, "100%", "Hướng dẫn", "Văn bản", [.. inputs.Select(i => new InputDefinition { Name = i, Label = i + " = số", Kind = "number" })], rule, null);

    [Fact]
    public void Rename_ChangesTheName_AndNothingElse()
    {
        var definition = Definition();

        Assert.True(FrameworkEdits.Rename(definition, "1.1", "  Tên mới  "));

        var compiled = FrameworkCompiler.Compile(definition).Framework!;
        Assert.Equal("Tên mới", compiled.FindNode("1.1")!.Name);
        Assert.Equal([new FrameworkChange(ChangeKind.Renamed, "1.1", "Chỉ số thử", "Tên mới")], FrameworkDiff.Compare(FrameworkCompiler.Compile(Definition()).Framework!, compiled));
    }

    [Fact]
    public void SetMaxPoints_OnALeaf_LeavesItsParentNotAddingUp_UntilTheParentIsSetToo()
    {
        var definition = Definition();

        Assert.True(FrameworkEdits.SetMaxPoints(definition, "1.1", 12m, provisional: true, "ước tính"));
        var error = Assert.Single(FrameworkCompiler.Compile(definition).Errors);
        Assert.Equal((DiagnosticCodes.PointsExceedParent, "1"), (error.Code, error.Location.NodeCode));

        FrameworkEdits.SetMaxPoints(definition, "1", 12m);
        definition.TotalPoints = 12m;
        var leaf = FrameworkCompiler.Compile(definition).Framework!.FindNode("1.1")!;
        Assert.Equal((12m, true, "ước tính"), (leaf.MaxPoints, leaf.Provisional, leaf.ProvisionalNote));
    }

    [Fact]
    public void SetTexts_SetsRequirementGuidanceAndEvidence_AndEmptyRemovesThem()
    {
        var definition = Definition();

        FrameworkEdits.SetTexts(definition, "1.1", "≥ 80%", "Tính theo năm", "Báo cáo");
        var node = definition.FindNode("1.1")!;
        Assert.Equal(("≥ 80%", "Tính theo năm", "Báo cáo"), (node.Requirement, node.Guidance, node.Evidence));

        FrameworkEdits.SetTexts(definition, "1.1", " ", null, "");
        Assert.Equal((null, null, null), (node.Requirement, node.Guidance, node.Evidence));
    }

    [Fact]
    public void SetInputsAndRule_ReplaceThem_AndARuleNamingARemovedInputIsAnErrorAtTheRule()
    {
        var definition = Definition();

        FrameworkEdits.SetInputs(definition, "1.1", [new InputDefinition { Name = "x", Label = "x = Số hồ sơ", Kind = "number", Unit = "hồ sơ" }]);
        var errors = FrameworkCompiler.Compile(definition).Errors.ToArray();
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Equal((DiagnosticCodes.UnknownName, "1.1", "rule"), (e.Code, e.Location.NodeCode, e.Location.Field)));

        FrameworkEdits.SetRule(definition, "1.1", "target(x, 10)", "0");
        var leaf = FrameworkCompiler.Compile(definition).Framework!.FindNode("1.1")!;
        Assert.Equal(["x"], leaf.Inputs.Select(i => i.Name));
        Assert.Equal("hồ sơ", leaf.Inputs[0].Unit);
        Assert.Equal("target(x, 10)", leaf.Rule!.Text);
    }

    [Fact]
    public void AddChild_AddsALeafUnderTheMainIndex_ThatScoresOnceThePointsAddUp()
    {
        var definition = Definition();
        var code = FrameworkEdits.NextChildCode(definition, "1");

        Assert.Equal("1.2", code);
        Assert.True(FrameworkEdits.AddChild(definition, "1", code, Leaf("Chỉ tiêu mới", 5m, "yes", "yes")));
        FrameworkEdits.SetInputs(definition, code, [new InputDefinition { Name = "yes", Label = "Có hay không", Kind = "yes_no" }]);
        FrameworkEdits.SetMaxPoints(definition, "1", 15m);
        definition.TotalPoints = 15m;

        var compiled = FrameworkCompiler.Compile(definition);
        Assert.True(compiled.Succeeded, string.Join("; ", compiled.Errors.Select(e => e.ToLine())));
        var added = compiled.Framework!.FindNode("1.2")!;
        Assert.Equal(("Chỉ tiêu mới", 5m, NodeKind.Indicator, "100%"), (added.Name, added.MaxPoints, added.Kind, added.Requirement));
    }

    [Fact]
    public void AddChild_WithACodeInUse_LeavesTheNodeThatHasIt_AndTheCompilerSaysSo()
    {
        var definition = Definition();

        FrameworkEdits.AddChild(definition, "1", "1.1", Leaf("Trùng mã", 1m, "a", "a"));

        Assert.Equal("Chỉ số thử", definition.Nodes[0].Children[0].Name);
        Assert.Contains(FrameworkCompiler.Compile(definition).Errors, e => e.Code == DiagnosticCodes.DuplicateCode);
    }

    [Fact]
    public void Remove_TakesTheNodeAndItsChildren()
    {
        var definition = Definition();
        FrameworkEdits.AddChild(definition, "1", "1.2", Leaf("Thứ hai", 1m, "a", "a"));

        Assert.True(FrameworkEdits.Remove(definition, "1.1"));

        Assert.Equal(["1", "1.2"], definition.AllNodes().Select(n => n.Code));
        Assert.True(FrameworkEdits.Remove(definition, "1"));
        Assert.Empty(definition.AllNodes());
    }

    [Fact]
    public void EditsOfANodeThatDoesNotExist_SayNo_AndChangeNothing()
    {
        var definition = Definition();

        Assert.False(FrameworkEdits.Rename(definition, "9.9", "x"));
        Assert.False(FrameworkEdits.Remove(definition, "9.9"));
        Assert.False(FrameworkEdits.AddChild(definition, "9.9", "9.9.1", Leaf("x", 1m, "a", "a")));
        Assert.False(FrameworkEdits.Apply(definition, "9.9", NodeEdit.Of(definition.FindNode("1.1")!)));

        Assert.Equal(["1", "1.1"], definition.AllNodes().Select(n => n.Code));
    }

    [Fact]
    public void NextChildCode_FollowsTheLastChild_AndNumbersTopLevelNodes()
    {
        var definition = Definition();
        FrameworkEdits.AddChild(definition, "1", "1.7", Leaf("x", 1m, "a", "a"));

        Assert.Equal("1.8", FrameworkEdits.NextChildCode(definition, "1"));
        Assert.Equal("1.1.1", FrameworkEdits.NextChildCode(definition, "1.1"));
        Assert.Equal("2", FrameworkEdits.NextChildCode(definition, null));
    }
}
