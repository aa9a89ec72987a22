using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Storage;

namespace Bra.UnitTests.Storage;

/// <summary>
/// No feature reads another feature's tables directly. Every table and blob container is named by a constant of the store
/// that owns it (<c>TableName</c>, <c>…Table</c>, <c>Container</c>, <c>…Container</c>); its feature is the folder of that
/// store. Checked on the compiled Bra.Core (the clients) and on the sources of every project (the names).
/// </summary>
public sealed class TableOwnershipTests
{
    private static readonly Assembly Core = typeof(RecordTable).Assembly;

    [Fact]
    public void OwnedNames_EveryTableAndContainer_OneFeatureEach()
    {
        var names = OwnedNames();

        Assert.Contains(names, n => n.Name == "EmailLedger" && n.Feature == "Email");
        Assert.Contains(names, n => n.Name == "Consultations" && n.Feature == "Consultations");
        var shared = names.GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(n => n.Feature).Distinct().Count() > 1).Select(g => g.Key);
        Assert.Empty(shared);
    }

    [Fact]
    public void Clients_TableOrContainerClient_MadeOnlyByRecordTableOrBlobFilesFromTheFeaturesOwnName()
    {
        var owners = OwnedNames().ToLookup(n => n.Name, n => n.Feature, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var method in Core.GetTypes().SelectMany(DeclaredMethods))
        {
            var feature = Feature(method.DeclaringType!);
            string? lastString = null;
            foreach (var (opCode, operand) in Instructions(method))
            {
                if (opCode == OpCodes.Ldstr)
                {
                    lastString = method.Module.ResolveString(operand);
                    continue;
                }

                if ((opCode == OpCodes.Call || opCode == OpCodes.Callvirt || opCode == OpCodes.Newobj) && Resolve(method, operand) is { } called)
                {
                    var where = $"{method.DeclaringType!.FullName}.{method.Name}";
                    if (IsRawClient(called) && feature != "Storage")
                    {
                        violations.Add($"{where} gets a table or container client itself ({called.DeclaringType!.Name}.{called.Name}); use the owning store's RecordTable/BlobFiles");
                    }
                    else if (opCode == OpCodes.Newobj && (called.DeclaringType == typeof(RecordTable) || called.DeclaringType == typeof(BlobFiles)))
                    {
                        if (lastString is null || !owners[lastString].Contains(feature))
                        {
                            violations.Add($"{where} opens '{lastString ?? "a name that is not a constant"}', which is not a table or container of {feature}");
                        }
                    }
                }

                lastString = null;
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Sources_TableOrContainerConstant_UsedOnlyInItsOwnersFeatureFolder()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var names = OwnedNames();
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(src, file).Split(Path.DirectorySeparatorChar);
            var feature = relative[0] == "Bra.Core" && relative.Length > 2 ? relative[1] : relative[0];
            var text = File.ReadAllText(file);
            foreach (var name in names.Where(n => n.Feature != feature))
            {
                if (Regex.IsMatch(text, $@"\b{name.Field.DeclaringType!.Name}\.{name.Field.Name}\b"))
                {
                    violations.Add($"{Path.GetRelativePath(src, file)} uses {name.Field.DeclaringType.Name}.{name.Field.Name}, a table or container of {name.Feature}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private sealed record OwnedName(string Name, string Feature, FieldInfo Field);

    private static List<OwnedName> OwnedNames() =>
        Core.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)
                        && (f.Name.EndsWith("Table", StringComparison.Ordinal) || f.Name == "TableName" || f.Name.EndsWith("Container", StringComparison.Ordinal)))
            .Select(f => new OwnedName((string)f.GetRawConstantValue()!, Feature(f.DeclaringType!), f))
            .ToList();

    /// <summary>The feature folder of a Bra.Core type: the namespace part after <c>Bra.Core.</c> (nested and generated types share their outer type's).</summary>
    private static string Feature(Type type) => type.Namespace is { } ns && ns.StartsWith("Bra.Core.", StringComparison.Ordinal) ? ns["Bra.Core.".Length..].Split('.')[0] : "Bra.Core";

    private static bool IsRawClient(MethodBase called) =>
        (called.DeclaringType == typeof(StorageAccount) && called.Name is nameof(StorageAccount.TableAsync) or nameof(StorageAccount.ContainerAsync))
        || (called.DeclaringType == typeof(TableServiceClient) && called.Name == nameof(TableServiceClient.GetTableClient))
        || (called.DeclaringType == typeof(BlobServiceClient) && called.Name == nameof(BlobServiceClient.GetBlobContainerClient))
        || (called is ConstructorInfo && (called.DeclaringType == typeof(TableClient) || called.DeclaringType == typeof(BlobContainerClient)));

    private static IEnumerable<MethodBase> DeclaredMethods(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)).Where(m => m.GetMethodBody() is not null);
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            var typeArgs = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMethod(token, typeArgs, methodArgs);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The method's IL as (opcode, 4-byte operand or 0).</summary>
    private static IEnumerable<(OpCode OpCode, int Operand)> Instructions(MethodBase method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            var size = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
            yield return (opCode, size == 4 ? BitConverter.ToInt32(il, i) : 0);
            i += size;
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BraFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (BraFunctions.sln) was not found above " + AppContext.BaseDirectory);
    }
}
