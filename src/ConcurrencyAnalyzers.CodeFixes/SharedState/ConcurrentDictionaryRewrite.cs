using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState;

/// <summary>
/// Turns a private <c>Dictionary&lt;K, V&gt;</c> field into a <c>ConcurrentDictionary&lt;K, V&gt;</c> and each
/// <c>if (!d.ContainsKey(k)) d.Add(k, v);</c> (or <c>d[k] = v;</c>) on it into <c>d.TryAdd(k, v);</c>, or
/// <c>d.GetOrAdd(k, _ => v);</c> where computing <c>v</c> does work the original did only for a new key. Only where
/// every use of the field compiles the same on a ConcurrentDictionary: the checks, TryGetValue, TryAdd, the indexer,
/// Count, Keys, Values, Clear, enumeration, and conversions to interfaces both types implement.
/// </summary>
internal static class ConcurrentDictionaryRewrite
{
    private static readonly HashSet<string> CompatibleMethods = new() { "ContainsKey", "TryGetValue", "TryAdd", "Clear", "GetEnumerator", "ToArray" };

    private static readonly HashSet<string> CompatibleProperties = new() { "Count", "Keys", "Values" };

    public static ImmutableArray<FixEdit> Plan(FixDocument document, IOperation collection)
    {
        var empty = ImmutableArray<FixEdit>.Empty;
        var model = document.Model;
        var types = document.Types;
        if (collection.WalkDownConversions() is not IFieldReferenceOperation { Field: var field }
            || field.DeclaredAccessibility != Accessibility.Private
            || field.Type is not INamedTypeSymbol { TypeArguments.Length: 2 } fieldType
            || !WellKnownTypes.Eq(fieldType.OriginalDefinition, types.Resolve("System.Collections.Generic.Dictionary`2"))
            || types.Resolve("System.Collections.Concurrent.ConcurrentDictionary`2") is not { } concurrentDefinition
            || field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].GetSyntax(document.CancellationToken) is not VariableDeclaratorSyntax declarator
            || declarator.SyntaxTree != document.Root.SyntaxTree
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Type: GenericNameSyntax declaredType } declaration
            || declaration.Parent is not FieldDeclarationSyntax fieldDeclaration
            || !IsNewEmpty(declarator.Initializer?.Value)
            || field.ContainingType.DeclaringSyntaxReferences.Length != 1
            || fieldDeclaration.Parent is not TypeDeclarationSyntax typeDeclaration)
        {
            return empty;
        }

        var concurrentType = concurrentDefinition.Construct(fieldType.TypeArguments.ToArray());
        var sites = new List<IfStatementSyntax>();
        foreach (var name in typeDeclaration.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != field.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, document.CancellationToken).Symbol, field))
            {
                continue;
            }

            var reference = model.GetOperation(name, document.CancellationToken);
            if (reference is null)
            {
                return empty;
            }

            if (Site(reference) is { } site)
            {
                sites.Add(site);
            }
            else if (!IsCompatible(reference, concurrentType, model.Compilation))
            {
                return empty;
            }
        }

        if (sites.Count == 0 || !sites.Any(s => s.Span.Contains(collection.Syntax.Span)))
        {
            return empty;
        }

        var edits = ImmutableArray.CreateBuilder<FixEdit>();
        edits.Add(new FixEdit(fieldDeclaration, current => Retype((FieldDeclarationSyntax)current), "ConcurrentDictionary"));
        foreach (var site in sites)
        {
            edits.Add(new FixEdit(site, current => current.IsEquivalentTo(site) ? Rewrite(site).WithTriviaFrom(current) : current));
        }

        return edits.ToImmutable();
    }

    /// <summary><c>new Dictionary&lt;K, V&gt;()</c> or <c>new()</c>, without arguments or an initializer.</summary>
    private static bool IsNewEmpty(ExpressionSyntax? value) => value switch
    {
        ObjectCreationExpressionSyntax { Type: GenericNameSyntax, Initializer: null } creation => creation.ArgumentList is null or { Arguments.Count: 0 },
        ImplicitObjectCreationExpressionSyntax { Initializer: null, ArgumentList.Arguments.Count: 0 } => true,
        _ => false,
    };

    /// <summary>
    /// The <c>if (!d.ContainsKey(k)) d.Add(k, v);</c> (or <c>d[k] = v;</c>) whose change <paramref name="reference"/>
    /// is the receiver of, with no else and a key that reads no state twice differently.
    /// </summary>
    private static IfStatementSyntax? Site(IOperation reference)
    {
        var (key, value, statement) = reference.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2, Parent: IExpressionStatementOperation { Syntax: ExpressionStatementSyntax s } } add
                when add.Instance == reference && add.Syntax is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments } => (arguments[0].Expression, arguments[1].Expression, s),
            IPropertyReferenceOperation { Property.IsIndexer: true, Parent: ISimpleAssignmentOperation { Parent: IExpressionStatementOperation { Syntax: ExpressionStatementSyntax s } } assignment } indexer
                when indexer.Instance == reference && assignment.Target == indexer && indexer.Syntax is ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } indices } => (indices[0].Expression, assignment.Value.Syntax as ExpressionSyntax, s),
            _ => (null, null, null),
        };
        if (key is null || value is null || statement is null || !IsPlain(key) || !CanMoveIntoFactory(value))
        {
            return null;
        }

        var parent = statement.Parent is BlockSyntax { Statements.Count: 1 } block ? block.Parent : statement.Parent;
        return parent is IfStatementSyntax { Else: null, Condition: PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: InvocationExpressionSyntax check } } ifStatement
            && check.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContainsKey" } access
            && SameText(access.Expression, reference.Syntax)
            && check.ArgumentList.Arguments is { Count: 1 } checkedKeys
            && SameText(checkedKeys[0].Expression, key)
            ? ifStatement
            : null;
    }

    /// <summary>
    /// GetOrAdd runs the value in a lambda: an await, an out variable or a ref argument cannot move there (CS4034,
    /// CS1628 and kin), so such a value gets no rewrite.
    /// </summary>
    private static bool CanMoveIntoFactory(ExpressionSyntax value)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            if (node is AwaitExpressionSyntax or DeclarationExpressionSyntax or StackAllocArrayCreationExpressionSyntax or RefExpressionSyntax
                || node is ArgumentSyntax { RefKindKeyword.RawKind: not 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same plain expression, written the same way (trivia aside).</summary>
    private static bool SameText(SyntaxNode a, SyntaxNode b) => a.WithoutTrivia().ToString() == b.WithoutTrivia().ToString();

    /// <summary>A literal, or a name or chain of names: the same value when read twice.</summary>
    private static bool IsPlain(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax or IdentifierNameSyntax or ThisExpressionSyntax => true,
        MemberAccessExpressionSyntax access => IsPlain(access.Expression),
        _ => false,
    };

    private static bool IsCompatible(IOperation reference, INamedTypeSymbol concurrentType, Compilation compilation) => reference.Parent switch
    {
        IInvocationOperation invocation when invocation.Instance == reference => CompatibleMethods.Contains(invocation.TargetMethod.Name),
        IPropertyReferenceOperation property when property.Instance == reference => property.Property.IsIndexer || CompatibleProperties.Contains(property.Property.Name),
        IForEachLoopOperation or IConversionOperation { Parent: IForEachLoopOperation } => true,
        IConversionOperation { IsImplicit: true, Type: { } target } => compilation.ClassifyCommonConversion(concurrentType, target) is { IsImplicit: true, IsReference: true },
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } } argument =>
            argument.Parameter?.Type is { } parameterType && compilation.ClassifyCommonConversion(concurrentType, parameterType) is { IsImplicit: true },
        _ => false,
    };

    private static FieldDeclarationSyntax Retype(FieldDeclarationSyntax field)
    {
        var declaration = field.Declaration;
        var type = (GenericNameSyntax)declaration.Type;
        var newType = Concurrent(type).WithTriviaFrom(type);
        var variable = declaration.Variables[0];
        if (variable.Initializer?.Value is ObjectCreationExpressionSyntax { Type: GenericNameSyntax created } creation)
        {
            variable = variable.WithInitializer(variable.Initializer.WithValue(creation.WithType(Concurrent(created).WithTriviaFrom(created))));
        }

        return field.WithDeclaration(declaration.WithType(newType).WithVariables(SyntaxFactory.SingletonSeparatedList(variable)));
    }

    /// <summary><c>Dictionary&lt;K, V&gt;</c> → <c>ConcurrentDictionary&lt;K, V&gt;</c>, qualified for the using and simplified.</summary>
    private static TypeSyntax Concurrent(GenericNameSyntax type) =>
        SyntaxFactory.QualifiedName(
                SyntaxFactory.ParseName("global::System.Collections.Concurrent"),
                type.WithIdentifier(SyntaxFactory.Identifier("ConcurrentDictionary")).WithoutTrivia())
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>The if becomes one TryAdd (a plain value) or GetOrAdd (a value that takes work to compute).</summary>
    private static StatementSyntax Rewrite(IfStatementSyntax site)
    {
        var statement = site.Statement is BlockSyntax block ? block.Statements[0] : site.Statement;
        var expression = ((ExpressionStatementSyntax)statement).Expression;
        var (dictionary, key, value) = expression switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: { Count: 2 } arguments } =>
                (access.Expression, arguments[0].Expression, arguments[1].Expression),
            AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element, Right: var v } =>
                (element.Expression, element.ArgumentList.Arguments[0].Expression, v),
            _ => throw new System.InvalidOperationException("not a site"),
        };
        var call = IsPlain(value) || value is DefaultExpressionSyntax
            ? $"{dictionary.WithoutTrivia()}.TryAdd({key.WithoutTrivia()}, {value.WithoutTrivia()})"
            : $"{dictionary.WithoutTrivia()}.GetOrAdd({key.WithoutTrivia()}, _ => {value.WithoutTrivia()})";
        return SyntaxFactory.ExpressionStatement(SyntaxFactory.ParseExpression(call));
    }
}
