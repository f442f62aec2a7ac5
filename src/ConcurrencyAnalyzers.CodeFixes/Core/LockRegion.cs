using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>
/// Plans <c>lock (gate) { statement }</c> around the statement that holds an unsynchronized access: on an existing
/// private readonly lock object of the type when there is one, else on a new private readonly field
/// (<c>System.Threading.Lock</c> where the framework has it and the language version is C# 13 or later, <c>object</c>
/// otherwise). Static when the code or the storage is static, so every thread that reaches it takes the same lock.
/// </summary>
internal static class LockRegion
{
    /// <summary>LanguageVersion.CSharp13, which Roslyn 4.8 does not name: the first version that locks a Lock by its scope.</summary>
    private const int CSharp13 = 1300;

    /// <summary>The edits, or empty where a lock cannot be added safely.</summary>
    /// <param name="needsStatic">The storage is static: an instance lock would not protect it across instances.</param>
    /// <param name="statement">
    /// The statement to hold in the lock (a check-then-act's whole if), instead of the one around the access.
    /// </param>
    /// <param name="gate">The lock object to take (the one that guards the storage elsewhere), instead of choosing one.</param>
    public static ImmutableArray<FixEdit> Plan(FixDocument document, ExpressionSyntax access, bool needsStatic, StatementSyntax? statement = null, IFieldSymbol? gate = null)
    {
        var model = document.Model;
        var region = statement is null ? Region(access, model) : (statement, (current, gate) => Lock(gate, (StatementSyntax)current).WithTriviaFrom(current));
        if (region is null
            || access.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeSyntax
            || typeSyntax is InterfaceDeclarationSyntax
            || model.GetDeclaredSymbol(typeSyntax, document.CancellationToken) is not { } type
            || HasUnsafeContent(region.Value.Node))
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        // In a static member, a struct (whose lambdas cannot capture this), a static lambda or a field initializer,
        // only a static lock is reachable.
        var member = FixTargets.EnclosingMember(model, access.SpanStart);
        var staticCode = type.IsValueType || member is not IMethodSymbol { IsStatic: false } || InStaticFunction(access);
        needsStatic = needsStatic || staticCode;

        var lockType = document.Types.Resolve("System.Threading.Lock") is { } modern
            && (int)((CSharpParseOptions)typeSyntax.SyntaxTree.Options).LanguageVersion >= CSharp13
            ? modern
            : null;

        ImmutableArray<FixEdit> edits;
        string name;
        if (gate is not null)
        {
            // The given lock must be reachable here and be the field the name binds to.
            if ((!gate.IsStatic && staticCode)
                || !model.LookupSymbols(access.SpanStart, name: gate.Name).Contains(gate, SymbolEqualityComparer.Default))
            {
                return ImmutableArray<FixEdit>.Empty;
            }

            name = gate.Name;
            edits = ImmutableArray<FixEdit>.Empty;
        }
        else if (ExistingGate(document, type, access, needsStatic) is { } existing)
        {
            name = existing.Name;
            edits = ImmutableArray<FixEdit>.Empty;
        }
        else
        {
            // A second declaration of a partial type could get the same field from another document.
            if (type.DeclaringSyntaxReferences.Length > 1)
            {
                return ImmutableArray<FixEdit>.Empty;
            }

            name = FreeName(model, type, access.SpanStart, needsStatic ? "s_gate" : "_gate");
            var field = Field(name, needsStatic, lockType);
            edits = ImmutableArray.Create(new FixEdit(typeSyntax, current => AddField((TypeDeclarationSyntax)current, field), "field " + name));
        }

        var (node, wrap) = region.Value;
        return edits.Add(new FixEdit(node, current => wrap(current, name)));
    }

    /// <summary>The statement to wrap, or the expression body of a lambda to turn into a block with the lock.</summary>
    private static (SyntaxNode Node, System.Func<SyntaxNode, string, SyntaxNode> Wrap)? Region(ExpressionSyntax access, SemanticModel model)
    {
        for (SyntaxNode? node = access; node is not null; node = node.Parent)
        {
            switch (node)
            {
                // Wrapping a declaration would end the scope of what it declares.
                case ExpressionStatementSyntax or ReturnStatementSyntax { Expression: not null }:
                    return (node, (current, gate) => Lock(gate, (StatementSyntax)current).WithTriviaFrom(current));
                case StatementSyntax:
                    return null;
                case LambdaExpressionSyntax { ExpressionBody: { } body, AsyncKeyword.RawKind: 0 } lambda
                    when body == access.AncestorsAndSelf().FirstOrDefault(a => a.Parent == lambda)
                         && model.GetSymbolInfo(lambda).Symbol is IMethodSymbol function:
                    return (lambda, (current, gate) => WithLockedBody((LambdaExpressionSyntax)current, gate, function.ReturnsVoid));
                case AnonymousFunctionExpressionSyntax:
                    return null;
                case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } arrow
                    when arrow.Expression == access.AncestorsAndSelf().FirstOrDefault(a => a.Parent == arrow) && !method.Modifiers.Any(SyntaxKind.AsyncKeyword):
                    var returnsVoid = method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
                    return (method, (current, gate) => WithLockedBody((MethodDeclarationSyntax)current, gate, returnsVoid));
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>An await cannot be in a lock; variables declared in the statement would leave their scope.</summary>
    private static bool HasUnsafeContent(SyntaxNode node) => node.DescendantNodesAndSelf().Any(n =>
        n is AwaitExpressionSyntax or DeclarationExpressionSyntax or SingleVariableDesignationSyntax or YieldStatementSyntax
);

    private static bool InStaticFunction(SyntaxNode node) => node.Ancestors().Any(a =>
        (a is AnonymousFunctionExpressionSyntax function && function.Modifiers.Any(SyntaxKind.StaticKeyword))
        || (a is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.StaticKeyword)));

    /// <summary>
    /// A readonly field of type object or Lock, initialized with a new object, that the code can name at the access:
    /// an instance one where instance code needs a lock, a static one in either case.
    /// </summary>
    private static IFieldSymbol? ExistingGate(FixDocument document, INamedTypeSymbol type, ExpressionSyntax access, bool needsStatic)
    {
        IFieldSymbol? staticGate = null;
        foreach (var member in type.GetMembers())
        {
            if (member is not IFieldSymbol { IsReadOnly: true, IsImplicitlyDeclared: false } field
                || !(field.Type.SpecialType == SpecialType.System_Object || field.Type.ToDisplayString() == "System.Threading.Lock")
                || !IsNewObject(field, document)
                || !document.Model.LookupSymbols(access.SpanStart, name: field.Name).Contains(field, SymbolEqualityComparer.Default))
            {
                continue;
            }

            if (field.IsStatic)
            {
                staticGate ??= field;
            }
            else if (!needsStatic)
            {
                return field;
            }
        }

        return staticGate;
    }

    private static bool IsNewObject(IFieldSymbol field, FixDocument document)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(document.CancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } or ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first of name, name2, name3... that no member of the type and nothing in scope uses.</summary>
    private static string FreeName(SemanticModel model, INamedTypeSymbol type, int position, string name)
    {
        for (var suffix = 1; ; suffix++)
        {
            var candidate = suffix == 1 ? name : name + suffix;
            if (type.GetMembers(candidate).IsEmpty && model.LookupSymbols(position, name: candidate).IsEmpty)
            {
                return candidate;
            }
        }
    }

    private static FieldDeclarationSyntax Field(string name, bool isStatic, INamedTypeSymbol? lockType)
    {
        var typeName = lockType is null ? "object" : "Lock";
        var declaration = (FieldDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
            $"private {(isStatic ? "static " : string.Empty)}readonly {typeName} {name} = new {typeName}();")!;
        if (lockType is not null)
        {
            // A type name, not QualifiedType's expression: it stands in the declaration and the creation.
            var qualified = SyntaxFactory.ParseTypeName(lockType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            declaration = declaration.ReplaceNodes(
                declaration.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.Text == "Lock"),
                (_, _) => qualified);
        }

        return declaration.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>After the type's last field, or first when it has none.</summary>
    private static TypeDeclarationSyntax AddField(TypeDeclarationSyntax type, FieldDeclarationSyntax field)
    {
        var members = type.Members;
        var lastField = -1;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is FieldDeclarationSyntax)
            {
                lastField = i;
            }
        }

        // The file's own line ending: an elastic one would come out as CRLF in a file of LFs.
        var endOfLine = type.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine == default ? SyntaxFactory.ElasticCarriageReturnLineFeed : endOfLine;
        var formatted = field
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(newLine);
        // Fields set apart by blank lines or doc comments get the same: a blank line before the new one.
        if (lastField >= 0 && members[lastField].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia) || t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)))
        {
            formatted = formatted.WithLeadingTrivia(newLine);
        }

        if (lastField < 0 && members.Count > 0)
        {
            // A blank line between the new field and the members it now precedes.
            members = members.Replace(members[0], members[0].WithLeadingTrivia(members[0].GetLeadingTrivia().Insert(0, newLine)));
        }

        return type.WithMembers(members.Insert(lastField + 1, formatted));
    }

    /// <summary><c>void M() => e;</c> becomes <c>void M() { lock (gate) { e; } }</c> (<c>return e;</c> for a value).</summary>
    private static MethodDeclarationSyntax WithLockedBody(MethodDeclarationSyntax method, string gate, bool returnsVoid)
    {
        var body = method.ExpressionBody!.Expression.WithoutTrivia();
        var block = SyntaxFactory.Block(Lock(gate, Statement(body, returnsVoid))).WithAdditionalAnnotations(Formatter.Annotation);
        return method
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker))
            .WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static StatementSyntax Statement(ExpressionSyntax body, bool returnsVoid) => returnsVoid
        ? SyntaxFactory.ExpressionStatement(body)
        : SyntaxFactory.ReturnStatement(SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(SyntaxFactory.Space), body, SyntaxFactory.Token(SyntaxKind.SemicolonToken));

    /// <summary><c>x => e</c> becomes <c>x => { lock (gate) { e; } }</c>, or <c>{ lock (gate) { return e; } }</c>.</summary>
    private static LambdaExpressionSyntax WithLockedBody(LambdaExpressionSyntax lambda, string gate, bool returnsVoid)
    {
        var body = lambda.ExpressionBody!.WithoutTrivia();
        StatementSyntax statement = returnsVoid
            ? SyntaxFactory.ExpressionStatement(body)
            : SyntaxFactory.ReturnStatement(SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(SyntaxFactory.Space), body, SyntaxFactory.Token(SyntaxKind.SemicolonToken));
        var block = SyntaxFactory.Block(Lock(gate, statement)).WithAdditionalAnnotations(Formatter.Annotation);
        return lambda.WithExpressionBody(null).WithBlock(block).WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(SyntaxFactory.ElasticSpace));
    }

    private static LockStatementSyntax Lock(string gate, StatementSyntax statement) =>
        SyntaxFactory.LockStatement(
                SyntaxFactory.IdentifierName(gate),
                SyntaxFactory.Block(statement.WithoutLeadingTrivia().WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)))
            .WithAdditionalAnnotations(Formatter.Annotation);
}
