using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0402.Before;

/// <summary>
/// Renders a Mandelbrot image row by row in parallel, with the degree of parallelism set to a constant "so the loop
/// uses every thread it can get".
/// </summary>
public static class TileRenderer
{
    public const int MaxIterations = 256;

    public static void Render(int[][] image)
    {
        var height = image.Length;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 64 };
        Parallel.For(0, height, options, y =>
        {
            var row = image[y];
            for (var x = 0; x < row.Length; x++)
            {
                row[x] = Escape(x, y, row.Length, height);
            }
        });
    }

    /// <summary>How many steps the point of pixel (x, y) takes to leave the circle of radius 2 (MaxIterations if it never does).</summary>
    // Fully optimized from the first call: every run is a fresh process, and the pixel loop must not be timed
    // at the JIT's first, unoptimized tier (which both sides would otherwise pay for unevenly).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Escape(int x, int y, int width, int height)
    {
        var cr = -2.0 + (3.0 * x / width);
        var ci = -1.2 + (2.4 * y / height);
        double zr = 0, zi = 0;
        var steps = 0;
        while (steps < MaxIterations && (zr * zr) + (zi * zi) <= 4.0)
        {
            var next = (zr * zr) - (zi * zi) + cr;
            zi = (2.0 * zr * zi) + ci;
            zr = next;
            steps++;
        }

        return steps;
    }
}
