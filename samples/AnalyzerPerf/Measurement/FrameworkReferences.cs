using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;

namespace AnalyzerPerf.Measurement;

/// <summary>
/// The assemblies the corpus compiles against: this process's own shared frameworks (.NET and ASP.NET Core), taken
/// from the runtime's trusted-platform list, so the harness needs no reference packs.
/// </summary>
public static class FrameworkReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    public static ImmutableArray<MetadataReference> Get() => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var list = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var sharedFrameworks = new[] { Folder("Microsoft.NETCore.App"), Folder("Microsoft.AspNetCore.App") };
        var references = new List<MetadataReference>();
        foreach (var path in list)
        {
            foreach (var shared in sharedFrameworks)
            {
                if (path.Contains(shared, StringComparison.Ordinal) && path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    references.Add(MetadataReference.CreateFromFile(path));
                    break;
                }
            }
        }

        return references.ToImmutableArray();
    }

    private static string Folder(string framework) =>
        Path.DirectorySeparatorChar + "shared" + Path.DirectorySeparatorChar + framework + Path.DirectorySeparatorChar;
}
