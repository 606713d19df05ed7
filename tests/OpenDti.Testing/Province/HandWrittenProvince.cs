using System.Runtime.CompilerServices;
using OpenDti.Core.Formulas.Runtime;
using OpenDti.Core.Frameworks;
using OpenDti.Core.Inputs;
using OpenDti.Core.Scoring;

namespace OpenDti.Testing.Province;

/// <summary>
/// <c>dti-province-2022</c> scored by hand: every rule written out as straight-line C# with the same
/// decimal arithmetic as the engine (docs/formulas.md), no formula, no delegate per rule. It is the
/// baseline of the benchmarks (docs/performance.md) and is checked against <c>ScoringEngine</c> by
/// <c>HandWrittenAgreementTests</c>.
/// </summary>
/// <remarks>
/// <para>The constructor resolves every input and node once. <see cref="Score"/> reads each unit's values
/// through <see cref="UnitInputs.ValueOf"/> (the same <see cref="Value"/> array the engine reads, one
/// indexed load per input), makes two passes like the engine (cohort measures, then points), and ranks.</para>
/// <para>It computes what the published results need: every node's points, the total, the rank overall
/// and on each main index. Unlike the engine it keeps no fraction, measure or flags per node and builds
/// no explanation data, which is part of what the comparison measures.</para>
/// <para>No node of this framework is <c>capped</c>, and leaves are clamped, so the parents' caps and
/// the total's cap can never bind here; they are written anyway, as the engine applies them.</para>
/// </remarks>
public sealed class HandWrittenProvince
{
    private const int M4_5 = 0;
    private const int M4_6 = 1;
    private const int M4_11 = 2;
    private const int M5_1 = 3;
    private const int M5_9 = 4;
    private const int M5_10 = 5;
    private const int M7_10 = 6;
    private const int M8_6 = 7;
    private const int M8_7 = 8;
    private const int CohortMeasures = 9;

    private const decimal Half = 0.5m;
    private const decimal Quarter = 0.25m;
    private const decimal Tolerance = 0.00000000000000000001m;

    private static readonly Value Zero = Value.Of(0m);
    private static readonly Value One = Value.Of(1m);

    private readonly int _nodeCount;
    private readonly int[] _mainIndices;

    // Node indices in Framework.Nodes, resolved once.
    private readonly int _n1;
    private readonly int _n1_1;
    private readonly int _n1_2;
    private readonly int _n1_3;
    private readonly int _n1_4;
    private readonly int _n1_5;
    private readonly int _n1_6;
    private readonly int _n1_7;
    private readonly int _n1_8;
    private readonly int _n1_9;
    private readonly int _n1_10;
    private readonly int _n2;
    private readonly int _n2_1;
    private readonly int _n2_2;
    private readonly int _n2_3;
    private readonly int _n2_4;
    private readonly int _n2_5;
    private readonly int _n2_6;
    private readonly int _n2_7;
    private readonly int _n2_8;
    private readonly int _n2_9;
    private readonly int _n2_10;
    private readonly int _n2_11;
    private readonly int _n3;
    private readonly int _n3_1;
    private readonly int _n3_2;
    private readonly int _n3_3;
    private readonly int _n3_4;
    private readonly int _n3_5;
    private readonly int _n3_5_1;
    private readonly int _n3_5_2;
    private readonly int _n3_6;
    private readonly int _n3_7;
    private readonly int _n4;
    private readonly int _n4_1;
    private readonly int _n4_2;
    private readonly int _n4_3;
    private readonly int _n4_4;
    private readonly int _n4_5;
    private readonly int _n4_6;
    private readonly int _n4_7;
    private readonly int _n4_8;
    private readonly int _n4_9;
    private readonly int _n4_10;
    private readonly int _n4_11;
    private readonly int _n4_12;
    private readonly int _n4_13;
    private readonly int _n5;
    private readonly int _n5_1;
    private readonly int _n5_2;
    private readonly int _n5_3;
    private readonly int _n5_4;
    private readonly int _n5_5;
    private readonly int _n5_6;
    private readonly int _n5_7;
    private readonly int _n5_8;
    private readonly int _n5_9;
    private readonly int _n5_10;
    private readonly int _n5_11;
    private readonly int _n5_12;
    private readonly int _n5_12_1;
    private readonly int _n5_12_2;
    private readonly int _n5_12_3;
    private readonly int _n5_12_4;
    private readonly int _n5_12_5;
    private readonly int _n5_12_6;
    private readonly int _n6;
    private readonly int _n6_1;
    private readonly int _n6_2;
    private readonly int _n6_3;
    private readonly int _n6_4;
    private readonly int _n6_5;
    private readonly int _n6_6;
    private readonly int _n6_7;
    private readonly int _n6_8;
    private readonly int _n6_9;
    private readonly int _n6_10;
    private readonly int _n6_11;
    private readonly int _n6_12;
    private readonly int _n6_13;
    private readonly int _n6_14;
    private readonly int _n6_15;
    private readonly int _n6_16;
    private readonly int _n6_17;
    private readonly int _n6_18;
    private readonly int _n6_19;
    private readonly int _n6_20;
    private readonly int _n6_21;
    private readonly int _n6_22;
    private readonly int _n7;
    private readonly int _n7_1;
    private readonly int _n7_2;
    private readonly int _n7_3;
    private readonly int _n7_4;
    private readonly int _n7_5;
    private readonly int _n7_6;
    private readonly int _n7_7;
    private readonly int _n7_8;
    private readonly int _n7_9;
    private readonly int _n7_10;
    private readonly int _n7_11;
    private readonly int _n7_12;
    private readonly int _n8;
    private readonly int _n8_1;
    private readonly int _n8_2;
    private readonly int _n8_3;
    private readonly int _n8_4;
    private readonly int _n8_5;
    private readonly int _n8_6;
    private readonly int _n8_7;
    private readonly int _n8_8;
    private readonly int _n8_8_1;
    private readonly int _n8_8_1_1;
    private readonly int _n8_8_1_2;
    private readonly int _n8_8_1_3;
    private readonly int _n8_8_1_4;
    private readonly int _n8_8_2;
    private readonly int _n8_8_2_1;
    private readonly int _n8_8_2_2;
    private readonly int _n8_8_2_3;
    private readonly int _n8_8_2_4;
    private readonly int _n8_8_3;
    private readonly int _n8_8_3_1;
    private readonly int _n8_8_3_2;
    private readonly int _n8_8_3_3;
    private readonly int _n8_8_3_4;
    // Inputs, resolved once; read with UnitInputs.ValueOf.
    private readonly InputSpec _i1_1_truong_ban;
    private readonly InputSpec _i1_2_tham_du_ubqg;
    private readonly InputSpec _i1_2_chu_tri_hop;
    private readonly InputSpec _i1_3_a;
    private readonly InputSpec _i1_3_b;
    private readonly InputSpec _i1_4_chuyen_trang;
    private readonly InputSpec _i1_5_co_chuyen_muc;
    private readonly InputSpec _i1_5_a;
    private readonly InputSpec _i1_6_co_chuyen_muc;
    private readonly InputSpec _i1_7_co_chuyen_muc;
    private readonly InputSpec _i1_8_tan_suat;
    private readonly InputSpec _i1_9_co_chuyen_muc;
    private readonly InputSpec _i1_10_tan_suat;
    private readonly InputSpec _i2_1_da_ban_hanh;
    private readonly InputSpec _i2_2_da_ban_hanh;
    private readonly InputSpec _i2_3_da_ban_hanh;
    private readonly InputSpec _i2_4_da_ban_hanh;
    private readonly InputSpec _i2_5_da_to_chuc;
    private readonly InputSpec _i2_6_da_ban_hanh;
    private readonly InputSpec _i2_7_da_to_chuc;
    private readonly InputSpec _i2_8_da_ban_hanh;
    private readonly InputSpec _i2_9_da_ban_hanh;
    private readonly InputSpec _i2_10_da_ban_hanh;
    private readonly InputSpec _i2_11_da_ban_hanh;
    private readonly InputSpec _i3_1_a;
    private readonly InputSpec _i3_1_b;
    private readonly InputSpec _i3_2_a;
    private readonly InputSpec _i3_2_b;
    private readonly InputSpec _i3_3_a;
    private readonly InputSpec _i3_3_b;
    private readonly InputSpec _i3_4_a;
    private readonly InputSpec _i3_4_b;
    private readonly InputSpec _i3_5_1_trung_tam_du_lieu;
    private readonly InputSpec _i3_5_2_da_ket_noi;
    private readonly InputSpec _i3_6_a;
    private readonly InputSpec _i3_6_c;
    private readonly InputSpec _i3_6_d;
    private readonly InputSpec _i3_7_a;
    private readonly InputSpec _i3_7_b;
    private readonly InputSpec _i4_1_da_co;
    private readonly InputSpec _i4_2_da_co;
    private readonly InputSpec _i4_3_da_co;
    private readonly InputSpec _i4_4_da_co;
    private readonly InputSpec _i4_5_a;
    private readonly InputSpec _i4_5_b;
    private readonly InputSpec _i4_5_c;
    private readonly InputSpec _i4_5_d;
    private readonly InputSpec _i4_5_e;
    private readonly InputSpec _i4_5_f;
    private readonly InputSpec _i4_6_a;
    private readonly InputSpec _i4_6_b;
    private readonly InputSpec _i4_7_a;
    private readonly InputSpec _i4_7_b;
    private readonly InputSpec _i4_8_a;
    private readonly InputSpec _i4_8_b;
    private readonly InputSpec _i4_9_a;
    private readonly InputSpec _i4_9_b;
    private readonly InputSpec _i4_10_a;
    private readonly InputSpec _i4_10_b;
    private readonly InputSpec _i4_11_a;
    private readonly InputSpec _i4_11_b;
    private readonly InputSpec _i4_12_a;
    private readonly InputSpec _i4_12_b;
    private readonly InputSpec _i4_13_a;
    private readonly InputSpec _i4_13_b;
    private readonly InputSpec _i5_1_a;
    private readonly InputSpec _i5_2_a;
    private readonly InputSpec _i5_2_b;
    private readonly InputSpec _i5_3_a;
    private readonly InputSpec _i5_3_b;
    private readonly InputSpec _i5_4_a;
    private readonly InputSpec _i5_4_b;
    private readonly InputSpec _i5_5_a;
    private readonly InputSpec _i5_5_b;
    private readonly InputSpec _i5_6_a;
    private readonly InputSpec _i5_6_b;
    private readonly InputSpec _i5_7_a;
    private readonly InputSpec _i5_7_b;
    private readonly InputSpec _i5_8_a;
    private readonly InputSpec _i5_8_b;
    private readonly InputSpec _i5_9_a;
    private readonly InputSpec _i5_10_a;
    private readonly InputSpec _i5_11_a;
    private readonly InputSpec _i5_11_b;
    private readonly InputSpec _i5_12_1_a;
    private readonly InputSpec _i5_12_1_b;
    private readonly InputSpec _i5_12_1_c;
    private readonly InputSpec _i5_12_2_a;
    private readonly InputSpec _i5_12_3_a;
    private readonly InputSpec _i5_12_4_a;
    private readonly InputSpec _i5_12_5_a;
    private readonly InputSpec _i5_12_6_a;
    private readonly InputSpec _i6_1_dap_ung;
    private readonly InputSpec _i6_1_ipv6;
    private readonly InputSpec _i6_2_co_cong_du_lieu_mo;
    private readonly InputSpec _i6_2_dap_ung_ky_thuat;
    private readonly InputSpec _i6_3_hop_nhat;
    private readonly InputSpec _i6_3_dap_ung;
    private readonly InputSpec _i6_3_ipv6;
    private readonly InputSpec _i6_4_da_trien_khai;
    private readonly InputSpec _i6_5_da_trien_khai;
    private readonly InputSpec _i6_6_a;
    private readonly InputSpec _i6_6_b;
    private readonly InputSpec _i6_7_a;
    private readonly InputSpec _i6_7_b;
    private readonly InputSpec _i6_8_a;
    private readonly InputSpec _i6_8_b;
    private readonly InputSpec _i6_9_a;
    private readonly InputSpec _i6_9_b;
    private readonly InputSpec _i6_10_a;
    private readonly InputSpec _i6_10_b;
    private readonly InputSpec _i6_11_a;
    private readonly InputSpec _i6_11_b;
    private readonly InputSpec _i6_11_c;
    private readonly InputSpec _i6_11_d;
    private readonly InputSpec _i6_12_a;
    private readonly InputSpec _i6_12_b;
    private readonly InputSpec _i6_12_c;
    private readonly InputSpec _i6_13_a;
    private readonly InputSpec _i6_13_b;
    private readonly InputSpec _i6_13_c;
    private readonly InputSpec _i6_13_d;
    private readonly InputSpec _i6_14_a;
    private readonly InputSpec _i6_14_b;
    private readonly InputSpec _i6_14_c;
    private readonly InputSpec _i6_14_d;
    private readonly InputSpec _i6_15_da_trien_khai;
    private readonly InputSpec _i6_16_da_trien_khai;
    private readonly InputSpec _i6_17_co_quan;
    private readonly InputSpec _i6_17_thiet_bi_ca_nhan;
    private readonly InputSpec _i6_18_da_trien_khai;
    private readonly InputSpec _i6_19_tro_ly_ao;
    private readonly InputSpec _i6_20_tro_ly_ao;
    private readonly InputSpec _i6_21_a;
    private readonly InputSpec _i6_22_a;
    private readonly InputSpec _i6_22_b;
    private readonly InputSpec _i6_22_c;
    private readonly InputSpec _i7_1_a;
    private readonly InputSpec _i7_1_b;
    private readonly InputSpec _i7_2_a;
    private readonly InputSpec _i7_2_b;
    private readonly InputSpec _i7_3_a;
    private readonly InputSpec _i7_3_b;
    private readonly InputSpec _i7_4_a;
    private readonly InputSpec _i7_4_b;
    private readonly InputSpec _i7_5_a;
    private readonly InputSpec _i7_5_b;
    private readonly InputSpec _i7_6_a;
    private readonly InputSpec _i7_6_b;
    private readonly InputSpec _i7_7_a;
    private readonly InputSpec _i7_7_b;
    private readonly InputSpec _i7_8_a;
    private readonly InputSpec _i7_8_b;
    private readonly InputSpec _i7_9_a;
    private readonly InputSpec _i7_9_b;
    private readonly InputSpec _i7_10_a;
    private readonly InputSpec _i7_10_b;
    private readonly InputSpec _i7_11_a;
    private readonly InputSpec _i7_11_b;
    private readonly InputSpec _i7_12_a;
    private readonly InputSpec _i7_12_b;
    private readonly InputSpec _i8_1_a;
    private readonly InputSpec _i8_1_b;
    private readonly InputSpec _i8_2_a;
    private readonly InputSpec _i8_2_b;
    private readonly InputSpec _i8_3_a;
    private readonly InputSpec _i8_3_b;
    private readonly InputSpec _i8_4_a;
    private readonly InputSpec _i8_4_b;
    private readonly InputSpec _i8_5_a;
    private readonly InputSpec _i8_5_b;
    private readonly InputSpec _i8_6_a;
    private readonly InputSpec _i8_7_a;
    private readonly InputSpec _i8_8_1_1_co;
    private readonly InputSpec _i8_8_1_2_co;
    private readonly InputSpec _i8_8_1_3_co;
    private readonly InputSpec _i8_8_1_4_co;
    private readonly InputSpec _i8_8_2_1_a;
    private readonly InputSpec _i8_8_2_1_b;
    private readonly InputSpec _i8_8_2_2_a;
    private readonly InputSpec _i8_8_2_2_b;
    private readonly InputSpec _i8_8_2_3_a;
    private readonly InputSpec _i8_8_2_3_b;
    private readonly InputSpec _i8_8_2_4_a;
    private readonly InputSpec _i8_8_2_4_b;
    private readonly InputSpec _i8_8_3_1_a;
    private readonly InputSpec _i8_8_3_1_b;
    private readonly InputSpec _i8_8_3_2_a;
    private readonly InputSpec _i8_8_3_2_b;
    private readonly InputSpec _i8_8_3_3_a;
    private readonly InputSpec _i8_8_3_3_b;
    private readonly InputSpec _i8_8_3_4_a;
    private readonly InputSpec _i8_8_3_4_b;

    /// <summary>Resolves the inputs and nodes of <paramref name="framework"/>, which must be dti-province-2022.</summary>
    /// <exception cref="ArgumentException">The framework is another one, or lacks a node or input used here.</exception>
    public HandWrittenProvince(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (framework.Code != "dti-province-2022")
        {
            throw new ArgumentException($"Written for dti-province-2022, not {framework.Code}.", nameof(framework));
        }

        InputSpec I(string node, string name) =>
            framework.FindInput(node, name) ?? throw new ArgumentException($"No input {node}/{name}.", nameof(framework));
        int N(string code) =>
            framework.FindNode(code)?.Index ?? throw new ArgumentException($"No node {code}.", nameof(framework));

        _nodeCount = framework.Nodes.Count;
        _n1 = N("1");
        _n1_1 = N("1.1");
        _n1_2 = N("1.2");
        _n1_3 = N("1.3");
        _n1_4 = N("1.4");
        _n1_5 = N("1.5");
        _n1_6 = N("1.6");
        _n1_7 = N("1.7");
        _n1_8 = N("1.8");
        _n1_9 = N("1.9");
        _n1_10 = N("1.10");
        _n2 = N("2");
        _n2_1 = N("2.1");
        _n2_2 = N("2.2");
        _n2_3 = N("2.3");
        _n2_4 = N("2.4");
        _n2_5 = N("2.5");
        _n2_6 = N("2.6");
        _n2_7 = N("2.7");
        _n2_8 = N("2.8");
        _n2_9 = N("2.9");
        _n2_10 = N("2.10");
        _n2_11 = N("2.11");
        _n3 = N("3");
        _n3_1 = N("3.1");
        _n3_2 = N("3.2");
        _n3_3 = N("3.3");
        _n3_4 = N("3.4");
        _n3_5 = N("3.5");
        _n3_5_1 = N("3.5.1");
        _n3_5_2 = N("3.5.2");
        _n3_6 = N("3.6");
        _n3_7 = N("3.7");
        _n4 = N("4");
        _n4_1 = N("4.1");
        _n4_2 = N("4.2");
        _n4_3 = N("4.3");
        _n4_4 = N("4.4");
        _n4_5 = N("4.5");
        _n4_6 = N("4.6");
        _n4_7 = N("4.7");
        _n4_8 = N("4.8");
        _n4_9 = N("4.9");
        _n4_10 = N("4.10");
        _n4_11 = N("4.11");
        _n4_12 = N("4.12");
        _n4_13 = N("4.13");
        _n5 = N("5");
        _n5_1 = N("5.1");
        _n5_2 = N("5.2");
        _n5_3 = N("5.3");
        _n5_4 = N("5.4");
        _n5_5 = N("5.5");
        _n5_6 = N("5.6");
        _n5_7 = N("5.7");
        _n5_8 = N("5.8");
        _n5_9 = N("5.9");
        _n5_10 = N("5.10");
        _n5_11 = N("5.11");
        _n5_12 = N("5.12");
        _n5_12_1 = N("5.12.1");
        _n5_12_2 = N("5.12.2");
        _n5_12_3 = N("5.12.3");
        _n5_12_4 = N("5.12.4");
        _n5_12_5 = N("5.12.5");
        _n5_12_6 = N("5.12.6");
        _n6 = N("6");
        _n6_1 = N("6.1");
        _n6_2 = N("6.2");
        _n6_3 = N("6.3");
        _n6_4 = N("6.4");
        _n6_5 = N("6.5");
        _n6_6 = N("6.6");
        _n6_7 = N("6.7");
        _n6_8 = N("6.8");
        _n6_9 = N("6.9");
        _n6_10 = N("6.10");
        _n6_11 = N("6.11");
        _n6_12 = N("6.12");
        _n6_13 = N("6.13");
        _n6_14 = N("6.14");
        _n6_15 = N("6.15");
        _n6_16 = N("6.16");
        _n6_17 = N("6.17");
        _n6_18 = N("6.18");
        _n6_19 = N("6.19");
        _n6_20 = N("6.20");
        _n6_21 = N("6.21");
        _n6_22 = N("6.22");
        _n7 = N("7");
        _n7_1 = N("7.1");
        _n7_2 = N("7.2");
        _n7_3 = N("7.3");
        _n7_4 = N("7.4");
        _n7_5 = N("7.5");
        _n7_6 = N("7.6");
        _n7_7 = N("7.7");
        _n7_8 = N("7.8");
        _n7_9 = N("7.9");
        _n7_10 = N("7.10");
        _n7_11 = N("7.11");
        _n7_12 = N("7.12");
        _n8 = N("8");
        _n8_1 = N("8.1");
        _n8_2 = N("8.2");
        _n8_3 = N("8.3");
        _n8_4 = N("8.4");
        _n8_5 = N("8.5");
        _n8_6 = N("8.6");
        _n8_7 = N("8.7");
        _n8_8 = N("8.8");
        _n8_8_1 = N("8.8.1");
        _n8_8_1_1 = N("8.8.1.1");
        _n8_8_1_2 = N("8.8.1.2");
        _n8_8_1_3 = N("8.8.1.3");
        _n8_8_1_4 = N("8.8.1.4");
        _n8_8_2 = N("8.8.2");
        _n8_8_2_1 = N("8.8.2.1");
        _n8_8_2_2 = N("8.8.2.2");
        _n8_8_2_3 = N("8.8.2.3");
        _n8_8_2_4 = N("8.8.2.4");
        _n8_8_3 = N("8.8.3");
        _n8_8_3_1 = N("8.8.3.1");
        _n8_8_3_2 = N("8.8.3.2");
        _n8_8_3_3 = N("8.8.3.3");
        _n8_8_3_4 = N("8.8.3.4");
        _i1_1_truong_ban = I("1.1", "truong_ban");
        _i1_2_tham_du_ubqg = I("1.2", "tham_du_ubqg");
        _i1_2_chu_tri_hop = I("1.2", "chu_tri_hop");
        _i1_3_a = I("1.3", "a");
        _i1_3_b = I("1.3", "b");
        _i1_4_chuyen_trang = I("1.4", "chuyen_trang");
        _i1_5_co_chuyen_muc = I("1.5", "co_chuyen_muc");
        _i1_5_a = I("1.5", "a");
        _i1_6_co_chuyen_muc = I("1.6", "co_chuyen_muc");
        _i1_7_co_chuyen_muc = I("1.7", "co_chuyen_muc");
        _i1_8_tan_suat = I("1.8", "tan_suat");
        _i1_9_co_chuyen_muc = I("1.9", "co_chuyen_muc");
        _i1_10_tan_suat = I("1.10", "tan_suat");
        _i2_1_da_ban_hanh = I("2.1", "da_ban_hanh");
        _i2_2_da_ban_hanh = I("2.2", "da_ban_hanh");
        _i2_3_da_ban_hanh = I("2.3", "da_ban_hanh");
        _i2_4_da_ban_hanh = I("2.4", "da_ban_hanh");
        _i2_5_da_to_chuc = I("2.5", "da_to_chuc");
        _i2_6_da_ban_hanh = I("2.6", "da_ban_hanh");
        _i2_7_da_to_chuc = I("2.7", "da_to_chuc");
        _i2_8_da_ban_hanh = I("2.8", "da_ban_hanh");
        _i2_9_da_ban_hanh = I("2.9", "da_ban_hanh");
        _i2_10_da_ban_hanh = I("2.10", "da_ban_hanh");
        _i2_11_da_ban_hanh = I("2.11", "da_ban_hanh");
        _i3_1_a = I("3.1", "a");
        _i3_1_b = I("3.1", "b");
        _i3_2_a = I("3.2", "a");
        _i3_2_b = I("3.2", "b");
        _i3_3_a = I("3.3", "a");
        _i3_3_b = I("3.3", "b");
        _i3_4_a = I("3.4", "a");
        _i3_4_b = I("3.4", "b");
        _i3_5_1_trung_tam_du_lieu = I("3.5.1", "trung_tam_du_lieu");
        _i3_5_2_da_ket_noi = I("3.5.2", "da_ket_noi");
        _i3_6_a = I("3.6", "a");
        _i3_6_c = I("3.6", "c");
        _i3_6_d = I("3.6", "d");
        _i3_7_a = I("3.7", "a");
        _i3_7_b = I("3.7", "b");
        _i4_1_da_co = I("4.1", "da_co");
        _i4_2_da_co = I("4.2", "da_co");
        _i4_3_da_co = I("4.3", "da_co");
        _i4_4_da_co = I("4.4", "da_co");
        _i4_5_a = I("4.5", "a");
        _i4_5_b = I("4.5", "b");
        _i4_5_c = I("4.5", "c");
        _i4_5_d = I("4.5", "d");
        _i4_5_e = I("4.5", "e");
        _i4_5_f = I("4.5", "f");
        _i4_6_a = I("4.6", "a");
        _i4_6_b = I("4.6", "b");
        _i4_7_a = I("4.7", "a");
        _i4_7_b = I("4.7", "b");
        _i4_8_a = I("4.8", "a");
        _i4_8_b = I("4.8", "b");
        _i4_9_a = I("4.9", "a");
        _i4_9_b = I("4.9", "b");
        _i4_10_a = I("4.10", "a");
        _i4_10_b = I("4.10", "b");
        _i4_11_a = I("4.11", "a");
        _i4_11_b = I("4.11", "b");
        _i4_12_a = I("4.12", "a");
        _i4_12_b = I("4.12", "b");
        _i4_13_a = I("4.13", "a");
        _i4_13_b = I("4.13", "b");
        _i5_1_a = I("5.1", "a");
        _i5_2_a = I("5.2", "a");
        _i5_2_b = I("5.2", "b");
        _i5_3_a = I("5.3", "a");
        _i5_3_b = I("5.3", "b");
        _i5_4_a = I("5.4", "a");
        _i5_4_b = I("5.4", "b");
        _i5_5_a = I("5.5", "a");
        _i5_5_b = I("5.5", "b");
        _i5_6_a = I("5.6", "a");
        _i5_6_b = I("5.6", "b");
        _i5_7_a = I("5.7", "a");
        _i5_7_b = I("5.7", "b");
        _i5_8_a = I("5.8", "a");
        _i5_8_b = I("5.8", "b");
        _i5_9_a = I("5.9", "a");
        _i5_10_a = I("5.10", "a");
        _i5_11_a = I("5.11", "a");
        _i5_11_b = I("5.11", "b");
        _i5_12_1_a = I("5.12.1", "a");
        _i5_12_1_b = I("5.12.1", "b");
        _i5_12_1_c = I("5.12.1", "c");
        _i5_12_2_a = I("5.12.2", "a");
        _i5_12_3_a = I("5.12.3", "a");
        _i5_12_4_a = I("5.12.4", "a");
        _i5_12_5_a = I("5.12.5", "a");
        _i5_12_6_a = I("5.12.6", "a");
        _i6_1_dap_ung = I("6.1", "dap_ung");
        _i6_1_ipv6 = I("6.1", "ipv6");
        _i6_2_co_cong_du_lieu_mo = I("6.2", "co_cong_du_lieu_mo");
        _i6_2_dap_ung_ky_thuat = I("6.2", "dap_ung_ky_thuat");
        _i6_3_hop_nhat = I("6.3", "hop_nhat");
        _i6_3_dap_ung = I("6.3", "dap_ung");
        _i6_3_ipv6 = I("6.3", "ipv6");
        _i6_4_da_trien_khai = I("6.4", "da_trien_khai");
        _i6_5_da_trien_khai = I("6.5", "da_trien_khai");
        _i6_6_a = I("6.6", "a");
        _i6_6_b = I("6.6", "b");
        _i6_7_a = I("6.7", "a");
        _i6_7_b = I("6.7", "b");
        _i6_8_a = I("6.8", "a");
        _i6_8_b = I("6.8", "b");
        _i6_9_a = I("6.9", "a");
        _i6_9_b = I("6.9", "b");
        _i6_10_a = I("6.10", "a");
        _i6_10_b = I("6.10", "b");
        _i6_11_a = I("6.11", "a");
        _i6_11_b = I("6.11", "b");
        _i6_11_c = I("6.11", "c");
        _i6_11_d = I("6.11", "d");
        _i6_12_a = I("6.12", "a");
        _i6_12_b = I("6.12", "b");
        _i6_12_c = I("6.12", "c");
        _i6_13_a = I("6.13", "a");
        _i6_13_b = I("6.13", "b");
        _i6_13_c = I("6.13", "c");
        _i6_13_d = I("6.13", "d");
        _i6_14_a = I("6.14", "a");
        _i6_14_b = I("6.14", "b");
        _i6_14_c = I("6.14", "c");
        _i6_14_d = I("6.14", "d");
        _i6_15_da_trien_khai = I("6.15", "da_trien_khai");
        _i6_16_da_trien_khai = I("6.16", "da_trien_khai");
        _i6_17_co_quan = I("6.17", "co_quan");
        _i6_17_thiet_bi_ca_nhan = I("6.17", "thiet_bi_ca_nhan");
        _i6_18_da_trien_khai = I("6.18", "da_trien_khai");
        _i6_19_tro_ly_ao = I("6.19", "tro_ly_ao");
        _i6_20_tro_ly_ao = I("6.20", "tro_ly_ao");
        _i6_21_a = I("6.21", "a");
        _i6_22_a = I("6.22", "a");
        _i6_22_b = I("6.22", "b");
        _i6_22_c = I("6.22", "c");
        _i7_1_a = I("7.1", "a");
        _i7_1_b = I("7.1", "b");
        _i7_2_a = I("7.2", "a");
        _i7_2_b = I("7.2", "b");
        _i7_3_a = I("7.3", "a");
        _i7_3_b = I("7.3", "b");
        _i7_4_a = I("7.4", "a");
        _i7_4_b = I("7.4", "b");
        _i7_5_a = I("7.5", "a");
        _i7_5_b = I("7.5", "b");
        _i7_6_a = I("7.6", "a");
        _i7_6_b = I("7.6", "b");
        _i7_7_a = I("7.7", "a");
        _i7_7_b = I("7.7", "b");
        _i7_8_a = I("7.8", "a");
        _i7_8_b = I("7.8", "b");
        _i7_9_a = I("7.9", "a");
        _i7_9_b = I("7.9", "b");
        _i7_10_a = I("7.10", "a");
        _i7_10_b = I("7.10", "b");
        _i7_11_a = I("7.11", "a");
        _i7_11_b = I("7.11", "b");
        _i7_12_a = I("7.12", "a");
        _i7_12_b = I("7.12", "b");
        _i8_1_a = I("8.1", "a");
        _i8_1_b = I("8.1", "b");
        _i8_2_a = I("8.2", "a");
        _i8_2_b = I("8.2", "b");
        _i8_3_a = I("8.3", "a");
        _i8_3_b = I("8.3", "b");
        _i8_4_a = I("8.4", "a");
        _i8_4_b = I("8.4", "b");
        _i8_5_a = I("8.5", "a");
        _i8_5_b = I("8.5", "b");
        _i8_6_a = I("8.6", "a");
        _i8_7_a = I("8.7", "a");
        _i8_8_1_1_co = I("8.8.1.1", "co");
        _i8_8_1_2_co = I("8.8.1.2", "co");
        _i8_8_1_3_co = I("8.8.1.3", "co");
        _i8_8_1_4_co = I("8.8.1.4", "co");
        _i8_8_2_1_a = I("8.8.2.1", "a");
        _i8_8_2_1_b = I("8.8.2.1", "b");
        _i8_8_2_2_a = I("8.8.2.2", "a");
        _i8_8_2_2_b = I("8.8.2.2", "b");
        _i8_8_2_3_a = I("8.8.2.3", "a");
        _i8_8_2_3_b = I("8.8.2.3", "b");
        _i8_8_2_4_a = I("8.8.2.4", "a");
        _i8_8_2_4_b = I("8.8.2.4", "b");
        _i8_8_3_1_a = I("8.8.3.1", "a");
        _i8_8_3_1_b = I("8.8.3.1", "b");
        _i8_8_3_2_a = I("8.8.3.2", "a");
        _i8_8_3_2_b = I("8.8.3.2", "b");
        _i8_8_3_3_a = I("8.8.3.3", "a");
        _i8_8_3_3_b = I("8.8.3.3", "b");
        _i8_8_3_4_a = I("8.8.3.4", "a");
        _i8_8_3_4_b = I("8.8.3.4", "b");
        _mainIndices = [_n1, _n2, _n3, _n4, _n5, _n6, _n7, _n8];
        if (framework.Leaves.Count != 112 || framework.Nodes.Count != 126 || framework.Inputs.Count != 193)
        {
            throw new ArgumentException("dti-province-2022 has changed: this scorer has 112 leaves, 126 nodes and 193 inputs.", nameof(framework));
        }
    }

    /// <summary>The main indices' node indices, in order (1 to 8).</summary>
    public IReadOnlyList<int> MainIndices => _mainIndices;

    /// <summary>Scores <paramref name="units"/> (all for the framework given to the constructor).</summary>
    public Result Score(IReadOnlyList<UnitInputs> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var count = units.Count;

        // Pass 1: cohort measures, then min and max over the defined ones.
        var measures = new Value[count * CohortMeasures];
        for (var u = 0; u < count; u++)
        {
            Measure(units[u], measures.AsSpan(u * CohortMeasures, CohortMeasures));
        }

        var extents = new Extent[CohortMeasures];
        for (var u = 0; u < count; u++)
        {
            for (var s = 0; s < CohortMeasures; s++)
            {
                extents[s].Add(measures[(u * CohortMeasures) + s]);
            }
        }

        // Pass 2: points of every node, totals.
        var points = new decimal[count * _nodeCount];
        var totals = new decimal[count];
        var submitted = new bool[count];
        for (var u = 0; u < count; u++)
        {
            var row = points.AsSpan(u * _nodeCount, _nodeCount);
            ScoreUnit(units[u], row, measures.AsSpan(u * CohortMeasures, CohortMeasures), extents);
            var total = row[_n1] + row[_n2] + row[_n3] + row[_n4] + row[_n5] + row[_n6] + row[_n7] + row[_n8];
            totals[u] = Normalize(total > 1000m ? 1000m : total);
            submitted[u] = units[u].HasAnyValue;
        }

        // Ranks: overall, then on each main index.
        var ranks = new int[count];
        var mainIndexRanks = new int[count * _mainIndices.Length];
        var order = new int[count];
        var keys = new decimal[count];
        var column = new decimal[count];
        Rank(totals, submitted, order, keys, ranks, 1, 0);
        for (var i = 0; i < _mainIndices.Length; i++)
        {
            for (var u = 0; u < count; u++)
            {
                column[u] = points[(u * _nodeCount) + _mainIndices[i]];
            }

            Rank(column, submitted, order, keys, mainIndexRanks, _mainIndices.Length, i);
        }

        return new Result(_nodeCount, _mainIndices.Length, points, totals, ranks, mainIndexRanks);
    }

    /// <summary>Pass 1: the measures of the cohort rules (the arguments of minmax and best).</summary>
    private void Measure(UnitInputs u, Span<Value> m)
    {
        m[M4_5] = Ratio(
            Add(Add(Add(u.ValueOf(_i4_5_a), u.ValueOf(_i4_5_b)), u.ValueOf(_i4_5_c)), u.ValueOf(_i4_5_d)),
            Add(u.ValueOf(_i4_5_e), u.ValueOf(_i4_5_f)));
        m[M4_6] = Ratio(u.ValueOf(_i4_6_a), u.ValueOf(_i4_6_b));
        m[M4_11] = Ratio(u.ValueOf(_i4_11_a), u.ValueOf(_i4_11_b));
        m[M5_1] = u.ValueOf(_i5_1_a);
        m[M5_9] = u.ValueOf(_i5_9_a);
        m[M5_10] = u.ValueOf(_i5_10_a);
        m[M7_10] = Ratio(u.ValueOf(_i7_10_a), u.ValueOf(_i7_10_b));
        m[M8_6] = u.ValueOf(_i8_6_a);
        m[M8_7] = u.ValueOf(_i8_7_a);
    }

    /// <summary>
    /// Pass 2: every node's points for one unit, written at the node's index in <paramref name="p"/>.
    /// One method per main index: in one method of 112 leaves the JIT runs out of its inlining budget
    /// and calls even the decimal constants' constructors.
    /// </summary>
    private void ScoreUnit(UnitInputs u, Span<decimal> p, ReadOnlySpan<Value> m, Extent[] e)
    {
        MainIndex1(u, p);
        MainIndex2(u, p);
        MainIndex3(u, p);
        MainIndex4(u, p, m, e);
        MainIndex5(u, p, m, e);
        MainIndex6(u, p);
        MainIndex7(u, p, m, e);
        MainIndex8(u, p, m, e);
    }

    /// <summary>1 Nhận thức số [100]</summary>
    private void MainIndex1(UnitInputs u, Span<decimal> p)
    {
        p[_n1_1] = Leaf(u.ValueOf(_i1_1_truong_ban), 10m);
        p[_n1_2] = Leaf(Add(Times(Half, u.ValueOf(_i1_2_tham_du_ubqg)), Times(Half, u.ValueOf(_i1_2_chu_tri_hop))), 10m);
        p[_n1_3] = Leaf(Ratio(u.ValueOf(_i1_3_a), u.ValueOf(_i1_3_b)), 10m);
        p[_n1_4] = Leaf(u.ValueOf(_i1_4_chuyen_trang), 10m);
        var section = u.ValueOf(_i1_5_co_chuyen_muc);
        p[_n1_5] = Leaf(
            !section.IsDefined ? section
            : section.Number != 0m ? Steps(u.ValueOf(_i1_5_a), 20m, 1m, 10m, Half, Quarter)
            : Zero,
            10m);
        p[_n1_6] = Leaf(u.ValueOf(_i1_6_co_chuyen_muc), 10m);
        p[_n1_7] = Leaf(u.ValueOf(_i1_7_co_chuyen_muc), 10m);
        p[_n1_8] = Leaf(u.ValueOf(_i1_8_tan_suat), 10m);
        p[_n1_9] = Leaf(u.ValueOf(_i1_9_co_chuyen_muc), 10m);
        p[_n1_10] = Leaf(u.ValueOf(_i1_10_tan_suat), 10m);
        p[_n1] = Parent(
            p[_n1_1] + p[_n1_2] + p[_n1_3] + p[_n1_4] + p[_n1_5] + p[_n1_6] + p[_n1_7] + p[_n1_8] + p[_n1_9] + p[_n1_10],
            100m);

    }

    /// <summary>2 Thể chế số [100]</summary>
    private void MainIndex2(UnitInputs u, Span<decimal> p)
    {
        p[_n2_1] = Leaf(u.ValueOf(_i2_1_da_ban_hanh), 9m);
        p[_n2_2] = Leaf(u.ValueOf(_i2_2_da_ban_hanh), 9m);
        p[_n2_3] = Leaf(u.ValueOf(_i2_3_da_ban_hanh), 10m);
        p[_n2_4] = Leaf(u.ValueOf(_i2_4_da_ban_hanh), 9m);
        p[_n2_5] = Leaf(u.ValueOf(_i2_5_da_to_chuc), 9m);
        p[_n2_6] = Leaf(u.ValueOf(_i2_6_da_ban_hanh), 8.5m);
        p[_n2_7] = Leaf(u.ValueOf(_i2_7_da_to_chuc), 8.5m);
        p[_n2_8] = Leaf(u.ValueOf(_i2_8_da_ban_hanh), 10m);
        p[_n2_9] = Leaf(u.ValueOf(_i2_9_da_ban_hanh), 10m);
        p[_n2_10] = Leaf(u.ValueOf(_i2_10_da_ban_hanh), 8.5m);
        p[_n2_11] = Leaf(u.ValueOf(_i2_11_da_ban_hanh), 8.5m);
        p[_n2] = Parent(
            p[_n2_1] + p[_n2_2] + p[_n2_3] + p[_n2_4] + p[_n2_5] + p[_n2_6] + p[_n2_7] + p[_n2_8] + p[_n2_9] + p[_n2_10] + p[_n2_11],
            100m);

    }

    /// <summary>3 Hạ tầng số [100]</summary>
    private void MainIndex3(UnitInputs u, Span<decimal> p)
    {
        p[_n3_1] = Leaf(Ratio(u.ValueOf(_i3_1_a), u.ValueOf(_i3_1_b)), 10m);
        p[_n3_2] = Leaf(Ratio(u.ValueOf(_i3_2_a), u.ValueOf(_i3_2_b)), 10m);
        p[_n3_3] = Leaf(Ratio(u.ValueOf(_i3_3_a), u.ValueOf(_i3_3_b)), 10m);
        p[_n3_4] = Leaf(Ratio(u.ValueOf(_i3_4_a), u.ValueOf(_i3_4_b)), 10m);
        p[_n3_5_1] = Leaf(u.ValueOf(_i3_5_1_trung_tam_du_lieu), 15m);
        p[_n3_5_2] = Leaf(u.ValueOf(_i3_5_2_da_ket_noi), 15m);
        p[_n3_5] = Parent(p[_n3_5_1] + p[_n3_5_2], 30m);
        p[_n3_6] = Leaf(
            Add(
                Times(Half, Ratio(u.ValueOf(_i3_6_a), 7m)),
                Times(Half, ZeroWhenUndefined(Ratio(u.ValueOf(_i3_6_c), u.ValueOf(_i3_6_d))))),
            20m);
        p[_n3_7] = Leaf(Ratio(u.ValueOf(_i3_7_a), u.ValueOf(_i3_7_b)), 10m);
        p[_n3] = Parent(p[_n3_1] + p[_n3_2] + p[_n3_3] + p[_n3_4] + p[_n3_5] + p[_n3_6] + p[_n3_7], 100m);

    }

    /// <summary>4 Nhân lực số [100]</summary>
    private void MainIndex4(UnitInputs u, Span<decimal> p, ReadOnlySpan<Value> m, Extent[] e)
    {
        p[_n4_1] = Leaf(u.ValueOf(_i4_1_da_co), 8m);
        p[_n4_2] = Leaf(u.ValueOf(_i4_2_da_co), 8m);
        p[_n4_3] = Leaf(u.ValueOf(_i4_3_da_co), 8m);
        p[_n4_4] = Leaf(u.ValueOf(_i4_4_da_co), 8m);
        p[_n4_5] = Leaf(MinMax(m[M4_5], e[M4_5]), 10m);
        p[_n4_6] = Leaf(MinMax(m[M4_6], e[M4_6]), 10m);
        p[_n4_7] = Leaf(Ratio(u.ValueOf(_i4_7_a), u.ValueOf(_i4_7_b)), 8m);
        p[_n4_8] = Leaf(Ratio(u.ValueOf(_i4_8_a), u.ValueOf(_i4_8_b)), 7.5m);
        p[_n4_9] = Leaf(Target(Ratio(u.ValueOf(_i4_9_a), u.ValueOf(_i4_9_b)), 0.5m), 5m);
        p[_n4_10] = Leaf(Ratio(u.ValueOf(_i4_10_a), u.ValueOf(_i4_10_b)), 7.5m);
        p[_n4_11] = Leaf(MinMax(m[M4_11], e[M4_11]), 5m);
        p[_n4_12] = Leaf(Target(Ratio(u.ValueOf(_i4_12_a), u.ValueOf(_i4_12_b)), 0.8m), 7.5m);
        p[_n4_13] = Leaf(Target(Ratio(u.ValueOf(_i4_13_a), u.ValueOf(_i4_13_b)), 0.7m), 7.5m);
        p[_n4] = Parent(
            p[_n4_1] + p[_n4_2] + p[_n4_3] + p[_n4_4] + p[_n4_5] + p[_n4_6] + p[_n4_7] + p[_n4_8] + p[_n4_9] + p[_n4_10]
            + p[_n4_11] + p[_n4_12] + p[_n4_13],
            100m);

    }

    /// <summary>5 An toàn thông tin mạng [100]</summary>
    private void MainIndex5(UnitInputs u, Span<decimal> p, ReadOnlySpan<Value> m, Extent[] e)
    {
        p[_n5_1] = Leaf(MinMax(m[M5_1], e[M5_1]), 10m);
        p[_n5_2] = Leaf(Ratio(u.ValueOf(_i5_2_a), u.ValueOf(_i5_2_b)), 10m);
        p[_n5_3] = Leaf(Ratio(u.ValueOf(_i5_3_a), u.ValueOf(_i5_3_b)), 10m);
        p[_n5_4] = Leaf(Ratio(u.ValueOf(_i5_4_a), u.ValueOf(_i5_4_b)), 10m);
        p[_n5_5] = Leaf(Ratio(u.ValueOf(_i5_5_a), u.ValueOf(_i5_5_b)), 5m, whenUndefined: 1m);
        p[_n5_6] = Leaf(Ratio(u.ValueOf(_i5_6_a), u.ValueOf(_i5_6_b)), 10m);
        p[_n5_7] = Leaf(Ratio(u.ValueOf(_i5_7_a), u.ValueOf(_i5_7_b)), 10m);
        p[_n5_8] = Leaf(Ratio(u.ValueOf(_i5_8_a), u.ValueOf(_i5_8_b)), 5m);
        p[_n5_9] = Leaf(MinMax(m[M5_9], e[M5_9]), 5m);
        p[_n5_10] = Leaf(MinMax(m[M5_10], e[M5_10]), 5m);
        p[_n5_11] = Leaf(Ratio(u.ValueOf(_i5_11_a), u.ValueOf(_i5_11_b)), 5m, whenUndefined: 1m);
        p[_n5_12_1] = Leaf(
            Steps(Ratio(Add(u.ValueOf(_i5_12_1_a), u.ValueOf(_i5_12_1_b)), u.ValueOf(_i5_12_1_c)), 0.1m, 1m, 0.07m, 0.7m, 0.03m, 0.3m, 0m),
            5m);
        p[_n5_12_2] = Leaf(Steps(u.ValueOf(_i5_12_2_a), 2m, 1m, 1m, 0.7m, 0.5m, 0.3m, 0m), 2m);
        p[_n5_12_3] = Leaf(Steps(u.ValueOf(_i5_12_3_a), 2m, 1m, 1m, 0.7m, 0.5m, 0.3m, 0m), 2m);
        p[_n5_12_4] = Leaf(Steps(u.ValueOf(_i5_12_4_a), 2m, 1m, 1m, 0.7m, 0.5m, 0.3m, 0m), 2m);
        p[_n5_12_5] = Leaf(Steps(u.ValueOf(_i5_12_5_a), 2m, 1m, 1m, 0.7m, 0.5m, 0.3m, 0m), 2m);
        p[_n5_12_6] = Leaf(Steps(u.ValueOf(_i5_12_6_a), 2m, 1m, 1m, 0.7m, 0.5m, 0.3m, 0m), 2m);
        p[_n5_12] = Parent(p[_n5_12_1] + p[_n5_12_2] + p[_n5_12_3] + p[_n5_12_4] + p[_n5_12_5] + p[_n5_12_6], 15m);
        p[_n5] = Parent(
            p[_n5_1] + p[_n5_2] + p[_n5_3] + p[_n5_4] + p[_n5_5] + p[_n5_6] + p[_n5_7] + p[_n5_8] + p[_n5_9] + p[_n5_10]
            + p[_n5_11] + p[_n5_12],
            100m);

    }

    /// <summary>6 Hoạt động chính quyền số [200]</summary>
    private void MainIndex6(UnitInputs u, Span<decimal> p)
    {
        p[_n6_1] = Leaf(Add(Times(0.8m, u.ValueOf(_i6_1_dap_ung)), Times(0.2m, u.ValueOf(_i6_1_ipv6))), 8.5m);
        p[_n6_2] = Leaf(Add(Times(Half, u.ValueOf(_i6_2_co_cong_du_lieu_mo)), Times(Half, u.ValueOf(_i6_2_dap_ung_ky_thuat))), 5m);
        p[_n6_3] = Leaf(
            Add(Add(Times(0.2m, u.ValueOf(_i6_3_hop_nhat)), Times(0.6m, u.ValueOf(_i6_3_dap_ung))), Times(0.2m, u.ValueOf(_i6_3_ipv6))),
            8.5m);
        p[_n6_4] = Leaf(u.ValueOf(_i6_4_da_trien_khai), 8.5m);
        p[_n6_5] = Leaf(u.ValueOf(_i6_5_da_trien_khai), 8.5m);
        p[_n6_6] = Leaf(Ratio(u.ValueOf(_i6_6_a), u.ValueOf(_i6_6_b)), 8m);
        p[_n6_7] = Leaf(Ratio(u.ValueOf(_i6_7_a), u.ValueOf(_i6_7_b)), 10m);
        p[_n6_8] = Leaf(AtLeast(Ratio(u.ValueOf(_i6_8_a), u.ValueOf(_i6_8_b)), 1m), 8m);
        p[_n6_9] = Leaf(Ratio(u.ValueOf(_i6_9_a), u.ValueOf(_i6_9_b)), 10m);
        p[_n6_10] = Leaf(Ratio(u.ValueOf(_i6_10_a), u.ValueOf(_i6_10_b)), 10m);
        p[_n6_11] = Leaf(
            Ratio(Add(u.ValueOf(_i6_11_c), u.ValueOf(_i6_11_d)), Add(u.ValueOf(_i6_11_a), u.ValueOf(_i6_11_b))),
            10m);
        p[_n6_12] = Leaf(Target(Ratio(Add(u.ValueOf(_i6_12_b), u.ValueOf(_i6_12_c)), u.ValueOf(_i6_12_a)), 0.8m), 20m);
        p[_n6_13] = Leaf(
            Ratio(Add(u.ValueOf(_i6_13_a), u.ValueOf(_i6_13_b)), Add(u.ValueOf(_i6_13_c), u.ValueOf(_i6_13_d))),
            5m);
        p[_n6_14] = Leaf(
            Ratio(Add(u.ValueOf(_i6_14_b), u.ValueOf(_i6_14_d)), Add(u.ValueOf(_i6_14_a), u.ValueOf(_i6_14_c))),
            8m);
        p[_n6_15] = Leaf(u.ValueOf(_i6_15_da_trien_khai), 8m);
        p[_n6_16] = Leaf(u.ValueOf(_i6_16_da_trien_khai), 10m);
        p[_n6_17] = Leaf(Add(Times(Half, u.ValueOf(_i6_17_co_quan)), Times(Half, u.ValueOf(_i6_17_thiet_bi_ca_nhan))), 8m);
        p[_n6_18] = Leaf(u.ValueOf(_i6_18_da_trien_khai), 8m);
        p[_n6_19] = Leaf(u.ValueOf(_i6_19_tro_ly_ao), 8m);
        p[_n6_20] = Leaf(u.ValueOf(_i6_20_tro_ly_ao), 10m);
        p[_n6_21] = Leaf(Each(u.ValueOf(_i6_21_a), 1m, 10m), 10m);
        p[_n6_22] = Leaf(Target(Ratio(Add(u.ValueOf(_i6_22_a), u.ValueOf(_i6_22_b)), u.ValueOf(_i6_22_c)), 0.01m), 10m);
        p[_n6] = Parent(
            p[_n6_1] + p[_n6_2] + p[_n6_3] + p[_n6_4] + p[_n6_5] + p[_n6_6] + p[_n6_7] + p[_n6_8] + p[_n6_9] + p[_n6_10]
            + p[_n6_11] + p[_n6_12] + p[_n6_13] + p[_n6_14] + p[_n6_15] + p[_n6_16] + p[_n6_17] + p[_n6_18] + p[_n6_19]
            + p[_n6_20] + p[_n6_21] + p[_n6_22],
            200m);

    }

    /// <summary>7 Hoạt động kinh tế số [150]</summary>
    private void MainIndex7(UnitInputs u, Span<decimal> p, ReadOnlySpan<Value> m, Extent[] e)
    {
        p[_n7_1] = Leaf(Target(Ratio(u.ValueOf(_i7_1_a), u.ValueOf(_i7_1_b)), 0.2m), 20m);
        p[_n7_2] = Leaf(Target(Ratio(u.ValueOf(_i7_2_a), u.ValueOf(_i7_2_b)), 0.05m), 20m);
        p[_n7_3] = Leaf(Target(Ratio(u.ValueOf(_i7_3_a), u.ValueOf(_i7_3_b)), 0.1m), 10m);
        p[_n7_4] = Leaf(Target(Ratio(u.ValueOf(_i7_4_a), u.ValueOf(_i7_4_b)), 0.1m), 12m);
        p[_n7_5] = Leaf(Target(Ratio(u.ValueOf(_i7_5_a), u.ValueOf(_i7_5_b)), 0.5m), 12m);
        p[_n7_6] = Leaf(Target(Ratio(u.ValueOf(_i7_6_a), u.ValueOf(_i7_6_b)), 0.8m), 10m);
        p[_n7_7] = Leaf(Ratio(u.ValueOf(_i7_7_a), u.ValueOf(_i7_7_b)), 10m);
        p[_n7_8] = Leaf(Target(Ratio(u.ValueOf(_i7_8_a), u.ValueOf(_i7_8_b)), 0.5m), 12m);
        p[_n7_9] = Leaf(Target(Ratio(u.ValueOf(_i7_9_a), u.ValueOf(_i7_9_b)), 0.05m), 10m);
        p[_n7_10] = Leaf(Best(m[M7_10], e[M7_10]), 10m);
        p[_n7_11] = Leaf(Target(Ratio(u.ValueOf(_i7_11_a), u.ValueOf(_i7_11_b)), 0.0025m), 12m);
        p[_n7_12] = Leaf(Target(Ratio(u.ValueOf(_i7_12_a), u.ValueOf(_i7_12_b)), 0.0025m), 12m);
        p[_n7] = Parent(
            p[_n7_1] + p[_n7_2] + p[_n7_3] + p[_n7_4] + p[_n7_5] + p[_n7_6] + p[_n7_7] + p[_n7_8] + p[_n7_9] + p[_n7_10]
            + p[_n7_11] + p[_n7_12],
            150m);

    }

    /// <summary>8 Hoạt động xã hội số [150]</summary>
    private void MainIndex8(UnitInputs u, Span<decimal> p, ReadOnlySpan<Value> m, Extent[] e)
    {
        p[_n8_1] = Leaf(Ratio(u.ValueOf(_i8_1_a), u.ValueOf(_i8_1_b)), 20m);
        p[_n8_2] = Leaf(Target(Ratio(u.ValueOf(_i8_2_a), u.ValueOf(_i8_2_b)), 0.8m), 40m);
        p[_n8_3] = Leaf(Target(Ratio(u.ValueOf(_i8_3_a), u.ValueOf(_i8_3_b)), 0.5m), 20m);
        p[_n8_4] = Leaf(Ratio(u.ValueOf(_i8_4_a), u.ValueOf(_i8_4_b)), 20m);
        p[_n8_5] = Leaf(Target(Ratio(u.ValueOf(_i8_5_a), u.ValueOf(_i8_5_b)), 0.7m), 10m);
        p[_n8_6] = Leaf(MinMax(m[M8_6], e[M8_6]), 10m);
        p[_n8_7] = Leaf(MinMax(m[M8_7], e[M8_7]), 10m);
        p[_n8_8_1_1] = Leaf(u.ValueOf(_i8_8_1_1_co), 2m);
        p[_n8_8_1_2] = Leaf(u.ValueOf(_i8_8_1_2_co), 2m);
        p[_n8_8_1_3] = Leaf(u.ValueOf(_i8_8_1_3_co), 1.5m);
        p[_n8_8_1_4] = Leaf(u.ValueOf(_i8_8_1_4_co), 1.5m);
        p[_n8_8_1] = Parent(p[_n8_8_1_1] + p[_n8_8_1_2] + p[_n8_8_1_3] + p[_n8_8_1_4], 7m);
        p[_n8_8_2_1] = Leaf(Ratio(u.ValueOf(_i8_8_2_1_a), u.ValueOf(_i8_8_2_1_b)), 2m);
        p[_n8_8_2_2] = Leaf(Ratio(u.ValueOf(_i8_8_2_2_a), u.ValueOf(_i8_8_2_2_b)), 1.5m);
        p[_n8_8_2_3] = Leaf(Ratio(u.ValueOf(_i8_8_2_3_a), u.ValueOf(_i8_8_2_3_b)), 1.5m);
        p[_n8_8_2_4] = Leaf(Ratio(u.ValueOf(_i8_8_2_4_a), u.ValueOf(_i8_8_2_4_b)), 1.5m);
        p[_n8_8_2] = Parent(p[_n8_8_2_1] + p[_n8_8_2_2] + p[_n8_8_2_3] + p[_n8_8_2_4], 6.5m);
        p[_n8_8_3_1] = Leaf(Ratio(u.ValueOf(_i8_8_3_1_a), u.ValueOf(_i8_8_3_1_b)), 2m);
        p[_n8_8_3_2] = Leaf(Ratio(u.ValueOf(_i8_8_3_2_a), u.ValueOf(_i8_8_3_2_b)), 1.5m);
        p[_n8_8_3_3] = Leaf(Ratio(u.ValueOf(_i8_8_3_3_a), u.ValueOf(_i8_8_3_3_b)), 1.5m);
        p[_n8_8_3_4] = Leaf(Ratio(u.ValueOf(_i8_8_3_4_a), u.ValueOf(_i8_8_3_4_b)), 1.5m);
        p[_n8_8_3] = Parent(p[_n8_8_3_1] + p[_n8_8_3_2] + p[_n8_8_3_3] + p[_n8_8_3_4], 6.5m);
        p[_n8_8] = Parent(p[_n8_8_1] + p[_n8_8_2] + p[_n8_8_3], 20m);
        p[_n8] = Parent(p[_n8_1] + p[_n8_2] + p[_n8_3] + p[_n8_4] + p[_n8_5] + p[_n8_6] + p[_n8_7] + p[_n8_8], 150m);
    }

    /// <summary>
    /// Competition ranks (1, 2, 2, 4) of <paramref name="points"/>, highest first; units that reported
    /// nothing share the rank after the last one. Written to <paramref name="ranks"/>[unit × stride + offset].
    /// </summary>
    private static void Rank(decimal[] points, bool[] submitted, int[] order, decimal[] keys, int[] ranks, int stride, int offset)
    {
        var taking = 0;
        for (var u = 0; u < points.Length; u++)
        {
            if (submitted[u])
            {
                order[taking] = u;
                keys[taking] = points[u];
                taking++;
            }
        }

        Array.Sort(keys, order, 0, taking);
        var rank = 0;
        for (var position = 0; position < taking; position++)
        {
            var i = taking - 1 - position;
            if (position == 0 || keys[i] != keys[i + 1])
            {
                rank = position + 1;
            }

            ranks[(order[i] * stride) + offset] = rank;
        }

        for (var u = 0; u < points.Length; u++)
        {
            if (!submitted[u])
            {
                ranks[(u * stride) + offset] = taking + 1;
            }
        }
    }

    /// <summary>A leaf's points: missing scores 0, undefined gets <paramref name="whenUndefined"/>, a number is clamped to 0..1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static decimal Leaf(Value value, decimal maxPoints, decimal whenUndefined = 0m)
    {
        decimal fraction;
        if (value.IsDefined)
        {
            fraction = value.Number;
            if (fraction < 0m)
            {
                fraction = 0m;
            }
            else if (fraction > 1m)
            {
                fraction = 1m;
            }
        }
        else
        {
            fraction = value.IsUndefined ? whenUndefined : 0m;
        }

        return RoundPoints(fraction * maxPoints);
    }

    /// <summary>A parent's points: the sum of its children's rounded points, capped at its max points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static decimal Parent(decimal sum, decimal maxPoints) => Normalize(sum > maxPoints ? maxPoints : sum);

    /// <summary>
    /// Rounds to 20 decimals (quotient noise), then to two decimals, halves away from zero. This is the
    /// arithmetic the rules require, not engine overhead, so both sides use the same exact and fastest
    /// implementation; <c>PointsRoundingTests</c> proves it equal to <c>Math.Round(Math.Round(raw, 20), 2)</c>.
    /// </summary>
    private static decimal RoundPoints(decimal raw) => Points.Round(raw);

    /// <summary>Exactly two decimals (87.50), so that equal points are equal bit for bit.</summary>
    private static decimal Normalize(decimal points) => Points.Normalize(points);

    /// <summary>x ≥ t, ignoring differences below 10⁻²⁰.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Reaches(decimal x, decimal threshold) => x - threshold > -Tolerance;

    /// <summary>The state of an operation on two values not both defined: missing wins over undefined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Propagate(Value x, Value y) => x.IsMissing || y.IsMissing ? Value.Missing : Value.Undefined;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Add(Value x, Value y) =>
        x.IsDefined && y.IsDefined ? Value.Of(x.Number + y.Number) : Propagate(x, y);

    /// <summary>A constant times a value (a value that is not a number keeps its state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Times(decimal factor, Value x) => x.IsDefined ? Value.Of(factor * x.Number) : x;

    /// <summary>x / y; undefined when y is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Ratio(Value x, Value y)
    {
        if (!x.IsDefined || !y.IsDefined)
        {
            return Propagate(x, y);
        }

        return y.Number == 0m ? Value.Undefined : Value.Of(x.Number / y.Number);
    }

    /// <summary>x / a constant other than 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Ratio(Value x, decimal constant) => x.IsDefined ? Value.Of(x.Number / constant) : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value ZeroWhenUndefined(Value x) => x.IsUndefined ? Zero : x;

    /// <summary>min(1, x / t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Target(Value x, decimal threshold) =>
        !x.IsDefined ? x : Reaches(x.Number, threshold) ? One : Value.Of(x.Number / threshold);

    /// <summary>1 if x ≥ t, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value AtLeast(Value x, decimal threshold) =>
        !x.IsDefined ? x : Reaches(x.Number, threshold) ? One : Zero;

    /// <summary>Two steps and else.</summary>
    private static Value Steps(Value x, decimal t1, decimal v1, decimal t2, decimal v2, decimal otherwise)
    {
        if (!x.IsDefined)
        {
            return x;
        }

        return Value.Of(Reaches(x.Number, t1) ? v1 : Reaches(x.Number, t2) ? v2 : otherwise);
    }

    /// <summary>Three steps and else.</summary>
    private static Value Steps(Value x, decimal t1, decimal v1, decimal t2, decimal v2, decimal t3, decimal v3, decimal otherwise)
    {
        if (!x.IsDefined)
        {
            return x;
        }

        return Value.Of(Reaches(x.Number, t1) ? v1 : Reaches(x.Number, t2) ? v2 : Reaches(x.Number, t3) ? v3 : otherwise);
    }

    /// <summary>min(1, x × p / max points).</summary>
    private static Value Each(Value x, decimal pointsEach, decimal maxPoints)
    {
        if (!x.IsDefined)
        {
            return x;
        }

        var earned = x.Number * pointsEach;
        return Reaches(earned, maxPoints) ? One : Value.Of(earned / maxPoints);
    }

    /// <summary>(x − min) / (max − min) over the cohort; when min = max, 1 above 0, else 0.</summary>
    private static Value MinMax(Value x, Extent extent)
    {
        if (!x.IsDefined || !extent.Any)
        {
            return x.IsDefined ? Value.Undefined : x;
        }

        var spread = extent.Max - extent.Min;
        if (Math.Abs(spread) < Tolerance)
        {
            return x.Number > 0m ? One : Zero;
        }

        return Value.Of((x.Number - extent.Min) / spread);
    }

    /// <summary>x / the cohort's highest; 0 when the highest is not above 0.</summary>
    private static Value Best(Value x, Extent extent)
    {
        if (!x.IsDefined || !extent.Any)
        {
            return x.IsDefined ? Value.Undefined : x;
        }

        return extent.Max <= 0m ? Zero : Value.Of(x.Number / extent.Max);
    }

    /// <summary>The lowest and highest defined measure of a cohort rule.</summary>
    private struct Extent
    {
        public bool Any;
        public decimal Min;
        public decimal Max;

        public void Add(Value measure)
        {
            if (!measure.IsDefined)
            {
                return;
            }

            if (!Any || measure.Number < Min)
            {
                Min = measure.Number;
            }

            if (!Any || measure.Number > Max)
            {
                Max = measure.Number;
            }

            Any = true;
        }
    }

    /// <summary>The hand-written scorer's results, units in the order given.</summary>
    public sealed class Result
    {
        private readonly decimal[] _points;
        private readonly decimal[] _totals;
        private readonly int[] _ranks;
        private readonly int[] _mainIndexRanks;
        private readonly int _nodeCount;
        private readonly int _mainIndexCount;

        internal Result(int nodeCount, int mainIndexCount, decimal[] points, decimal[] totals, int[] ranks, int[] mainIndexRanks)
        {
            _nodeCount = nodeCount;
            _mainIndexCount = mainIndexCount;
            _points = points;
            _totals = totals;
            _ranks = ranks;
            _mainIndexRanks = mainIndexRanks;
        }

        /// <summary>How many units.</summary>
        public int Count => _totals.Length;

        /// <summary>The points of node <paramref name="nodeIndex"/> (its index in Framework.Nodes) for unit <paramref name="unit"/>.</summary>
        public decimal Points(int unit, int nodeIndex) => _points[(unit * _nodeCount) + nodeIndex];

        /// <summary>The unit's total.</summary>
        public decimal Total(int unit) => _totals[unit];

        /// <summary>The unit's rank by total.</summary>
        public int Rank(int unit) => _ranks[unit];

        /// <summary>The unit's rank on the main index at <paramref name="position"/> (0 for main index 1).</summary>
        public int MainIndexRank(int unit, int position) => _mainIndexRanks[(unit * _mainIndexCount) + position];
    }
}
