using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The async counterparts of a sync call: one with the same parameters, one that adds a trailing
/// CancellationToken, or both (TextReader.ReadToEndAsync() and ReadToEndAsync(CancellationToken)).
/// </summary>
internal readonly struct AsyncTwin
{
    public AsyncTwin(IMethodSymbol? plain, IMethodSymbol? withToken)
    {
        Plain = plain;
        WithToken = withToken;
    }

    public IMethodSymbol? Plain { get; }

    public IMethodSymbol? WithToken { get; }

    public bool IsEmpty => Plain is null && WithToken is null;

    public bool IsComplete => Plain is not null && WithToken is not null;

    /// <summary>The overload to name in messages: the plain one when it exists.</summary>
    public IMethodSymbol Preferred => (Plain ?? WithToken)!;
}
