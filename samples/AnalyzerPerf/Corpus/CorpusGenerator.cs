using System;
using System.Collections.Generic;

namespace AnalyzerPerf.Corpus;

/// <summary>
/// Builds the measured compilations from a seed: <see cref="Modules"/> realistic modules per size unit (1x, 2x, 4x ...),
/// and one compilation of pathological shapes. The same seed always gives the same sources.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>Modules in a 1x corpus: about 26,000 lines, a mid-sized service.</summary>
    public const int Modules = 60;

    public static IReadOnlyList<SourceFile> Realistic(int size, int seed, int modulesPerUnit = Modules)
    {
        var random = new Random(seed);
        var files = new List<SourceFile>();
        for (var m = 0; m < modulesPerUnit * size; m++)
        {
            files.Add(ModuleTemplates.Domain(m));
            files.Add(ModuleTemplates.Service(m, random));
            files.Add(ModuleTemplates.Controller(m, random));
            files.Add(ModuleTemplates.Endpoints(m));
            files.Add(ModuleTemplates.Analytics(m, random));
            files.Add(ModuleTemplates.Generated(m, random));
        }

        return files;
    }

    public static IReadOnlyList<SourceFile> Pathological() => new[]
    {
        PathologicalTemplates.HugeFile(lines: 20_000),
        PathologicalTemplates.LongMethod(lines: 3_000),
        PathologicalTemplates.NestedLambdas(depth: 30),
        PathologicalTemplates.DeepChains(depth: 200),
    };
}
