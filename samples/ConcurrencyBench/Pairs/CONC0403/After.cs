using System;
using System.Threading;

namespace ConcurrencyBench.Pairs.CONC0403.After;

/// <summary>
/// Start-up code of a worker service that raises the pool's minimum "so a burst of jobs never waits for threads".
/// </summary>
public static class WorkerHost
{
    public static void ConfigureThreadPool()
    {
        ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount);
    }
}
