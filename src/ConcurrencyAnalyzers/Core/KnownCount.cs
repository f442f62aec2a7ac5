using System;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// A count the cost model found, or assumed, and how messages name it. The name is put into words only when a message
/// asks for it: most counts belong to code that is never reported, so their numbers are never formatted and their
/// collections' text never copied.
/// </summary>
internal readonly struct KnownCount
{
    private readonly NameKind _kind;

    // The fixed description, the loop keyword, or the syntax of the unknown collection, per _kind.
    private readonly object? _subject;

    private KnownCount(double value, NameKind kind, object? subject, bool assumed, bool unbounded)
    {
        Value = value;
        _kind = kind;
        _subject = subject;
        Assumed = assumed;
        Unbounded = unbounded;
    }

    private enum NameKind : byte
    {
        Exact,
        Fixed,
        UnknownSize,
        UnknownLoop,
    }

    /// <summary>No bound at all was found (while (true), a flag, a queue draining): the loop runs until something stops it.</summary>
    public bool Unbounded { get; }

    public double Value { get; }

    public bool Assumed { get; }

    /// <summary>"10,000", "'items' (size unknown, assumed 1,000)", "a 'while' loop (count unknown, assumed 1,000)".</summary>
    public string Description => _kind switch
    {
        NameKind.Fixed => (string)_subject!,
        NameKind.UnknownSize => $"{NameOf(_subject as SyntaxNode)} (size unknown, assumed {WorkEstimate.Exact(Value)})",
        NameKind.UnknownLoop => $"a '{_subject}' loop (count unknown, assumed {WorkEstimate.Exact(Value)})",
        _ => WorkEstimate.Exact(Value),
    };

    /// <summary>A count known exactly, named by its value: "10,000".</summary>
    public static KnownCount Exact(double value) => new(Math.Max(0, value), NameKind.Exact, null, assumed: false, unbounded: false);

    /// <summary>An assumed count with a description of its own.</summary>
    public static KnownCount AssumedAs(double value, string description) => new(value, NameKind.Fixed, description, assumed: true, unbounded: false);

    /// <summary>An assumed size of the collection <paramref name="syntax"/>, named after its text when short.</summary>
    public static KnownCount UnknownSize(double value, SyntaxNode? syntax) => new(value, NameKind.UnknownSize, syntax, assumed: true, unbounded: false);

    /// <summary>An assumed count of a loop with no bound the model could read (<paramref name="keyword"/>: "for", "while").</summary>
    public static KnownCount UnknownLoop(double value, string keyword) => new(value, NameKind.UnknownLoop, keyword, assumed: true, unbounded: true);

    private static string NameOf(SyntaxNode? syntax)
    {
        // A node's text has the length of its span: a long expression (a whole LINQ chain) is not turned into a string.
        var text = syntax is { Span.Length: > 0 and <= 40 } ? syntax.ToString() : null;
        return text is not null && text.IndexOf('\n') < 0 ? $"'{text}'" : "a collection";
    }
}
