using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.Verifiers;

internal static class TestReferences
{
    /// <summary>.NET 8 plus ASP.NET Core 8, both restored by the test project's PackageDownload items.</summary>
    public static readonly ReferenceAssemblies Net80WithAspNetCore = ReferenceAssemblies.Net.Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0")));
}
