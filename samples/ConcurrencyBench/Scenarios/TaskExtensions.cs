using System.Threading.Tasks;

namespace ConcurrencyBench.Scenarios;

internal static class TaskExtensions
{
    /// <summary>Widens a request's result for the fan-out harness.</summary>
    public static async Task<long> AsLong(this Task<int> task) => await task;
}
