using System.Threading;

namespace ConcurrencyBench.Pairs.CONC0403.Before;

/// <summary>
/// Start-up code of a worker service that raises the pool's minimum "so a burst of jobs never waits for threads".
/// </summary>
public static class WorkerHost
{
    public static void ConfigureThreadPool()
    {
        ThreadPool.SetMinThreads(256, 256);
    }
}
