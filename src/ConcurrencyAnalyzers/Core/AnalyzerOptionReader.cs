using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Core;

/// <summary>Reads <c>CONCxxxx.option_name</c> keys from .editorconfig for one syntax tree.</summary>
internal static class AnalyzerOptionReader
{
    /// <summary>The raw value, or null when the key is not set or blank.</summary>
    public static string? GetRaw(AnalyzerOptions options, SyntaxTree tree, string key)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }
}
