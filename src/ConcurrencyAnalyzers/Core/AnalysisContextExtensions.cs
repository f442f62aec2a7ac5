using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Core;

internal static class AnalysisContextExtensions
{
    /// <summary>
    /// A compilation-start callback that runs only where the task types exist, with the compilation's well-known
    /// types. (Concurrency and generated code stay configured in each Initialize, where RS1025/RS1026 look.)
    /// </summary>
    public static void RegisterForAsyncCode(this AnalysisContext context, Action<CompilationStartAnalysisContext, WellKnownTypes> register)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Get(start.Compilation);
            if (types.HasTasks)
            {
                register(start, types);
            }
        });
    }
}
