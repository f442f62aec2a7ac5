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

    /// <summary>
    /// For every order, the fewest cartons that hold it when one carton is not enough: a brute-force search over mixes
    /// of up to eight cartons of each size, for the warehouse's capacity report.
    /// </summary>
    public static int[] FewestCartons(IReadOnlyList<Order> batch)
    {
        var fewest = new int[batch.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 32 };
        Parallel.For(0, batch.Count, options, i =>
        {
            var volume = 0;
            foreach (var line in batch[i].Lines)
            {
                volume += line.Quantity * UnitVolumes.GetValueOrDefault(line.Sku, 1_000);
            }

            var best = int.MaxValue;
            for (var small = 0; small <= 8; small++)
            {
                for (var medium = 0; medium <= 8; medium++)
                {
                    for (var large = 0; large <= 8; large++)
                    {
                        for (var extraLarge = 0; extraLarge <= 8; extraLarge++)
                        {
                            var capacity = (small * 4_000) + (medium * 12_000) + (large * 30_000) + (extraLarge * 80_000);
                            var cartons = small + medium + large + extraLarge;
                            if (capacity >= volume && cartons < best)
                            {
                                best = cartons;
                            }
                        }
                    }
                }
            }

            fewest[i] = best;
        });
        return fewest;
    }

    /// <summary>A preview of every order's barcode for the packing screen, rendered on a thread of its own per order.</summary>
    public static IReadOnlyDictionary<Guid, bool[]> BarcodePreviews(IReadOnlyList<Order> batch)
    {
        var previews = new ConcurrentDictionary<Guid, bool[]>();
        var threads = new List<Thread>();
        foreach (var order in batch)
        {
            var thread = new Thread(() => previews[order.Id] = Rasterize(order.Id));
            thread.Start();
            threads.Add(thread);
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return previews;
    }

    /// <summary>A 200 × 80 black-and-white raster of the order id's bits.</summary>
    private static bool[] Rasterize(Guid id)
    {
        const int width = 200, height = 80;
        var bytes = id.ToByteArray();
        var bits = new bool[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bits[(y * width) + x] = ((bytes[x % bytes.Length] >> (y % 8)) & 1) == 1;
            }
        }

        return bits;
    }

    /// <summary>The carrier's weight class of every line of an order, for the shipping manifest.</summary>
    public static async Task<int[]> WeightClassesAsync(Order order) =>
        await Task.WhenAll(order.Lines.Select(line => Task.Run(() => line.Quantity > 10 ? 3 : line.Quantity > 3 ? 2 : 1)));

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
