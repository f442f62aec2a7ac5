using System.Collections.Generic;
using System.Threading;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0102.Before;
using After = ConcurrencyBench.Pairs.CONC0102.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>CONC0102: Thread.Sleep as the back-off of a retry loop, under many concurrent requests.</summary>
public sealed class RetryBackoffScenario : FanOutScenario
{
    public RetryBackoffScenario()
        : base("CONC0102", "retry-backoff")
    {
    }

    public override int Requests => 200;

    public override string Title => $"{Requests} requests retry once after a {Before.RetryingClient.BackoffMs} ms pause";

    public override string Description =>
        $"{Requests} concurrent requests on a cold thread pool; each calls a {Before.RetryingClient.CallDelayMs} ms downstream service, "
        + $"fails once, pauses {Before.RetryingClient.BackoffMs} ms and retries (RetryingClient.FetchAsync).";

    public override string Change => "Thread.Sleep(BackoffMs) → await Task.Delay(BackoffMs, cancellationToken)";

    protected override double? LimitMs => (2 * Before.RetryingClient.CallDelayMs) + Before.RetryingClient.BackoffMs;

    protected override string? LimitNote => "one request's call + pause + call";

    protected override FanOutWork CreateWork(Side side, IReadOnlyList<string> args) => side == Side.Before
        ? new FanOutWork(i => Before.RetryingClient.FetchAsync(i, CancellationToken.None).AsLong(), i => i)
        : new FanOutWork(i => After.RetryingClient.FetchAsync(i, CancellationToken.None).AsLong(), i => i);
}
