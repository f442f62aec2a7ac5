using System.Collections.Immutable;

namespace ConcurrencyAnalyzers.Core;

/// <summary>The analyzer → fix contract of the blocking rules, carried in <c>Diagnostic.Properties</c>.</summary>
internal static class BlockingProperties
{
    /// <summary>Which blocking shape was found (a <see cref="TaskWaitKind"/> name, "Sleep" or "Twin").</summary>
    public const string Kind = "Kind";

    public const string Sleep = "Sleep";
    public const string Twin = "Twin";

    /// <summary>A synchronous helper that blocks, called from a request handler (reported at the call, no fix).</summary>
    public const string Helper = "Helper";

    /// <summary>The twin's name, for the fix title.</summary>
    public const string TwinName = "TwinName";

    public static ImmutableDictionary<string, string?> For(string kind) =>
        ImmutableDictionary<string, string?>.Empty.Add(Kind, kind);
}
