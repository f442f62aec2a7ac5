using System;
using System.Collections.Generic;
using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>
/// One function being walked for CPU-bound work: where its findings go, how messages name it, and where its awaits
/// are. Its name, and for a local function whether it is a request handler, are worked out only when needed: most
/// async functions have no finding.
/// </summary>
internal sealed class AsyncFunction
{
    /// <summary>Synchronous code, or async code already offloaded: nothing in it is reported.</summary>
    public static readonly AsyncFunction NotAsync = new(null, null, null, null);

    private readonly IOperation? _root;
    private readonly Func<CpuBoundSite>? _siteOf;
    private readonly Func<string>? _nameOf;
    private CpuBoundSite? _site;
    private string? _name;
    private List<TextSpan>? _awaits;

    /// <param name="walkedAs">The site whose work the walk estimates in this function; null for none.</param>
    /// <param name="root">The function's body, where its awaits are.</param>
    /// <param name="siteOf">Where the function really is: async code, or a request handler.</param>
    /// <param name="nameOf">The function's name in messages.</param>
    public AsyncFunction(CpuBoundSite? walkedAs, IOperation? root, Func<CpuBoundSite>? siteOf, Func<string>? nameOf)
    {
        WalkedAs = walkedAs;
        _root = root;
        _siteOf = siteOf;
        _nameOf = nameOf;
    }

    /// <summary>
    /// The site whose rule estimates this function's work: null for synchronous or offloaded code. An async method
    /// walked for CONC0201 may still turn out to be a request handler (<see cref="IsAt"/> tells at report time).
    /// </summary>
    public CpuBoundSite? WalkedAs { get; }

    /// <summary>"'ImageService.ResizeAsync'", "the async lambda passed to 'Select'".</summary>
    public string Name => _name ??= _nameOf?.Invoke() ?? string.Empty;

    /// <summary>A function whose site is known now; its name is worked out if it has a finding.</summary>
    public static AsyncFunction Known(CpuBoundSite site, IOperation root, Func<string> nameOf) =>
        new(site, root, siteOf: null, nameOf) { _site = site };

    /// <summary>Where the function really is: async code, or a request handler.</summary>
    public CpuBoundSite Site => _site ??= _siteOf?.Invoke() ?? CpuBoundSite.AsyncCode;

    /// <summary>True when the function is walked for <paramref name="site"/> and really is there, so a finding in it is reported.</summary>
    public bool IsAt(CpuBoundSite site) => WalkedAs == site && Site == site;

    /// <summary>
    /// No await of the function precedes the operation, and no loop around it awaits: the async method is still
    /// running synchronously on its caller's thread when the work runs.
    /// </summary>
    public bool IsBeforeFirstAwait(IOperation operation, CancellationToken cancellationToken)
    {
        if (_root is null)
        {
            return false;
        }

        _awaits ??= AwaitsOf(_root, cancellationToken);
        var start = operation.Syntax.SpanStart;
        foreach (var span in _awaits)
        {
            if (span.End <= start)
            {
                return false;
            }
        }

        // An await in a loop around the operation ran in an earlier iteration.
        for (var current = operation.Parent; current is not null && current != _root; current = current.Parent)
        {
            if (current is ILoopOperation loop)
            {
                foreach (var span in _awaits)
                {
                    if (loop.Syntax.Span.Contains(span))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static List<TextSpan> AwaitsOf(IOperation root, CancellationToken cancellationToken)
    {
        var awaits = new List<TextSpan>();
        FunctionWalker.ForEachOwnOperation(root, cancellationToken, current =>
        {
            if (current is IAwaitOperation || current is IForEachLoopOperation { IsAsynchronous: true })
            {
                awaits.Add(current is IForEachLoopOperation { Syntax: CommonForEachStatementSyntax header }
                    ? TextSpan.FromBounds(header.SpanStart, header.CloseParenToken.Span.End)
                    : current.Syntax.Span);
            }

            return true;
        });
        return awaits;
    }
}
