using System.Collections.Generic;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.SharedState;

/// <summary>
/// CONC0303: a field of a type read-modified-written outside any lock, where another member of the same type reaches
/// it inside a lock statement: the author knew the field is shared and guarded it there, but not here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0303InconsistentLockingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0303InconsistentLocking);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            var handlers = RequestHandlers.ForSharedState(start.Compilation, types);
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    var fields = new TypeFields((INamedTypeSymbol)symbolStart.Symbol);
                    symbolStart.RegisterOperationAction(operationContext => fields.Visit(operationContext, types, handlers), OperationKind.FieldReference);
                    symbolStart.RegisterSymbolEndAction(fields.Report);
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>What the members of one type do with its fields: where each is reached under a lock, where it is updated without one.</summary>
    private sealed class TypeFields
    {
        private readonly INamedTypeSymbol _type;
        private readonly object _gate = new();
        private readonly Dictionary<IFieldSymbol, (Location Location, string Member)> _locked = new(SymbolEqualityComparer.Default);
        private readonly List<(IFieldSymbol Field, IOperation Update)> _unlocked = new();

        public TypeFields(INamedTypeSymbol type) => _type = type;

        public void Visit(OperationAnalysisContext context, WellKnownTypes types, RequestHandlers? handlers)
        {
            var reference = (IFieldReferenceOperation)context.Operation;
            var field = reference.Field;
            if (field.IsConst || field.IsReadOnly
                || !SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, _type.OriginalDefinition)
                || (!field.IsStatic && reference.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }))
            {
                return;
            }

            if (IsUnderLock(reference, types, lockStatementOnly: true))
            {
                var location = reference.Syntax.GetLocation();
                lock (_gate)
                {
                    // The earliest in source order, so the additional location does not depend on analysis order.
                    if (!_locked.TryGetValue(field, out var known) || DiagnosticLocations.Precedes(location, known.Location))
                    {
                        _locked[field] = (location, MemberName(context.ContainingSymbol));
                    }
                }

                return;
            }

            if (reference.Parent is not { } update
                || SharedUpdate.TargetOf(update, types) != reference
                || IsInitialization(context.ContainingSymbol)
                || IsUnderLock(reference, types, lockStatementOnly: false)
                // CONC0301 reports what races within one concurrent context.
                || SharedUpdate.RacingContext(update, reference, types, handlers, context.ContainingSymbol) is not null)
            {
                return;
            }

            lock (_gate)
            {
                _unlocked.Add((field, update));
            }
        }

        public void Report(SymbolAnalysisContext context)
        {
            lock (_gate)
            {
                foreach (var (field, update) in _unlocked)
                {
                    if (_locked.TryGetValue(field, out var locked))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.CONC0303InconsistentLocking,
                            update.Syntax.GetLocation(),
                            new[] { locked.Location },
                            field.Name,
                            locked.Member));
                    }
                }
            }
        }

        /// <summary>A property's name for its accessors.</summary>
        private static string MemberName(ISymbol member) => member is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : member.Name;

        /// <summary>Constructors and initializers run before the object is shared.</summary>
        private static bool IsInitialization(ISymbol member) =>
            member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } or IFieldSymbol or IPropertySymbol;
    }

    /// <summary>
    /// Inside a lock statement of the same function (not a lambda or local function that may run later); with
    /// <paramref name="lockStatementOnly"/> false, also inside the try of a region released in its finally.
    /// </summary>
    private static bool IsUnderLock(IOperation operation, WellKnownTypes types, bool lockStatementOnly)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILockOperation lockOperation when lockOperation.Body == child:
                    return true;
                case ITryOperation { Finally: { } release } tryOperation when !lockStatementOnly && tryOperation.Body == child && release.CallsMethodOf(types.IsLock):
                    return true;
            }
        }

        return false;
    }
}
