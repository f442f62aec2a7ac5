namespace ConcurrencyAnalyzers;

/// <summary>Every rule id. Ids are grouped by family and never reused.</summary>
public static class DiagnosticIds
{
    // CONC01xx: blocking calls.
    public const string SyncOverAsync = "CONC0101";
    public const string ThreadSleepInAsync = "CONC0102";
    public const string UseAsyncTwin = "CONC0103";
    public const string BlockingInSyncHandler = "CONC0104";

    // CONC02xx: CPU-bound work in async code.
    public const string CpuBoundInAsync = "CONC0201";
    public const string CpuBoundInRequestHandler = "CONC0202";

    // CONC03xx: races on shared state.
    public const string UnsynchronizedUpdate = "CONC0301";
    public const string SharedCollectionChange = "CONC0302";
    public const string InconsistentLocking = "CONC0303";
    public const string SingletonState = "CONC0304";

    // CONC04xx: thread counts.
    public const string ThreadPerItem = "CONC0401";
    public const string OversubscribedDegree = "CONC0402";
    public const string LargeMinThreads = "CONC0403";
    public const string NestedParallelism = "CONC0404";
    public const string TaskPerTinyItem = "CONC0405";
}
