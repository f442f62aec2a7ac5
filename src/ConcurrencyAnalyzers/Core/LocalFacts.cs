using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// What a member's operation tree says about its locals: their initializers and which are written after their
/// declaration. Every estimate of a member asks about its locals, so the member is walked once, not once per local
/// and estimate, and no declaration is bound again through the semantic model.
/// </summary>
internal sealed class LocalFacts
{
    private static readonly ConditionalWeakTable<IOperation, LocalFacts> PerRoot = new();

    public Dictionary<ILocalSymbol, IOperation> Initializers { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The locals referred to in the target of an assignment, increment or ref/out argument.</summary>
    public HashSet<ILocalSymbol> Written { get; } = new(SymbolEqualityComparer.Default);

    public static LocalFacts Of(IOperation operation)
    {
        var root = operation;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return PerRoot.GetValue(root, Collect);
    }

    private static LocalFacts Collect(IOperation root)
    {
        var facts = new LocalFacts();
        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } value } declarator)
            {
                facts.Initializers[declarator.Symbol] = value.WalkDownConversions();
                continue;
            }

            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };

            if (target is null)
            {
                continue;
            }

            foreach (var part in target.DescendantsAndSelf())
            {
                if (part is ILocalReferenceOperation reference)
                {
                    facts.Written.Add(reference.Local);
                }
            }
        }

        return facts;
    }
}
