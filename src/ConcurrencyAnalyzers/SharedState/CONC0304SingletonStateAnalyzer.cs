using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.SharedState;

/// <summary>
/// CONC0304: a read-modify-write, outside any lock, of an instance field of a class registered as a singleton in the
/// same compilation (see <see cref="SingletonRegistrations"/>), in a method other than a constructor: one instance
/// serves every concurrent request. Registrations and updates may be in different files, so both are collected and
/// matched at the end of the compilation. Updates CONC0301 or CONC0303 already report are left to them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0304SingletonStateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0304SingletonState);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            if (types.ServiceCollectionServiceExtensions is null && types.ServiceCollectionDescriptorExtensions is null)
            {
                return;
            }

            var singletons = new Singletons(types, RequestHandlers.ForSharedState(start.Compilation, types));
            start.RegisterOperationAction(singletons.VisitRegistration, OperationKind.Invocation);
            start.RegisterOperationAction(singletons.VisitLock, OperationKind.Lock);
            start.RegisterOperationAction(
                singletons.VisitUpdate,
                OperationKind.Increment,
                OperationKind.Decrement,
                OperationKind.CompoundAssignment,
                OperationKind.SimpleAssignment);
            start.RegisterCompilationEndAction(singletons.Report);
        });
    }

    /// <summary>What one compilation registers as a singleton, which fields it updates unprotected, and which it locks.</summary>
    private sealed class Singletons
    {
        private readonly WellKnownTypes _types;
        private readonly RequestHandlers? _handlers;
        private readonly ConcurrentBag<(INamedTypeSymbol Type, Location Location)> _registrations = new();
        private readonly ConcurrentBag<(INamedTypeSymbol Type, IFieldSymbol Field, Location Location)> _updates = new();
        private readonly ConcurrentDictionary<IFieldSymbol, bool> _locked = new(SymbolEqualityComparer.Default);

        public Singletons(WellKnownTypes types, RequestHandlers? handlers)
        {
            _types = types;
            _handlers = handlers;
        }

        public void VisitRegistration(OperationAnalysisContext context)
        {
            if (SingletonRegistrations.ImplementationOf((IInvocationOperation)context.Operation, _types) is { } type)
            {
                _registrations.Add((type, context.Operation.Syntax.GetLocation()));
            }
        }

        public void VisitUpdate(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            if (SharedUpdate.TargetOf(operation, _types) is not { } target
                || target.WalkDownConversions() is not IFieldReferenceOperation { Field: { IsStatic: false, IsConst: false, IsReadOnly: false } field } reference
                || !IsThisInstance(reference)
                || context.ContainingSymbol is not IMethodSymbol { ContainingType.TypeKind: TypeKind.Class } method
                || method.MethodKind == MethodKind.Constructor
                || method.IsInitOnly
                || SharedUpdate.IsProtectedInFunction(operation, _types)
                // CONC0301 reports what races within a concurrent context, request handlers included.
                || SharedUpdate.RacingContext(operation, target, _types, _handlers, context.ContainingSymbol) is not null)
            {
                return;
            }

            _updates.Add((method.ContainingType.OriginalDefinition, field, operation.Syntax.GetLocation()));
        }

        /// <summary>
        /// The fields of its own type a lock statement's body reaches (not from a lambda or local function in it):
        /// CONC0303 reports their unlocked updates.
        /// </summary>
        public void VisitLock(OperationAnalysisContext context)
        {
            var lockOperation = (ILockOperation)context.Operation;
            if (context.ContainingSymbol.ContainingType is not { } type)
            {
                return;
            }

            foreach (var descendant in lockOperation.Body.Descendants())
            {
                if (descendant is IFieldReferenceOperation { Field: { IsConst: false, IsReadOnly: false } field } reference
                    && WellKnownTypes.Eq(field.ContainingType.OriginalDefinition, type.OriginalDefinition)
                    && (field.IsStatic || IsThisInstance(reference))
                    && reference.IsDirectlyIn(lockOperation))
                {
                    _locked.TryAdd(field, true);
                }
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (_registrations.IsEmpty)
            {
                return;
            }

            // Every registered class and its base classes (whose methods run on the same instance), with the first
            // registration in source order, so the message does not depend on analysis order.
            var singletons = new Dictionary<INamedTypeSymbol, (INamedTypeSymbol Registered, Location Location)>(SymbolEqualityComparer.Default);
            foreach (var (registered, location) in _registrations)
            {
                for (var type = registered; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType?.OriginalDefinition)
                {
                    if (!singletons.TryGetValue(type, out var known) || DiagnosticLocations.Precedes(location, known.Location))
                    {
                        singletons[type] = (registered, location);
                    }
                }
            }

            foreach (var (type, field, location) in _updates)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (!singletons.TryGetValue(type, out var singleton) || _locked.ContainsKey(field))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CONC0304SingletonState,
                    location,
                    new[] { singleton.Location },
                    field.Name,
                    singleton.Registered.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    FileName(singleton.Location)));
            }
        }

        private static bool IsThisInstance(IFieldReferenceOperation reference) =>
            reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        /// <summary>Program.cs for /src/App/Program.cs: the file the registration is in, as messages name it.</summary>
        private static string FileName(Location location)
        {
            var path = location.SourceTree?.FilePath ?? string.Empty;
            var slash = path.LastIndexOfAny(new[] { '/', '\\' });
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
