using Microsoft.AspNetCore.SignalR;

namespace OrderService.Orders;

/// <summary>
/// Live order status for the storefront's "track your order" page and the support desk. A client follows the orders
/// it shows; the fulfillment worker tells the followers of an order when it ships.
/// </summary>
public sealed class OrderStatusHub(OrderRepository repository) : Hub
{
    public const string StatusChanged = "statusChanged";

    public static string GroupFor(Guid orderId) => $"order-{orderId:N}";

    /// <summary>Starts sending the order's status changes to the caller.</summary>
    public void Follow(Guid orderId)
    {
        Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(orderId)).Wait();
    }

    public Task Unfollow(Guid orderId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupFor(orderId));

    /// <summary>The order as it is now, for a client that (re)connects and missed updates.</summary>
    public async Task<Order?> GetOrder(Guid orderId) => await repository.GetAsync(orderId, Context.ConnectionAborted);
}
