using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.Verifiers;

internal static class TestReferences
{
    /// <summary>.NET 8 plus ASP.NET Core 8, both restored by the test project's PackageDownload items.</summary>
    public static readonly ReferenceAssemblies Net80WithAspNetCore = ReferenceAssemblies.Net.Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0")));

    /// <summary>.NET 10, for shapes only its APIs have (params ReadOnlySpan&lt;Task&gt; overloads of Task.WhenAll).</summary>
    public static readonly ReferenceAssemblies Net100 = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));
}
