using System.Collections.Generic;
using System.Linq;

namespace ConcurrencyBench.Scenarios;

/// <summary>Every scenario, in the order the table lists them. A new rule adds its pair and its scenarios here.</summary>
public static class Catalog
{
    public static IReadOnlyList<Scenario> All { get; } = new Scenario[]
    {
        new ServerSyncOverAsyncScenario(),
        new RetryBackoffScenario(),
        new SemaphoreScenario(),
        new SocketReadScenario(),
        new FileReadScenario(),
        new SyncHandlerScenario(),
        new CpuFanOutScenario(),
        new UiTicksScenario(),
        new DataParallelScenario(),
        new HandlerTaskRunScenario(),
        new SharedCounterScenario(),
        SharedCounterScenario.ThreadLocal(),
        SharedCounterScenario.Lock(),
        SharedIndexScenario.Lock(),
        SharedIndexScenario.ConcurrentDictionary(),
        SharedCounterScenario.InconsistentLock(),
        SharedCounterScenario.Singleton(),
        new ThreadPerItemScenario(),
        new LongRunningPerRowScenario(),
        new SixtyFourThreadsScenario(),
        new DegreeOfParallelismScenario(),
        new MinThreadsBurstScenario(),
        new NestedParallelScenario(),
        new TaskPerTinyItemScenario(),
    };

    public static IReadOnlyCollection<string> Rules { get; } = All.Select(s => s.Rule).Distinct().ToArray();

    public static Scenario? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
