using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking;

/// <summary>
/// CONC0104: makes the synchronous handler async (<c>IActionResult</c> → <c>Task&lt;IActionResult&gt;</c>,
/// <c>void</c> → <c>Task</c>, a lambda gets <c>async</c>) and awaits every blocking call in it, forwarding the
/// request's token. Handler names stay as they are: routing depends on them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0104BlockingInSyncHandlerCodeFix))]
[Shared]
public sealed class CONC0104BlockingInSyncHandlerCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingInSyncHandler);

    protected override string EquivalenceKey => DiagnosticIds.BlockingInSyncHandler;

    protected override string Title(Diagnostic diagnostic) => "Make the handler async and await its blocking calls";

    internal override async Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.TryGetValue(BlockingProperties.Kind, out var kind) && kind == BlockingProperties.Helper)
        {
            return ImmutableArray<FixEdit>.Empty; // The helper, not the handler, has to change.
        }

        var target = Target(document, diagnostic);
        if (target is null || AwaitSite.FunctionOf(target.Syntax) is not { } handler
            || await SignatureEditAsync(document, handler).ConfigureAwait(false) is not { } signature)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        // Every blocking call of the handler's own body is awaited; the one diagnosed must be among them.
        var edits = ImmutableArray.CreateBuilder<FixEdit>();
        var catalog = BlockingCatalog.Get(document.Model.Compilation);
        var root = document.Model.GetOperation(handler, document.CancellationToken) ?? target;
        var function = EnclosingFunction.Of(target, FixTargets.EnclosingMember(document.Model, target.Syntax.SpanStart));
        var proof = new CompletedTaskProof.Cache(document.CancellationToken);
        var options = document.Document.Project.AnalyzerOptions;
        var diagnosedIsFixed = false;
        FunctionWalker.ForEachOwnOperation(root, document.CancellationToken, operation =>
        {
            if (operation is (IInvocationOperation or IPropertyReferenceOperation)
                && catalog.Match(operation, function, options, proof) is not null
                && PlanAwait(document, operation) is { } edit)
            {
                edits.Add(edit);
                diagnosedIsFixed |= operation.Syntax == target.Syntax;
            }

            return true;
        });

        if (!diagnosedIsFixed)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        edits.Add(signature);
        return edits.ToImmutable();
    }

    private static IOperation? Target(FixDocument document, Diagnostic diagnostic)
    {
        foreach (var expression in FixTargets.ExpressionsEndingAt(document.Root, diagnostic))
        {
            if (document.Model.GetOperation(expression, document.CancellationToken) is { } operation && operation.Syntax == expression
                && operation is IInvocationOperation or IPropertyReferenceOperation)
            {
                return operation;
            }
        }

        return null;
    }

    private static FixEdit? PlanAwait(FixDocument document, IOperation operation) => operation.Syntax switch
    {
        InvocationExpressionSyntax invocation when operation is IInvocationOperation call =>
            CONC0101SyncOverAsyncCodeFix.PlanAwait(document, invocation, operation, assumeAsync: true)
            ?? CONC0102ThreadSleepInAsyncCodeFix.PlanAwait(document, invocation, call, assumeAsync: true)
            ?? CONC0103UseAsyncTwinCodeFix.PlanAwait(document, invocation, call, assumeAsync: true),
        ExpressionSyntax expression => CONC0101SyncOverAsyncCodeFix.PlanAwait(document, expression, operation, assumeAsync: true),
        _ => null,
    };

    /// <summary>
    /// The edit that makes the handler async, or null where its signature must not change: overrides and interface
    /// implementations (the framework calls them by contract), methods called from code (the callers would break),
    /// methods that already return a task, iterators, ref returns and ref parameters, and lambdas that return a task.
    /// </summary>
    private static async Task<FixEdit?> SignatureEditAsync(FixDocument document, SyntaxNode handler)
    {
        var model = document.Model;
        switch (handler)
        {
            case MethodDeclarationSyntax method when model.GetDeclaredSymbol(method, document.CancellationToken) is { } symbol
                && CanBecomeAsync(symbol, document)
                && !await IsCalledFromCodeAsync(symbol, document).ConfigureAwait(false)
                && !await ImplementsInterfaceInDerivedTypeAsync(symbol, document).ConfigureAwait(false):
                return new FixEdit(method, current => MakeAsync((MethodDeclarationSyntax)current, symbol.ReturnsVoid));
            case LocalFunctionStatementSyntax local when model.GetDeclaredSymbol(local, document.CancellationToken) is IMethodSymbol symbol
                && CanBecomeAsync(symbol, document)
                && !await IsCalledFromCodeAsync(symbol, document).ConfigureAwait(false):
                return new FixEdit(local, current => MakeAsync((LocalFunctionStatementSyntax)current, symbol.ReturnsVoid));
            // Only a lambda handed over as it is: an explicit return type or a cast would keep the old delegate type.
            case AnonymousFunctionExpressionSyntax lambda when lambda.Parent is ArgumentSyntax
                && lambda is not ParenthesizedLambdaExpressionSyntax { ReturnType: not null }
                && model.GetSymbolInfo(lambda, document.CancellationToken).Symbol is IMethodSymbol symbol
                && HasAsyncFriendlySignature(symbol, document)
                && !HasYield(lambda)
                && KeepsRegistration(lambda, document):
                return new FixEdit(lambda, current => MakeAsync((AnonymousFunctionExpressionSyntax)current));
            default:
                return null;
        }
    }

    /// <summary>
    /// An async lambda may bind to another overload: (HttpContext c) => { ... } made async fits MapPost's
    /// RequestDelegate overload, which returns another builder. The registration must bind to the same method.
    /// </summary>
    private static bool KeepsRegistration(AnonymousFunctionExpressionSyntax lambda, FixDocument document)
    {
        if (lambda.Parent?.Parent?.Parent is not InvocationExpressionSyntax registration
            || document.Model.GetSymbolInfo(registration, document.CancellationToken).Symbol is not IMethodSymbol before)
        {
            return false;
        }

        var speculative = registration.ReplaceNode(lambda, MakeAsync(lambda));
        var after = document.Model.GetSpeculativeSymbolInfo(registration.SpanStart, speculative, SpeculativeBindingOption.BindAsExpression).Symbol;
        return after is IMethodSymbol afterMethod && SymbolEqualityComparer.Default.Equals(afterMethod.OriginalDefinition, before.OriginalDefinition);
    }

    /// <summary>A derived class may implement an interface through this method (class D : Base, IGetter): its signature is a contract there.</summary>
    private static async Task<bool> ImplementsInterfaceInDerivedTypeAsync(IMethodSymbol method, FixDocument document)
    {
        if (method.ContainingType.IsSealed)
        {
            return false;
        }

        var derived = await SymbolFinder.FindDerivedClassesAsync(method.ContainingType, document.Document.Project.Solution, cancellationToken: document.CancellationToken).ConfigureAwait(false);
        foreach (var type in derived)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool CanBecomeAsync(IMethodSymbol method, FixDocument document) =>
        !method.IsOverride
        && !method.IsVirtual
        && !method.IsAbstract
        && method.PartialDefinitionPart is null
        && method.PartialImplementationPart is null
        && method.ExplicitInterfaceImplementations.IsEmpty
        && !ImplementsInterfaceMember(method)
        && HasAsyncFriendlySignature(method, document)
        && method.DeclaringSyntaxReferences.All(reference => !HasYield(reference.GetSyntax(document.CancellationToken)));

    /// <summary>Async methods cannot return by ref, take ref/out/in or ref struct parameters; a task return is not ours to wrap.</summary>
    private static bool HasAsyncFriendlySignature(IMethodSymbol method, FixDocument document) =>
        method.RefKind == RefKind.None
        && !method.ReturnType.IsRefLikeType
        && !document.Types.IsTaskLike(method.ReturnType)
        && method.Parameters.All(parameter => parameter.RefKind == RefKind.None && !parameter.Type.IsRefLikeType);

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when code anywhere in the solution refers to the method other than by registering it as an endpoint
    /// (app.MapGet("/", Handle)): its callers expect the old return type.
    /// </summary>
    private static async Task<bool> IsCalledFromCodeAsync(IMethodSymbol method, FixDocument document)
    {
        var handlers = RequestHandlers.Get(document.Model.Compilation);
        var references = await SymbolFinder.FindReferencesAsync(method, document.Document.Project.Solution, document.CancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(reference => reference.Locations))
        {
            if (location.Document.Id != document.Document.Id
                || document.Root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node)
            {
                return true;
            }

            var operation = document.Model.GetOperation(node, document.CancellationToken);
            if (IsInNameOf(node, document))
            {
                continue; // nameof(Get) or nameof(OrdersController.Get) names the action; it calls nothing.
            }

            if ((operation?.Parent is IMethodReferenceOperation reference ? reference : operation as IMethodReferenceOperation) is not { } methodReference
                || handlers.RegistrationOf(methodReference) is null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInNameOf(SyntaxNode node, FixDocument document)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is InvocationExpressionSyntax invocation
                && document.Model.GetOperation(invocation, document.CancellationToken) is INameOfOperation)
            {
                return true;
            }

            if (ancestor is StatementSyntax or MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool HasYield(SyntaxNode function) =>
        function.DescendantNodes(node => node == function || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(node => node is YieldStatementSyntax);

    private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method, bool returnsVoid) =>
        method.WithReturnType(TaskOf(method.ReturnType, returnsVoid, keepLeadingTrivia: method.Modifiers.Count > 0))
            .WithModifiers(AddAsync(method.Modifiers, method.ReturnType));

    private static LocalFunctionStatementSyntax MakeAsync(LocalFunctionStatementSyntax local, bool returnsVoid) =>
        local.WithReturnType(TaskOf(local.ReturnType, returnsVoid, keepLeadingTrivia: local.Modifiers.Count > 0))
            .WithModifiers(AddAsync(local.Modifiers, local.ReturnType));

    /// <summary>async after the lambda's other modifiers (static async () => ...), or first, taking its leading trivia.</summary>
    private static AnonymousFunctionExpressionSyntax MakeAsync(AnonymousFunctionExpressionSyntax lambda)
    {
        var asyncKeyword = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        if (lambda.Modifiers.Count > 0)
        {
            return lambda.WithModifiers(lambda.Modifiers.Add(asyncKeyword));
        }

        if (lambda is ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 })
        {
            return lambda.WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(SyntaxFactory.Space)));
        }

        var leading = lambda.GetLeadingTrivia();
        return lambda.WithoutLeadingTrivia().WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(leading)));
    }

    /// <summary>T → Task&lt;T&gt;, void → Task, qualified and annotated so the using is added and the name shortened.</summary>
    private static TypeSyntax TaskOf(TypeSyntax returnType, bool returnsVoid, bool keepLeadingTrivia)
    {
        var text = returnsVoid
            ? "global::System.Threading.Tasks.Task"
            : $"global::System.Threading.Tasks.Task<{returnType.WithoutTrivia().ToString()}>";
        return SyntaxFactory.ParseTypeName(text)
            .WithLeadingTrivia(keepLeadingTrivia ? returnType.GetLeadingTrivia() : SyntaxFactory.TriviaList())
            .WithTrailingTrivia(returnType.GetTrailingTrivia())
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary>async goes last among the modifiers, just before the return type (public static async Task...).</summary>
    private static SyntaxTokenList AddAsync(SyntaxTokenList modifiers, TypeSyntax returnType)
    {
        var asyncKeyword = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return modifiers.Count == 0
            ? SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia()))
            : modifiers.Add(asyncKeyword);
    }
}
