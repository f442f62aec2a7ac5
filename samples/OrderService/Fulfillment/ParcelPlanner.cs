using System.Collections.Concurrent;
using OrderService.Orders;

namespace OrderService.Fulfillment;

/// <summary>Chooses a carton for every order of a fulfillment batch: the smallest one its items fit in.</summary>
public static class ParcelPlanner
{
    /// <summary>Carton sizes in cubic centimetres, smallest first.</summary>
    private static readonly (string Name, int Volume)[] Cartons = [("S", 4_000), ("M", 12_000), ("L", 30_000), ("XL", 80_000)];

    private static readonly Dictionary<string, int> UnitVolumes = new(StringComparer.Ordinal)
    {
        ["HOODIE-GRY"] = 3_500,
        ["MUG-001"] = 1_200,
        ["POSTER-A2"] = 900,
    };

    public static IReadOnlyDictionary<Guid, string> ChooseCartons(IReadOnlyList<Order> batch)
    {
        var cartons = new ConcurrentDictionary<Guid, string>();

        // A batch holds hundreds of orders: plan them on every core.
        Parallel.ForEach(batch, order =>
        {
            var volume = order.Lines.AsParallel().Sum(line => line.Quantity * UnitVolumes.GetValueOrDefault(line.Sku, 1_000));
            cartons[order.Id] = Smallest(volume);
        });
        return cartons;
    }

    private static string Smallest(int volume)
    {
        foreach (var (name, capacity) in Cartons)
        {
            if (capacity >= volume)
            {
                return name;
            }
        }

        return "pallet";
    }
}
