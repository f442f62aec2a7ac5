using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Calls whose cost is known to be high for their arguments: key derivation (PBKDF2 at its iteration count), hashing
/// (per byte), private-key operations, compression (per byte), Regex matching and construction, BigInteger
/// arithmetic, and sorting (n log n). Figures are rough operation counts on a current core, enough to tell a
/// microsecond from a second.
/// </summary>
internal static class HeavyApis
{
    /// <summary>One PBKDF2 iteration: two HMAC compressions, about 250 ns.</summary>
    private const double Pbkdf2IterationCost = 250;

    /// <summary>Iterations assumed when the count is not known: OWASP's lower figures are 100,000–600,000.</summary>
    private const double AssumedPbkdf2Iterations = 100_000;

    /// <summary>The Rfc2898DeriveBytes constructors without an iteration count use 1,000.</summary>
    private const double DefaultPbkdf2Iterations = 1_000;

    private const double HashCostPerByte = 5;
    private const double CompressionCostPerByte = 20;
    private const double AssumedCompressedBytes = 100_000;
    private const double RegexMatchCost = 1_000;
    private const double RegexConstructionCost = 10_000;
    private const double CompiledRegexConstructionCost = 100_000;
    private const double PrivateKeyOperationCost = 1_000_000;
    private const double PublicKeyOperationCost = 50_000;
    private const double BigIntegerMultiplyCost = 200;
    private const double BigIntegerAddCost = 20;
    private const double ComparisonCost = 5;

    /// <summary>The estimate of a known heavy call, or null when the call is not one.</summary>
    public static WorkEstimate? Match(IInvocationOperation invocation, WellKnownTypes types, KnownSizes sizes)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (WellKnownTypes.Eq(type, types.Rfc2898DeriveBytes))
        {
            return method.Name switch
            {
                "Pbkdf2" => Pbkdf2(Argument(invocation, "iterations"), sizes, explicitDefault: null),
                "GetBytes" => Pbkdf2(IterationsOfReceiver(invocation, out var defaulted), sizes, defaulted ? DefaultPbkdf2Iterations : null),
                _ => null,
            };
        }

        // The names are checked before the base types: nearly every call is none of these, and a name is cheaper.
        if (method.Name is "HashData" or "TryHashData" or "ComputeHash" or "TryComputeHash" or "TransformBlock" or "TransformFinalBlock"
            && WellKnownTypes.Derives(type, types.HashAlgorithm))
        {
            var data = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
            var bytes = ByteCount(data, sizes, CostModel.AssumedCollectionSize);
            return CostAccumulator.Heavy(100 + (bytes.Value * HashCostPerByte), $"{type.Name}.{method.Name} over {bytes.Description} bytes", bytes.Assumed);
        }

        switch (method.Name)
        {
            case "SignData" or "SignHash" or "TrySignData" or "TrySignHash" or "Decrypt" or "TryDecrypt" or "DeriveKeyMaterial" or "DeriveKeyFromHash" or "DeriveKeyFromHmac"
                when WellKnownTypes.Derives(type, types.AsymmetricAlgorithm):
                return CostAccumulator.Heavy(PrivateKeyOperationCost, $"{type.Name}.{method.Name} (a private-key operation)", assumed: false);
            case "VerifyData" or "VerifyHash" or "Encrypt" or "TryEncrypt" when WellKnownTypes.Derives(type, types.AsymmetricAlgorithm):
                return CostAccumulator.Heavy(PublicKeyOperationCost, $"{type.Name}.{method.Name}", assumed: false);
        }

        if (Compression(invocation, types, sizes) is { } compression)
        {
            return compression;
        }

        if (WellKnownTypes.Eq(type, types.Regex)
            && method.Name is "IsMatch" or "Match" or "Matches" or "Replace" or "Split" or "Count" or "EnumerateMatches" or "EnumerateSplits")
        {
            return CostAccumulator.Heavy(RegexMatchCost, $"Regex.{method.Name}", assumed: false);
        }

        if (WellKnownTypes.Eq(type, types.BigInteger))
        {
            return BigInteger(invocation, sizes);
        }

        return Sorting(invocation, types, sizes);
    }

    /// <summary>A known heavy constructor: a Regex (parsed, or compiled to IL).</summary>
    public static WorkEstimate? Match(IObjectCreationOperation creation, WellKnownTypes types, KnownSizes sizes)
    {
        if (WellKnownTypes.Eq(creation.Type, types.Regex))
        {
            var options = Argument(creation.Arguments, "options");
            var compiled = sizes.ValueOf(options) is { } flags && ((long)flags & 8) != 0; // RegexOptions.Compiled
            return compiled
                ? CostAccumulator.Heavy(CompiledRegexConstructionCost, "a new compiled Regex", assumed: false)
                : CostAccumulator.Heavy(RegexConstructionCost, "a new Regex", assumed: false);
        }

        return null;
    }

    /// <summary>
    /// A binary operator of BigInteger (x * y, or x *= y): multiplication and division cost far more than a machine
    /// operation.
    /// </summary>
    public static WorkEstimate? MatchOperator(IOperation operation, WellKnownTypes types)
    {
        var (method, kind) = operation switch
        {
            IBinaryOperation binary => (binary.OperatorMethod, binary.OperatorKind),
            ICompoundAssignmentOperation compound => (compound.OperatorMethod, compound.OperatorKind),
            _ => (null, default),
        };

        if (method is null || !WellKnownTypes.Eq(method.ContainingType, types.BigInteger))
        {
            return null;
        }

        var cost = kind is BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder
            ? BigIntegerMultiplyCost
            : BigIntegerAddCost;
        return CostAccumulator.Heavy(cost, "BigInteger arithmetic", assumed: false);
    }

    /// <summary>True when the call writes to, reads from or copies through a compression stream (CPU work, not I/O).</summary>
    public static bool IsCompression(IInvocationOperation invocation, WellKnownTypes types)
    {
        if (IsCompressionType(invocation.TargetMethod.ContainingType, types) || IsCompressionType(invocation.Instance?.WalkDownConversions().Type, types))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (IsCompressionType(argument.Value.WalkDownConversions().Type, types))
            {
                return true;
            }
        }

        return false;
    }

    private static WorkEstimate? Compression(IInvocationOperation invocation, WellKnownTypes types, KnownSizes sizes)
    {
        var method = invocation.TargetMethod;
        if (WellKnownTypes.Eq(method.ContainingType, types.BrotliEncoder) && method.Name is "TryCompress" or "Compress")
        {
            var source = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
            var bytes = ByteCount(source, sizes, AssumedCompressedBytes);
            return CostAccumulator.Heavy(bytes.Value * CompressionCostPerByte, $"Brotli compression of {bytes.Description} bytes", bytes.Assumed);
        }

        if (method.Name is not ("Write" or "CopyTo" or "Read" or "ReadExactly" or "ReadAtLeast") || !IsCompression(invocation, types))
        {
            return null;
        }

        var codec = CompressionTypeName(invocation, types);
        if (method.Name == "Write" && invocation.Arguments.Length > 0)
        {
            var written = ByteCount(invocation.Arguments[0].Value, sizes, AssumedCompressedBytes);
            return CostAccumulator.Heavy(written.Value * CompressionCostPerByte, $"{codec} compression of {written.Description} bytes", written.Assumed);
        }

        var copied = KnownCount.AssumedAs(AssumedCompressedBytes, $"a stream (size unknown, assumed {WorkEstimate.Exact(AssumedCompressedBytes)} bytes)");
        return CostAccumulator.Heavy(copied.Value * CompressionCostPerByte, $"{codec} {method.Name} of {copied.Description}", assumed: true);
    }

    private static string CompressionTypeName(IInvocationOperation invocation, WellKnownTypes types)
    {
        if (IsCompressionType(invocation.Instance?.WalkDownConversions().Type, types))
        {
            return invocation.Instance!.WalkDownConversions().Type!.Name;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (IsCompressionType(argument.Value.WalkDownConversions().Type, types))
            {
                return argument.Value.WalkDownConversions().Type!.Name;
            }
        }

        return invocation.TargetMethod.ContainingType.Name;
    }

    private static bool IsCompressionType(ITypeSymbol? type, WellKnownTypes types) =>
        type is not null
        && (WellKnownTypes.Derives(type, types.GZipStream) || WellKnownTypes.Derives(type, types.DeflateStream)
            || WellKnownTypes.Derives(type, types.BrotliStream) || WellKnownTypes.Derives(type, types.ZLibStream));

    private static WorkEstimate? BigInteger(IInvocationOperation invocation, KnownSizes sizes)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "ModPow":
                return CostAccumulator.Heavy(PrivateKeyOperationCost, "BigInteger.ModPow", assumed: false);
            case "Pow":
                var exponent = sizes.ValueOf(Argument(invocation, "exponent"));
                return exponent is { } e
                    ? CostAccumulator.Heavy(Math.Max(BigIntegerMultiplyCost, e * 20), $"BigInteger.Pow to the power {WorkEstimate.Exact(e)}", assumed: false)
                    : CostAccumulator.Heavy(10_000, "BigInteger.Pow", assumed: true);
            case "Multiply" or "Divide" or "Remainder" or "DivRem" or "GreatestCommonDivisor" or "Parse" or "TryParse" or "ToString" or "Log":
                return CostAccumulator.Heavy(BigIntegerMultiplyCost, $"BigInteger.{invocation.TargetMethod.Name}", assumed: false);
            default:
                return null;
        }
    }

    private static WorkEstimate? Sorting(IInvocationOperation invocation, WellKnownTypes types, KnownSizes sizes)
    {
        var method = invocation.TargetMethod;
        IOperation? sorted = null;
        if (method.Name == "Sort")
        {
            var type = method.ContainingType;
            if (WellKnownTypes.Eq(type, types.Array) && invocation.Arguments.Length > 0)
            {
                sorted = invocation.Arguments[0].Value;
            }
            else if (WellKnownTypes.Eq(type.OriginalDefinition, types.ListOfT))
            {
                sorted = invocation.Instance;
            }
            else if (WellKnownTypes.Eq(type, types.MemoryExtensions) && invocation.Arguments.Length > 0)
            {
                sorted = invocation.Arguments[0].Value;
            }
        }
        else if (method.Name is "OrderBy" or "OrderByDescending" or "Order" or "OrderDescending"
                 && WellKnownTypes.Eq(method.ContainingType, types.Enumerable) && invocation.Arguments.Length > 0)
        {
            sorted = invocation.Arguments[0].Value;
        }

        if (sorted is null)
        {
            return null;
        }

        var count = sizes.SizeOf(sorted) ?? Unknown(sorted, CostWalker.AssumedSize(sorted, sizes));
        var n = Math.Max(2, count.Value);
        return CostAccumulator.Heavy(n * Math.Log(n, 2) * ComparisonCost, $"sorting {count.Description} items", count.Assumed);
    }

    private static WorkEstimate Pbkdf2(IOperation? iterations, KnownSizes sizes, double? explicitDefault)
    {
        if (explicitDefault is { } byDefault)
        {
            return CostAccumulator.Heavy(byDefault * Pbkdf2IterationCost, $"PBKDF2 with {WorkEstimate.Exact(byDefault)} iterations", assumed: false);
        }

        return sizes.ValueOf(iterations) is { } count
            ? CostAccumulator.Heavy(count * Pbkdf2IterationCost, $"PBKDF2 with {WorkEstimate.Exact(count)} iterations", assumed: false)
            : CostAccumulator.Heavy(
                AssumedPbkdf2Iterations * Pbkdf2IterationCost,
                $"PBKDF2 (iteration count unknown, assumed {WorkEstimate.Exact(AssumedPbkdf2Iterations)})",
                assumed: true);
    }

    /// <summary>The iteration count given where the Rfc2898DeriveBytes receiver was created, when it is a local created in place.</summary>
    private static IOperation? IterationsOfReceiver(IInvocationOperation invocation, out bool defaulted)
    {
        defaulted = false;
        var receiver = invocation.Instance?.WalkDownConversions();
        if (receiver is ILocalReferenceOperation local && local.Local.InitializerOf(local) is IObjectCreationOperation creation)
        {
            var iterations = Argument(creation.Arguments, "iterations");
            defaulted = iterations is null;
            return iterations;
        }

        return null;
    }

    private static KnownCount ByteCount(IOperation? data, KnownSizes sizes, double assumed) =>
        sizes.SizeOf(data) ?? Unknown(data, assumed);

    /// <summary>An unknown size, named after the expression when it is short: "'items' (size unknown, assumed 1,000)".</summary>
    public static KnownCount Unknown(IOperation? operation, double assumed) =>
        KnownCount.UnknownSize(assumed, operation?.WalkDownConversions().Syntax);

    private static IOperation? Argument(IInvocationOperation invocation, string parameterName) => Argument(invocation.Arguments, parameterName);

    private static IOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
